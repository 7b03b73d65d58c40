"""The API's contract: OpenAPI, errors, headers and cost."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openapi_spec_validator import validate

from news.models import NewsArticlePage

pytestmark = pytest.mark.django_db
API = "/api/content/v1"


def test_openapi_document_is_valid_3_1_with_typed_body_blocks(client):
    response = client.get(f"{API}/openapi.json")
    spec = response.json()
    assert spec["openapi"].startswith("3.1")
    validate(spec)
    body = spec["components"]["schemas"]["ArticleDetail"]["properties"]["body"]["items"]
    assert body["discriminator"]["propertyName"] == "type"
    assert set(body["discriminator"]["mapping"]) == {"paragraph", "image", "gallery", "quote", "video"}


def test_docs_page_loads_no_asset_from_another_host(client):
    html = client.get(f"{API}/docs").content.decode()
    assert "swagger-ui" in html
    assert "//cdn" not in html and "https://" not in html.split("<body")[0]


@pytest.mark.parametrize(
    ("query", "status", "param"),
    [
        ("locale=xx", 400, "locale"),
        ("locale=", 400, "locale"),
        ("limit=101", 422, "limit"),
        ("limit=0", 422, "limit"),
        ("limit=abc", 422, "limit"),
        ("offset=-1", 422, "offset"),
        ("offset=99999999999999999999999", 400, "offset"),
        ("offset=100001", 400, "offset"),
        ("date_from=2025-13-45", 422, "date_from"),
        ("date_from=2025-05-01&date_to=2025-04-01", 400, "date_from"),
        ("topic=%00", 400, "topic"),
        ("topic=" + "x" * 600, 422, "topic"),
        ("partnership=0", 422, "partnership"),
        ("partnership=99999", 400, "partnership"),
        ("course=2147483648", 422, "course"),
        ("fallback=maybe", 422, "fallback"),
        ("sort=date", 400, "sort"),
        ("locale=en&locale=kk", 400, "locale"),
    ],
)
def test_bad_parameters_are_problems_that_name_the_parameter(client, query, status, param):
    response = client.get(f"{API}/news?{query}")
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    problem = json.loads(response.content)
    assert problem["status"] == status
    assert param in {item["name"] for item in problem["invalid_params"]}


@pytest.mark.parametrize(
    "path",
    [
        "/news/0",
        "/news/-1",
        "/news/abc",
        "/news/99999999999999999999",
        "/news/by-slug/xx/slug",
        "/news/by-slug/en/%00",
        "/partnerships/0",
        "/courses/99999999999999",
        "/partnerships?limit=-5",
        "/courses?partnership=abc",
        "/site-settings?locale=%00",
        "/navigation?locale=zh-hans&x=1",
        "/locales?locale=en",
    ],
)
def test_hostile_requests_never_produce_a_server_error(client, content, path):
    response = client.get(API + path)
    assert 400 <= response.status_code < 500
    assert response["Content-Type"] == "application/problem+json"


def test_get_responses_carry_a_strong_etag_and_answer_304(client, content):
    response = client.get(f"{API}/news?locale=en")
    etag = response["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert "max-age" in response["Cache-Control"]
    assert "Accept-Language" in response["Vary"]
    again = client.get(f"{API}/news?locale=en", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    other = client.get(f"{API}/news?locale=kk", HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200 and other["ETag"] != etag


def test_cors_allows_only_configured_origins(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://www.example.edu.cn"]
    allowed = client.get(f"{API}/locales", HTTP_ORIGIN="https://www.example.edu.cn")
    assert allowed["Access-Control-Allow-Origin"] == "https://www.example.edu.cn"
    refused = client.get(f"{API}/locales", HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in refused


def test_json_is_compact_utf8(client, content):
    body = client.get(f"{API}/news/{content.articles['seed']['kk'].pk}?locale=kk").content.decode()
    assert "Жібек жолы" in body and "\\u" not in body


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_queries_do_not_grow_with_page_size(client, content, uncached):
    index = content.news_index["zh-hans"]
    template = content.articles["oldest"]["zh-hans"]
    for number in range(50):
        page = index.add_child(
            instance=NewsArticlePage(
                title=f"文章{number}",
                slug=f"wenzhang-{number}",
                date=template.date,
                cover_image=content.images["two"],
                body=template.body.raw_data,
            )
        )
        page.topics.add(content.topic)
    for url in (f"{API}/news?locale=kk&limit=5", f"{API}/news?locale=kk&limit=50"):
        client.get(url)  # renditions are made once, outside what is measured
    # Hidden branches, the ordered versions, the window's articles (with locale, cover and view
    # count), their topics, the topics' versions in the reader's language, the covers' renditions.
    assert count_queries(client, f"{API}/news?locale=kk&limit=5") == 6
    assert count_queries(client, f"{API}/news?locale=kk&limit=50") == 6


def test_detail_queries_do_not_grow_with_the_body(client, content, uncached):
    """However many paragraphs, links and images: a fixed handful of queries per document."""
    seed = content.articles["seed"]["kk"]
    url = f"{API}/news/{seed.pk}?locale=kk"
    client.get(url)
    # Hidden branches, the article's versions, the reader's version (with what a summary reads),
    # its topics, the topics' versions in the reader's language, the body's images, the
    # neighbours' order, every page it shows, all renditions, translation progress.
    assert count_queries(client, url) == 10

    paragraph, gallery = seed.body.raw_data[0], seed.body.raw_data[1]
    course = content.course["zh-hans"]
    linked = {**paragraph, "id": None}
    linked["value"] = f'<p><a linktype="page" id="{course.pk}">课程</a></p>' + paragraph["value"]
    seed.body = [{**block, "id": None} for block in [paragraph, gallery] + [linked, gallery] * 10]
    seed.save_revision().publish()
    body = client.get(url).json()["body"]
    assert len(body) == 22
    assert body[2]["value"]["html"].startswith(
        '<p><a href="/zh-hans/hezuo/zhongha-silu-xueyuan/silu-zaixian-kecheng/">'
    )
    assert count_queries(client, url) == 10
