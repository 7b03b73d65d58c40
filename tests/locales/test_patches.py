"""Canaries for the run-time replacements that remain (locales.patches).

Each test puts the library's own callable back for its duration, acts as a user would, and
asserts that the library still gets it wrong. When one fails, upstream has fixed it: delete the
replacement (and its canary), and the rest of the suite says whether anything else relied on it.
"""

import pytest
from django.contrib.auth import get_user_model
from wagtail_localize.models import Translation, TranslationSource

from locales import patches
from locales.roles import EDITORS, assign_role
from locales.translation import translate_with_strings
from news.models import NewsArticlePage, Topic
from tests.factories import (
    ImageFactory,
    NewsArticlePageFactory,
    TopicFactory,
    news_index,
    publish,
    swap_a_decorative_photo,
    sync_translations,
    translate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(monkeypatch):
    """Put one replaced callable back as the library has it: `library("save_target")`."""

    def restore(name):
        replacement = next(r for r in patches.REPLACEMENTS if r.name == name)
        monkeypatch.setattr(patches._resolve(replacement.owner), name, patches.original(name))

    return restore


@pytest.fixture
def news(home_pages):
    return news_index(home_pages["zh-hans"])


def test_every_replacement_names_its_upstream_issue_and_is_installed():
    for replacement in patches.REPLACEMENTS:
        assert replacement.upstream.startswith("https://github.com/wagtail/"), replacement
        current = getattr(patches._resolve(replacement.owner), replacement.name)
        assert getattr(current, patches.MARKER, False), replacement
        assert callable(patches.original(replacement.name))
    assert len(patches.REPLACEMENTS) <= 9


def test_the_version_check_warns_outside_the_tested_versions(monkeypatch):
    assert patches.check_tested_versions() == []
    monkeypatch.setitem(patches.TESTED_VERSIONS, "wagtail", ("7.0", "8.0"))
    [warning] = patches.check_tested_versions()
    assert warning.id == "locales.W020" and "wagtail 8." in warning.msg


def test_canary_an_emptied_many_to_many_stays_on_translations(
    library, news, locales, django_capture_on_commit_callbacks
):
    library("copy_synchronised_fields")
    topic = TopicFactory(slug="exchange")
    article = NewsArticlePageFactory(parent=news)
    article.topics.set([topic])
    publish(article)
    translate(article, [locales["en"]], django_capture_on_commit_callbacks)

    article = NewsArticlePage.objects.get(pk=article.pk)
    article.topics.set([])
    publish(article)
    sync_translations(article, django_capture_on_commit_callbacks)

    assert list(NewsArticlePage.objects.get(locale=locales["en"]).topics.all()) == [topic]


def test_canary_a_swapped_photo_loses_its_decorative_flag(
    library, news, locales, django_capture_on_commit_callbacks
):
    library("handle_image_block")
    photo, kazakh_photo = ImageFactory(), ImageFactory()
    stored = swap_a_decorative_photo(
        news, locales["kk"], photo, kazakh_photo, django_capture_on_commit_callbacks
    )
    assert stored["image"] == kazakh_photo.pk
    assert not stored.get("decorative")


def test_canary_an_unfinished_page_translation_is_published_with_source_text(
    library, news, locales, django_capture_on_commit_callbacks
):
    library("save_target")
    article = publish(NewsArticlePageFactory(parent=news, title="中哈丝路在线课程首课开讲"))
    source, _created = TranslationSource.get_or_create_from_instance(article)
    translation = Translation.objects.create(source=source, target_locale=locales["kk"])

    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)  # nothing translated yet

    kazakh = NewsArticlePage.objects.get(locale=locales["kk"], translation_key=article.translation_key)
    assert kazakh.live and kazakh.title == "中哈丝路在线课程首课开讲"


def test_canary_a_po_export_has_no_language_header(library, news, locales):
    library("export_po")
    article = publish(NewsArticlePageFactory(parent=news))
    source, _created = TranslationSource.get_or_create_from_instance(article)
    translation = Translation.objects.create(source=source, target_locale=locales["kk"])

    po = translation.export_po()

    assert "Language" not in po.metadata and "Project-Id-Version" not in po.metadata


def test_canary_a_kazakh_slug_is_cut_to_its_latin_fragment(library, news, locales):
    library("ingest_segments")
    seed = publish(NewsArticlePageFactory(parent=news, title="中哈丝路在线课程首课开讲", slug="shouke"))

    kk = translate_with_strings(
        seed,
        locales["kk"],
        {seed.title: "Астана IT университетімен келісім", seed.slug: "астана-it-университетімен-келісім"},
    )

    assert kk.slug != "astana-it-universitetimen-kelisim"
    assert kk.slug.isascii() and "astana" not in kk.slug


def test_canary_the_translation_editor_judges_a_snippet_by_its_model(library, locales):
    topic = TopicFactory(slug="exchange")
    kazakh = translate_with_strings(topic, locales["kk"], {topic.name: "Алмасу"})
    editor = get_user_model().objects.create_user(username="wang", password="x")
    assign_role(editor, EDITORS)  # changes topics, in Chinese only
    assert Topic.objects.filter(pk=kazakh.pk).exists()

    from wagtail_localize.views import edit_translation

    assert not edit_translation.user_can_edit_instance(editor, kazakh)  # ours
    library("user_can_edit_instance")
    assert edit_translation.user_can_edit_instance(editor, kazakh)  # the library's
