import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
API = "/api/content/v1"


def get(client, url, **headers):
    response = client.get(url, **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()})
    return response, (
        response.json() if response["Content-Type"].startswith("application/") and response.content else None
    )


def test_seed_article_in_kazakh_carries_kazakh_captions(client, content):
    seed = content.articles["seed"]
    response, data = get(client, f"{API}/news/{seed['zh-hans'].pk}?locale=kk")
    assert response.status_code == 200
    assert data["locale"] == {"requested": "kk", "served": "kk", "fallback": False}
    assert data["id"] == seed["kk"].pk
    assert data["title"] == "Жібек жолы онлайн курсының алғашқы сабағы басталды"
    gallery = next(block for block in data["body"] if block["type"] == "gallery")
    assert gallery["value"]["caption"] == "Суретте: алғашқы сабақ Оуюэ мәдениетіне арналған"
    assert [item["image"]["alt_text"] for item in gallery["value"]["images"]] == [
        "Студенттер онлайн сабақта",
        "Чжао мұғалім сабақ береді",
    ]
    assert data["drafted_by"] == "Цзя Хуаи"
    assert data["topics"] == [
        {"name": "Халықаралық алмасу және ынтымақтастық", "slug": "international-exchange"}
    ]


def test_captioned_images_carry_renditions_with_sizes_and_srcset(client, content):
    _response, data = get(client, f"{API}/news/{content.articles['seed']['en'].pk}?locale=en")
    image = next(block for block in data["body"] if block["type"] == "gallery")["value"]["images"][0]["image"]
    assert (image["width"], image["height"]) == (1200, 800)
    formats = {r["format"] for r in image["renditions"]}
    assert formats == {"webp", "jpeg"}
    assert all(r["url"].startswith("http://testserver/media/images/") for r in image["renditions"])
    assert {r["width"] for r in image["renditions"]} == {480, 960, 1200}
    assert image["srcset"]["webp"].count("w,") == 2
    cover = data["cover_image"]
    assert {(r["width"], r["height"]) for r in cover["renditions"]} >= {(480, 270), (960, 540)}


def test_untranslated_article_is_served_from_english_as_a_marked_fallback(client, content):
    middle = content.articles["middle"]
    response, data = get(client, f"{API}/news/{middle['zh-hans'].pk}?locale=kk")
    assert response.status_code == 200
    assert data["locale"] == {"requested": "kk", "served": "en", "fallback": True}
    assert data["title"] == "Pre-departure Meeting for the Exchange Group to Kazakhstan"

    response, data = get(client, f"{API}/news/{middle['zh-hans'].pk}?locale=kk&fallback=false")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_list_serves_each_article_in_the_nearest_language_newest_first(client, content):
    response, data = get(client, f"{API}/news?locale=kk")
    assert response.status_code == 200
    assert data["count"] == 3
    assert [
        (item["title"], item["locale"]["served"], item["locale"]["fallback"]) for item in data["items"]
    ] == [
        ("Жібек жолы онлайн курсының алғашқы сабағы басталды", "kk", False),
        ("Pre-departure Meeting for the Exchange Group to Kazakhstan", "en", True),
        ("签署战略合作协议", "zh-hans", True),
    ]
    _response, strict = get(client, f"{API}/news?locale=kk&fallback=false")
    assert [item["id"] for item in strict["items"]] == [content.articles["seed"]["kk"].pk]


def test_alternates_list_every_locale_with_its_state(client, content):
    _response, data = get(client, f"{API}/news/{content.articles['seed']['zh-hans'].pk}?locale=en")
    alternates = {alt["locale"]: alt for alt in data["alternates"]}
    assert set(alternates) == {"zh-hans", "en", "kk"}
    assert {code: alt["state"] for code, alt in alternates.items()} == {
        "zh-hans": "translated",
        "en": "translated",
        "kk": "translated",
    }
    assert alternates["kk"]["path"] == "/kk/zhanalyqtar/alghashqy-sabaq/"
    assert alternates["en"]["slug"] == "first-class-opened"
    assert alternates["kk"]["api_url"] == f"{API}/news/{content.articles['seed']['kk'].pk}?locale=kk"

    _response, middle = get(client, f"{API}/news/{content.articles['middle']['zh-hans'].pk}")
    states = {alt["locale"]: (alt["state"], alt["served_locale"]) for alt in middle["alternates"]}
    assert states == {
        "zh-hans": ("translated", "zh-hans"),
        "en": ("translated", "en"),
        "kk": ("fallback", "en"),
    }


def test_a_source_edit_marks_translations_out_of_date(client, content, django_capture_on_commit_callbacks):
    seed = content.articles["seed"]["zh-hans"]
    seed.title = "中哈丝路在线课程首课正式开讲"
    with django_capture_on_commit_callbacks(execute=True):
        seed.save_revision().publish()
    _response, data = get(client, f"{API}/news/{seed.pk}?locale=en")
    states = {alt["locale"]: alt["state"] for alt in data["alternates"]}
    assert states == {"zh-hans": "translated", "en": "out_of_date", "kk": "out_of_date"}


def test_previous_and_next_follow_the_list_in_the_same_locale(client, content):
    _r, middle = get(client, f"{API}/news/{content.articles['middle']['en'].pk}?locale=en")
    assert middle["previous"]["id"] == content.articles["seed"]["en"].pk
    assert middle["next"]["id"] == content.articles["oldest"]["zh-hans"].pk  # only in Chinese
    _r, seed = get(client, f"{API}/news/{content.articles['seed']['en'].pk}?locale=en")
    assert seed["previous"] is None  # 上一篇：没有了
    _r, oldest = get(client, f"{API}/news/{content.articles['oldest']['zh-hans'].pk}?locale=en")
    assert oldest["next"] is None


def test_breadcrumbs_run_from_the_home_page_in_the_served_language(client, content):
    _r, data = get(client, f"{API}/news/{content.articles['seed']['kk'].pk}?locale=kk")
    assert [(crumb["title"], crumb["path"]) for crumb in data["breadcrumbs"]] == [
        ("Басты бет", "/kk/"),
        ("Жаңалықтар", "/kk/zhanalyqtar/"),
    ]


def test_rich_text_links_point_at_the_readers_language(client, content):
    _r, data = get(client, f"{API}/news/{content.articles['seed']['en'].pk}?locale=en")
    html = data["body"][0]["value"]["html"]
    assert '<a href="/en/partnerships/silk-road-college/">Silk Road College</a>' in html
    assert "linktype" not in html


def test_related_partnerships_and_courses_come_in_the_readers_language(client, content):
    _r, data = get(client, f"{API}/news/{content.articles['seed']['en'].pk}?locale=en")
    assert [p["title"] for p in data["related_partnerships"]] == ["China-Kazakhstan Silk Road College"]
    # The course has no English version yet: the Chinese one is linked.
    assert [(c["title"], c["locale"]) for c in data["related_courses"]] == [("中哈丝路在线课程", "zh-hans")]


def test_detail_by_slug(client, content):
    response, data = get(client, f"{API}/news/by-slug/kk/alghashqy-sabaq")
    assert response.status_code == 200
    assert data["id"] == content.articles["seed"]["kk"].pk
    response, data = get(client, f"{API}/news/by-slug/kk/pre-departure-meeting")
    assert data["locale"] == {"requested": "kk", "served": "en", "fallback": True}
    response, _data = get(client, f"{API}/news/by-slug/kk/pre-departure-meeting?fallback=false")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("header", "served"),
    [
        ("zh-CN,zh;q=0.9", "zh-hans"),
        ("zh-TW", "zh-hans"),
        ("kk-KZ,kk;q=0.9,ru;q=0.8", "kk"),
        ("en-GB,en;q=0.8", "en"),
        ("ru-RU,ru;q=0.9", "kk"),
        ("fr-FR", "zh-hans"),
        ("", "zh-hans"),
    ],
)
def test_accept_language_decides_when_no_locale_is_given(client, content, header, served):
    _r, data = get(
        client, f"{API}/news/{content.articles['seed']['zh-hans'].pk}", **{"Accept-Language": header}
    )
    assert data["locale"]["requested"] == served


def test_filters(client, content):
    seed_en = content.articles["seed"]["en"]
    _r, data = get(
        client, f"{API}/news?locale=en&topic=international-exchange&date_from=2025-04-01&date_to=2025-04-30"
    )
    assert [item["id"] for item in data["items"]] == [seed_en.pk, content.articles["middle"]["en"].pk]
    _r, data = get(
        client, f"{API}/news?locale=en&partnership={content.partnership['en'].pk}&limit=1&offset=1"
    )
    assert data["count"] == 3 and len(data["items"]) == 1
    _r, data = get(client, f"{API}/news?locale=en&course={content.course['zh-hans'].pk}&topic=nothing")
    assert data["count"] == 0


def test_view_counter_counts_once_per_client_and_is_shared_by_translations(client, content):
    seed = content.articles["seed"]
    first = Client(REMOTE_ADDR="10.0.0.1").post(f"{API}/news/{seed['kk'].pk}/views").json()
    again = Client(REMOTE_ADDR="10.0.0.1").post(f"{API}/news/{seed['kk'].pk}/views").json()
    other = Client(REMOTE_ADDR="10.0.0.2").post(f"{API}/news/{seed['en'].pk}/views").json()
    assert (first["counted"], again["counted"], other["counted"]) == (True, False, True)
    assert other["view_count"] == 2
    _r, data = get(client, f"{API}/news/{seed['zh-hans'].pk}?locale=zh-hans")
    assert data["view_count"] == 2


def test_view_counter_refuses_unknown_and_unpublished_articles(client, content):
    assert client.post(f"{API}/news/999999/views").status_code == 404
    oldest = content.articles["oldest"]["zh-hans"]
    oldest.unpublish()
    assert client.post(f"{API}/news/{oldest.pk}/views").status_code == 404


@pytest.mark.parametrize(
    ("words", "locale", "expected"),
    [
        ("瓯越", "zh-hans", ["seed"]),  # inside a Chinese caption, no spaces around it
        ("动员会", "zh-hans", ["middle"]),
        ("ОУЮЭ", "kk", ["seed"]),  # Kazakh, any case
        ("meeting kazakhstan", "en", ["middle"]),  # every word must match
        ("Jia", "en", ["seed", "middle"]),  # credits
        ("nothing-like-this", "en", []),
    ],
)
def test_search_finds_words_inside_chinese_and_in_any_case(client, content, words, locale, expected):
    params = {"locale": locale, "search": words, "fallback": "false", "order": "newest"}
    data = client.get(f"{API}/news", params).json()
    assert [item["id"] for item in data["items"]] == [content.articles[key][locale].pk for key in expected]


def test_search_never_finds_unpublished_versions(client, content):
    seed_kk = content.articles["seed"]["kk"]
    seed_kk.unpublish()
    data = client.get(f"{API}/news", {"locale": "kk", "search": "Оуюэ"}).json()
    assert seed_kk.pk not in [item["id"] for item in data["items"]]


def test_a_snippet_translation_still_in_chinese_is_not_served_as_kazakh(
    client, content, django_capture_on_commit_callbacks
):
    from wagtail_localize.operations import translate_object

    from locales.translation import translate_with_strings
    from news.models import NewsArticlePage, Topic

    topic = Topic.objects.create(name="职业教育", slug="vocational", locale=content.locales["zh-hans"])
    with django_capture_on_commit_callbacks(execute=True):
        translate_with_strings(topic, content.locales["en"], {"职业教育": "Vocational education"})
        # As translating a page does to its snippets: a Kazakh version, live at once, in Chinese.
        translate_object(topic, [content.locales["kk"]])
    assert Topic.objects.get(slug="vocational", locale=content.locales["kk"]).name == "职业教育"
    for key in ("zh-hans", "kk"):
        page = NewsArticlePage.objects.get(pk=content.articles["seed"][key].pk)
        page.topics.add(topic)
        page.save_revision().publish()

    kazakh = content.articles["seed"]["kk"]
    data = client.get(f"{API}/news/{kazakh.pk}?locale=kk").json()
    assert {t["slug"]: t["name"] for t in data["topics"]}["vocational"] == "Vocational education"
    v2 = client.get(f"/api/v2/pages/{kazakh.pk}/").json()
    assert {t["slug"]: t["name"] for t in v2["topics"]}["vocational"] == "Vocational education"


def test_a_search_matches_the_readers_version_and_falls_back_only_where_there_is_none(client, content):
    # The seed has a Kazakh version, whose text has no "Silk Road": its English one is not sent.
    kk = client.get(f"{API}/news", {"locale": "kk", "search": "Silk Road"}).json()
    seed = {content.articles["seed"][code].pk for code in ("zh-hans", "en", "kk")}
    assert not seed & {item["id"] for item in kk["items"]}
    # The meeting has no Kazakh version: its English one is found, marked as a fallback.
    meeting = client.get(f"{API}/news", {"locale": "kk", "search": "pre-departure meeting"}).json()
    assert [
        (item["id"], item["locale"]["served"], item["locale"]["fallback"]) for item in meeting["items"]
    ] == [(content.articles["middle"]["en"].pk, "en", True)]
