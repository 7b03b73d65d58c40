"""API v2 delivers every field of our page types, with relations in the page's language."""

import pytest
from django.utils import translation
from wagtail.models import PageViewRestriction

from home.models import SitePhoneLine, SiteSettings
from news.models import NewsIndexPage
from partnerships import choices
from tests.api_v2.conftest import add_article, add_page

pytestmark = pytest.mark.django_db


def detail(client, page, **params):
    response = client.get(f"/api/v2/pages/{page.pk}/", params)
    assert response.status_code == 200, response.content
    return response.json()


def listing(client, **params):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200, response.content
    return response.json()


def assert_delivered_image(data, image, *, alt_text, decorative=False):
    assert data["id"] == image.pk
    assert (data["width"], data["height"]) == (image.width, image.height)
    assert data["alt_text"] == alt_text
    assert data["decorative"] is decorative
    assert {r["format"] for r in data["renditions"]} == {"webp", "jpeg"}
    for rendition in data["renditions"]:
        assert rendition["url"].startswith("http://testserver/media/images/")
        assert rendition["width"] > 0 and rendition["height"] > 0
    assert set(data["srcset"]) == {"webp", "jpeg"}


def test_article_delivers_its_fields_and_images_with_renditions(client, content, images):
    data = detail(client, content["article"])

    assert data["title"] == "中哈丝路云课堂开班"
    assert data["date"] == "2024-05-06"
    assert (data["source"], data["drafted_by"], data["photographed_by"], data["reviewed_by"]) == (
        "国际交流与合作处",
        "李四",
        "张三",
        "王五",
    )
    assert data["summary"] == "第一期开班。"
    assert data["view_count"] == 0

    # The cover is cropped to 16:9; its alt text is the image's description.
    cover = data["cover_image"]
    assert_delivered_image(cover, images["cover"], alt_text="开班仪式合影")
    assert all(abs(r["width"] / r["height"] - 16 / 9) < 0.01 for r in cover["renditions"])

    paragraph, image, gallery = data["body"]
    assert paragraph == {"type": "paragraph", "value": "<p>中哈丝路云课堂开班。</p>", "id": paragraph["id"]}

    assert image["type"] == "image"
    assert image["value"]["caption"] == "图片说明：第一课"
    assert image["value"]["credit"] == "张三"
    assert_delivered_image(image["value"]["image"], images["photo"], alt_text="学生在上课")
    # Body images keep their proportions.
    assert {(r["width"], r["height"]) for r in image["value"]["image"]["renditions"]} == {
        (480, 320),
        (960, 640),
        (1200, 800),
    }

    assert gallery["type"] == "gallery"
    assert gallery["value"]["caption"] == "开班仪式"
    first, second = gallery["value"]["images"]
    assert first["caption"] == "第一张"
    assert_delivered_image(first["image"], images["first"], alt_text="老师讲解瓯越文化")
    assert second["caption"] == "第二张"
    assert_delivered_image(second["image"], images["second"], alt_text="", decorative=True)

    assert data["topics"] == [{"id": content["topic"].pk, "name": "国际交流与合作", "slug": "exchange"}]
    assert data["related_partnerships"] == [
        {"id": content["partnership"].pk, "title": "与阿斯塔纳IT大学战略合作", "locale": "zh-hans"}
    ]
    assert data["related_courses"] == [
        {"id": content["course"].pk, "title": "中哈丝路云课堂", "locale": "zh-hans"}
    ]


def test_kazakh_article_delivers_its_relations_in_kazakh(client, content):
    data = detail(client, content["article_kk"])

    assert data["meta"]["locale"] == "kk"
    assert data["topics"] == [
        {"id": content["topic_kk"].pk, "name": "Халықаралық ынтымақтастық", "slug": "exchange"}
    ]
    assert data["related_partnerships"] == [
        {
            "id": content["partnership_kk"].pk,
            "title": "Астана IT университетімен стратегиялық ынтымақтастық",
            "locale": "kk",
        }
    ]
    assert [course["id"] for course in data["related_courses"]] == [content["course_kk"].pk]


def test_relations_fall_back_along_the_language_chain(client, content, locales, home_pages):
    # No English topic or partnership exists: an English article gets the Chinese ones.
    news_en = add_page(
        home_pages["en"], NewsIndexPage(title="News", slug="news"), original=content["news_index"]
    )
    article_en = add_article(
        news_en,
        "Silk Road online course opens",
        original=content["article"],
        related={"topics": [content["topic"]], "related_partnerships": [content["partnership"]]},
    )
    data = detail(client, article_en)
    assert [topic["name"] for topic in data["topics"]] == ["国际交流与合作"]
    assert [p["id"] for p in data["related_partnerships"]] == [content["partnership"].pk]

    # A Kazakh reader gets the Chinese partnership once the Kazakh one is unpublished.
    content["partnership_kk"].unpublish()
    data = detail(client, content["article_kk"])
    assert [p["id"] for p in data["related_partnerships"]] == [content["partnership"].pk]


def test_a_related_page_no_reader_may_see_is_left_out(client, content):
    content["partnership_kk"].unpublish()
    PageViewRestriction.objects.create(
        page=content["partnership"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    data = detail(client, content["article_kk"])
    assert data["related_partnerships"] == []
    assert "阿斯塔纳" not in str(data)


def test_locale_filter_lists_kazakh_pages(client, content):
    data = listing(client, locale="kk")
    assert data["items"]
    assert {item["meta"]["locale"] for item in data["items"]} == {"kk"}
    ids = {item["id"] for item in data["items"]}
    assert {content["article_kk"].pk, content["partnership_kk"].pk, content["course_kk"].pk} <= ids
    assert content["article"].pk not in ids

    data = listing(client, locale="kk", type="news.NewsArticlePage", fields="*")
    assert [item["id"] for item in data["items"]] == [content["article_kk"].pk]
    assert data["items"][0]["topics"][0]["name"] == "Халықаралық ынтымақтастық"


def test_partnership_delivers_institutions_labels_and_principles(client, content, images):
    data = detail(client, content["partnership"])

    assert data["summary"] == "双方签署战略合作协议。"
    assert data["signed_on"] == "2023-11-20"
    assert (data["kind"], data["status"]) == ("strategic-agreement", "active")
    with translation.override("zh-hans"):
        assert data["kind_label"] == str(dict(choices.PARTNERSHIP_KINDS)["strategic-agreement"])
        assert data["status_label"] == str(dict(choices.PARTNERSHIP_STATUSES)["active"])
        labels = dict(choices.COOPERATION_AREAS)
        assert data["cooperation_areas"] == [
            {"code": "technical-exchange", "label": str(labels["technical-exchange"])},
            {"code": "joint-courses", "label": str(labels["joint-courses"])},
        ]
    assert [block["value"] for block in data["principles"]] == ["优势互补", "互利共赢"]
    assert data["body"][0]["value"]["image"]["alt_text"] == "签约仪式"

    (institution,) = data["institutions"]
    logo = content["institution"].logo
    assert institution["id"] == content["institution"].pk
    assert {
        key: institution[key] for key in ("name", "short_name", "country", "country_code", "city", "website")
    } == {
        "name": "阿斯塔纳IT大学",
        "short_name": "AITU",
        "country": "哈萨克斯坦",
        "country_code": "KZ",
        "city": "阿斯塔纳",
        "website": "https://astanait.edu.kz/",
    }
    assert_delivered_image(institution["logo"], logo, alt_text="阿斯塔纳IT大学")

    (institution_kk,) = detail(client, content["partnership_kk"])["institutions"]
    assert institution_kk["id"] == content["institution_kk"].pk
    assert (institution_kk["name"], institution_kk["country"]) == ("Астана IT университеті", "Қазақстан")


def test_labels_follow_the_page_language(client, content):
    data = detail(client, content["course_kk"])
    with translation.override("kk"):
        expected = str(dict(choices.INSTRUCTION_LANGUAGES)["ru"])
    assert data["instruction_languages"][1] == {"code": "ru", "label": expected}


def test_course_delivers_phases_with_sessions_and_teachers(client, content):
    data = detail(client, content["course"])

    assert data["summary"] == "线上课程。"
    assert data["delivery_mode"] == "online"
    assert [item["code"] for item in data["subject_areas"]] == ["chinese-culture"]
    assert [item["code"] for item in data["audiences"]] == ["partner-students"]
    assert [item["code"] for item in data["instruction_languages"]] == ["zh", "ru"]
    teacher = content["teacher"]
    assert data["teachers"] == [
        {
            "id": teacher.pk,
            "name": "王老师",
            "title": "讲师",
            "department": "公共教学部",
            "institution": "",
            "photo": None,
        }
    ]

    (phase,) = data["phases"]
    assert phase["type"] == "phase"
    assert phase["value"]["title"] == "第一期"
    assert phase["value"]["status"] == "completed"
    assert phase["value"]["starts_on"] == "2024-05-06"
    (session,) = phase["value"]["sessions"]
    assert session["theme"] == "中国瓯越文化"
    assert (session["date"], session["start_time"], session["end_time"]) == (
        "2024-05-06",
        "14:00:00",
        "15:30:00",
    )
    assert (session["participants"], session["participants_approximate"]) == (60, True)
    assert session["teacher"] == {
        "id": teacher.pk,
        "name": "王老师",
        "title": "讲师",
        "department": "公共教学部",
    }

    data_kk = detail(client, content["course_kk"])
    assert data_kk["teachers"][0]["name"] == "Ван мұғалім"
    assert data_kk["phases"][0]["value"]["sessions"][0]["teacher"]["id"] == content["teacher_kk"].pk


def test_home_page_delivers_its_language_site_settings(client, content, locales, home_pages):
    settings_zh = SiteSettings.objects.create(
        organisation_name="浙江安防职业技术学院", locale=locales["zh-hans"]
    )
    SitePhoneLine.objects.create(
        settings=settings_zh, label="咨询电话", number="0577-85108077", locale=locales["zh-hans"]
    )
    SiteSettings.objects.create(
        organisation_name="Чжэцзян колледжі",
        locale=locales["kk"],
        translation_key=settings_zh.translation_key,
    )

    kk = detail(client, home_pages["kk"])["site_settings"]
    assert kk["organisation_name"] == "Чжэцзян колледжі"
    # No English settings: the Chinese ones, the end of every fallback chain.
    en = detail(client, home_pages["en"])["site_settings"]
    assert en["organisation_name"] == "浙江安防职业技术学院"
    assert en["phone_lines"] == [{"label": "咨询电话", "number": "0577-85108077"}]


def test_index_pages_deliver_their_introduction(client, content):
    index = content["news_index"]
    index.introduction = "国际交流与合作处的新闻。"
    index.save()
    assert detail(client, index)["introduction"] == "国际交流与合作处的新闻。"
    assert "introduction" in detail(client, content["partnership_index"])


def test_search_finds_pages_in_listings_with_every_field(client, content):
    data = listing(client, search="Жібек", type="news.NewsArticlePage", fields="*")
    assert [item["id"] for item in data["items"]] == [content["article_kk"].pk]
    assert data["items"][0]["body"][1]["value"]["image"]["renditions"]


def test_rich_text_links_lead_to_the_linked_page_in_the_page_language(client, content):
    partnership = content["partnership"]
    link = {"type": "paragraph", "value": f'<p><a linktype="page" id="{partnership.pk}">合作</a></p>'}
    article_zh = add_article(content["news_index"], "链接", body=[link])
    article_kk = add_article(content["news_index_kk"], "Сілтеме", original=article_zh, body=[link])

    def paragraph(article):
        return detail(client, article, rich_text_format="html")["body"][0]["value"]

    assert 'href="/partnerships/aitu/"' in paragraph(article_zh)
    # The Kazakh partnership's slug differs from the Chinese one's (see conftest).
    assert 'href="/partnerships/aitu-kk/"' in paragraph(article_kk)
