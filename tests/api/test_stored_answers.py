"""Stored answers (home.answers): each canonical delivery answer is rendered once, stored, and
read back in one or two queries, and is never served once anything it shows has changed.

pytest-django never commits a test's transaction, so `transaction.on_commit` callbacks (the
marking after a commit, which also marks a changed article's new neighbours and moves the
content version that news list windows are kept by) run only inside
`django_capture_on_commit_callbacks(execute=True)` or `committed()`. Tests use them where that
step is what makes the answer right (every test that reads a list after a change), and otherwise
leave them out so that the marking in the change's own transaction is what is tested.
"""

import contextlib
import datetime

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from home.answers import invalidation, tasks
from home.answers.store import bump_version
from home.models import SitePhoneLine, SiteSettings, StoredAnswer
from locales.translation import translate_with_strings
from news import api as news_api
from news.models import NewsArticlePage, Topic
from partnerships.models import PartnershipPage

pytestmark = pytest.mark.django_db
API = "/api/content/v1"


@pytest.fixture(autouse=True)
def answers_only(settings, monkeypatch):
    """Stored answers on, rendered by the next reader."""
    settings.API_STORED_ANSWERS = True
    settings.API_RENDER_AHEAD = False
    # Changes of earlier tests, rolled back and never committed, stay pending in this thread: the
    # next after-commit marking would mark their answers too and could hide a missing marking.
    monkeypatch.setattr(invalidation, "_pending", invalidation._Pending())


# --- Helpers ----------------------------------------------------------------------------------------


@contextlib.contextmanager
def committed():
    """A change as production commits it: its after-commit step runs at the end of the block."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        yield


def read(client, url, **headers):
    """(response, how many queries answering it took)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def stored(url, language=""):
    """The stored answer of `url` (path and query string as requested)."""
    return StoredAnswer.objects.get(path=url, language=language)


def detail_url(page, locale, **params):
    query = "".join(f"&{name}={value}" for name, value in params.items())
    return f"{API}/news/{page.pk}?locale={locale}{query}"


def list_url(locale, **params):
    query = "".join(f"&{name}={value}" for name, value in params.items())
    return f"{API}/news?locale={locale}{query}"


def item_ids(client, url):
    return [item["id"] for item in client.get(url).json()["items"]]


def item(client, url, article_id):
    return next(item for item in client.get(url).json()["items"] if item["id"] == article_id)


def alternate_states(client, url):
    return {alt["locale"]: alt["state"] for alt in client.get(url).json()["alternates"]}


def translate_strings(segments, locale):
    """As wagtail-localize's editor saves a translator's work: one string at a time, the page
    itself untouched until the translation is published."""
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": f"{segment.string.data} (kk)"},
        )


def is_news_list(url):
    return url.split("?")[0] == f"{API}/news"


def summaries_of(client, url):
    """The stored summaries a news list is assembled from (home.answers.fragments), by item id."""
    response = client.get(url)
    query = dict(part.split("=") for part in url.split("?")[1].split("&"))
    suffix = f"{query['locale']}/{0 if query.get('fallback') == 'false' else 1}"
    return {
        item["id"]: StoredAnswer.objects.get(path=f"fragment:news-summary/{item['id']}/{suffix}")
        for item in response.json()["items"]
    }


def prime(client, *urls):
    """Read each URL so that its answer is stored (a news list's summaries), and check it is."""
    for url in urls:
        assert client.get(url).status_code == 200, url
        if is_news_list(url):
            assert not any(summary.stale for summary in summaries_of(client, url).values()), url
        else:
            assert not stored(url).stale, url


def publish(page, **fields):
    page = type(page).objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def add_article(index, title, slug, date):
    page = index.add_child(
        instance=NewsArticlePage(title=title, slug=slug, date=date, body=[("paragraph", "<p>新闻。</p>")])
    )
    page.save_revision().publish()
    return page


# --- Stored and read back ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["detail", "list"])
def test_a_second_read_is_the_stored_answer_in_two_queries(client, content, kind):
    url = detail_url(content.articles["seed"]["kk"], "kk") if kind == "detail" else list_url("kk")
    first, rendering = read(client, url)
    second, reading = read(client, url)
    assert first.status_code == second.status_code == 200
    assert rendering > 2
    # The answer and the view counts it shows (a news list window was assembled from stored
    # summaries and is kept until any change).
    assert reading <= 2
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    # Counted on the placeholders' bytes, a rendered answer's length would cut its body short.
    assert int(first["Content-Length"]) == len(first.content)
    if kind == "detail":
        answer = stored(url)
        assert not answer.stale
        assert answer.content_type == "application/json; charset=utf-8"
    else:
        assert not any(summary.stale for summary in summaries_of(client, url).values())

    not_modified, queries = read(client, url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and queries <= 2


# --- View counts ------------------------------------------------------------------------------------


def test_view_counts_are_read_live_from_a_stored_answer(client, content):
    seed = content.articles["seed"]
    detail, listing = detail_url(seed["en"], "en"), list_url("en")
    prime(client, detail, listing)
    rendered_at = {
        "detail": stored(detail).rendered_at,
        "summary": summaries_of(client, listing)[seed["en"].pk].rendered_at,
    }
    before = client.get(detail)
    before_count = before.json()["view_count"]

    recorded = client.post(f"{API}/news/{seed['en'].pk}/views")
    assert recorded.status_code == 200 and recorded.json()["counted"]

    after, queries = read(client, detail)
    assert queries <= 2  # answered from the answer, not rendered again
    assert after.json()["view_count"] == before_count + 1 == recorded.json()["view_count"]
    assert after["ETag"] != before["ETag"]
    assert item(client, listing, seed["en"].pk)["view_count"] == before_count + 1
    # Every translation shares the count.
    assert client.get(detail_url(seed["kk"], "kk")).json()["view_count"] == before_count + 1
    # Neither was rendered again.
    for answer, at in (
        (stored(detail), rendered_at["detail"]),
        (summaries_of(client, listing)[seed["en"].pk], rendered_at["summary"]),
    ):
        assert not answer.stale and answer.rendered_at == at


def test_text_that_looks_like_a_view_count_placeholder_is_served_as_written(client, content):
    """A view count is stored as a 19-digit placeholder; an editor's text may hold such digits too."""
    seed = publish(
        content.articles["seed"]["en"],
        summary='Contract 8000000000000000000, annex 8000000000000000007, "view_count": 8000000000000000000',
    )
    client.raise_request_exception = False
    url = detail_url(seed, "en")
    for attempt in ("rendered", "stored"):
        response = client.get(url)
        assert response.status_code == 200, attempt
        assert response.json()["summary"] == seed.summary, attempt


# --- Never stale --------------------------------------------------------------------------------------


def test_an_edited_article_reaches_its_language_and_the_languages_that_fall_back_to_it(client, content):
    middle = content.articles["middle"]
    urls = [detail_url(middle["en"], "en"), list_url("en"), detail_url(middle["en"], "kk"), list_url("kk")]
    prime(client, *urls)
    assert client.get(urls[2]).json()["locale"]["served"] == "en"  # kk readers get the English one

    with committed():
        publish(middle["en"], title="Pre-departure meeting, corrected")

    assert client.get(urls[0]).json()["title"] == "Pre-departure meeting, corrected"
    assert item(client, urls[1], middle["en"].pk)["title"] == "Pre-departure meeting, corrected"
    assert client.get(urls[2]).json()["title"] == "Pre-departure meeting, corrected"
    assert item(client, urls[3], middle["en"].pk)["title"] == "Pre-departure meeting, corrected"


def test_a_new_article_is_listed_and_becomes_the_previous_of_the_newest(
    client, content, django_capture_on_commit_callbacks
):
    seed = content.articles["seed"]
    details = {code: detail_url(seed[code], code) for code in ("zh-hans", "en", "kk")}
    prime(client, list_url("zh-hans"), *details.values())
    assert all(client.get(url).json()["previous"] is None for url in details.values())

    # The newest article's answer did not load the new one: only the marking after the commit
    # (the new article's neighbours) makes it stale.
    with django_capture_on_commit_callbacks(execute=True):
        new = add_article(
            content.news_index["zh-hans"], "新的一篇", "xin-de-yi-pian", datetime.date(2025, 5, 6)
        )

    assert item_ids(client, list_url("zh-hans"))[0] == new.pk
    for code, url in details.items():  # en and kk readers get the Chinese one
        assert client.get(url).json()["previous"]["id"] == new.pk, code


def test_a_list_counts_a_new_article_outside_its_window(client, content):
    listing = list_url("zh-hans", limit=1)  # shows the newest article only
    prime(client, listing)
    assert client.get(listing).json()["count"] == 3

    with committed():
        add_article(content.news_index["zh-hans"], "旧闻补录", "jiu-wen", datetime.date(2024, 1, 1))

    assert client.get(listing).json()["count"] == 4


def test_an_unpublished_article_is_gone_and_its_neighbours_skip_it(client, content):
    seed, middle, oldest = (content.articles[key] for key in ("seed", "middle", "oldest"))
    urls = {
        "middle": detail_url(middle["en"], "en"),
        "middle zh": detail_url(middle["zh-hans"], "zh-hans"),
        "seed": detail_url(seed["en"], "en"),
        "oldest": detail_url(oldest["zh-hans"], "zh-hans"),
        "list": list_url("en"),
    }
    prime(client, *urls.values())
    assert client.get(urls["seed"]).json()["next"]["id"] == middle["en"].pk
    assert client.get(urls["oldest"]).json()["previous"]["id"] == middle["zh-hans"].pk

    with committed():
        for version in middle.values():
            version.unpublish()

    assert client.get(urls["middle"]).status_code == 404
    assert client.get(urls["middle zh"]).status_code == 404
    assert not {middle["en"].pk, middle["zh-hans"].pk} & set(item_ids(client, urls["list"]))
    assert client.get(urls["seed"]).json()["next"]["id"] == oldest["zh-hans"].pk
    assert client.get(urls["oldest"]).json()["previous"]["id"] == seed["zh-hans"].pk


def test_a_new_kazakh_translation_replaces_the_english_fallback(client, content):
    middle = content.articles["middle"]
    detail, listing = detail_url(middle["en"], "kk"), list_url("kk")
    prime(client, detail, listing)
    assert client.get(detail).json()["locale"]["served"] == "en"

    with committed():
        kk = translate_with_strings(
            middle["zh-hans"],
            content.locales["kk"],
            {"赴哈交流团行前动员会": "Қазақстанға баратын топтың жиналысы", "dongyuan": "zhinalys"},
        )

    data = client.get(detail).json()
    assert (data["id"], data["title"]) == (kk.pk, "Қазақстанға баратын топтың жиналысы")
    assert data["locale"] == {"requested": "kk", "served": "kk", "fallback": False}
    assert {alt["locale"]: alt["served_locale"] for alt in data["alternates"]}["kk"] == "kk"
    assert item(client, listing, kk.pk)["locale"]["served"] == "kk"


def test_a_new_translation_becomes_the_neighbour_in_its_language(
    client, content, django_capture_on_commit_callbacks
):
    seed, middle = content.articles["seed"], content.articles["middle"]
    only_kazakh = detail_url(seed["kk"], "kk", fallback="false")
    prime(client, only_kazakh)
    assert client.get(only_kazakh).json()["next"] is None  # the only Kazakh article

    # The seed's answer never loaded the middle article: the marking after the commit (the
    # new translation's neighbours) is what makes it stale.
    with django_capture_on_commit_callbacks(execute=True):
        kk = translate_with_strings(middle["zh-hans"], content.locales["kk"], {"dongyuan": "zhinalys"})

    assert client.get(only_kazakh).json()["next"]["id"] == kk.pk


def test_a_renamed_topic_reaches_articles_and_lists(client, content):
    seed = content.articles["seed"]
    detail, listing = detail_url(seed["en"], "en"), list_url("en")
    prime(client, detail, listing)

    topic = content.topic.get_translation(content.locales["en"])
    topic.name = "Exchanges"
    with committed():
        topic.save()

    assert [t["name"] for t in client.get(detail).json()["topics"]] == ["Exchanges"]
    assert [t["name"] for t in item(client, listing, seed["en"].pk)["topics"]] == ["Exchanges"]


def test_a_changed_image_reaches_covers_and_bodies(client, content):
    seed = content.articles["seed"]
    detail, listing = detail_url(seed["en"], "en"), list_url("en")
    prime(client, detail, listing)

    image = content.images["one"]
    image.title = "Students online"
    with committed():
        image.save()

    data = client.get(detail).json()
    assert data["cover_image"]["title"] == "Students online"
    gallery = next(block for block in data["body"] if block["type"] == "gallery")
    assert gallery["value"]["images"][0]["image"]["title"] == "Students online"
    assert item(client, listing, seed["en"].pk)["cover_image"]["title"] == "Students online"


def test_a_moved_focal_point_recrops_the_covers(client, content):
    seed = content.articles["seed"]
    detail = detail_url(seed["en"], "en")
    prime(client, detail)
    before = [r["url"] for r in client.get(detail).json()["cover_image"]["renditions"]]

    image = content.images["one"]
    image.focal_point_x, image.focal_point_y = 1100, 100
    image.focal_point_width, image.focal_point_height = 100, 100
    image.save()

    after = [r["url"] for r in client.get(detail).json()["cover_image"]["renditions"]]
    assert not set(before) & set(after)  # every cover crop is cut around the new focal point


def test_a_changed_footer_reaches_the_site_settings(client, content):
    footer = SiteSettings.objects.create(
        organisation_name="浙江安防职业技术学院", email="zjafjw@163.com", locale=content.locales["zh-hans"]
    )
    line = SitePhoneLine.objects.create(
        settings=footer, label="咨询电话", number="85108077", locale=content.locales["zh-hans"]
    )
    urls = [f"{API}/site-settings?locale=zh-hans", f"{API}/site-settings?locale=en"]
    prime(client, *urls)

    footer.organisation_name = "浙江安防职业技术学院（新）"
    footer.save()
    line.number = "85108000"
    line.save()

    for url in urls:
        data = client.get(url).json()
        assert data["organisation_name"] == "浙江安防职业技术学院（新）", url
        assert data["phone_lines"] == [{"label": "咨询电话", "number": "85108000"}], url


def test_a_view_restricted_article_is_gone(client, content):
    middle, oldest = content.articles["middle"], content.articles["oldest"]
    urls = {
        "oldest": detail_url(oldest["zh-hans"], "en"),
        "middle": detail_url(middle["zh-hans"], "en"),
        "middle, no fallback": detail_url(middle["en"], "en", fallback="false"),
        "list": list_url("en"),
    }
    prime(client, *urls.values())
    assert client.get(urls["middle"]).json()["next"]["id"] == oldest["zh-hans"].pk

    for page, restriction in [(oldest["zh-hans"], "login"), (middle["en"], "password")]:
        PageViewRestriction.objects.create(page=page, restriction_type=restriction, password="x")

    assert client.get(urls["oldest"]).status_code == 404
    assert oldest["zh-hans"].pk not in item_ids(client, urls["list"])
    assert client.get(urls["middle, no fallback"]).status_code == 404
    # English readers get the Chinese original of the restricted English version.
    middle_data = client.get(urls["middle"]).json()
    assert (middle_data["locale"]["served"], middle_data["next"]) == ("zh-hans", None)
    assert item(client, urls["list"], middle["zh-hans"].pk)["locale"]["served"] == "zh-hans"


def test_a_view_restricted_section_hides_its_articles(client, content):
    seed_kk = content.articles["seed"]["kk"]
    detail, listing = detail_url(seed_kk, "kk", fallback="false"), list_url("kk", fallback="false")
    prime(client, detail, listing)

    PageViewRestriction.objects.create(
        page=content.news_index["kk"], restriction_type=PageViewRestriction.LOGIN
    )

    assert client.get(detail).status_code == 404
    assert client.get(listing).json()["items"] == []


def test_a_deleted_translation_gives_way_to_its_source(client, content):
    middle = content.articles["middle"]
    by_english_id, by_chinese_id = detail_url(middle["en"], "en"), detail_url(middle["zh-hans"], "en")
    prime(client, by_english_id, by_chinese_id, list_url("en"))

    with committed():
        NewsArticlePage.objects.get(pk=middle["en"].pk).delete()

    assert client.get(by_english_id).status_code == 404
    assert client.get(by_chinese_id).json()["locale"]["served"] == "zh-hans"
    assert item(client, list_url("en"), middle["zh-hans"].pk)["locale"]["served"] == "zh-hans"


def test_a_translator_finishing_the_strings_updates_the_alternates(client, content):
    middle = content.articles["middle"]
    kk = content.locales["kk"]
    translate_with_strings(middle["zh-hans"], kk, {"赴哈交流团行前动员会": "Жиналыс", "dongyuan": "zhinalys"})
    url = detail_url(middle["zh-hans"], "zh-hans")
    prime(client, url)
    assert alternate_states(client, url)["kk"] == "out_of_date"  # strings left untranslated

    source = TranslationSource.objects.get(object_id=middle["zh-hans"].translation_key)
    translate_strings(StringSegment.objects.filter(source=source).select_related("string", "context"), kk)

    assert alternate_states(client, url)["kk"] == "translated"


def test_a_translators_strings_reach_the_alternates_after_an_abandoned_translation(client, content):
    """A translation whose transaction was rolled back leaves no trace in what later ones mark.

    On SQLite a rolled-back insert's primary keys are given out again, so the next translation's
    contexts get the abandoned one's ids."""
    kk = content.locales["kk"]
    with transaction.atomic():
        abandoned = Topic.objects.create(name="新话题", slug="xin-hua-ti", locale=content.locales["zh-hans"])
        source, _created = TranslationSource.get_or_create_from_instance(abandoned)
        abandoned_contexts = set(
            StringSegment.objects.filter(source=source).values_list("context", flat=True)
        )
        transaction.set_rollback(True)

    oldest = content.articles["oldest"]["zh-hans"]
    translate_with_strings(oldest, kk, {})
    source = TranslationSource.objects.get(object_id=oldest.translation_key)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    if not abandoned_contexts & {segment.context_id for segment in segments}:
        pytest.skip("this database never gives a rolled-back row's id out again")
    translate_strings([s for s in segments if s.context_id not in abandoned_contexts], kk)
    url = detail_url(oldest, "zh-hans")
    prime(client, url)
    assert alternate_states(client, url)["kk"] == "out_of_date"

    translate_strings([s for s in segments if s.context_id in abandoned_contexts], kk)

    assert alternate_states(client, url)["kk"] == "translated"


def test_a_moved_course_shows_its_new_partnership(client, content):
    course, old = content.course["zh-hans"], content.partnership["zh-hans"]
    new = old.get_parent().add_child(
        instance=PartnershipPage(
            title="第二个合作项目", slug="di-er-ge", kind="joint-college", status="active"
        )
    )
    new.save_revision().publish()
    course_url = f"{API}/courses/{course.pk}?locale=zh-hans"
    partnership_urls = [f"{API}/partnerships/{page.pk}?locale=zh-hans" for page in (old, new)]
    prime(client, course_url, *partnership_urls)

    course.move(new, pos="last-child")

    data = client.get(course_url).json()
    assert data["partnership"]["id"] == new.pk
    assert data["breadcrumbs"][-1]["id"] == new.pk
    assert data["path"] == "/zh-hans/hezuo/di-er-ge/silu-zaixian-kecheng/"
    assert [c["id"] for c in client.get(partnership_urls[0]).json()["courses"]] == []
    assert [c["id"] for c in client.get(partnership_urls[1]).json()["courses"]] == [course.pk]


# --- Not stored ---------------------------------------------------------------------------------------


def test_searches_previews_and_errors_are_not_stored(client, content, admin_user):
    assert client.get(list_url("en", search="Silk")).status_code == 200
    assert client.get(f"{API}/news/{2**31 - 1}?locale=en").status_code == 404
    assert client.get(f"{API}/news?locale=xx").status_code == 400

    page = NewsArticlePage.objects.get(pk=content.articles["seed"]["en"].pk)
    request = RequestFactory().get("/admin/pages/preview/")
    request.user = admin_user
    preview = page.serve_preview(request, "")
    preview.render()
    assert client.get(f"{API}/preview", {"token": preview.context_data["token"]}).status_code == 200

    assert list(StoredAnswer.objects.filter(path__startswith="/").values_list("path", flat=True)) == []


# --- The guard -------------------------------------------------------------------------------------


def test_a_answer_whose_render_overlapped_a_change_is_not_kept(client, content, monkeypatch):
    url = detail_url(content.articles["seed"]["en"], "en")
    render = news_api.detail

    def render_while_a_change_commits(*args, **kwargs):
        data = render(*args, **kwargs)
        bump_version()  # what a change committed in another process does meanwhile
        return data

    monkeypatch.setattr(news_api, "detail", render_while_a_change_commits)
    assert client.get(url).status_code == 200
    assert stored(url).stale

    monkeypatch.setattr(news_api, "detail", render)
    _response, queries = read(client, url)
    assert queries > 2  # rendered again
    assert not stored(url).stale
    _response, queries = read(client, url)
    assert queries <= 2


# --- Rendering stale answers ahead of readers ------------------------------------------------------


def render_stale():
    """answers.render_stale() in the test's transaction. It answers through Django's WSGI
    handler, whose request signals would close the test's connection and with it the transaction
    (on PostgreSQL; SQLite's in-memory test database ignores it). The test client disconnects
    them around each of its requests in the same way, and connects them again after."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        return tasks.render_stale()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_render_stale_renders_changed_answers_again(client, content):
    middle = content.articles["middle"]
    detail, listing = detail_url(middle["en"], "en"), list_url("en")
    untouched = detail_url(content.articles["oldest"]["zh-hans"], "zh-hans")
    prime(client, detail, listing, untouched)

    summary = f"fragment:news-summary/{middle['en'].pk}/en/1"
    others = StoredAnswer.objects.filter(path__startswith="fragment:").exclude(path=summary)
    with committed():
        publish(middle["en"], title="Pre-departure meeting, corrected")
    assert stored(detail).stale and StoredAnswer.objects.get(path=summary).stale
    assert not others.filter(stale=True).exists()  # the list's other summaries are untouched

    assert render_stale() >= 2
    for answer in (stored(detail), StoredAnswer.objects.get(path=summary)):
        assert not answer.stale, answer.path
        assert "Pre-departure meeting, corrected" in answer.content, answer.path
    response, queries = read(client, detail)
    assert queries <= 2  # read back, not rendered
    assert b"Pre-departure meeting, corrected" in response.content
    # The window is assembled again at its first read after the change, from the summaries the
    # worker rendered (none is rendered by the read), and stored until the next change.
    rendered_at = {answer.path: answer.rendered_at for answer in summaries_of(client, listing).values()}
    for most in (None, 2):
        response, queries = read(client, listing)
        assert b"Pre-departure meeting, corrected" in response.content
        assert most is None or queries <= most
    assert {
        answer.path: answer.rendered_at for answer in summaries_of(client, listing).values()
    } == rendered_at
    assert render_stale() == 0


def test_render_stale_lets_go_of_a_answer_that_is_gone(client, content):
    """A answer whose request no longer answers 200 cannot be rendered fresh: rendering it
    again after every change would crowd out the answers readers still ask for."""
    oldest = content.articles["oldest"]["zh-hans"]
    url = detail_url(oldest, "zh-hans")
    prime(client, url)

    NewsArticlePage.objects.get(pk=oldest.pk).unpublish()
    assert client.get(url).status_code == 404

    render_stale()
    assert render_stale() == 0


def test_a_rendered_again_answer_records_when(client, content):
    """answers.render_stale() renders the most recently rendered answers first, and
    `render_answers --prune` deletes stale ones by it: the time of the latest render."""
    middle = content.articles["middle"]
    detail = detail_url(middle["en"], "en")
    prime(client, detail)
    first = stored(detail).rendered_at

    publish(middle["en"], title="Pre-departure meeting, corrected")
    client.get(detail)

    assert stored(detail).rendered_at > first


# --- Different requests, different answers -------------------------------------------------------


def test_each_locale_has_its_own_answer(client, content):
    seed = content.articles["seed"]["zh-hans"]
    for code in ("kk", "en", "zh-hans", "kk"):
        detail, queries = read(client, detail_url(seed, code))
        assert detail.json()["locale"]["served"] == code
        assert client.get(list_url(code)).json()["requested_locale"] == code
    assert queries <= 2  # the second Kazakh read, from its own answer
    # One detail and one list window per language; the windows are assembled from one summary
    # per language.
    assert StoredAnswer.objects.filter(path__startswith="/").count() == 6
    summaries = StoredAnswer.objects.filter(path__startswith="fragment:").values_list("path", flat=True)
    assert {path.split("/")[2] for path in summaries} == {"kk", "en", "zh-hans"}


def test_accept_language_without_locale_has_its_own_answer(client, content):
    url = f"{API}/news/{content.articles['seed']['zh-hans'].pk}"
    for header, served in [("kk-KZ", "kk"), ("en-US", "en"), ("kk", "kk"), ("en-GB,en;q=0.9", "en")]:
        response, _queries = read(client, url, HTTP_ACCEPT_LANGUAGE=header)
        assert response.json()["locale"]["served"] == served, header
        assert "Accept-Language" in response["Vary"]
    assert not stored(url, "kk").stale and not stored(url, "en").stale
    _response, queries = read(client, url, HTTP_ACCEPT_LANGUAGE="kk-KZ")
    assert queries <= 2
    # A `locale` in the query wins over the header: it names the answer.
    assert client.get(f"{url}?locale=en", HTTP_ACCEPT_LANGUAGE="kk").json()["locale"]["served"] == "en"


def test_fallback_false_has_its_own_answer(client, content):
    middle = content.articles["middle"]["zh-hans"]
    with_fallback, without = detail_url(middle, "kk"), detail_url(middle, "kk", fallback="false")
    assert client.get(with_fallback).json()["locale"]["served"] == "en"
    assert client.get(without).status_code == 404
    assert client.get(with_fallback).status_code == 200

    assert len(client.get(list_url("kk")).json()["items"]) == 3
    only_kazakh = client.get(list_url("kk", fallback="false")).json()
    assert [item["locale"]["served"] for item in only_kazakh["items"]] == ["kk"]
    assert len(client.get(list_url("kk")).json()["items"]) == 3


def test_a_draft_save_marks_nothing_stale(client, content, django_capture_on_commit_callbacks):
    seed = content.articles["seed"]["zh-hans"]
    detail, listing = detail_url(seed, "zh-hans"), list_url("zh-hans")
    prime(client, detail, listing)
    page = NewsArticlePage.objects.get(pk=seed.pk)
    page.title = "只在草稿里的标题"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    assert not stored(detail).stale
    assert not any(summary.stale for summary in summaries_of(client, listing).values())
    assert client.get(detail).json()["title"] == seed.title


def test_requests_no_link_leads_to_are_answered_but_not_stored(client, content):
    """Filters, odd windows and unknown values are rendered for their reader and forgotten, so
    what is stored is bounded by the content, not by what clients send."""
    for url in (
        list_url("en", topic="no-such-topic"),
        list_url("en", limit=7, offset=3),
        list_url("en", offset=500),  # past the end of the list
        list_url("en", limit="020"),
        list_url("en", fallback="true"),
        list_url("en", date_from="2025-01-01"),
    ):
        assert client.get(url).status_code == 200, url
    assert not StoredAnswer.objects.filter(path__startswith="/").exists()
    for url in (
        detail_url(content.articles["seed"]["en"], "en", fallback="true"),
        detail_url(content.articles["seed"]["en"], "en", extra=1),
    ):
        client.get(url)
    assert not StoredAnswer.objects.filter(path__startswith="/").exists()


def test_a_list_is_the_same_bytes_with_and_without_stored_answers(client, content, settings):
    urls = [list_url(code) for code in ("zh-hans", "en", "kk")] + [list_url("kk", limit=1, offset=1)]
    urls.append(list_url("en", fallback="false"))
    stored_bytes = {url: client.get(url).content for url in urls}
    assert {url: client.get(url).content for url in urls} == stored_bytes  # read back
    settings.API_STORED_ANSWERS = False
    assert {url: client.get(url).content for url in urls} == stored_bytes


def test_publishing_one_article_marks_the_same_few_answers_however_many_there_are(
    client, content, django_capture_on_commit_callbacks
):
    index = content.news_index["zh-hans"]

    def marked_by_a_publish(extra):
        with django_capture_on_commit_callbacks(execute=True):  # their own marking, done here
            for number in range(extra):
                add_article(
                    index,
                    f"补充新闻{number}",
                    f"buchong-{extra}-{number}",
                    datetime.date(2024, 1, 1 + number % 28),
                )
        articles = list(NewsArticlePage.objects.filter(locale__language_code="zh-hans", live=True))
        for code in ("zh-hans", "en", "kk"):
            total = client.get(list_url(code, limit=5)).json()["count"]
            prime(client, *(list_url(code, limit=5, offset=offset) for offset in range(0, total, 5)))
        prime(client, *(detail_url(article, "zh-hans") for article in articles))
        StoredAnswer.objects.update(stale=False)
        with django_capture_on_commit_callbacks(execute=True):
            publish(content.articles["middle"]["zh-hans"], title=f"动员会召开（{extra}）")
        return StoredAnswer.objects.filter(stale=True).count()

    small, large = marked_by_a_publish(2), marked_by_a_publish(20)
    # At most its summary for each language's readers (3), its detail (3 languages) and the
    # details of the article before and after it in each of the six reader orders (12): never
    # the windows of the lists, of which there are more the more articles there are.
    bound = 3 + 3 + 12
    assert 0 < small <= bound and 0 < large <= bound


def test_render_answers_stores_every_article_in_every_language(content):
    """After a deploy, `manage.py render_answers` follows the lists to every answer they link to."""
    from io import StringIO

    from django.core.management import call_command

    request_started.disconnect(close_old_connections)  # see render_stale() above
    request_finished.disconnect(close_old_connections)
    try:
        call_command("render_answers", stdout=StringIO())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    count = NewsArticlePage.objects.filter(live=True, locale__language_code="zh-hans").count()
    for code in ("zh-hans", "en", "kk"):
        details = StoredAnswer.objects.filter(
            path__regex=rf"^{API}/news/[0-9]+[?]locale={code}$", stale=False
        )
        assert details.count() == count, code  # each article as the list links to it
        summaries = StoredAnswer.objects.filter(
            path__startswith="fragment:news-summary/", path__endswith=f"/{code}/1"
        )
        assert summaries.count() == count, code


def test_a_window_assembled_from_a_summary_a_racing_render_stored_is_retired(client, content, monkeypatch):
    """A render that read an article before a change committed stores its summary after the
    commit; a reader assembles a window from it before the marking after the commit reaches the
    summary. That window must not outlive the marking."""
    middle = content.articles["middle"]["en"]
    listing = list_url("en")
    prime(client, listing)
    summary_path = f"fragment:news-summary/{middle.pk}/en/1"
    old = StoredAnswer.objects.get(path=summary_path)
    real_invalidate = invalidation.invalidate
    raced = []

    def racing(tags):
        if not raced:  # the change's own marking, in its transaction
            raced.append(True)
            return real_invalidate(tags)
        # After the commit, before the second marking: the racing render stores the old summary,
        # and a reader assembles the window from it.
        StoredAnswer.objects.filter(path=summary_path).update(content=old.content, stale=False)
        assert item(client, listing, middle.pk)["title"] == old_title
        return real_invalidate(tags)

    old_title = middle.title
    monkeypatch.setattr(invalidation, "invalidate", racing)
    with committed():
        publish(middle, title="Pre-departure meeting, corrected")
    monkeypatch.setattr(invalidation, "invalidate", real_invalidate)

    assert item(client, listing, middle.pk)["title"] == "Pre-departure meeting, corrected"


def test_pages_an_answer_shows_from_compiled_rows_mark_it_when_they_change(client, content):
    """Related pages and neighbours come from locales.prepared rows, not model instances: the answer
    is still marked when one of them changes (pages without children, which mark only
    themselves)."""
    seed, middle = content.articles["seed"], content.articles["middle"]
    url = detail_url(seed["zh-hans"], "zh-hans")
    prime(client, url)
    course = content.course["zh-hans"]
    assert not course.get_children().exists()

    course.title = "中哈丝路在线课程（第二期）"
    course.save_revision().publish()
    assert client.get(url).json()["related_courses"][0]["title"] == "中哈丝路在线课程（第二期）"

    prime(client, url)
    middle["zh-hans"].title = "签署战略合作协议（更新）"
    middle["zh-hans"].save_revision().publish()
    assert client.get(url).json()["next"]["title"] == "签署战略合作协议（更新）"
