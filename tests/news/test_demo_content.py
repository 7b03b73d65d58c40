"""The demo content: the seed article and everything around it, in three languages, loaded twice."""

import io
import json
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from home.models import SitePhoneLine, SiteSettings
from news.models import NewsArticlePage, NewsIndexPage, Topic
from partnerships.models import (
    CoursePage,
    PartnerInstitution,
    PartnershipIndexPage,
    PartnershipPage,
    Person,
)

pytestmark = pytest.mark.django_db

PUBLISHED_TITLE = (
    "The First Class of the “China-Kazakhstan Silk Road Online Course” Opened to Deepen the “Belt and "
    "Road” Vocational Education Cooperation"
)
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
TARGETS = ("en", "kk")
SNIPPETS = (Topic, PartnerInstitution, Person, SiteSettings, SitePhoneLine)


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """Load the demo once for the whole module, inside a transaction rolled back at the end.

    Each test runs in a savepoint inside it (as in Django's TestCase with setUpTestData), so
    what a test changes is undone, and the demo is loaded once instead of once per test.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_loaded, locales):
    return locales


def counts():
    pages = Counter(page.specific_class.__name__ for page in Page.objects.all())
    return {
        "pages": dict(pages),
        **{model.__name__: model.objects.count() for model in SNIPPETS},
        "images": get_image_model().objects.count(),
        "translations": Translation.objects.count(),
        "sources": TranslationSource.objects.count(),
        "revisions": Revision.objects.count(),
    }


def seed_article(language_code):
    return NewsArticlePage.objects.get(locale__language_code=language_code, date="2025-04-18")


def body_text(page):
    return json.dumps(page.body.get_prep_value(), ensure_ascii=False)


def gallery(page):
    (block,) = [block for block in page.body if block.block_type == "gallery"]
    return block.value


def test_running_the_command_again_changes_nothing(demo):
    before = counts()
    assert before["pages"] == {
        "Page": 1,
        "HomePage": 3,
        "NewsIndexPage": 3,
        "PartnershipIndexPage": 3,
        "PartnershipPage": 3,
        "CoursePage": 3,
        "NewsArticlePage": 6,
    }
    assert before["Topic"] == before["PartnerInstitution"] == before["Person"] == 3
    assert before["SiteSettings"] == 3 and before["SitePhoneLine"] == 9
    assert before["images"] == 5

    out = io.StringIO()
    call_command("load_demo_content", stdout=out)

    assert counts() == before
    assert "created: nothing" in out.getvalue()


def test_every_segment_has_an_english_and_a_kazakh_translation(demo):
    sources = TranslationSource.objects.all()
    assert sources.count() == 11  # the home page and the ten demo objects
    for source in sources:
        for code in TARGETS:
            missing = (
                StringSegment.objects.filter(source=source)
                .annotate_translation(demo[code])
                .filter(translation__isnull=True)
            )
            assert not missing.exists(), (source.object_repr, code, [s.string.data for s in missing])


def test_the_seed_article_is_live_in_three_languages_as_tracked_translations(demo):
    zh, en, kk = (seed_article(code) for code in ("zh-hans", "en", "kk"))
    assert zh.translation_key == en.translation_key == kk.translation_key
    assert all(page.live and not page.has_unpublished_changes for page in (zh, en, kk))

    assert en.title == PUBLISHED_TITLE
    assert zh.title == "“中哈丝路在线课程”首堂课开讲 深化“一带一路”职业教育合作"
    assert zh.source == "" and zh.drafted_by == "贾华仪" and en.drafted_by == "Jia Huayi"
    assert "nearly 60 sophomore students from the Astana IT Univeristy" in body_text(en)  # [sic]

    # The English and Kazakh pages are what wagtail-localize made from the Chinese source.
    targets = Translation.objects.filter(source__object_id=zh.translation_key, source__locale=zh.locale)
    assert {t.target_locale.language_code for t in targets} == set(TARGETS)
    for page in (en, kk):
        assert not CHINESE.search(page.title), page.title
        assert not CHINESE.search(page.summary + page.drafted_by + body_text(page))
        assert page.slug.isascii() and page.slug != zh.slug
    assert zh.slug == "zhong-ha-silu-zaixian-kecheng-shouke-kaijiang"

    # Under each language's own news index, with the relations of the source.
    assert en.get_parent().specific.title == "News"
    assert kk.get_parent().specific.title == "Жаңалықтар"
    assert [t.slug for t in en.topics.all()] == ["international-exchange"]
    assert en.related_courses.get().title == "中哈丝路在线课程"  # relations point at the source
    assert en.cover_image_id == zh.cover_image_id is not None


def test_the_photo_row_has_two_pictures_with_translated_captions_and_alt_text(demo):
    rows = {code: gallery(seed_article(code)) for code in ("zh-hans", "en", "kk")}
    assert rows["en"]["caption"] == (
        "Picture commentary: The first class focuses on Ouyue culture and builds a bridge for "
        "cross-cultural communication"
    )
    assert rows["zh-hans"]["caption"].startswith("图为：")
    assert len({row["caption"] for row in rows.values()}) == 3

    images = {code: list(row["images"]) for code, row in rows.items()}
    assert all(len(items) == 2 for items in images.values())
    for index in range(2):
        pictures = [items[index] for items in images.values()]
        assert len({p["caption"] for p in pictures}) == 3
        assert len({p["image"].contextual_alt_text for p in pictures}) == 3
        assert len({p["image"].pk for p in pictures}) == 1  # the same photo in every language
    first, second = images["zh-hans"]
    assert first["image"].pk != second["image"].pk
    for item in images["zh-hans"]:
        photo = item["image"]
        assert (photo.width, photo.height) == (1200, 800)
        with photo.open_file() as handle:
            assert handle.read(3) == b"\xff\xd8\xff"  # a JPEG


def test_the_older_article_comes_before_the_seed_article(demo):
    for code in ("zh-hans", "en", "kk"):
        articles = list(NewsArticlePage.objects.filter(locale__language_code=code).order_by("date"))
        assert [a.date.isoformat() for a in articles] == ["2025-04-10", "2025-04-18"]
        blocks = [block.block_type for block in articles[0].body]
        assert blocks.count("image") == 1 and blocks.count("paragraph") >= 2
    assert NewsArticlePage.objects.get(locale__language_code="en", date="2025-04-10").title == (
        "ZJCST Held a Pre-departure Mobilization Meeting for the Exchange Group to Kazakhstan"
    )


def test_partnership_course_and_people(demo):
    aitu = PartnerInstitution.objects.get(locale=demo["zh-hans"])
    assert (aitu.name, aitu.short_name, aitu.country_code, aitu.website) == (
        "阿斯塔纳IT大学",
        "AITU",
        "KZ",
        "https://astanait.edu.kz",
    )
    assert aitu.logo is not None
    assert PartnerInstitution.objects.get(locale=demo["en"]).name == "Astana IT University"

    partnership = PartnershipPage.objects.get(locale=demo["zh-hans"])
    assert partnership.kind == "joint-college" and partnership.status == "active"
    assert partnership.signed_on.isoformat() == "2025-03-01"
    assert partnership.cooperation_areas == ["technical-exchange", "visits", "joint-training"]
    assert list(partnership.institutions.all()) == [aitu]
    assert [p.value for p in PartnershipPage.objects.get(locale=demo["en"]).principles] == [
        "Complementary advantages",
        "Resource sharing",
        "Mutual benefit",
    ]
    assert PartnershipIndexPage.objects.count() == NewsIndexPage.objects.count() == 3

    for code in ("zh-hans", "en", "kk"):
        course = CoursePage.objects.get(locale=demo[code])
        assert course.get_parent().specific.locale == demo[code]
        assert course.delivery_mode == "online"
        assert course.instruction_languages == ["zh", "en"]
        first, second = (block.value for block in course.phases)
        assert first["status"] == "completed"
        (session,) = first["sessions"]
        assert session["date"].isoformat() == "2025-04-18"
        assert session["start_time"].hour >= 12  # in the afternoon
        assert session["participants"] == 60 and session["participants_approximate"] is True
        # The teacher is the Person in the page's own language.
        assert session["teacher"].locale == demo[code]
        assert second["status"] == "announced" and second["period"] and not second["sessions"]
    zh_course = CoursePage.objects.get(locale=demo["zh-hans"])
    assert next(iter(zh_course.phases)).value["sessions"][0]["theme"] == "中国瓯越文化"
    assert next(iter(zh_course.phases)).value["sessions"][0]["teacher"].name == "赵秉志"
    assert Person.objects.get(locale=demo["en"]).department == "Public Teaching Department"


def test_site_settings_in_every_language(demo):
    expected_icp = {
        "zh-hans": "浙ICP备15027927号",
        "en": "Zhejiang ICP Bei No. 15027927",
    }
    labels = set()
    for code in ("zh-hans", "en", "kk"):
        settings = SiteSettings.for_locale(demo[code])
        assert settings is not None
        assert "15027927" in settings.icp_number
        if code in expected_icp:
            assert settings.icp_number == expected_icp[code]
        assert settings.postcode == "325016" and settings.email == "zjafjw@163.com"
        assert settings.public_security_url.endswith("recordcode=33030402001181")
        lines = list(settings.phone_lines.all())
        assert [line.number for line in lines] == ["85108077", "85108000", "85108020"]
        labels.update(line.label for line in lines)
        if code != "zh-hans":
            assert not CHINESE.search(settings.address + settings.technical_support + settings.copyright)
    assert len(labels) == 9
    assert SiteSettings.for_locale(demo["en"]).address == "2555 Ouhai Avenue, Ouhai District, Wenzhou City"


def test_synthetic_articles_in_every_language(demo):
    err = io.StringIO()
    call_command("load_demo_content", synthetic=3, stdout=io.StringIO(), stderr=err)
    assert "3/3" in err.getvalue()  # the progress bar

    def synthetic():
        return NewsArticlePage.objects.filter(slug__startswith="synthetic-")

    for code in ("zh-hans", "en", "kk"):
        pages = synthetic().filter(locale=demo[code])
        assert pages.count() == 3
        for page in pages:
            assert page.live
            assert len([b for b in page.body if b.block_type == "paragraph"]) == 6
            assert len(list(gallery(page)["images"])) == 2
            if code != "zh-hans":
                assert not CHINESE.search(page.title + body_text(page)), page.title
    source = synthetic().filter(locale=demo["zh-hans"]).first()
    assert Translation.objects.filter(source__object_id=source.translation_key).count() == 2
    assert len({page.date for page in synthetic().filter(locale=demo["zh-hans"])}) == 3

    before = counts()
    call_command("load_demo_content", synthetic=3, verbosity=0)
    assert counts() == before
