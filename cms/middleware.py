import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

from home.answers import store as answers
from home.answers.compression import Body, accepts_gzip
from home.answers.recording import recording
from locales.scope import request_scope

DELIVERY_PREFIX = "/api/content/"
UNSTORED_PREFIXES = ("/api/content/v1/preview",)


class RequestScopeMiddleware:
    """Renders each API read inside a request scope (locales.scope), so that what an answer asks
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


class ApiV2GzipMiddleware(GZipMiddleware):
    """Wagtail's API v2 answers gzipped for clients that accept them, compressed as they are sent:
    they are never stored (the delivery API's stored answers carry their compressed forms,
    home.answers.compression). Django's GZipMiddleware, for /api/v2/ only."""

    def process_response(self, request, response):
        if not request.path.startswith("/api/v2/"):
            return response
        return super().process_response(request, response)


class StoredAnswerMiddleware:
    """The delivery API's read path: a stored answer when there is a fresh one, else the view's,
    stored when the request is canonical (home.answers); strong ETags and 304s for both.

    A HEAD is answered as its GET without the body. The host is checked for every answer, stored
    or rendered, as Django checks it for every other request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not answerable(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and request.path.startswith(UNSTORED_PREFIXES):
                response["Cache-Control"] = "private, no-store"
            return response
        request.get_host()  # DisallowedHost (400) for a host ALLOWED_HOSTS does not list
        head = request.method == "HEAD"
        request.method = "GET"
        response = self.answer(request)
        if head:
            length = len(response.content)
            response.content = b""
            if response.status_code == 200:
                response["Content-Length"] = str(length)
        return response

    def answer(self, request):
        name, language = answers.identity(request)
        key = answers.key(name) if answers.canonical(request) else None
        gzip = accepts_gzip(request)
        version = None
        if key:
            found = answers.read(key, compressed=gzip)
            if found is not None:
                body, content_type = found
                return finish(request, HttpResponse(body.content, content_type=content_type), body, gzip)
            version = answers.current_version()
        with recording(active=key is not None) as record:
            response = self.get_response(request)
        if response.status_code != 200 or response.streaming:
            if response.status_code >= 400:
                response.headers.setdefault("Cache-Control", "no-store")
            return response
        if key:
            template = response.content
            packed = answers.store(
                key, request, language, template, response["Content-Type"], record, version
            )
            body = Body.of(template, record.number, packed)
            response.content = body.content
        else:
            body = Body().add(response.content)
        return finish(request, response, body, gzip)


def answerable(request):
    """Whether a request is a delivery read, answered from what is stored when it can be."""
    return (
        request.method in ("GET", "HEAD")
        and request.path.startswith(DELIVERY_PREFIX)
        and not request.path.startswith(UNSTORED_PREFIXES)
    )


# Longer If-None-Match headers are read only this far (a client sends one tag or a few).
MAX_IF_NONE_MATCH = 4096


def finish(request, response, body, gzip):
    """The caching headers every delivery answer carries, its body gzipped for a client that
    accepts it (from the compressed forms stored with it), and a 304 when the client has it.
    The ETag hashes the exact bytes, so every process gives the same one."""
    digest = hashlib.sha256(response.content).hexdigest()[:40]
    zipped = body.gzipped(response.content) if gzip else None
    if zipped is not None:
        response.content = zipped
        response["Content-Encoding"] = "gzip"
        digest += "-gzip"  # a strong ETag names one encoding of the bytes
    response["Content-Length"] = str(len(response.content))
    etag = f'"{digest}"'
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={settings.API_CACHE_MAX_AGE}"
    patch_vary_headers(response, ["Accept-Language", "Accept-Encoding"])
    if_none_match = request.headers.get("If-None-Match", "")
    if if_none_match == "*" or etag in parse_etags(if_none_match[:MAX_IF_NONE_MATCH]):
        not_modified = HttpResponse(status=304)
        for header in ("ETag", "Cache-Control", "Vary"):
            not_modified[header] = response[header]
        return not_modified
    return response
