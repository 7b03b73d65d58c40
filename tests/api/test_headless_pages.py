"""Wagtail's own page URLs on a headless site (home.headless): they lead readers to the front end
or to the page's API answer, never to a template that does not exist."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from news.models import NewsArticlePage

pytestmark = pytest.mark.django_db


def wagtail_url(page):
    return Page.objects.get(pk=page.pk).specific.get_url()


def test_a_page_url_points_at_its_api_answer(client, content):
    article = content.articles["seed"]["zh-hans"]
    response = client.get(wagtail_url(article))
    assert response.status_code == 200
    assert response.json()["api_url"] == f"/api/content/v1/news/{article.pk}?locale=zh-hans"
    index = client.get(wagtail_url(content.news_index["zh-hans"])).json()
    assert index["api_url"] == "/api/content/v1/news?locale=zh-hans"


def test_with_a_front_end_pages_and_view_live_lead_there(client, content, settings, admin_user):
    settings.FRONTEND_BASE_URL = "https://www.example.edu.cn"
    kazakh = NewsArticlePage.objects.get(pk=content.articles["seed"]["kk"].pk)
    assert kazakh.full_url.startswith("https://www.example.edu.cn/kk/")
    # Wagtail routes the site root's language (the Chinese home page) itself.
    article = NewsArticlePage.objects.get(pk=content.articles["seed"]["zh-hans"].pk)
    settings.FRONTEND_BASE_URL = ""
    url = wagtail_url(article)
    settings.FRONTEND_BASE_URL = "https://www.example.edu.cn"
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == article.full_url
    assert client.get("/").status_code == 302
    client.force_login(admin_user)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert article.full_url in edit.content.decode()  # the "View live" link


def test_a_live_page_readers_may_not_see_answers_404(client, content):
    article = content.articles["seed"]["zh-hans"]
    url = wagtail_url(article)
    Page.objects.get(pk=content.news_index["zh-hans"].pk).unpublish()
    assert client.get(url).status_code == 404


def test_the_site_root_is_an_index_of_the_apis(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert response.json()["openapi"] == "/api/content/v1/openapi.json"
