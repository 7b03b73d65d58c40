"""Malformed requests to API v2 answer 400 (or 404) with a message, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(content):
    return content["article"]


# Most cases need no content: the home pages that migrate creates are enough.


@pytest.mark.parametrize(
    "params",
    [
        {"colour": "red"},
        {"type": "news.NewsArticlePage", "cooperation_areas": "visits"},
        {"type": "news.Nothing"},
        {"type": "wagtailimages.Image"},
        {"fields": "nothing"},
        {"fields": "title("},
        {"fields": "body(value)"},
        {"limit": "101"},
        {"limit": "many"},
        {"offset": "-1"},
        {"offset": "9" * 30},
        {"order": "view_count"},
        {"child_of": "abc"},
        {"type": "news.NewsArticlePage", "date": "soon"},
        {"type": "news.NewsArticlePage", "topics": "exchange"},
        {"type": "partnerships.PartnershipPage", "signed_on": "2023-13-01"},
        {"search": "a\x00b"},
        {"rich_text_format": "pdf"},
    ],
)
def test_bad_listing_parameters_answer_400(client, home_pages, params):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 400, response.content
    assert response.json()["message"]


@pytest.mark.parametrize("fields", ["a(" * 2000, "a(" * 2000 + ")" * 2000, "title(" * 10 + ")" * 10])
def test_absurdly_nested_fields_answer_400_not_a_recursion_error(client, article, fields):
    for url in ("/api/v2/pages/", f"/api/v2/pages/{article.pk}/"):
        response = client.get(url, {"fields": fields})
        assert response.status_code == 400, response.content
        assert "fields" in response.json()["message"]


def test_reasonable_fields_still_work(client, article):
    response = client.get(
        "/api/v2/pages/", {"type": "news.NewsArticlePage", "fields": "_,title,cover_image(title)"}
    )
    assert response.status_code == 200
    item = response.json()["items"][0]
    assert set(item) == {"title", "cover_image"}
    assert item["cover_image"]["renditions"]


@pytest.mark.parametrize("query", ['"', 'Жібек"', " ", "\u3000", "*", "(", "a:b"])
def test_search_with_awkward_characters_answers_200(client, home_pages, query):
    response = client.get("/api/v2/pages/", {"search": query})
    assert response.status_code == 200, response.content


def test_filters_of_the_right_type_work(client, content):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "news.NewsArticlePage",
            "date": "2024-05-06",
            "topics": content["topic"].pk,
            "locale": "zh-hans",
        },
    )
    assert [item["id"] for item in response.json()["items"]] == [content["article"].pk]


def test_huge_offsets_answer_400_on_every_endpoint(client, db):
    for endpoint in ("pages", "images", "documents"):
        response = client.get(f"/api/v2/{endpoint}/", {"offset": "9" * 30})
        assert response.status_code == 400, (endpoint, response.content)
        assert client.get(f"/api/v2/{endpoint}/", {"offset": "1000"}).status_code == 200
