"""Editors preview drafts in the real front end through a short-lived signed token."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.core import signing
from django.test import RequestFactory

from news.models import NewsArticlePage
from partnerships.models import CoursePage

pytestmark = pytest.mark.django_db
API = "/api/content/v1"


def editor_request(admin_user):
    request = RequestFactory().get("/admin/pages/preview/")
    request.user = admin_user
    return request


def test_preview_serves_the_unsaved_draft_and_the_live_page_is_unchanged(client, content, admin_user):
    page = NewsArticlePage.objects.get(pk=content.articles["seed"]["kk"].pk)
    page.title = "Жоба: жаңа тақырып"
    response = page.serve_preview(editor_request(admin_user), "")
    response.render()
    assert "Жоба: жаңа тақырып" in response.content.decode()
    token = response.context_data["token"]

    preview = client.get(f"{API}/preview", {"token": token})
    assert preview.status_code == 200
    data = preview.json()
    assert data["type"] == "news"
    assert data["document"]["title"] == "Жоба: жаңа тақырып"
    assert data["document"]["locale"]["served"] == "kk"
    gallery = next(block for block in data["document"]["body"] if block["type"] == "gallery")
    assert gallery["value"]["caption"] == "Суретте: алғашқы сабақ Оуюэ мәдениетіне арналған"

    live = client.get(f"{API}/news/{page.pk}?locale=kk").json()
    assert live["title"] == "Жібек жолы онлайн курсының алғашқы сабағы басталды"


def test_an_article_preview_shows_the_page_and_no_list_of_its_own(content, admin_user):
    """An article's document is a dict with no "items": the preview lists nothing before the body
    (it showed one empty bullet per field of the document)."""
    page = NewsArticlePage.objects.get(pk=content.articles["seed"]["zh-hans"].pk)
    response = page.serve_preview(editor_request(admin_user), "")
    response.render()
    html = response.content.decode()
    assert 'class="items"' not in html and "<li>" not in html
    assert page.title in html and "4月18日下午" in html


def test_an_index_preview_lists_its_articles(content, admin_user):
    index = content.news_index["zh-hans"]
    response = index.serve_preview(editor_request(admin_user), "")
    response.render()
    html = response.content.decode()
    assert html.count("<li>") == 3
    assert content.articles["seed"]["zh-hans"].title in html


def test_preview_of_a_page_not_yet_created(client, content, admin_user):
    parent = content.partnership["zh-hans"]
    course = CoursePage(
        title="第二门课程",
        slug="di-er-men",
        delivery_mode="blended",
        locale=parent.locale,
        phases=[("phase", {"title": "第一期", "status": "announced", "period": "6月", "sessions": []})],
    )
    # As Wagtail's "add page" preview does: placed in the tree, not saved.
    course.depth = parent.depth + 1
    course.path = parent.path + "ZZZZ"
    response = course.serve_preview(editor_request(admin_user), "")
    response.render()
    data = client.get(f"{API}/preview", {"token": response.context_data["token"]}).json()
    assert data["type"] == "courses"
    assert data["document"]["title"] == "第二门课程"
    assert data["document"]["phases"][0]["period"] == "6月"
    assert data["document"]["alternates"] == []
    assert [crumb["title"] for crumb in data["document"]["breadcrumbs"]][-1] == "中哈丝路学院"


def test_preview_redirects_to_the_configured_front_end(client, content, admin_user, settings):
    settings.HEADLESS_PREVIEW_URL = (
        "https://www.example.edu.cn/preview?token={token}&type={type}&lang={locale}"
    )
    page = NewsArticlePage.objects.get(pk=content.articles["seed"]["en"].pk)
    response = page.serve_preview(editor_request(admin_user), "")
    assert response.status_code == 302
    url = urlparse(response["Location"])
    assert url.netloc == "www.example.edu.cn"
    query = parse_qs(url.query)
    assert query["type"] == ["news"] and query["lang"] == ["en"]
    assert client.get(f"{API}/preview", {"token": query["token"][0]}).json()["document"]["id"] == page.pk


@pytest.mark.parametrize(
    "token", ["", "not-a-token", signing.dumps("guessed-key", salt="cms.preview"), "x" * 401]
)
def test_forged_or_unknown_tokens_are_refused(client, token):
    response = client.get(f"{API}/preview", {"token": token})
    assert response.status_code in (404, 422)
    assert response["Content-Type"] == "application/problem+json"


def test_expired_tokens_are_refused(client, content, admin_user, settings):
    page = NewsArticlePage.objects.get(pk=content.articles["seed"]["en"].pk)
    response = page.serve_preview(editor_request(admin_user), "")
    response.render()
    settings.PREVIEW_TOKEN_SECONDS = -1
    assert client.get(f"{API}/preview", {"token": response.context_data["token"]}).status_code == 404


def test_preview_token_requires_no_login_but_reveals_nothing_else(client, content):
    # The token is the only key: the endpoint answers nothing without one.
    assert client.get(f"{API}/preview").status_code == 422
