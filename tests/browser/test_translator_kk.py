"""A Kazakh translator translates an article in wagtail-localize's editor and publishes it."""

import re

import pytest
from playwright.sync_api import expect
from wagtail_localize.operations import translate_object

from locales.translation import translate_with_strings
from tests import factories
from tests.browser.admin import api, log_in

pytestmark = pytest.mark.browser

CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")

SOURCE = {
    "title": "我校教师赴阿斯塔纳IT大学开展交流",
    "paragraph": "我校教师一行访问阿斯塔纳IT大学，双方就联合培养进行了座谈。",
    "alt_text": "两校教师在会议室座谈",
    "caption": "图为：座谈会现场",
}
KAZAKH = {
    "title": "Колледж оқытушылары Астана IT университетіне барды",
    "paragraph": "Колледж оқытушылары Астана IT университетінде болып, бірлескен оқыту туралы кездесу өткізді.",
    "alt_text": "Екі оқу орнының оқытушылары мәжіліс залында отыр",
    "caption": "Суретте: кездесу сәті",
}


@pytest.fixture
def article_to_translate(news_index, locales):
    """A published Chinese article with a captioned photo, and its Kazakh translation as a draft
    (what "Translate this page" leaves for the translator)."""
    kk = locales["kk"]
    translate_with_strings(news_index, kk, {"新闻": "Жаңалықтар", "news": "zhanalyqtar"})
    article = factories.publish(
        factories.NewsArticlePageFactory(
            parent=news_index,
            title=SOURCE["title"],
            slug="jiaoshi-fangwen",
            summary="",  # the four strings below are the whole article
            body=[
                factories.paragraph(f"<p>{SOURCE['paragraph']}</p>"),
                factories.captioned_image(
                    factories.ImageFactory(title="座谈会"),
                    alt_text=SOURCE["alt_text"],
                    caption=SOURCE["caption"],
                ),
            ],
        )
    )
    translate_object(article, [kk])
    translation = article.get_translation(kk)
    assert not translation.live
    return translation


def translate_segment(page, source_text, translation):
    """In wagtail-localize's editor: "Translate" under the source string, type, "Save"."""
    segment = page.get_by_role("listitem").filter(has=page.get_by_text(source_text, exact=True)).last
    segment.get_by_role("button", name="Перевести").click()
    segment.get_by_role("textbox").fill(translation)
    segment.get_by_role("button", name="Сохранить").click()
    expect(segment.get_by_text(translation, exact=True)).to_be_visible()


def test_kazakh_translator_translates_and_publishes_an_article(
    page, live_server, kazakh_translator, article_to_translate
):
    log_in(page, live_server, kazakh_translator.username)

    # The admin speaks Kazakh where our catalogs have it and Russian elsewhere; never Chinese.
    expect(page.get_by_role("navigation", name="Главное меню")).to_be_visible()
    dashboard = page.locator("body").inner_text()
    assert not CHINESE.findall(dashboard), dashboard
    assert len(CYRILLIC.findall(dashboard)) > 50, dashboard

    # The Kazakh news section in the page explorer, then the article (still titled in Chinese).
    kk_index = article_to_translate.get_parent()
    page.goto(f"{live_server.url}/admin/pages/{kk_index.pk}/")
    page.get_by_role("link", name=SOURCE["title"]).first.click()
    expect(page.get_by_role("button", name=re.compile(r"^Опубликовать"))).to_be_visible()

    for field in ("title", "paragraph", "alt_text", "caption"):
        translate_segment(page, SOURCE[field], KAZAKH[field])

    page.get_by_role("button", name=re.compile(r"^Опубликовать")).click()
    expect(page.get_by_text(f"'{KAZAKH['title']}'", exact=False)).to_be_visible()  # the message

    article = api(live_server, f"news/{article_to_translate.pk}", locale="kk")
    assert article["locale"] == {"requested": "kk", "served": "kk", "fallback": False}
    assert article["title"] == KAZAKH["title"]
    assert article["slug"].isascii()
    [image] = [block["value"] for block in article["body"] if block["type"] == "image"]
    assert (image["image"]["alt_text"], image["caption"]) == (KAZAKH["alt_text"], KAZAKH["caption"])
    [paragraph] = [block["value"]["html"] for block in article["body"] if block["type"] == "paragraph"]
    assert KAZAKH["paragraph"] in paragraph
    article_to_translate.refresh_from_db()
    assert article_to_translate.live and article_to_translate.locale.language_code == "kk"


def test_machine_output_waits_for_the_translator_to_confirm_it(
    page, live_server, kazakh_translator, article_to_translate
):
    """ "Machine translate" (here the offline placeholder, as in development) fills every string,
    but publishing is refused until a person has confirmed each: readers keep the fallback."""
    log_in(page, live_server, kazakh_translator.username)
    page.goto(f"{live_server.url}/admin/pages/{article_to_translate.pk}/edit/")
    page.get_by_role("button", name=re.compile(r"^Перевести с")).click()
    expect(page.get_by_text(f"[kk] {SOURCE['title']}", exact=True).first).to_be_visible()

    page.get_by_role("button", name=re.compile(r"^Опубликовать")).click()
    expect(page.get_by_text("машиналық аударма әлі расталмаған", exact=False)).to_be_visible()

    article = api(live_server, f"news/{article_to_translate.pk}", locale="kk")
    assert article["locale"]["served"] == "zh-hans"
    assert "[kk]" not in str(article)
    article_to_translate.refresh_from_db()
    assert not article_to_translate.live
