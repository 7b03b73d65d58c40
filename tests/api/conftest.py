"""A small trilingual data set for the delivery API, built the way editors and translators do."""

import datetime
import io
from dataclasses import dataclass, field

import pytest
from django.core.files.images import ImageFile
from django.db import transaction
from django.test import TestCase
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale

from home.models import HomePage
from locales.translation import translate_with_strings
from news.models import NewsArticlePage, NewsIndexPage, Topic
from partnerships.models import CoursePage, PartnerInstitution, PartnershipIndexPage, PartnershipPage, Person


def make_image(title, colour=(180, 40, 40), size=(1200, 800)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title}.jpg")
    )


def captioned(image, alt, caption, credit=""):
    return {
        "image": {"image": image, "alt_text": alt, "decorative": False},
        "caption": caption,
        "credit": credit,
    }


@dataclass
class Content:
    locales: dict
    homes: dict
    news_index: dict = field(default_factory=dict)
    articles: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    topic: object = None
    partnership: dict = field(default_factory=dict)
    course: dict = field(default_factory=dict)
    person: object = None
    institution: object = None


@pytest.fixture(scope="module")
def module_content(django_db_setup, django_db_blocker):
    """The data set, built once per test module inside a transaction that is rolled back after it.

    Each test runs in a savepoint inside that transaction (as Django's setUpTestData does), so
    what a test changes is undone before the next one.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with TestCase.captureOnCommitCallbacks(execute=True):
                data = build_content()
            yield data
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def content(module_content, db):
    """The module's data set, with every object read afresh for this test."""
    data = module_content
    fresh = Content(
        locales={code: Locale.objects.get(pk=locale.pk) for code, locale in data.locales.items()},
        homes={code: type(page).objects.get(pk=page.pk) for code, page in data.homes.items()},
        topic=Topic.objects.get(pk=data.topic.pk),
        person=Person.objects.get(pk=data.person.pk),
        institution=PartnerInstitution.objects.get(pk=data.institution.pk),
        images={name: type(image).objects.get(pk=image.pk) for name, image in data.images.items()},
    )
    for name in ("news_index", "partnership", "course"):
        setattr(fresh, name, {code: type(p).objects.get(pk=p.pk) for code, p in getattr(data, name).items()})
    fresh.articles = {
        key: {code: type(p).objects.get(pk=p.pk) for code, p in versions.items()}
        for key, versions in data.articles.items()
    }
    return fresh


def build_content():
    """zh-hans source content; en for everything but the oldest article; kk for the newest only.

    - `seed`: 2025-04-18, in zh-hans, en and kk (each with its own captions)
    - `middle`: 2025-04-10, zh-hans and en (a kk reader gets en, marked as a fallback)
    - `oldest`: 2025-03-01, zh-hans only
    """
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    home_pages = {page.locale.language_code: page for page in HomePage.objects.select_related("locale")}
    zh, en, kk = locales["zh-hans"], locales["en"], locales["kk"]
    data = Content(locales=locales, homes=home_pages)
    data.images = {"one": make_image("one"), "two": make_image("two", (30, 90, 160))}
    index = home_pages["zh-hans"].add_child(instance=NewsIndexPage(title="新闻", slug="xinwen"))
    data.news_index["zh-hans"] = index
    data.news_index["en"] = translate_with_strings(index, en, {"新闻": "News", "xinwen": "news"})
    data.news_index["kk"] = translate_with_strings(index, kk, {"新闻": "Жаңалықтар", "xinwen": "zhanalyqtar"})

    data.topic = Topic.objects.create(name="国际交流与合作", slug="international-exchange", locale=zh)
    translate_with_strings(data.topic, en, {"国际交流与合作": "International Exchange and Cooperation"})
    translate_with_strings(data.topic, kk, {"国际交流与合作": "Халықаралық алмасу және ынтымақтастық"})

    data.institution = PartnerInstitution.objects.create(
        name="阿斯塔纳IT大学",
        short_name="AITU",
        country="哈萨克斯坦",
        country_code="kz",
        city="阿斯塔纳",
        locale=zh,
    )
    translate_with_strings(
        data.institution,
        en,
        {
            "阿斯塔纳IT大学": "Astana IT University",
            "AITU": "AITU",
            "哈萨克斯坦": "Kazakhstan",
            "阿斯塔纳": "Astana",
        },
    )
    data.person = Person.objects.create(name="赵炳志", department="公共教学部", locale=zh)
    translate_with_strings(
        data.person, en, {"赵炳志": "Zhao Bingzhi", "公共教学部": "Public Teaching Department"}
    )

    p_index = home_pages["zh-hans"].add_child(instance=PartnershipIndexPage(title="合作项目", slug="hezuo"))
    translate_with_strings(p_index, en, {"合作项目": "Partnerships", "hezuo": "partnerships"})
    partnership = p_index.add_child(
        instance=PartnershipPage(
            title="中哈丝路学院",
            slug="zhongha-silu-xueyuan",
            kind="joint-college",
            status="active",
            signed_on=datetime.date(2025, 3, 1),
            cooperation_areas=["technical-exchange", "joint-training"],
            principles=[("principle", "优势互补"), ("principle", "资源共享")],
        )
    )
    partnership.institutions.add(data.institution)
    partnership.save_revision().publish()
    data.partnership["zh-hans"] = partnership
    data.partnership["en"] = translate_with_strings(
        partnership,
        en,
        {
            "中哈丝路学院": "China-Kazakhstan Silk Road College",
            "zhongha-silu-xueyuan": "silk-road-college",
            "优势互补": "Complementary advantages",
            "资源共享": "Resource sharing",
        },
    )
    course = partnership.add_child(
        instance=CoursePage(
            title="中哈丝路在线课程",
            slug="silu-zaixian-kecheng",
            delivery_mode="online",
            subject_areas=["emergency-management"],
            audiences=["partner-students"],
            instruction_languages=["zh"],
            phases=[
                (
                    "phase",
                    {
                        "title": "第一期",
                        "status": "completed",
                        "sessions": [
                            {
                                "date": datetime.date(2025, 4, 18),
                                "start_time": datetime.time(14, 0),
                                "end_time": datetime.time(15, 30),
                                "theme": "中国瓯越文化",
                                "teacher": data.person,
                                "audience": "阿斯塔纳IT大学大二学生",
                                "participants": 60,
                                "participants_approximate": True,
                            }
                        ],
                    },
                ),
                ("phase", {"title": "第二期", "status": "announced", "period": "5月上旬", "sessions": []}),
            ],
        )
    )
    course.teachers.add(data.person)
    course.save_revision().publish()
    data.course["zh-hans"] = course

    def article(slug, title, date, paragraph, caption):
        page = index.add_child(
            instance=NewsArticlePage(
                title=title,
                slug=slug,
                date=date,
                cover_image=data.images["one"],
                drafted_by="贾华仪",
                body=[
                    ("paragraph", paragraph),
                    (
                        "gallery",
                        {
                            "images": [
                                captioned(data.images["one"], "学生们在线上课", "左图"),
                                captioned(data.images["two"], "赵老师讲课", "右图"),
                            ],
                            "caption": caption,
                        },
                    ),
                ],
            )
        )
        page.topics.add(data.topic)
        page.related_partnerships.add(partnership)
        page.related_courses.add(course)
        page.save_revision().publish()
        return page

    seed = article(
        "shouke",
        "中哈丝路在线课程首课开讲",
        datetime.date(2025, 4, 18),
        f'<p>4月18日下午，<a linktype="page" id="{partnership.pk}">中哈丝路学院</a>首课开讲。</p>',
        "图为：首堂课聚焦瓯越文化",
    )
    middle = article(
        "dongyuan",
        "赴哈交流团行前动员会",
        datetime.date(2025, 4, 10),
        "<p>行前动员会召开。</p>",
        "动员会现场",
    )
    oldest = article(
        "qianshu", "签署战略合作协议", datetime.date(2025, 3, 1), "<p>双方签署协议。</p>", "签约仪式"
    )
    data.articles["seed"] = {"zh-hans": seed}
    data.articles["middle"] = {"zh-hans": middle}
    data.articles["oldest"] = {"zh-hans": oldest}

    common_en = {
        "学生们在线上课": "Students in the online class",
        "赵老师讲课": "Mr Zhao teaching",
        "左图": "Left",
        "右图": "Right",
        "贾华仪": "Jia Huayi",
    }
    data.articles["seed"]["en"] = translate_with_strings(
        seed,
        en,
        {
            **common_en,
            "中哈丝路在线课程首课开讲": "The First Class of the Silk Road Online Course Opened",
            "shouke": "first-class-opened",
            '4月18日下午，<a id="a1">中哈丝路学院</a>首课开讲。': 'On the afternoon of April 18, the <a id="a1">Silk Road College</a> opened its first class.',
            "图为：首堂课聚焦瓯越文化": "Picture commentary: the first class focuses on Ouyue culture",
        },
    )
    data.articles["seed"]["kk"] = translate_with_strings(
        seed,
        kk,
        {
            "中哈丝路在线课程首课开讲": "Жібек жолы онлайн курсының алғашқы сабағы басталды",
            "shouke": "alghashqy-sabaq",
            '4月18日下午，<a id="a1">中哈丝路学院</a>首课开讲。': '18 сәуір күні түстен кейін <a id="a1">Жібек жолы колледжі</a> алғашқы сабағын өткізді.',
            "学生们在线上课": "Студенттер онлайн сабақта",
            "赵老师讲课": "Чжао мұғалім сабақ береді",
            "左图": "Сол жақта",
            "右图": "Оң жақта",
            "图为：首堂课聚焦瓯越文化": "Суретте: алғашқы сабақ Оуюэ мәдениетіне арналған",
            "贾华仪": "Цзя Хуаи",
        },
    )
    data.articles["middle"]["en"] = translate_with_strings(
        middle,
        en,
        {
            **common_en,
            "赴哈交流团行前动员会": "Pre-departure Meeting for the Exchange Group to Kazakhstan",
            "dongyuan": "pre-departure-meeting",
            "行前动员会召开。": "The pre-departure meeting was held.",
            "动员会现场": "At the meeting",
        },
    )
    return data


@pytest.fixture
def uncached(settings):
    """Measure rendering itself: without stored answers, every request is rendered."""
    settings.API_STORED_ANSWERS = False
