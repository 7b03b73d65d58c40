import pytest
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation

from home.bootstrap import ensure_home_pages
from home.models import HomePage
from locales.languages import fallback_chain, source_language_code

pytestmark = pytest.mark.django_db


def test_fresh_database_has_the_three_content_locales():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"zh-hans", "en", "kk"}
    assert source_language_code() == "zh-hans"


def test_each_locale_has_one_live_home_page_under_the_one_site(home_pages):
    assert set(home_pages) == {"zh-hans", "en", "kk"}
    root = Page.get_first_root_node()
    for page in home_pages.values():
        assert page.live
        assert page.get_parent().pk == root.pk
    site = Site.objects.get()
    assert site.root_page.specific == home_pages["zh-hans"]
    # The home pages are translations of each other, so the site root resolves per locale.
    assert {p.pk for p in home_pages["zh-hans"].get_translations()} == {
        home_pages["en"].pk,
        home_pages["kk"].pk,
    }
    assert home_pages["en"].title == "Home"
    assert home_pages["kk"].title == "Басты бет"
    assert [home_pages[code].slug for code in ("zh-hans", "en", "kk")] == ["zh-hans", "en", "kk"]


def test_home_translations_are_tracked_by_wagtail_localize(home_pages):
    targets = Translation.objects.filter(source__object_id=home_pages["zh-hans"].translation_key)
    assert {t.target_locale.language_code for t in targets} == {"en", "kk"}


def test_setup_is_idempotent(home_pages):
    ensure_home_pages()
    assert HomePage.objects.count() == 3
    assert Locale.objects.count() == 3


def test_adding_a_language_is_a_settings_line_and_a_migrate(
    settings, home_pages, django_capture_on_commit_callbacks
):
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [
        *settings.WAGTAIL_CONTENT_LANGUAGES,
        ("ru", "Russian"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        ensure_home_pages()  # what post_migrate runs after `manage.py migrate`
    russian = HomePage.objects.get(locale__language_code="ru")
    assert russian.live
    assert russian.translation_key == home_pages["zh-hans"].translation_key


def test_fallback_chains_end_in_the_source_language():
    assert fallback_chain("kk") == ["kk", "en", "zh-hans"]
    assert fallback_chain("en") == ["en", "zh-hans"]
    assert fallback_chain("zh-hans") == ["zh-hans"]
