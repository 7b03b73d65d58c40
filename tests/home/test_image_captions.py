"""Captions live in blocks, not on images: the editor and the image chooser still show them."""

import factory
import pytest
from wagtail.blocks.struct_block import StructBlockAdapter

from home.blocks import CaptionedImageBlock, title_images_after_captions
from news.models import NewsArticlePage
from tests.factories import (
    ImageFactory,
    NewsArticlePageFactory,
    captioned_image,
    form_errors,
    image_block_form,
    list_block,
    news_index,
    page_add_url,
    page_form,
)

pytestmark = pytest.mark.django_db


def uploaded(name):
    """An image as an upload leaves it: called after its file."""
    return ImageFactory(title=name.rsplit(".", 1)[0], file=factory.django.ImageField(filename=name))


def test_a_collapsed_captioned_image_shows_its_caption():
    # The StreamField editor labels a collapsed block with label_format, filled in by its JavaScript.
    meta = StructBlockAdapter().js_args(CaptionedImageBlock())[2]
    assert meta["labelFormat"] == "{caption}"


def test_an_uploaded_image_takes_the_caption_it_is_first_used_with(admin_client, home_pages):
    index = news_index(home_pages["zh-hans"])
    first, second, named = uploaded("IMG_0412.jpg"), uploaded("IMG_0413.jpg"), ImageFactory(title="教师授课")
    data = page_form(
        {"title": "中哈师生线上交流", "slug": "xianshang-jiaoliu", "date": "2025-05-20"},
        body=[
            (
                "image",
                image_block_form(first, alt_text="学生在教室观看直播", caption="  图为：阿斯塔纳分会场 "),
            ),
            (
                "gallery",
                {
                    "images": list_block(
                        [
                            image_block_form(second, alt_text="讲课", caption="图为：我校教师讲解瓯越文化"),
                            image_block_form(first, alt_text="再次使用", caption="第二次的说明"),
                            image_block_form(named, alt_text="讲课", caption="不会改名"),
                        ]
                    ),
                    "caption": "",
                },
            ),
        ],
    )
    response = admin_client.post(page_add_url(NewsArticlePage, index), data)
    assert response.status_code == 302, form_errors(response)

    for image in (first, second, named):
        image.refresh_from_db()
    assert first.title == "图为：阿斯塔纳分会场"  # its first caption, trimmed
    assert second.title == "图为：我校教师讲解瓯越文化"
    assert named.title == "教师授课"  # named by an editor: kept


def test_translators_captions_do_not_rename_images(admin_client, home_pages):
    kk_index = news_index(home_pages["kk"])
    image = uploaded("IMG_0500.jpg")
    data = page_form(
        {"title": "Жаңалық", "slug": "zhanalyq", "date": "2025-05-20"},
        body=[("image", image_block_form(image, alt_text="Студенттер", caption="Суретте: сабақ"))],
    )
    assert admin_client.post(page_add_url(NewsArticlePage, kk_index), data).status_code == 302
    image.refresh_from_db()
    assert image.title == "IMG_0500"


def test_images_without_captions_keep_their_names(home_pages):
    image = uploaded("IMG_0600.jpg")
    page = NewsArticlePageFactory.build(body=[captioned_image(image, alt_text="学生")])
    title_images_after_captions(page)
    image.refresh_from_db()
    assert image.title == "IMG_0600"
