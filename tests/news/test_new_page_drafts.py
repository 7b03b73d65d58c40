"""An editor who opens "add page" and leaves creates nothing: the add form does not autosave
(Wagtail's first autosave of a new page creates it as a draft). Editing a page still autosaves."""

import re

import pytest

from news.models import NewsArticlePage
from tests.factories import NewsArticlePageFactory, news_index, page_add_url, publish

pytestmark = pytest.mark.django_db


def test_the_add_form_does_not_autosave_and_the_edit_form_does(admin_client, home_pages):
    news = news_index(home_pages["zh-hans"])

    html = admin_client.get(page_add_url(NewsArticlePage, news)).content.decode()
    form = re.search(r'<form\s+id="page-edit-form".*?>', html, re.S).group(0)
    assert "w-autosave" not in form and "data-w-autosave-interval-value" not in form
    assert 'id="w-autosave-indicator"' not in html

    article = publish(NewsArticlePageFactory(parent=news))
    edit = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "data-w-autosave-interval-value" in edit and 'id="w-autosave-indicator"' in edit
