"""The admin's page explorer shows each page's language and translation state, in a fixed number
of queries whatever the number of rows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation

from locales import listing
from locales.translation import translate_with_strings
from tests.locales import test_report as shared
from tests.locales.test_report import add_article, edit_and_publish

pytestmark = pytest.mark.django_db
module_site = shared.module_site_fixture()
site = shared.site


@pytest.fixture
def editor_client(client, admin_user):
    """An administrator who reads the admin in English."""
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    return client


def explore(client, parent):
    """{page id: the text of its Language cell} in the explorer listing of `parent`'s children."""
    response = client.get(reverse("wagtailadmin_explore", args=[parent.pk]))
    assert response.status_code == 200
    states = {}
    for row in response.content.decode().split("<tr")[1:]:
        page = re.search(r"/admin/pages/(\d+)/edit/", row)
        cell = re.search(r'<td class="translation-state">(.*?)</td>', row, re.S)
        if page and cell:
            text = re.sub(r"<[^>]+>", "\n", cell.group(1))
            states[int(page.group(1))] = [line.strip() for line in text.splitlines() if line.strip()]
    return states


def test_source_pages_show_the_state_of_each_translation(site, editor_client):
    articles = site.articles
    states = explore(editor_client, site.index["zh-hans"])
    assert states == {
        articles["seed"]["zh-hans"].pk: [
            "Simplified Chinese · source",
            "English: Complete",
            "Kazakh: Complete",
        ],
        articles["middle"]["zh-hans"].pk: [
            "Simplified Chinese · source",
            "English: Complete",
            "Kazakh: Missing",
        ],
        articles["oldest"]["zh-hans"].pk: [
            "Simplified Chinese · source",
            "English: Missing",
            "Kazakh: Missing",
        ],
    }


def test_translations_show_their_own_state_and_progress(site, editor_client):
    seed = site.articles["seed"]
    assert explore(editor_client, site.index["kk"]) == {seed["kk"].pk: ["Kazakh · Complete"]}

    # A string left untranslated: readers see the source text for one string in four.
    StringTranslation.objects.filter(locale=site.locales["kk"], context__path="drafted_by").delete()
    assert explore(editor_client, site.index["kk"]) == {seed["kk"].pk: ["Kazakh · In progress 75%"]}

    edit_and_publish(seed["zh-hans"], title="中哈丝路在线课程首课开讲了")
    assert explore(editor_client, site.index["kk"]) == {seed["kk"].pk: ["Kazakh · Out of date"]}
    assert explore(editor_client, site.index["en"])[seed["en"].pk] == ["English · Out of date"]


def test_the_home_pages_are_listed_with_their_languages(site, editor_client):
    root = site.homes["zh-hans"].get_parent()
    states = explore(editor_client, root)
    assert states[site.homes["zh-hans"].pk][0] == "Simplified Chinese · source"
    assert states[site.homes["kk"].pk] == ["Kazakh · Complete"]


def test_the_columns_query_count_does_not_grow_with_the_number_of_rows(site, editor_client, monkeypatch):
    # Wagtail's and wagtail-localize's own row buttons query per row; the column's share is
    # measured where it is computed, once per listing.
    index = site.index["zh-hans"]
    measured = []

    def counted(pages, real=listing.listing_states):
        with CaptureQueriesContext(connection) as queries:
            states = real(pages)
        measured.append(len(queries))
        return states

    monkeypatch.setattr(listing, "listing_states", counted)

    def add_pages(n, start):
        for i in range(start, start + n):
            page = add_article(index, f"extra-{i}", f"新闻 {i}", f"内容 {i}。")
            if i % 2:
                translate_with_strings(page, site.locales["en"], {f"新闻 {i}": f"News {i}"})

    add_pages(2, 0)
    explore(editor_client, index)  # caches that fill once per process (content types)
    few_rows = len(explore(editor_client, index))
    few = measured[-1]
    add_pages(6, 2)
    many_rows = len(explore(editor_client, index))
    many = measured[-1]
    assert many_rows == few_rows + 6
    assert many == few, f"{few} queries for {few_rows} rows, {many} for {many_rows}"
    # The grid's ten, and the listing's own page query with its prefetches, evaluated here first.
    assert few <= 20
