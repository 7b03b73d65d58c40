"""The translation status report: states, progress, links, filters, query count, and agreement
with the delivery API's alternates. `build_site` is shared by test_sync.py and test_po.py."""

import datetime
import re
from dataclasses import dataclass, field

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from home.models import HomePage
from locales.report import (
    COMPLETE,
    DRAFT,
    IN_PROGRESS,
    MISSING,
    OUT_OF_DATE,
    SOURCE_CHANGED,
    UNTRANSLATED,
    TranslationGrid,
    save_target,
)
from locales.translation import translate_with_strings
from news.models import NewsArticlePage, NewsIndexPage, Topic
from tests.factories import translate_string

pytestmark = pytest.mark.django_db
API = "/api/content/v1"
REPORT = "/admin/translation-status/"

SEED_PARAGRAPH = "4月18日下午，中哈丝路学院首课开讲。"
SEED_EN = {
    "中哈丝路在线课程首课开讲": "The First Class of the Silk Road Online Course Opened",
    "shouke": "first-class-opened",
    SEED_PARAGRAPH: "On the afternoon of April 18, the Silk Road College opened its first class.",
    "贾华仪": "Jia Huayi",
}
SEED_KK = {
    "中哈丝路在线课程首课开讲": "Жібек жолы онлайн курсының алғашқы сабағы басталды",
    "shouke": "alghashqy-sabaq",
    SEED_PARAGRAPH: "18 сәуір күні түстен кейін Жібек жолы колледжі алғашқы сабағын өткізді.",
    "贾华仪": "Цзя Хуаи",
}


@dataclass
class Site:
    locales: dict
    homes: dict
    index: dict = field(default_factory=dict)
    topic: dict = field(default_factory=dict)
    articles: dict = field(default_factory=dict)


def add_article(index, slug, title, paragraph, date=datetime.date(2025, 4, 18)):
    page = index.add_child(
        instance=NewsArticlePage(
            title=title,
            slug=slug,
            date=date,
            drafted_by="贾华仪",
            body=[("paragraph", f"<p>{paragraph}</p>")],
        )
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_site():
    """News in zh-hans with en and kk, as translators make it:

    - `seed`: translated into en and kk, every string;
    - `middle`: en only (a kk reader gets en);
    - `oldest`: zh-hans only;
    - the news index and a topic (a snippet): en and kk.
    """
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    homes = {page.locale.language_code: page for page in HomePage.objects.select_related("locale")}
    en, kk = locales["en"], locales["kk"]
    site = Site(locales=locales, homes=homes)
    index = homes["zh-hans"].add_child(instance=NewsIndexPage(title="新闻", slug="xinwen"))
    site.index = {
        "zh-hans": index,
        "en": translate_with_strings(index, en, {"新闻": "News", "xinwen": "news"}),
        "kk": translate_with_strings(index, kk, {"新闻": "Жаңалықтар", "xinwen": "zhanalyqtar"}),
    }
    topic = Topic.objects.create(
        name="国际交流与合作", slug="international-exchange", locale=locales["zh-hans"]
    )
    site.topic = {
        "zh-hans": topic,
        "en": translate_with_strings(topic, en, {"国际交流与合作": "International Exchange and Cooperation"}),
        "kk": translate_with_strings(topic, kk, {"国际交流与合作": "Халықаралық алмасу және ынтымақтастық"}),
    }
    seed = add_article(index, "shouke", "中哈丝路在线课程首课开讲", SEED_PARAGRAPH)
    site.articles["seed"] = {
        "zh-hans": seed,
        "en": translate_with_strings(seed, en, SEED_EN),
        "kk": translate_with_strings(seed, kk, SEED_KK),
    }
    middle = add_article(
        index, "dongyuan", "赴哈交流团行前动员会", "行前动员会召开。", datetime.date(2025, 4, 10)
    )
    site.articles["middle"] = {
        "zh-hans": middle,
        "en": translate_with_strings(
            middle,
            en,
            {
                "赴哈交流团行前动员会": "Pre-departure Meeting",
                "dongyuan": "pre-departure-meeting",
                "行前动员会召开。": "The pre-departure meeting was held.",
                "贾华仪": "Jia Huayi",
            },
        ),
    }
    oldest = add_article(index, "qianshu", "签署战略合作协议", "双方签署协议。", datetime.date(2025, 3, 1))
    site.articles["oldest"] = {"zh-hans": oldest}
    return site


def module_site_fixture():
    """A module-scoped fixture building `build_site()` once, rolled back after the module (each
    test runs in a savepoint inside it, as Django's setUpTestData does)."""

    @pytest.fixture(scope="module")
    def module_site(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            try:
                with TestCase.captureOnCommitCallbacks(execute=True):
                    data = build_site()
                yield data
            finally:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)

    return module_site


module_site = module_site_fixture()


@pytest.fixture
def site(module_site, db):
    """The module's data set, every object read afresh for this test."""
    fresh = Site(
        locales={code: Locale.objects.get(pk=locale.pk) for code, locale in module_site.locales.items()},
        homes={code: type(p).objects.get(pk=p.pk) for code, p in module_site.homes.items()},
    )
    fresh.index = {code: type(p).objects.get(pk=p.pk) for code, p in module_site.index.items()}
    fresh.topic = {code: type(t).objects.get(pk=t.pk) for code, t in module_site.topic.items()}
    fresh.articles = {
        key: {code: type(p).objects.get(pk=p.pk) for code, p in versions.items()}
        for key, versions in module_site.articles.items()
    }
    return fresh


def edit_and_publish(page, **changes):
    """What an editor does: change the page in the admin's form and publish it."""
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def states(instance, grid=None):
    row = (grid or TranslationGrid()).row(instance)
    return {code: cell.state for code, cell in row.cells.items()}


def api_states(client, page):
    data = client.get(f"{API}/news/{page.pk}?locale=zh-hans").json()
    return {alt["locale"]: alt["state"] for alt in data["alternates"]}


# --- States ----------------------------------------------------------------------------------


def test_each_page_and_snippet_has_a_state_and_progress_per_language(site):
    grid = TranslationGrid()
    assert grid.language_codes == ["en", "kk"]
    assert states(site.articles["seed"]["zh-hans"], grid) == {"en": COMPLETE, "kk": COMPLETE}
    assert states(site.articles["middle"]["zh-hans"], grid) == {"en": COMPLETE, "kk": MISSING}
    assert states(site.articles["oldest"]["zh-hans"], grid) == {"en": MISSING, "kk": MISSING}
    assert states(site.topic["zh-hans"], grid) == {"en": COMPLETE, "kk": COMPLETE}
    cell = grid.row(site.articles["seed"]["zh-hans"]).cells["kk"]
    assert (cell.total, cell.done, cell.percent) == (4, 4, 100)
    # Home pages (translated at set-up) and the news index are rows too; Wagtail's root is not.
    pages = [row for row in grid.rows if row.kind == "page"]
    assert [row.instance.pk for row in pages[:2]] == [site.homes["zh-hans"].pk, site.index["zh-hans"].pk]
    assert all(row.instance.depth > 1 for row in pages)


def test_an_edited_snippet_is_out_of_date_until_synced(site):
    topic = site.topic["zh-hans"]
    topic.description = "学院的国际合作新闻"
    topic.save()
    cells = TranslationGrid().row(topic).cells
    assert {code: (cell.state, cell.reason) for code, cell in cells.items()} == {
        "en": (OUT_OF_DATE, SOURCE_CHANGED),
        "kk": (OUT_OF_DATE, SOURCE_CHANGED),
    }
    call_command("sync_translations", verbosity=0)
    cells = TranslationGrid().row(topic).cells
    assert {code: (cell.state, cell.reason) for code, cell in cells.items()} == {
        "en": (OUT_OF_DATE, UNTRANSLATED),
        "kk": (OUT_OF_DATE, UNTRANSLATED),
    }


def test_progress_is_what_wagtail_localize_counts(site):
    source = TranslationSource.objects.get(object_id=site.articles["seed"]["zh-hans"].translation_key)
    # An untranslated and an erroneous string do not count.
    from wagtail_localize.models import StringTranslation

    StringTranslation.objects.filter(locale=site.locales["kk"], context__path="drafted_by").delete()
    StringTranslation.objects.filter(locale=site.locales["en"], context__path="title").update(has_error=True)
    grid = TranslationGrid()
    for row in grid.rows:
        for cell in row.cells.values():
            if cell.translation is not None:
                assert (cell.total, cell.done) == cell.translation.get_progress(), (row.title, cell)
    seed = grid.row(site.articles["seed"]["zh-hans"])
    assert (seed.cells["kk"].done, seed.cells["en"].done) == (3, 3)
    assert seed.source.pk == source.pk


def test_a_draft_translation_is_in_progress_and_readers_get_the_fallback(site, client):
    middle = site.articles["middle"]["zh-hans"]
    kk = translate_with_strings(
        middle, site.locales["kk"], {"赴哈交流团行前动员会": "Кетер алдындағы жиналыс"}, publish=False
    )
    assert not kk.live
    cell = TranslationGrid().row(middle).cells["kk"]
    assert (cell.state, cell.reason, cell.percent) == (IN_PROGRESS, DRAFT, 25)
    assert api_states(client, middle)["kk"] == "fallback"


def test_a_live_translation_being_started_is_in_progress(site, client):
    middle = site.articles["middle"]["zh-hans"]
    translate_with_strings(middle, site.locales["kk"], {"赴哈交流团行前动员会": "Кетер алдындағы жиналыс"})
    cell = TranslationGrid().row(middle).cells["kk"]
    assert (cell.state, cell.reason) == (IN_PROGRESS, UNTRANSLATED)
    # Readers see source text for three of its strings: the API calls that out of date.
    assert api_states(client, middle)["kk"] == OUT_OF_DATE


def test_a_source_edit_marks_en_and_kk_out_of_date_in_the_report_and_the_api(
    site, client, django_capture_on_commit_callbacks
):
    seed = site.articles["seed"]["zh-hans"]
    assert api_states(client, seed) == {"zh-hans": "translated", "en": "translated", "kk": "translated"}

    edit_and_publish(seed, body=[("paragraph", "<p>4月18日下午，中哈丝路学院第一课开讲。</p>")])
    row = TranslationGrid().row(seed)
    assert {code: (cell.state, cell.reason) for code, cell in row.cells.items()} == {
        "en": (OUT_OF_DATE, SOURCE_CHANGED),
        "kk": (OUT_OF_DATE, SOURCE_CHANGED),
    }
    assert row.source_changed
    assert api_states(client, seed) == {"zh-hans": "translated", "en": "out_of_date", "kk": "out_of_date"}

    # Syncing re-reads the source: the changed paragraph is untranslated in both languages, so
    # both stay out of date (now for that reason) until a translator fills it in.
    call_command("sync_translations", verbosity=0)
    row = TranslationGrid().row(seed)
    assert {code: (cell.state, cell.reason, cell.done, cell.total) for code, cell in row.cells.items()} == {
        "en": (OUT_OF_DATE, UNTRANSLATED, 3, 4),
        "kk": (OUT_OF_DATE, UNTRANSLATED, 3, 4),
    }
    assert api_states(client, seed) == {"zh-hans": "translated", "en": "out_of_date", "kk": "out_of_date"}

    # The English translator translates it and publishes: complete, and "translated" in the API.
    translate_string(seed, site.locales["en"], _paragraph_path(seed), "On April 18 the first lesson began.")
    save_target(
        Translation.objects.get(source__object_id=seed.translation_key, target_locale=site.locales["en"])
    )
    assert states(seed) == {"en": COMPLETE, "kk": OUT_OF_DATE}
    assert api_states(client, seed) == {"zh-hans": "translated", "en": "translated", "kk": "out_of_date"}


def _paragraph_path(page):
    from tests.factories import string_segments

    return next(path for path in string_segments(page) if path.startswith("body."))


def test_report_and_api_agree_on_every_article(site, client):
    """The API's alternates and the report read the same TranslationStatus."""
    middle = site.articles["middle"]["zh-hans"]
    translate_with_strings(middle, site.locales["kk"], {"赴哈交流团行前动员会": "Кетер алдындағы жиналыс"})
    edit_and_publish(site.articles["seed"]["zh-hans"], title="中哈丝路在线课程首课开讲了")
    grid = TranslationGrid()
    expected = {
        COMPLETE: {"translated"},
        OUT_OF_DATE: {"out_of_date"},
        IN_PROGRESS: {"out_of_date", "fallback"},
    }
    expected[MISSING] = {"fallback", "missing"}
    for key in ("seed", "middle", "oldest"):
        page = site.articles[key]["zh-hans"]
        report = states(page, grid)
        api = api_states(client, page)
        for code in ("en", "kk"):
            assert api[code] in expected[report[code]], (key, code, report[code], api[code])


# --- The admin view ----------------------------------------------------------------------------


def cells_in(html):
    """{(row title, language): state} from the rendered report."""
    result = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        title = re.search(r'<a href="[^"]+">([^<]+)</a>', row)
        for code, state in re.findall(r'data-locale="([^"]+)" data-state="([^"]*)"', row):
            result[(title.group(1).strip(), code)] = state
    return result


def test_the_report_is_in_the_reports_menu_and_links_each_cell_to_the_translation_editor(site, admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert REPORT.encode() in response.content
    response = admin_client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    cells = cells_in(html)
    assert cells[("中哈丝路在线课程首课开讲", "kk")] == COMPLETE
    assert cells[("赴哈交流团行前动员会", "kk")] == MISSING
    assert cells[("国际交流与合作", "en")] == COMPLETE
    kk = site.articles["seed"]["kk"]
    editor = reverse("wagtailadmin_pages:edit", args=[kk.pk])
    assert f'href="{editor}"' in html
    # The link opens wagtail-localize's translation editor, not the plain page editor.
    response = admin_client.get(editor)
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]
    topic_editor = reverse("wagtailsnippets_news_topic:edit", args=[site.topic["kk"].pk])
    assert f'href="{topic_editor}"' in html
    # A missing translation offers wagtail-localize's "Translate this page".
    assert (
        reverse("wagtail_localize:submit_page_translation", args=[site.articles["middle"]["zh-hans"].pk])
        in html
    )


def test_the_report_filters_by_language_state_type_and_title(site, admin_client):
    html = admin_client.get(REPORT, {"locale": "kk", "state": MISSING}).content.decode()
    cells = cells_in(html)
    assert {code for _title, code in cells} == {"kk"}
    titles = {title for (title, _code), state in cells.items() if state == MISSING}
    assert titles == {"赴哈交流团行前动员会", "签署战略合作协议"}
    assert "中哈丝路在线课程首课开讲" not in html

    cells = cells_in(admin_client.get(REPORT, {"kind": "snippet"}).content.decode())
    assert {title for title, _code in cells} == {"国际交流与合作"}
    cells = cells_in(admin_client.get(REPORT, {"q": "动员"}).content.decode())
    assert {title for title, _code in cells} == {"赴哈交流团行前动员会"}
    # An unknown value is ignored rather than an error.
    assert admin_client.get(REPORT, {"locale": "fr", "state": "nonsense"}).status_code == 200


def test_the_reports_query_count_does_not_grow_with_the_number_of_pages(site, admin_client):
    index = site.index["zh-hans"]

    def add_pages(n, start):
        for i in range(start, start + n):
            page = add_article(index, f"extra-{i}", f"新闻 {i}", f"内容 {i}。")
            if i % 2:
                translate_with_strings(page, site.locales["en"], {f"新闻 {i}": f"News {i}"})
            if i % 3 == 0:
                translate_with_strings(page, site.locales["kk"], {f"新闻 {i}": f"Жаңалық {i}"}, publish=False)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(REPORT)
        assert response.status_code == 200
        return len(queries), response.content.decode().count('data-locale="kk"')

    add_pages(3, 0)
    admin_client.get(REPORT)  # caches that fill once per process (content types, menus)
    few, few_rows = count()
    add_pages(6, 3)
    many, many_rows = count()
    assert many_rows == few_rows + 6
    assert many == few, f"{few} queries for {few_rows} rows, {many} for {many_rows}"
    assert few < 40


def test_machine_made_strings_count_as_untranslated_until_a_person_confirms_them(site, client, settings):
    from wagtail_localize.models import StringTranslation

    seed = site.articles["seed"]["zh-hans"]
    before = TranslationGrid().row(seed).cells["kk"]
    assert before.state == COMPLETE and api_states(client, seed)["kk"] == "translated"
    string = StringTranslation.objects.get(locale=site.locales["kk"], context__path="drafted_by")
    string.translation_type, string.tool_name = StringTranslation.TRANSLATION_TYPE_MACHINE, "LibreTranslate"
    string.save()

    cell = TranslationGrid().row(seed).cells["kk"]
    assert (cell.state, cell.done) == (IN_PROGRESS, before.done - 1)
    assert api_states(client, seed)["kk"] == OUT_OF_DATE

    settings.TRANSLATION_PUBLISH_MACHINE_OUTPUT = True  # machine output may go live
    assert TranslationGrid().row(seed).cells["kk"].done == before.done
    string.data = "[kk] 贾华仪"  # the offline placeholder's stand-in never counts
    string.save()
    assert TranslationGrid().row(seed).cells["kk"].done == before.done - 1


def test_a_republish_without_a_change_leaves_translations_up_to_date(site, client):
    seed = site.articles["seed"]["zh-hans"]
    edit_and_publish(seed)  # Publish again, nothing edited
    assert states(seed) == {"en": COMPLETE, "kk": COMPLETE}
    assert api_states(client, seed) == {"zh-hans": "translated", "en": "translated", "kk": "translated"}

    edit_and_publish(seed, title="中哈丝路在线课程首课顺利开讲")  # a real change still counts
    assert states(seed) == {"en": OUT_OF_DATE, "kk": OUT_OF_DATE}


def test_a_republish_with_only_a_new_date_still_needs_a_sync(site, client):
    """The date is the same in every language, but it reaches the translations only by a sync."""
    seed = site.articles["seed"]["zh-hans"]
    edit_and_publish(seed, date=seed.date - datetime.timedelta(days=30))
    assert states(seed) == {"en": OUT_OF_DATE, "kk": OUT_OF_DATE}
