"""Searching the news the way readers type, in each language, on the demo content and synthetic
articles around it: each query must find its article among the first three results."""

import pytest
from django.core.management import call_command
from django.db import transaction

from cms.demo.texts import MEETING_ARTICLE, SEED_ARTICLE
from news.models import NewsArticlePage

API = "/api/content/v1"
ARTICLES = {"seed": SEED_ARTICLE, "meeting": MEETING_ARTICLE}

QUERIES = [
    # Chinese, typed without spaces: the words stand apart in the text.
    ("zh-hans", "阿斯塔纳大学首堂课", "seed"),
    ("zh-hans", "阿斯塔纳大学", "seed"),
    ("zh-hans", "丝路课程", "seed"),
    ("zh-hans", "瓯越文化", "seed"),
    ("zh-hans", "应急管理", "seed"),
    ("zh-hans", "赵秉志老师", "seed"),
    ("zh-hans", "交流团动员会", "meeting"),
    ("zh-hans", "行前动员", "meeting"),
    # Kazakh, with other endings than the text's.
    ("kk", "Астанадағы университет", "seed"),
    ("kk", "екінші курс студенттеріне", "seed"),
    ("kk", "Оуюэ мәдениетінің сабағы", "seed"),
    ("kk", "Жібек жолы онлайн курсы", "seed"),
    ("kk", "жиналысы", "meeting"),
    ("kk", "Оуюэ мәдениеті", "seed"),
    ("kk", "алмасу тобы", "meeting"),
    # Kazakh typed in Latin letters: ASCII as the slugs write it, and the 2021 alphabet.
    ("kk", "Astanadagy universitet", "seed"),
    ("kk", "Zhibek zholy onlain kursy", "seed"),
    ("kk", "Jibek joly onlain kursy", "seed"),
    ("kk", "Qazaqstandağy Astana", "seed"),
    # English, singular against plural and the other way round, any case.
    ("en", "sophomore student", "seed"),
    ("en", "silk road online courses", "seed"),
    ("en", "ASTANA IT UNIVERSITY", "seed"),
    ("en", "emergency managements", "seed"),
    ("en", "pre-departure meetings", "meeting"),
]


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo and 12 synthetic articles per language, loaded once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", "--synthetic", "12", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_loaded, db):
    return {
        key: {
            code: NewsArticlePage.objects.get(slug=texts[code]["slug"], locale__language_code=code)
            for code in texts
        }
        for key, texts in ARTICLES.items()
    }


def search(client, locale, words, **params):
    response = client.get(f"{API}/news", {"locale": locale, "search": words, "fallback": "false", **params})
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize(("locale", "words", "expected"), QUERIES)
def test_a_readers_query_finds_its_article_among_the_first_three(client, demo, locale, words, expected):
    data = search(client, locale, words)
    ids = [item["id"] for item in data["items"]]
    assert demo[expected][locale].pk in ids[:3], (words, [item["title"] for item in data["items"][:5]])
    assert data["count"] == len(ids)  # the count is exact, every match within one window here


def test_words_of_another_article_or_language_are_not_matches(client, demo):
    assert search(client, "zh-hans", "签证办理")["count"] == 0
    seed_en = demo["seed"]["en"].pk
    assert seed_en not in [item["id"] for item in search(client, "en", "Астана")["items"]]
    assert search(client, "kk", "nothing-like-this")["count"] == 0


def test_relevance_puts_a_title_match_first_and_newest_keeps_the_date_order(client, demo):
    relevant = search(client, "zh-hans", "动员会")
    assert relevant["items"][0]["id"] == demo["meeting"]["zh-hans"].pk
    newest = search(client, "zh-hans", "阿斯塔纳", order="newest")
    dates = [item["date"] for item in newest["items"]]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 3


def test_a_word_only_in_a_draft_finds_nothing_and_the_published_words_still_match(client, demo):
    seed = NewsArticlePage.objects.get(pk=demo["seed"]["zh-hans"].pk)
    seed.title = "草稿独有的标题：塔什干研讨会"
    seed.save_revision()  # a draft, not published
    assert search(client, "zh-hans", "塔什干研讨会")["count"] == 0
    assert seed.pk in [item["id"] for item in search(client, "zh-hans", "瓯越文化")["items"]]


def test_the_admin_search_finds_chinese_words_inside_titles_and_bodies(admin_client, demo):
    seed = demo["seed"]["zh-hans"]
    for words in ("丝路", "阿斯塔纳", "应急管理"):
        response = admin_client.get("/admin/pages/search/", {"q": words})
        assert response.status_code == 200
        assert seed.get_admin_display_title() in response.content.decode(), words


def test_the_page_chooser_finds_a_chinese_word_inside_a_title(admin_client, demo):
    response = admin_client.get("/admin/choose-page/search/", {"q": "丝路"})
    assert response.status_code == 200
    assert demo["seed"]["zh-hans"].title in response.content.decode()


def test_each_result_shows_where_it_matched(client, demo):
    data = search(client, "zh-hans", "阿斯塔纳大学首堂课")
    hit = data["items"][0]
    assert hit["id"] == demo["seed"]["zh-hans"].pk
    assert "<mark>阿斯塔纳</mark>" in hit["excerpt"] and "<mark>大学</mark>" in hit["excerpt"]
    kk = search(client, "kk", "Астанадағы университет")["items"]
    seed_kk = next(item for item in kk if item["id"] == demo["seed"]["kk"].pk)
    assert "<mark>Астана</mark>" in seed_kk["excerpt"] and "<mark>университеті</mark>" in seed_kk["excerpt"]
    assert len(seed_kk["excerpt"]) < 200
    # Without a search a list has no excerpts.
    plain = client.get(f"{API}/news", {"locale": "kk"}).json()["items"][0]
    assert "excerpt" not in plain


def test_searches_that_could_break_the_full_text_syntax_answer_200(client, admin_client, demo):
    long_query = " ".join(f"слово{i}" for i in range(120))
    assert client.get("/api/v2/pages/", {"search": long_query, "order": "title"}).status_code == 200
    assert client.get("/api/v2/pages/", {"search": long_query}).status_code == 200
    for q in ('a"b', '"', "第二期\x00"):
        assert admin_client.get("/admin/images/", {"q": q, "ordering": "title"}).status_code == 200, q
        assert admin_client.get("/admin/pages/search/", {"q": q}).status_code == 200, q
