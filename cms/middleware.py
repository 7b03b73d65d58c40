import hashlib

from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags


class DeliveryCacheHeadersMiddleware:
    """Strong ETags, Cache-Control and 304s for the delivery API's GET responses.

    The ETag is a hash of the exact bytes sent, so two app processes give the same tag for the
    same content, and a client that already has it gets 304 with no body.
    """

    prefix = "/api/content/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.prefix) or request.method not in ("GET", "HEAD"):
            return response
        if response.status_code != 200 or response.streaming:
            if response.status_code >= 400:
                response.headers.setdefault("Cache-Control", "no-store")
            return response
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
        response["ETag"] = etag
        response["Cache-Control"] = f"public, max-age={settings.API_CACHE_MAX_AGE}"
        patch_vary_headers(response, ["Accept-Language"])
        if (
            etag in parse_etags(request.headers.get("If-None-Match", ""))
            or request.headers.get("If-None-Match") == "*"
        ):
            not_modified = type(response)(status=304)
            for header in ("ETag", "Cache-Control", "Vary"):
                not_modified[header] = response[header]
            if "Access-Control-Allow-Origin" in response:
                not_modified["Access-Control-Allow-Origin"] = response["Access-Control-Allow-Origin"]
            return not_modified
        return response
