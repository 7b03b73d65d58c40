"""Small builders for API v2 tests: a news section, a partnership with a course, images.

Pages are added with `parent.add_child` (live unless told otherwise); translations share the
source's `translation_key`, which is all the API looks at.
"""

import datetime
import io
import itertools

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from home.images import BODY_FILTERS, COVER_FILTERS, serialize_image
from news.models import NewsArticlePage, NewsIndexPage, Topic
from partnerships.models import CoursePage, PartnerInstitution, PartnershipIndexPage, PartnershipPage, Person

_counter = itertools.count(1)


def make_image(title="photo", size=(1200, 800), colour=(30, 120, 200), **kwargs):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    name = f"test-{next(_counter)}.jpg"
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=name), **kwargs)


def warm_renditions(*images):
    """Generate every rendition the API delivers, as the first request after an upload would."""
    for image in images:
        serialize_image(image, filters=COVER_FILTERS)
        serialize_image(image, filters=BODY_FILTERS)


def captioned(image, alt_text="", caption="", credit="", decorative=False):
    """The raw value of a home.blocks.CaptionedImageBlock."""
    return {
        "image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative},
        "caption": caption,
        "credit": credit,
    }


def article_body(photo, gallery):
    return [
        {"type": "paragraph", "value": "<p>中哈丝路云课堂开班。</p>"},
        {"type": "image", "value": captioned(photo, "学生在上课", "图片说明：第一课", "张三")},
        {
            "type": "gallery",
            "value": {
                "images": [
                    captioned(gallery[0], "老师讲解瓯越文化", "第一张"),
                    captioned(gallery[1], decorative=True, caption="第二张"),
                ],
                "caption": "开班仪式",
            },
        },
    ]


def translation_of(obj, locale, **fields):
    """A translated snippet: a copy in `locale` sharing `obj`'s translation key."""
    copy = obj.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def add_page(parent, page, *, live=True, original=None):
    """Add `page` under `parent`; `original` makes it a translation of that page."""
    page.live = live
    page.locale = parent.locale
    if original is not None:
        page.translation_key = original.translation_key
    return parent.add_child(instance=page)


def add_article(index, title, *, original=None, live=True, cover=None, body=None, related=None, **fields):
    page = NewsArticlePage(
        title=title,
        slug=fields.pop("slug", f"article-{next(_counter)}"),
        date=fields.pop("date", datetime.date(2024, 5, 6)),
        cover_image=cover,
        body=body or [{"type": "paragraph", "value": "<p>正文</p>"}],
        **fields,
    )
    for name, objects in (related or {}).items():
        getattr(page, name).set(objects)
    return add_page(index, page, live=live, original=original)


@pytest.fixture
def images(db):
    photos = {
        "cover": make_image("cover", description="开班仪式合影"),
        "photo": make_image("photo", colour=(200, 40, 40)),
        "first": make_image("first", size=(600, 900), colour=(40, 200, 40)),
        "second": make_image("second", colour=(200, 200, 40)),
    }
    warm_renditions(*photos.values())
    return photos


@pytest.fixture
def content(locales, home_pages, images):
    """A news section and a partnership with a course, in Chinese with Kazakh translations."""
    zh, kk = locales["zh-hans"], locales["kk"]
    topic = Topic.objects.create(name="国际交流与合作", slug="exchange", locale=zh)
    topic_kk = translation_of(topic, kk, name="Халықаралық ынтымақтастық")
    logo = make_image("AITU logo", size=(400, 400))
    warm_renditions(logo)
    institution = PartnerInstitution.objects.create(
        name="阿斯塔纳IT大学",
        short_name="AITU",
        country="哈萨克斯坦",
        country_code="kz",
        city="阿斯塔纳",
        website="https://astanait.edu.kz/",
        logo=logo,
        locale=zh,
    )
    institution_kk = translation_of(
        institution, kk, name="Астана IT университеті", country="Қазақстан", city="Астана"
    )
    teacher = Person.objects.create(name="王老师", title="讲师", department="公共教学部", locale=zh)
    teacher_kk = translation_of(teacher, kk, name="Ван мұғалім", title="оқытушы")

    partnership_index = add_page(
        home_pages["zh-hans"], PartnershipIndexPage(title="合作项目", slug="partnerships")
    )
    partnership_index_kk = add_page(
        home_pages["kk"],
        PartnershipIndexPage(title="Серіктестік", slug="partnerships"),
        original=partnership_index,
    )
    partnership_page = PartnershipPage(
        title="与阿斯塔纳IT大学战略合作",
        slug="aitu",
        summary="双方签署战略合作协议。",
        kind="strategic-agreement",
        status="active",
        signed_on=datetime.date(2023, 11, 20),
        cooperation_areas=["technical-exchange", "joint-courses"],
        principles=[{"type": "principle", "value": "优势互补"}, {"type": "principle", "value": "互利共赢"}],
        body=[{"type": "image", "value": captioned(images["photo"], "签约仪式", "签约现场")}],
    )
    partnership_page.institutions.set([institution])
    partnership = add_page(partnership_index, partnership_page)
    partnership_kk_page = PartnershipPage(
        title="Астана IT университетімен стратегиялық ынтымақтастық",
        slug="aitu-kk",
        kind="strategic-agreement",
        status="active",
        cooperation_areas=["technical-exchange", "joint-courses"],
    )
    partnership_kk_page.institutions.set([institution])
    partnership_kk = add_page(partnership_index_kk, partnership_kk_page, original=partnership)

    course_page = CoursePage(
        title="中哈丝路云课堂",
        slug="silk-road",
        summary="线上课程。",
        delivery_mode="online",
        subject_areas=["chinese-culture"],
        audiences=["partner-students"],
        instruction_languages=["zh", "ru"],
        phases=[
            {
                "type": "phase",
                "value": {
                    "title": "第一期",
                    "status": "completed",
                    "period": "",
                    "starts_on": "2024-05-06",
                    "ends_on": "2024-06-01",
                    "description": "",
                    "sessions": [
                        {
                            "date": "2024-05-06",
                            "start_time": "14:00:00",
                            "end_time": "15:30:00",
                            "theme": "中国瓯越文化",
                            "teacher": teacher.pk,
                            "audience": "阿斯塔纳IT大学二年级学生",
                            "participants": 60,
                            "participants_approximate": True,
                        }
                    ],
                },
            }
        ],
    )
    course_page.teachers.set([teacher])
    course = add_page(partnership, course_page)
    course_kk_page = CoursePage(
        title="Жібек жолы онлайн сабағы",
        slug="silk-road",
        delivery_mode="online",
        subject_areas=["chinese-culture"],
        audiences=["partner-students"],
        instruction_languages=["zh", "ru"],
        phases=course_page.phases.raw_data[:],
    )
    course_kk_page.teachers.set([teacher])
    course_kk = add_page(partnership_kk, course_kk_page, original=course)

    news_index = add_page(home_pages["zh-hans"], NewsIndexPage(title="新闻", slug="news"))
    news_index_kk = add_page(
        home_pages["kk"], NewsIndexPage(title="Жаңалықтар", slug="news"), original=news_index
    )
    related = {"topics": [topic], "related_partnerships": [partnership], "related_courses": [course]}
    body = article_body(images["photo"], [images["first"], images["second"]])
    article = add_article(
        news_index,
        "中哈丝路云课堂开班",
        cover=images["cover"],
        body=body,
        related=related,
        summary="第一期开班。",
        source="国际交流与合作处",
        drafted_by="李四",
        photographed_by="张三",
        reviewed_by="王五",
    )
    article_kk = add_article(
        news_index_kk,
        "Жібек жолы онлайн сабағы басталды",
        original=article,
        cover=images["cover"],
        body=body,
        related=related,
    )
    return {
        "topic": topic,
        "topic_kk": topic_kk,
        "institution": institution,
        "institution_kk": institution_kk,
        "teacher": teacher,
        "teacher_kk": teacher_kk,
        "partnership_index": partnership_index,
        "partnership": partnership,
        "partnership_kk": partnership_kk,
        "course": course,
        "course_kk": course_kk,
        "news_index": news_index,
        "news_index_kk": news_index_kk,
        "article": article,
        "article_kk": article_kk,
    }
