"""Stored delivery answers given before Django's request handling.

A delivery read answered from the response cache or from a stored document (home.documents)
needs no URL resolving, view, session or authentication, only the middleware that stands before
the response cache in MIDDLEWARE (security headers, CORS). This WSGI wrapper asks
`cms.middleware.stored_response()` first, the same look-up the cache middleware makes, and runs
an answer through exactly those outer middleware; anything else (a miss, a write, another path)
goes to Django as usual, told that the look-up was made. Same bytes and headers as the full path.
"""

from django.conf import settings
from django.core import signals
from django.core.handlers.wsgi import WSGIRequest
from django.http.response import HttpResponseBase
from django.utils.module_loading import import_string

from cms.middleware import (
    LOOKED_UP,
    DeliveryCacheMiddleware,
    answerable,
    cache_key,
    request_identity,
    stored_response,
)
from home import documents

CACHE_MIDDLEWARE = "cms.middleware.DeliveryCacheMiddleware"


class DeliveryFastPath:
    def __init__(self, application):
        self.application = application
        outer = settings.MIDDLEWARE[: settings.MIDDLEWARE.index(CACHE_MIDDLEWARE)]
        handler = self._hit
        for path in reversed(outer):
            handler = import_string(path)(handler)
        self.handler = handler

    @staticmethod
    def _hit(request):
        return request.stored_response

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "GET" or not environ.get("PATH_INFO", "").startswith(
            DeliveryCacheMiddleware.prefix
        ):
            return self.application(environ, start_response)
        response = None
        try:
            request = WSGIRequest(environ)
            if answerable(request):
                identity, _language = request_identity(request)
                document_key = documents.key(identity) if documents.storable(request) else None
                if document_key:
                    # The database is used outside Django's handler: manage its connection the same way.
                    signals.request_started.send(sender=self.__class__, environ=environ)
                version, response = stored_response(request, cache_key(identity), document_key)
                if response is None:
                    environ[LOOKED_UP] = (version,)
                else:
                    if document_key:
                        signals.request_finished.send(sender=self.__class__)
                    request.stored_response = response
                    response = self.handler(request)
        except Exception:
            # The cache, the database or a header is not as expected: Django answers, its way.
            environ.pop(LOOKED_UP, None)
            response = None
        if not isinstance(response, HttpResponseBase):
            return self.application(environ, start_response)
        status = f"{response.status_code} {response.reason_phrase}"
        headers = [
            *response.items(),
            *(("Set-Cookie", c.output(header="")) for c in response.cookies.values()),
        ]
        start_response(status, headers)
        return [response.content]
