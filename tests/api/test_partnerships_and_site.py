import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import SitePhoneLine, SiteSettings
from locales.translation import translate_with_strings
from partnerships.models import CoursePage

pytestmark = pytest.mark.django_db
API = "/api/content/v1"


def test_partnership_detail_with_institutions_courses_and_latest_news(client, content):
    response = client.get(f"{API}/partnerships/{content.partnership['zh-hans'].pk}?locale=en")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "China-Kazakhstan Silk Road College"
    assert data["locale"] == {"requested": "en", "served": "en", "fallback": False}
    assert data["kind"] == {"code": "joint-college", "label": "Joint college"}
    assert data["signed_on"] == "2025-03-01"
    assert data["principles"] == ["Complementary advantages", "Resource sharing"]
    assert [area["code"] for area in data["cooperation_areas"]] == ["technical-exchange", "joint-training"]
    [institution] = data["institutions"]
    assert (institution["name"], institution["country"], institution["country_code"]) == (
        "Astana IT University",
        "Kazakhstan",
        "KZ",
    )
    # The course has no English version: a Chinese course is listed, marked as the fallback it is.
    [course] = data["courses"]
    assert course["title"] == "中哈丝路在线课程" and course["locale"]["fallback"] is True
    assert [news["id"] for news in data["latest_news"]] == [
        content.articles["seed"]["en"].pk,
        content.articles["middle"]["en"].pk,
        content.articles["oldest"]["zh-hans"].pk,
    ]
    assert {alt["locale"]: alt["state"] for alt in data["alternates"]} == {
        "zh-hans": "translated",
        "en": "translated",
        "kk": "fallback",
    }


def test_choice_labels_follow_the_readers_language(client, content):
    data = client.get(f"{API}/partnerships/{content.partnership['zh-hans'].pk}?locale=zh-hans").json()
    assert data["kind"]["code"] == "joint-college"
    assert data["kind"]["label"] != "Joint college"  # the Chinese catalog's label


def test_course_with_phases_and_sessions(client, content):
    data = client.get(f"{API}/courses/{content.course['zh-hans'].pk}?locale=kk").json()
    assert data["locale"] == {"requested": "kk", "served": "zh-hans", "fallback": True}
    assert data["delivery_mode"]["code"] == "online"
    first, second = data["phases"]
    [session] = first["sessions"]
    assert session["date"] == "2025-04-18"
    assert session["start_time"] == "14:00:00"
    assert session["theme"] == "中国瓯越文化"
    assert (session["participants"], session["participants_approximate"]) == (60, True)
    # The teacher comes in the nearest language that has a translation of him: English.
    assert session["teacher"]["name"] == "Zhao Bingzhi"
    assert [t["name"] for t in data["teachers"]] == ["Zhao Bingzhi"]
    assert (second["status"]["code"], second["period"], second["sessions"]) == ("announced", "5月上旬", [])
    assert data["partnership"]["id"] == content.partnership["zh-hans"].pk
    assert [crumb["title"] for crumb in data["breadcrumbs"]] == ["首页", "合作项目", "中哈丝路学院"]


def test_course_list_filters_by_partnership_of_any_locale(client, content):
    data = client.get(f"{API}/courses?locale=en&partnership={content.partnership['en'].pk}").json()
    assert [item["id"] for item in data["items"]] == [content.course["zh-hans"].pk]
    assert data["items"][0]["partnership"]["title"] == "中哈丝路学院"
    assert client.get(f"{API}/courses?partnership=999999").status_code == 404


def test_partnership_and_course_lists(client, content):
    data = client.get(f"{API}/partnerships?locale=kk").json()
    assert data["count"] == 1
    assert data["items"][0]["locale"] == {"requested": "kk", "served": "en", "fallback": True}
    assert client.get(f"{API}/partnerships?locale=kk&fallback=false").json()["count"] == 0


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_queries_are_constant_for_partnerships_and_courses(client, content, uncached):
    partnership = content.partnership["zh-hans"]
    for number in range(12):
        partnership.add_child(
            instance=CoursePage(title=f"课程{number}", slug=f"kecheng-{number}", delivery_mode="online")
        )
    # Hidden branches, the ordered versions, the window's pages, then their partnerships (courses)
    # or their institutions, which versions of them are the reader's, and those versions
    # (partnerships).
    for resource, queries in (("courses", 4), ("partnerships", 6)):
        client.get(f"{API}/{resource}?locale=en&limit=50")
        assert query_count(client, f"{API}/{resource}?locale=en&limit=2") == queries
        assert query_count(client, f"{API}/{resource}?locale=en&limit=50") == queries


def test_detail_and_site_queries(client, content, uncached):
    """What each document costs: a fixed number of queries, whatever it holds."""
    urls = {
        # Hidden branches, versions (institutions prefetched), courses, news, which versions of the
        # institutions are the reader's and those versions, the pages it shows, translation progress.
        f"{API}/partnerships/{content.partnership['zh-hans'].pk}?locale=en": 9,
        # Hidden branches, versions, teachers, the sessions' teachers, which versions of all of
        # them are the reader's and those versions, the pages it shows, translation progress.
        f"{API}/courses/{content.course['zh-hans'].pk}?locale=kk": 8,
        f"{API}/navigation?locale=kk": 3,
    }
    for url, queries in urls.items():
        client.get(url)
        assert query_count(client, url) == queries, url


def test_site_settings_per_locale_with_fallback(client, content, locales, django_capture_on_commit_callbacks):
    settings_zh = SiteSettings.objects.create(
        organisation_name="浙江安防职业技术学院",
        address="温州市瓯海区瓯海大道2555号",
        postcode="325016",
        email="zjafjw@163.com",
        icp_number="浙ICP备15027927号",
        icp_url="https://beian.miit.gov.cn/",
        locale=locales["zh-hans"],
    )
    SitePhoneLine.objects.create(
        settings=settings_zh, label="咨询电话", number="85108077", locale=locales["zh-hans"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        translate_with_strings(
            settings_zh,
            locales["en"],
            {
                "浙江安防职业技术学院": "Zhejiang Security Vocational and Technical College",
                "温州市瓯海区瓯海大道2555号": "2555 Ouhai Avenue, Ouhai District, Wenzhou City",
                "浙ICP备15027927号": "Zhejiang ICP Bei No. 15027927",
                "咨询电话": "Consultation hotline",
            },
        )
    data = client.get(f"{API}/site-settings?locale=en").json()
    assert data["organisation_name"] == "Zhejiang Security Vocational and Technical College"
    assert data["icp_number"] == "Zhejiang ICP Bei No. 15027927"
    assert data["phone_lines"] == [{"label": "Consultation hotline", "number": "85108077"}]
    assert (data["postcode"], data["email"]) == ("325016", "zjafjw@163.com")
    kk = client.get(f"{API}/site-settings?locale=kk").json()
    assert kk["locale"] == {"requested": "kk", "served": "en", "fallback": True}
    assert client.get(f"{API}/site-settings?locale=kk&fallback=1").status_code == 400  # no such parameter


def test_navigation_lists_sections_in_the_readers_language(client, content):
    data = client.get(f"{API}/navigation?locale=kk").json()
    assert data["home"]["title"] == "Басты бет"
    assert [(item["title"], item["locale"], item["path"]) for item in data["items"]] == [
        ("Жаңалықтар", "kk", "/kk/zhanalyqtar/"),
        ("Partnerships", "en", "/en/partnerships/"),
    ]


def test_locales_endpoint(client):
    data = client.get(f"{API}/locales").json()
    assert data["source"] == "zh-hans"
    by_code = {item["code"]: item for item in data["locales"]}
    assert by_code["kk"]["fallbacks"] == ["en", "zh-hans"]
    assert by_code["kk"]["native_name"] == "Қазақша"
    assert by_code["zh-hans"]["is_source"] is True
    assert data["accept_language_aliases"]["zh-tw"] == "zh-hans"


def test_a_footer_translation_still_holding_chinese_is_not_served_as_kazakh(
    client, content, locales, django_capture_on_commit_callbacks
):
    """Both APIs pick the footer by the rule every snippet follows: a translation with strings
    left untranslated is passed over for the next language along the reader's chain."""
    settings_zh = SiteSettings.objects.create(
        organisation_name="浙江安防职业技术学院",
        address="温州市瓯海区瓯海大道2555号",
        locale=locales["zh-hans"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        translate_with_strings(
            settings_zh,
            locales["en"],
            {
                "浙江安防职业技术学院": "Zhejiang Security College",
                "温州市瓯海区瓯海大道2555号": "2555 Ouhai Avenue",
            },
        )
        # The Kazakh translation is started, one of its two strings done: it holds Chinese.
        translate_with_strings(settings_zh, locales["kk"], {"浙江安防职业技术学院": "Чжэцзян колледжі"})
    assert SiteSettings.objects.filter(locale=locales["kk"]).exists()

    kk = client.get(f"{API}/site-settings?locale=kk").json()
    assert kk["locale"] == {"requested": "kk", "served": "en", "fallback": True}
    assert kk["address"] == "2555 Ouhai Avenue"
    v2 = client.get(f"/api/v2/pages/{content.homes['kk'].pk}/").json()
    assert v2["site_settings"]["organisation_name"] == "Zhejiang Security College"
