"""The admin speaks each user's language: Kazakh (then Russian) to Kazakh translators, never Chinese.

Wagtail has no Kazakh catalog and Django falls back to LANGUAGE_CODE (Chinese); the catalogs
built from UI_LANGUAGE_FALLBACKS give a missing Kazakh string in Russian instead (locales.ui_language).
Content in these tests has only Kazakh and English titles, so any Chinese is the interface's.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from locales.roles import EDITORS, assign_role
from locales.translation import translate_with_strings
from tests.factories import NewsArticlePageFactory, TopicFactory, news_index, publish

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
ESCAPED_CJK = re.compile(r"\\u(4[e-f]|[5-9][0-9a-f])[0-9a-f]{2}", re.IGNORECASE)
ESCAPED_CYRILLIC = re.compile(r"\\u04[0-9a-f]{2}", re.IGNORECASE)


def chinese_in(text):
    return sorted({match.group(0) for match in re.finditer(r".{0,30}[\u4e00-\u9fff]+.{0,10}", text)})[:10]


@pytest.fixture
def kazakh_content(home_pages, locales):
    """A Kazakh article the translator has worked on, so the dashboard lists some content."""
    index = news_index(home_pages["zh-hans"])
    # The zh-hans index is never shown to a Kazakh translator; its kk translation is.
    kk_index = translate_with_strings(index, locales["kk"], {index.title: "Жаңалықтар"})
    page = NewsArticlePageFactory(
        parent=kk_index, title="Серіктес сапары", slug="seriktes-sapary", summary="Қысқаша", body=[]
    )
    TopicFactory(name="Алмасу", slug="almasu", locale=locales["kk"])
    return publish(page)


def admin_user(username, role, language=None):
    user = get_user_model().objects.create_user(username=username, password="x")
    assign_role(user, role)
    if language is not None:
        user.wagtail_userprofile.preferred_language = language
        user.wagtail_userprofile.save()
    return user


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_kazakh_translator_reads_the_admin_in_kazakh_and_russian_never_chinese(client, kazakh_content):
    translator = admin_user("aigerim", "Kazakh translators")  # the role sets kk
    kazakh_content.save_revision(user=translator, log_action=True).publish(user=translator)

    html = dashboard(client, translator)

    assert not CJK.search(html), chinese_in(html)
    assert 'lang="kk"' in html
    assert "Іздеу" in html  # "Search": Django has it in Kazakh
    assert "Панель управления" in html  # "Dashboard": Wagtail's Russian, as Wagtail has no Kazakh
    assert "Серіктес сапары" in html  # their recent edit


def test_the_admins_javascript_strings_follow_the_same_chain(client, kazakh_content):
    client.force_login(admin_user("aigerim", "Kazakh translators"))
    for url in (reverse("wagtailadmin_javascript_catalog"), reverse("wagtail_localize:javascript_catalog")):
        script = client.get(url).content.decode()
        # The catalog's JSON writes non-ASCII letters as \\uXXXX escapes.
        assert not CJK.search(script) and not ESCAPED_CJK.search(script), url
        assert ESCAPED_CYRILLIC.search(script), url  # Kazakh or Russian


def test_without_the_fallback_catalogs_a_kazakh_admin_would_be_chinese(client, settings, kazakh_content):
    """Why the fallback catalogs exist: Django alone falls back to LANGUAGE_CODE."""
    settings.LOCALE_PATHS = settings.LOCALE_PATHS[:1]  # the project's own catalogs only
    html = dashboard(client, admin_user("aigerim", "Kazakh translators"))
    assert "控制面板" in html


def test_a_chinese_editor_reads_chinese(client, home_pages):
    html = dashboard(client, admin_user("wang", EDITORS))  # no choice made: LANGUAGE_CODE
    assert "控制面板" in html


def test_an_english_user_reads_english(client, kazakh_content):
    html = dashboard(client, admin_user("emma", "English translators"))
    assert not CJK.search(html), chinese_in(html)
    assert "Dashboard" in html


def test_a_russian_admin_falls_back_to_english_not_chinese(client, home_pages):
    html = dashboard(client, admin_user("ivan", "Kazakh translators", language="ru"))
    assert not CJK.search(html), chinese_in(html)
    assert "Панель управления" in html


def test_kazakh_strings_fall_back_to_russian_then_english():
    with translation.override("kk"):
        assert translation.gettext("Search") == "Іздеу"  # Django's Kazakh
        assert translation.gettext("Dashboard") == "Панель управления"  # Wagtail's Russian
        assert translation.gettext("No such string anywhere") == "No such string anywhere"
    with translation.override("zh-hans"):
        assert translation.gettext("Dashboard") == "控制面板"
