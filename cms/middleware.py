import hashlib
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

from home import content_version, documents
from locales.negotiation import UnknownLanguage, negotiate
from locales.scope import request_scope


class RequestScopeMiddleware:
    """Renders each API read inside a request scope (locales.scope), so that what a document asks
    many times (which branches are hidden, ...) is looked up once and forgotten when it is sent.

    Only reads: a request that writes could change the answers half-way through.
    """

    prefix = "/api/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path.startswith(self.prefix):
            with request_scope():
                return self.get_response(request)
        return self.get_response(request)


class DeliveryCacheMiddleware:
    """Shared response cache, strong ETags and 304s for the delivery API's GETs.

    A response is cached with the content version it was rendered under (home.content_version)
    and served only while that is still the current version, so any change a reader could see
    makes every cached response stale in every process at once.
    The ETag hashes the exact bytes, so all processes give the same tag for the same content,
    and a client that has it gets 304 without a body.
    Behind the response cache stand the stored documents (home.documents): a read that misses
    the cache but finds its document costs one or two queries; one that finds neither renders
    and stores both. `stored_response()` answers from either; cms.fastpath calls it before
    Django's request handling.
    """

    prefix = "/api/content/"
    uncached = ("/api/content/v1/preview",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not answerable(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and request.path.startswith(self.uncached):
                response["Cache-Control"] = "private, no-store"
            return response

        identity, language = request_identity(request)
        key = cache_key(identity)
        document_key = documents.key(identity) if documents.storable(request) else None
        looked_up = request.META.get(LOOKED_UP)
        if looked_up is not None:  # cms.fastpath looked for both and found neither
            version = looked_up[0]
        else:
            version, response = stored_response(request, key, document_key)
            if response is not None:
                return response
        if document_key and version is None:
            version = content_version.watcher.current() or content_version.current()
        with documents.recording(active=document_key is not None) as record:
            response = self.get_response(request)
        if response.status_code != 200 or response.streaming:
            if response.status_code >= 400:
                response.headers.setdefault("Cache-Control", "no-store")
            return response
        template = response.content
        if document_key:
            response.content = record.splice(template)
            if response.has_header("Content-Length"):  # set inside on the placeholders' bytes
                response["Content-Length"] = str(len(response.content))
            documents.store(
                document_key, request, language, template, response["Content-Type"], record, version
            )
        etag = remember(key, version, response.content, response["Content-Type"])
        return finish(request, response, etag)


# Set by cms.fastpath on the WSGI environ when it has looked for a stored answer and found none:
# (content version it read,), so the middleware does not look again.
LOOKED_UP = "cms.delivery.looked_up"


def stored_response(request, key, document_key):
    """(content version, answer from the response cache or a stored document, or None).

    The version is read before the document, so an answer cached under it cannot be older."""
    version, response = lookup(request, key)
    if response is not None or not document_key:
        return version, response
    found = documents.read(document_key)
    if found is None:
        return version, None
    content, content_type = found
    etag = remember(key, version, content, content_type)
    return version, finish(request, HttpResponse(content, content_type=content_type), etag)


def remember(key, version, content, content_type):
    """The ETag of an answer, which is kept in the response cache under `version` when `key`
    (the cache is on). The tag hashes the exact bytes, so every process gives the same one."""
    etag = '"' + hashlib.sha256(content).hexdigest()[:40] + '"'
    if key:
        entry = (version, content, content_type, etag)
        cache.set(key, entry, timeout=settings.API_RESPONSE_CACHE_SECONDS)
        recent.put(key, entry)
    return etag


def answerable(request):
    """Whether a request is a delivery read that may be answered from what is stored."""
    path = request.path
    return (
        request.method in ("GET", "HEAD")
        and path.startswith(DeliveryCacheMiddleware.prefix)
        and not path.startswith(DeliveryCacheMiddleware.uncached)
    )


class RecentEntries:
    """The process's most recently served cache entries, each valid only under the content
    version it was rendered for: with the version known from Redis's announcements
    (home.content_version.watcher), a repeated request costs no round trip to Redis at all."""

    def __init__(self, size=256):
        self.size = size
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, version):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] != version:
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


recent = RecentEntries()


def lookup(request, key):
    """(current content version, cached response or None); an entry made under an older version
    is a miss. With the version known locally, an entry this process served recently costs no
    round trip and any other one GET; otherwise one MGET fetches version and entry together."""
    if not key:
        return None, None
    version = content_version.watcher.current()
    if version is not None:
        entry = recent.get(key, version)
        if entry is None:
            entry = cache.get(key)
            if entry is None or entry[0] != version:
                return version, None
            recent.put(key, entry)
    else:
        found = cache.get_many([content_version.KEY, key])
        version = found.get(content_version.KEY) or content_version.current()
        entry = found.get(key)
        if entry is None or entry[0] != version:
            return version, None
    _version, content, content_type, etag = entry
    return version, finish(request, HttpResponse(content, content_type=content_type), etag)


def finish(request, response, etag):
    """The caching headers every delivery response carries; a 304 when the client has it."""
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={settings.API_CACHE_MAX_AGE}"
    patch_vary_headers(response, ["Accept-Language"])
    if_none_match = request.headers.get("If-None-Match", "")
    if if_none_match == "*" or etag in parse_etags(if_none_match):
        not_modified = HttpResponse(status=304)
        for header in ("ETag", "Cache-Control", "Vary"):
            not_modified[header] = response[header]
        return not_modified
    return response


def request_identity(request):
    """(what names a delivery read's answer, the language negotiated from Accept-Language or
    ""): the path, the query in any order, and the header's language only when no `?locale=`."""
    query = sorted(request.GET.lists())
    language = ""
    if "locale" not in request.GET:
        try:
            language = negotiate(None, request.headers.get("Accept-Language"))
        except UnknownLanguage:  # pragma: no cover - the header never raises
            language = ""
    return f"{request.path}?{query!r}|{language}", language


def cache_key(identity):
    if not settings.API_RESPONSE_CACHE_SECONDS:
        return None
    return f"api:{hashlib.sha256(identity.encode()).hexdigest()}"
