"""Nothing a client sends yields a 5xx: odd paths, queries, methods and headers, sent byte for byte
to the product served by gunicorn (production) and by runserver (`make run`)."""

import json

import pytest

from tests.servers import AppServer, raw_request

API = b"/api/content/v1"

# (target as sent, the statuses a person would accept for it)
HOSTILE_TARGETS = [
    (API + b"/news/%E4%B8%AD", {404, 422}),  # a Chinese character where an id goes
    (API + b"/news/by-slug/zh-hans/%E4%B8%AD%E6%96%87", {404}),
    (API + b"/news/by-slug/kk/%D0%B0%D1%81%D1%82%D0%B0%D0%BD%D0%B0", {404}),  # Cyrillic
    (API + b"/news/by-slug/zh-hans/\xe4\xb8\xad\xe6\x96\x87", {400, 404}),  # raw UTF-8, unquoted
    (API + b"/news/by-slug/en/caf%C3%A9", {404}),  # a Latin-1 letter
    (API + b"/news/by-slug/en/caf%E9", {400, 404}),  # not UTF-8 at all
    (API + b"/news/by-slug/en/%FF%FE%FD", {400, 404}),
    (API + b"/news/by-slug/en/a%00b", {400, 404}),  # NUL
    (API + b"/news/by-slug/en/%25E4%25B8%25AD", {404}),  # double-encoded
    (API + b"/news/by-slug/en/" + b"a" * 3000, {400, 404, 414}),  # overlong
    (API + b"/news/by-slug/xx/slug", {400}),  # not a published locale
    (API + b"/news?locale=%FF", {400}),
    (API + b"/news?locale=zh-hans&locale=en", {400}),
    (API + b"/news?limit=abc", {422}),
    (API + b"/news?search=%00", {400}),
    (API + b"/news/1?locale=%E4%B8%AD", {400, 404}),
    (API + b"/%E4%B8%AD", {301, 404}),  # 301: to the same path with a slash, then 404
    (b"/api/v2/pages/find/?id=abc", {400}),
    (b"/api/v2/images/find/?id=%E4%B8%AD", {400}),
    (b"/api/v2/pages/find/?html_path=%00", {400, 404}),
    (b"/api/v2/images/?search=%00", {200, 400}),
    (b"/api/v2/documents/?search=%00", {200, 400}),
    (b"/api/v2/images/?search=%22", {200, 400}),
    (b"/api/v2/pages/?search=%22%00", {200, 400}),
    (b"/%E4%B8%AD%E6%96%87/", {404}),  # a Wagtail page URL that does not exist
]


@pytest.fixture(scope="module", params=["gunicorn", "runserver"])
def app(request, demo_site):
    server = AppServer(demo_site, server=request.param).start()
    yield server
    server.stop()


@pytest.mark.parametrize(("target", "accepted"), HOSTILE_TARGETS, ids=lambda v: repr(v)[:60])
def test_no_path_or_query_yields_a_server_error(app, target, accepted):
    status, headers, body = raw_request(app.port, "GET", target)
    assert status in accepted, (status, body[:300])
    if status < 500 and headers.get("content-type", "").startswith("application/problem+json"):
        assert json.loads(body)["detail"]  # a message a person can read


def test_the_path_a_client_sent_is_the_path_that_is_answered(app):
    """A slug with a Chinese or an accented letter is looked up as sent, not re-encoded."""
    for slug in (b"%E4%B8%AD%E6%96%87", b"caf%C3%A9"):
        status, _headers, body = raw_request(app.port, "GET", API + b"/news/by-slug/en/" + slug)
        assert status == 404 and b"No published article" in body


def test_head_answers_as_get_without_a_body(app):
    for target in (API + b"/news?locale=en", API + b"/locales", API + b"/news?locale=en&topic=none"):
        get_status, get_headers, get_body = raw_request(app.port, "GET", target)
        status, headers, body = raw_request(app.port, "HEAD", target)
        assert (status, body) == (get_status, b""), target
        assert headers["etag"] == get_headers["etag"]
        assert int(headers["content-length"]) == len(get_body)


def test_a_huge_if_none_match_is_ignored_not_fatal(app):
    status, headers, _body = raw_request(app.port, "GET", API + b"/locales")
    tags = ", ".join(f'"{i:040x}"' for i in range(150))  # about 6 KB of other tags
    status, _headers, body = raw_request(app.port, "GET", API + b"/locales", [("If-None-Match", tags)])
    assert status == 200 and body
    status, _headers, _body = raw_request(
        app.port, "GET", API + b"/locales", [("If-None-Match", headers["etag"])]
    )
    assert status == 304


def test_a_host_the_site_does_not_serve_is_refused_for_stored_answers_too(demo_site):
    server = AppServer({**demo_site, "DJANGO_SETTINGS_MODULE": "cms.settings.production", "SECRET_KEY": "x" * 50,
                        "SECURE_SSL_REDIRECT": "0", "ALLOWED_HOSTS": "127.0.0.1"}).start()  # fmt: skip
    try:
        target = API + b"/news?locale=en"
        assert raw_request(server.port, "GET", target)[0] == 200
        assert raw_request(server.port, "GET", target)[0] == 200  # now from its stored answer
        evil = raw_request(server.port, "GET", target, [("Host", "evil.example")])
        assert evil[0] == 400
    finally:
        server.stop()


def test_the_site_root_and_wagtail_page_urls_point_at_the_api(app):
    status, _headers, body = raw_request(app.port, "GET", b"/")
    assert status == 200 and json.loads(body)["delivery_api"] == "/api/content/v1/"
    status, _headers, body = raw_request(app.port, "GET", API + b"/news?locale=zh-hans&limit=1")
    article = json.loads(body)["items"][0]
    # Wagtail's URL of the article: the Chinese home page is the site's root.
    wagtail_path = article["path"].removeprefix("/zh-hans").encode()
    status, _headers, body = raw_request(app.port, "GET", wagtail_path)
    assert status == 200, body[:300]
    assert json.loads(body)["api_url"] == f"/api/content/v1/news/{article['id']}?locale=zh-hans"
