"""`manage.py sync_translations`: re-reads changed sources and re-renders their translations,
keeping each one's live state; idempotent; a failure is reported and the others go on."""

import datetime
import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail_localize.models import StringTranslation

from locales.report import OUT_OF_DATE, UNTRANSLATED, TranslationGrid
from locales.translation import translate_with_strings
from news.models import Topic
from tests.locales import test_report as shared
from tests.locales.test_report import edit_and_publish

pytestmark = pytest.mark.django_db
module_site = shared.module_site_fixture()
site = shared.site


def sync(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("sync_translations", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def fresh(page):
    return type(page).objects.get(pk=page.pk)


def test_sync_brings_changed_sources_in_and_keeps_each_translations_live_state(site):
    seed, middle = site.articles["seed"], site.articles["middle"]
    kk_middle = translate_with_strings(
        middle["zh-hans"],
        site.locales["kk"],
        {"赴哈交流团行前动员会": "Кетер алдындағы жиналыс"},
        publish=False,
    )
    edit_and_publish(seed["zh-hans"], title="中哈丝路在线课程首课开讲了", drafted_by="贾华仪、王老师")
    edit_and_publish(middle["zh-hans"], drafted_by="王老师")
    sync(verbosity=0)  # what the changed news index and home pages also need

    edit_and_publish(seed["zh-hans"], title="中哈丝路在线课程第一课开讲", drafted_by="王老师")
    edit_and_publish(middle["zh-hans"], drafted_by="赵老师")
    revisions_before = fresh(kk_middle).latest_revision_id
    out, _err = sync()
    assert out.splitlines() == [
        "Synced 4, up to date 6, failed 0.",
        "  en: synced 2, up to date 3, failed 0",
        "  kk: synced 2, up to date 3, failed 0",
    ]
    # Live translations keep the texts their readers had: the changed title is not translated
    # yet, so English readers keep the finished English title rather than the new Chinese one,
    # while a field that is the same in every language (the date) would reach them at once.
    # The new rendering waits as a draft, the source text standing in for the changed string.
    en_seed = fresh(seed["en"])
    assert en_seed.live and en_seed.has_unpublished_changes
    assert en_seed.title == seed["en"].title
    assert en_seed.drafted_by == seed["en"].drafted_by
    draft = en_seed.get_latest_revision_as_object()
    assert (draft.title, draft.drafted_by) == ("中哈丝路在线课程第一课开讲", "王老师")
    assert fresh(middle["en"]).live
    assert fresh(middle["en"]).get_latest_revision_as_object().drafted_by == "赵老师"
    # The draft stayed a draft, with a new revision.
    kk_middle = fresh(kk_middle)
    assert not kk_middle.live
    assert kk_middle.latest_revision_id != revisions_before
    assert kk_middle.get_latest_revision_as_object().drafted_by == "赵老师"
    # Translated strings that did not change are kept.
    assert fresh(seed["kk"]).slug == site.articles["seed"]["kk"].slug


def test_a_change_every_language_shares_goes_live_at_once_and_texts_wait_for_their_translator(site):
    seed = site.articles["seed"]
    en_title = seed["en"].title
    # Only the date changes: nothing to translate, so the English page is published again.
    edit_and_publish(seed["zh-hans"], date=datetime.date(2025, 3, 4))
    sync(verbosity=0)
    en_seed = fresh(seed["en"])
    assert en_seed.date == datetime.date(2025, 3, 4) and not en_seed.has_unpublished_changes
    # The date and the title change: the date reaches English readers at once, with the last
    # finished English title, until the new title is translated and the draft published.
    edit_and_publish(seed["zh-hans"], date=datetime.date(2025, 3, 5), title="中哈丝路在线课程首课开讲了")
    sync(verbosity=0)
    en_seed = fresh(seed["en"])
    assert (en_seed.date, en_seed.title) == (datetime.date(2025, 3, 5), en_title)
    assert en_seed.has_unpublished_changes
    cells = TranslationGrid().row(seed["zh-hans"]).cells
    assert (cells["en"].state, cells["en"].reason) == (OUT_OF_DATE, UNTRANSLATED)


def test_sync_is_idempotent(site):
    edit_and_publish(site.articles["seed"]["zh-hans"], title="中哈丝路在线课程首课开讲了")
    sync(verbosity=0)
    revisions = {code: fresh(page).latest_revision_id for code, page in site.articles["seed"].items()}
    out, _err = sync()
    assert out.splitlines()[0] == "Synced 0, up to date 9, failed 0."
    assert {code: fresh(page).latest_revision_id for code, page in site.articles["seed"].items()} == revisions
    out, _err = sync(force=True)
    assert out.splitlines()[0] == "Synced 9, up to date 0, failed 0."


def test_sync_of_one_language_leaves_the_others_out_of_date(site):
    seed = site.articles["seed"]["zh-hans"]
    edit_and_publish(seed, title="中哈丝路在线课程首课开讲了")
    out, _err = sync("--locale", "kk")
    assert out.splitlines()[1:] == ["  kk: synced 3, up to date 1, failed 0"]
    kk_seed = fresh(site.articles["seed"]["kk"])
    assert kk_seed.get_latest_revision_as_object().title == "中哈丝路在线课程首课开讲了"
    # The source was re-read for kk: the English page is out of date because its changed string
    # is untranslated; the next full sync renders it, as a draft.
    cells = TranslationGrid().row(seed).cells
    assert (cells["en"].state, cells["en"].reason) == (OUT_OF_DATE, UNTRANSLATED)
    assert fresh(site.articles["seed"]["en"]).title == site.articles["seed"]["en"].title
    out, _err = sync()
    assert "  en: synced 3, up to date 2, failed 0" in out
    en_seed = fresh(site.articles["seed"]["en"])
    assert en_seed.title == site.articles["seed"]["en"].title
    assert en_seed.get_latest_revision_as_object().title == "中哈丝路在线课程首课开讲了"
    with pytest.raises(CommandError, match="Unknown language: fr"):
        sync("--locale", "fr")


def test_snippets_are_synced_too(site):
    topic = site.topic["zh-hans"]
    topic.description = "学院的国际合作新闻"
    topic.save()
    sync(verbosity=0)
    assert Topic.objects.get(pk=site.topic["kk"].pk).description == "学院的国际合作新闻"
    assert Topic.objects.get(pk=site.topic["kk"].pk).name == "Халықаралық алмасу және ынтымақтастық"


def test_a_failing_translation_is_reported_and_the_others_are_synced(site):
    seed = site.articles["seed"]
    # A Kazakh title longer than a page title may be: saving that translation fails.
    StringTranslation.objects.filter(locale=site.locales["kk"], context__path="title").filter(
        context__object_id=seed["zh-hans"].translation_key
    ).update(data="Ұзын " * 60)
    edit_and_publish(seed["zh-hans"], drafted_by="王老师")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 translation"):
        call_command("sync_translations", stdout=out, stderr=err)
    assert "  kk: synced 2, up to date 1, failed 1" in out.getvalue()
    assert "failed: news.newsarticlepage “中哈丝路在线课程首课开讲” -> kk:" in err.getvalue()
    assert "255" in err.getvalue()  # the reason: the title's maximum length
    # English was synced (a draft: "王老师" is not translated yet); Kazakh's save was rolled back.
    assert fresh(seed["en"]).get_latest_revision_as_object().drafted_by == "王老师"
    assert fresh(seed["kk"]).get_latest_revision_as_object().drafted_by == "Цзя Хуаи"


def test_progress_goes_to_stderr_and_is_silent_at_verbosity_0(site):
    edit_and_publish(site.articles["seed"]["zh-hans"], title="中哈丝路在线课程首课开讲了")
    _out, err = sync()
    assert "Syncing translations [" in err
    assert err.endswith("] 9/9\n")
    out, err = sync(force=True, verbosity=0)
    assert (out, err) == ("", "")


def test_readers_of_a_synced_translation_get_its_finished_text_marked_out_of_date(site, client):
    seed = site.articles["seed"]
    edit_and_publish(seed["zh-hans"], title="中哈丝路在线课程首课开讲了")
    sync(verbosity=0)
    for code in ("en", "kk"):
        data = client.get(f"/api/content/v1/news/{seed['zh-hans'].pk}", {"locale": code}).json()
        assert data["locale"] == {"requested": code, "served": code, "fallback": False}
        assert data["title"] == seed[code].title
        assert {alt["locale"]: alt["state"] for alt in data["alternates"]}[code] == "out_of_date"
        text = json.dumps(
            {key: value for key, value in data.items() if key != "alternates"}, ensure_ascii=False
        )
        assert not re.search(r"[\u4e00-\u9fff]", text), f"Chinese text served as {code}"
