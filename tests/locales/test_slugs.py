import pytest
from django.urls import reverse
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from locales import slugs
from locales.slugs import slugify, title_slug
from locales.translation import translate_with_strings
from news.models import NewsArticlePage
from tests.factories import (
    NewsArticlePageFactory,
    form_errors,
    news_index,
    page_add_url,
    page_form,
    publish,
    rich_paragraph,
    sync_translations,
    translate,
)

SEED_KK_TITLE = "Қытай–Қазақстан Жібек жолы онлайн курсының алғашқы сабағы басталды"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("中哈丝路在线课程", "zhong-ha-si-lu-zai-xian-ke-cheng"),
        ("阿斯塔纳IT大学2025年合作", "a-si-ta-na-it-da-xue-2025-nian-he-zuo"),
        ("旅行女生银行", "lv-xing-nv-sheng-yin-hang"),  # ü as v; 行 read from its phrase
        (SEED_KK_TITLE, "qytai-qazaqstan-zhibek-zholy-onlain-kursynyn-algashqy-sabagy-bastaldy"),
        ("астана-it-университетімен-келісім", "astana-it-universitetimen-kelisim"),
        ("Әлихан Бөкейхан Үкімет Ұлы Іле Һ Ңғ", "alihan-bokeihan-ukimet-uly-ile-h-ng"),
        ("Цзя Хуаи: юрта, ёлка, Щучинск, съезд, Эмба", "tszia-huai-iurta-iolka-shchuchinsk-sezd-emba"),
        ("China's Partner – Astana IT University", "chinas-partner-astana-it-university"),
        ("Ärzte & Café", "arzte-cafe"),
        ("!!! ——", ""),
    ],
)
def test_transliteration_gives_ascii_slugs(text, slug):
    assert slugify(text) == slug


def test_a_slug_from_a_long_title_is_cut_at_a_hyphen():
    slug = title_slug("“中哈丝路在线课程”首堂课开讲 深化“一带一路”职业教育合作")
    assert slug.startswith("zhong-ha-si-lu-zai-xian-ke-cheng-shou-tang-ke-kai-jiang")
    assert len(slug) <= slugs.MAX_DERIVED_LENGTH and not slug.endswith("-")


def test_the_wrapper_is_installed_once_and_only_our_pages_change():
    from wagtail_localize import models as localize_models

    from locales import patches

    assert localize_models.ingest_segments._cms_patched
    patches.apply()  # a second call wraps nothing twice
    assert localize_models.ingest_segments.__wrapped__.__name__ == "ingest_segments"
    # Wagtail's own page form and Page are left as they are; our page types have their own.
    assert not hasattr(WagtailAdminPageForm.clean, "_cms_slugs")
    assert issubclass(NewsArticlePage.get_edit_handler().get_form_class(), slugs.AsciiSlugPageForm)


# --- Source pages ------------------------------------------------------------------------------


@pytest.fixture
def news(home_pages):
    return news_index(home_pages["zh-hans"])


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["", "中哈丝路在线课程"])  # left empty, or filled in by the admin's JS
def test_a_chinese_title_gets_a_pinyin_slug_in_the_admin(admin_client, news, typed):
    response = admin_client.post(
        page_add_url(NewsArticlePage, news),
        page_form(
            {"title": "中哈丝路在线课程", "slug": typed, "date": "2025-04-18"},
            body=[rich_paragraph("<p>开讲。</p>")],
        ),
    )

    assert response.status_code == 302, form_errors(response)
    page = NewsArticlePage.objects.get()
    assert page.live
    assert page.slug == "zhong-ha-si-lu-zai-xian-ke-cheng"
    assert page.url_path.endswith("/news/zhong-ha-si-lu-zai-xian-ke-cheng/")


@pytest.mark.django_db
def test_siblings_with_the_same_title_get_distinct_slugs(admin_client, news):
    for _ in range(3):
        response = admin_client.post(
            page_add_url(NewsArticlePage, news),
            page_form(
                {"title": "赴哈交流团行前动员会", "slug": "", "date": "2025-04-18"},
                body=[rich_paragraph("<p>动员会召开。</p>")],
            ),
        )
        assert response.status_code == 302, form_errors(response)

    assert sorted(NewsArticlePage.objects.values_list("slug", flat=True)) == [
        "fu-ha-jiao-liu-tuan-xing-qian-dong-yuan-hui",
        "fu-ha-jiao-liu-tuan-xing-qian-dong-yuan-hui-1",
        "fu-ha-jiao-liu-tuan-xing-qian-dong-yuan-hui-2",
    ]


@pytest.mark.django_db
def test_a_hand_typed_slug_is_kept_in_the_admin(admin_client, news):
    data = {"title": "中哈丝路在线课程", "slug": "Silk_Road-course", "date": "2025-04-18"}
    response = admin_client.post(
        page_add_url(NewsArticlePage, news), page_form(data, body=[rich_paragraph("<p>开讲。</p>")])
    )
    assert response.status_code == 302, form_errors(response)
    page = NewsArticlePage.objects.get()
    assert page.slug == "Silk_Road-course"

    # A typed slug that is taken stays the editor's to change: Wagtail's own error, no suffix.
    response = admin_client.post(
        page_add_url(NewsArticlePage, news), page_form(data, body=[rich_paragraph("<p>开讲。</p>")])
    )
    assert response.status_code == 200
    assert "slug" in form_errors(response)
    assert NewsArticlePage.objects.count() == 1


@pytest.mark.django_db
def test_editing_a_page_keeps_its_slug_and_fills_an_emptied_one(admin_client, news):
    page = publish(NewsArticlePageFactory(parent=news, title="签署战略合作协议", slug="agreement"))

    def edit(slug):
        response = admin_client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            page_form(
                {"title": "签署战略合作协议", "slug": slug, "date": "2025-04-18"},
                body=[rich_paragraph("<p>协议签署。</p>")],
            ),
        )
        assert response.status_code == 302, form_errors(response)
        page.refresh_from_db()
        return page.slug

    assert edit("agreement") == "agreement"
    assert edit("") == "qian-shu-zhan-lve-he-zuo-xie-yi"


@pytest.mark.django_db
def test_pages_created_in_code_get_ascii_slugs(news):
    empty = NewsArticlePageFactory(parent=news, title="中哈丝路在线课程", slug="")
    chinese = NewsArticlePageFactory(parent=news, title="另一篇", slug="中哈丝路在线课程")
    kazakh = NewsArticlePageFactory(parent=news, title="Келісім", slug="астана-it-университетімен-келісім")
    typed = NewsArticlePageFactory(parent=news, title="中哈丝路在线课程", slug="silk-road")

    assert empty.slug == "zhong-ha-si-lu-zai-xian-ke-cheng"
    assert chinese.slug == "zhong-ha-si-lu-zai-xian-ke-cheng-1"
    assert kazakh.slug == "astana-it-universitetimen-kelisim"
    assert typed.slug == "silk-road"
    assert Page.objects.get(pk=kazakh.pk).url_path.endswith("/astana-it-universitetimen-kelisim/")


# --- Translations ------------------------------------------------------------------------------


@pytest.fixture
def seed(news):
    return publish(
        NewsArticlePageFactory(
            parent=news,
            title="中哈丝路在线课程首课开讲",
            slug="zhong-ha-si-lu-zai-xian-ke-cheng-shou-ke-kai-jiang",
        )
    )


@pytest.mark.django_db
def test_a_kazakh_translation_without_a_slug_gets_a_latin_slug_from_its_title(seed, locales):
    kk = translate_with_strings(seed, locales["kk"], {seed.title: SEED_KK_TITLE})

    assert kk.title == SEED_KK_TITLE
    assert kk.slug.startswith("qytai-qazaqstan-zhibek-zholy")
    assert kk.slug == "qytai-qazaqstan-zhibek-zholy-onlain-kursynyn-algashqy-sabagy-bastaldy"
    assert kk.live and kk.url_path.endswith(f"/{kk.slug}/")


@pytest.mark.django_db
def test_a_slug_typed_in_kazakh_is_transliterated_not_cut_to_a_fragment(seed, locales):
    kk = translate_with_strings(
        seed,
        locales["kk"],
        {seed.title: "Астана IT университетімен келісім", seed.slug: "астана-it-университетімен-келісім"},
    )
    assert kk.slug == "astana-it-universitetimen-kelisim"


@pytest.mark.django_db
def test_a_slug_typed_by_the_translator_is_kept(seed, locales):
    en = translate_with_strings(
        seed, locales["en"], {seed.title: "The First Class Opened", seed.slug: "first-class"}
    )
    assert en.slug == "first-class"


@pytest.mark.django_db
def test_a_new_translation_keeps_the_source_slug_until_its_title_is_translated(
    seed, locales, django_capture_on_commit_callbacks
):
    translate(seed, [locales["kk"]], django_capture_on_commit_callbacks)
    kk = seed.get_translation(locales["kk"])
    assert kk.slug == seed.slug

    kk = translate_with_strings(seed, locales["kk"], {seed.title: SEED_KK_TITLE})
    assert kk.slug.startswith("qytai-qazaqstan-zhibek-zholy")


@pytest.mark.django_db
def test_a_source_edit_does_not_send_the_translated_slug_back_to_the_source_one(
    seed, locales, django_capture_on_commit_callbacks
):
    kk = translate_with_strings(seed, locales["kk"], {seed.title: SEED_KK_TITLE})
    slug = kk.slug

    seed.title = "中哈丝路在线课程首课顺利开讲"  # the title's translation no longer applies
    publish(seed)
    sync_translations(seed, django_capture_on_commit_callbacks)

    kk.refresh_from_db()
    assert kk.title == SEED_KK_TITLE  # readers keep the finished translation...
    draft = kk.get_latest_revision_as_object()
    assert draft.title == seed.title  # ...the draft falls back to the source text...
    assert kk.slug == draft.slug == slug  # ...and the address stays in both


@pytest.mark.django_db
def test_a_machine_translated_slug_does_not_count_as_typed(seed, locales):
    kk = translate_with_strings(seed, locales["kk"], {seed.title: SEED_KK_TITLE, seed.slug: "машина"})
    assert kk.slug == "mashina"
    StringTranslation.objects.filter(locale=locales["kk"], context__path="slug").update(
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    Translation.objects.get(source__object_id=seed.translation_key, target_locale=locales["kk"]).save_target(
        publish=True
    )
    kk.refresh_from_db()
    # Not every string is translated, so the new slug waits in the draft.
    assert kk.get_latest_revision_as_object().slug.startswith("qytai-qazaqstan-zhibek-zholy")


@pytest.mark.django_db
def test_translated_siblings_with_the_same_title_get_distinct_slugs(news, locales):
    first = publish(NewsArticlePageFactory(parent=news, title="开班仪式", slug="kai-ban"))
    second = publish(NewsArticlePageFactory(parent=news, title="开班仪式（二）", slug="kai-ban-er"))

    one = translate_with_strings(first, locales["kk"], {"开班仪式": "Ашылу салтанаты"})
    two = translate_with_strings(second, locales["kk"], {"开班仪式（二）": "Ашылу салтанаты"})

    assert one.slug == "ashylu-saltanaty"
    assert two.slug == "ashylu-saltanaty-1"
    assert one.get_parent().pk == two.get_parent().pk


@pytest.mark.django_db
def test_home_pages_keep_the_language_codes_their_translators_gave_as_slugs(home_pages):
    # locales.bootstrap translates the home page's slug into each language code.
    assert {code: page.slug for code, page in home_pages.items()} == {
        "zh-hans": "zh-hans",
        "en": "en",
        "kk": "kk",
    }
