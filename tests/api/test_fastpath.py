"""cms.fastpath answers cached delivery responses before Django's request handling: the same
status, headers and bytes as the full path, never a stale one, and nothing else."""

import io
import json
import sys

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from cms.fastpath import DeliveryFastPath
from news.models import NewsArticlePage

pytestmark = pytest.mark.django_db
API = "/api/content/v1"


class CountingApp:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self):
        self.django = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.django(environ, start_response)


def call(app, path, query="", method="GET", **headers):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"] = status
        started["headers"] = {name.lower(): value for name, value in response_headers}

    # As Django's test client does: the handler's signals would close the test's database
    # connection, and with it the transaction the test runs in.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = app(environ, start_response)
        body = b"".join(response)
        if hasattr(response, "close"):
            response.close()  # sends request_finished, as a WSGI server does
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], started["headers"], body


@pytest.fixture
def apps():
    django = CountingApp()
    return DeliveryFastPath(django), django


def test_a_cached_response_is_the_same_without_django_and_without_the_database(apps, content):
    fast, django = apps
    path, query = f"{API}/news/{content.articles['seed']['kk'].pk}", "locale=kk"
    rendered = call(fast, path, query)  # a miss: Django renders and caches it
    assert django.calls == 1 and rendered[0] == "200 OK"
    full_path_hit = call(django.django, path, query)
    with CaptureQueriesContext(connection) as queries:
        fast_hit = call(fast, path, query)
    assert django.calls == 1 and len(queries) == 0
    assert fast_hit == full_path_hit
    assert fast_hit[1]["etag"] and "Accept-Language" in fast_hit[1]["vary"]
    assert fast_hit[1]["x-content-type-options"] == "nosniff"  # from the security middleware

    etag = fast_hit[1]["etag"]
    not_modified = call(fast, path, query, if_none_match=etag)
    assert not_modified == call(django.django, path, query, if_none_match=etag)
    assert not_modified[0] == "304 Not Modified" and not_modified[2] == b""


def test_cors_headers_are_those_of_the_full_path(apps, content, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://www.example.edu.cn"]
    fast, django = apps
    path = f"{API}/news"
    call(fast, path, "locale=en")
    for origin in ("https://www.example.edu.cn", "https://elsewhere.example"):
        hit = call(fast, path, "locale=en", origin=origin)
        assert hit == call(django.django, path, "locale=en", origin=origin)
    assert django.calls == 1
    assert "access-control-allow-origin" not in hit[1]
    allowed = call(fast, path, "locale=en", origin="https://www.example.edu.cn")
    assert allowed[1]["access-control-allow-origin"] == "https://www.example.edu.cn"


def test_a_change_goes_to_django_at_once(apps, content, django_capture_on_commit_callbacks):
    fast, django = apps
    seed = NewsArticlePage.objects.get(pk=content.articles["seed"]["en"].pk)
    path, query = f"{API}/news/{seed.pk}", "locale=en"
    call(fast, path, query)
    call(fast, path, query)
    assert django.calls == 1
    seed.title = "A corrected title"
    with django_capture_on_commit_callbacks(execute=True):
        seed.save_revision().publish()
    _status, _headers, body = call(fast, path, query)
    assert django.calls == 2 and b"A corrected title" in body


def test_only_cached_delivery_reads_take_the_fast_path(apps, content):
    fast, django = apps
    path = f"{API}/news"
    call(fast, path, "locale=en")
    calls = django.calls
    call(fast, path, "locale=en", method="HEAD")
    call(fast, path, "locale=en", method="POST")
    call(fast, f"{API}/preview", "token=nonsense")
    call(fast, f"{API}/news", "locale=xx")  # an error is never cached
    call(fast, f"{API}/news", "locale=xx")
    call(fast, "/health/")
    assert django.calls == calls + 6


def test_a_stored_document_is_answered_without_django_in_two_queries(apps, content, settings):
    """With no response cache, a repeated read comes from its stored document: the same status,
    headers and bytes as the full path, one query for the document and one for view counts."""
    settings.API_RESPONSE_CACHE_SECONDS = 0
    fast, django = apps
    path, query = f"{API}/news", "locale=kk"
    rendered = call(fast, path, query)  # a miss: Django renders and stores the document
    assert django.calls == 1 and rendered[0] == "200 OK"
    with CaptureQueriesContext(connection) as queries:
        stored = call(fast, path, query)
    assert django.calls == 1 and len(queries) == 2
    assert stored == call(django.django, path, query)  # Django's own answer from the document
    assert stored[2] == rendered[2] and stored[1]["etag"] == rendered[1]["etag"]
    assert json.loads(stored[2])["items"]  # the list itself, not an empty shell


def test_a_miss_is_looked_up_once(apps, content, settings):
    """The fast path tells Django it found nothing, so the middleware does not ask again."""
    settings.API_RESPONSE_CACHE_SECONDS = 0
    fast, django = apps
    path, query = f"{API}/news", "locale=en"
    with CaptureQueriesContext(connection) as queries:
        call(fast, path, query)
    reads = [q for q in queries if "FROM home_deliverydocument" in q["sql"] and q["sql"].startswith("SELECT")]
    assert len(reads) == 1
