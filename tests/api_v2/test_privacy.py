"""An anonymous reader of API v2 sees live, public pages in the published languages only."""

import pytest
from wagtail.models import Locale, PageViewRestriction

from news.models import NewsArticlePage
from tests.api_v2.conftest import add_article

pytestmark = pytest.mark.django_db


def listed_ids(client, **params):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def assert_hidden(client, page):
    assert page.pk not in listed_ids(client, limit=100)
    assert page.pk not in listed_ids(client, type=type(page)._meta.label, fields="*", limit=100)
    children = client.get("/api/v2/pages/", {"child_of": page.get_parent().pk})
    # 400 "parent page doesn't exist" when the parent is hidden too.
    assert children.status_code == 400 or page.pk not in {item["id"] for item in children.json()["items"]}
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 404
    assert page.title not in response.content.decode()


def test_a_published_article_is_visible(client, content):
    article = content["article"]
    assert article.pk in listed_ids(client, type="news.NewsArticlePage")
    assert client.get(f"/api/v2/pages/{article.pk}/").status_code == 200


def test_a_never_published_draft_is_hidden(client, content):
    draft = add_article(content["news_index"], "尚未发布的草稿", live=False)
    draft.save_revision()
    assert_hidden(client, draft)


def test_an_unpublished_article_is_hidden(client, content):
    article = content["article"]
    article.unpublish()
    assert_hidden(client, article)


def test_unpublished_changes_of_a_live_article_are_not_delivered(client, content):
    article = NewsArticlePage.objects.get(pk=content["article"].pk)
    article.title = "尚未发布的修改"
    article.summary = "草稿摘要"
    article.save_revision()

    response = client.get(f"/api/v2/pages/{article.pk}/")
    assert response.json()["title"] == "中哈丝路云课堂开班"
    assert response.json()["summary"] == "第一期开班。"
    listing = client.get("/api/v2/pages/", {"type": "news.NewsArticlePage", "fields": "*"}).content.decode()
    assert "尚未发布的修改" not in listing and "草稿摘要" not in listing


@pytest.mark.parametrize(
    "restriction",
    [
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "secret"},
        {"restriction_type": PageViewRestriction.LOGIN},
    ],
    ids=["password", "login"],
)
def test_a_view_restricted_article_is_hidden(client, content, restriction):
    article = content["article"]
    PageViewRestriction.objects.create(page=article, **restriction)
    assert_hidden(client, article)


def test_a_restriction_on_a_section_hides_its_articles(client, content):
    PageViewRestriction.objects.create(
        page=content["news_index"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert_hidden(client, content["news_index"])
    assert_hidden(client, content["article"])
    # The Kazakh section is not restricted.
    assert content["article_kk"].pk in listed_ids(client, type="news.NewsArticlePage")


def test_an_unpublished_section_hides_its_live_articles(client, content):
    # Wagtail's front end would still route to them, but the editors took the section down: the
    # project's visibility rule (locales.resolution) hides the branch, as the delivery API does.
    content["news_index"].unpublish()
    assert_hidden(client, content["article"])
    data = client.get(f"/api/v2/pages/{content['article_kk'].pk}/").json()
    assert data["id"] == content["article_kk"].pk


def test_a_page_in_a_locale_that_is_not_a_content_language_is_hidden(client, content):
    french = Locale.objects.create(language_code="fr")
    page = content["news_index"].add_child(
        instance=NewsArticlePage(
            title="Article en français",
            slug="article-fr",
            locale=french,
            translation_key=content["article"].translation_key,
            body=[{"type": "paragraph", "value": "<p>Bonjour</p>"}],
        )
    )
    assert page.live and page.locale == french

    assert_hidden(client, page)
    assert page.pk not in listed_ids(client, translation_of=content["article"].pk)
    assert page.pk not in listed_ids(client, search="français")
    # The same answer as for a language that does not exist at all.
    assert client.get("/api/v2/pages/", {"locale": "fr"}).status_code == 404
    assert client.get("/api/v2/pages/", {"locale": "xx"}).status_code == 404
    assert client.get("/api/v2/pages/", {"locale": "kk"}).status_code == 200
