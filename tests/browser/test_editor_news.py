"""A Chinese editor writes a news article with captioned photos in the admin and publishes it."""

import pytest
from playwright.sync_api import expect

from tests.browser.admin import api, fill_date, insert_block, log_in, photo, publish, upload_image_in_chooser

pytestmark = pytest.mark.browser

TITLE = "中哈丝路学院师生线上交流活动顺利举行"
PHOTOS = [
    # (file, image title, alt text, caption)
    (
        photo("jiaoliu-1.png"),
        "线上交流现场",
        "阿斯塔纳IT大学学生在教室里观看直播",
        "图为：阿斯塔纳IT大学分会场",
    ),
    (
        photo("jiaoliu-2.jpg", image_format="JPEG"),
        "教师授课",
        "我校教师在演播室用中文和俄语授课",
        "图为：我校教师讲解瓯越文化",
    ),
]
PARAGRAPH = "5月20日，我校与阿斯塔纳IT大学师生通过网络开展交流，近60名学生参加。"


def test_editor_writes_previews_and_publishes_an_article(
    page, live_server, editor, news_index, silk_road_college
):
    log_in(page, live_server, editor.username)

    # The news section in the page explorer, then "Add child page": its only child type is the article.
    page.goto(f"{live_server.url}/admin/pages/{news_index.pk}/")
    page.get_by_role("link", name="添加子页面").first.click()
    expect(page.get_by_role("heading", name="新建: 新闻文章")).to_be_visible()

    page.get_by_role("textbox", name="标题*").fill(TITLE)
    fill_date(page, page.get_by_role("textbox", name="发表时间*"), "2025-05-20")
    page.get_by_role("textbox", name="来源", exact=True).fill("国际合作与交流处")

    body = page.get_by_role("region", name="正文*")
    for file, image_title, alt_text, caption in PHOTOS:
        insert_block(page, body, "带说明的图片")
        block = body.get_by_role("region", name="带说明的图片").last
        upload_image_in_chooser(page, block, image_title, file)
        block.get_by_role("textbox", name="替代文本").fill(alt_text)
        block.get_by_role("textbox", name="说明文字").fill(caption)
    insert_block(page, body, "段落")
    body.get_by_role("region", name="段落").get_by_role("textbox").click()
    page.keyboard.type(PARAGRAPH)

    credits = page.get_by_role("region", name="署名")
    credits.get_by_role("textbox", name="撰稿").fill("贾华仪")
    credits.get_by_role("textbox", name="摄影").fill("赵秉志")
    credits.get_by_role("textbox", name="审核").fill("王文")
    page.get_by_role("region", name="相关内容").get_by_role("checkbox", name="中哈丝路学院").check()

    # The preview panel shows the article as readers will see it.
    page.get_by_role("button", name="预览开关").click()
    # The panel loads each preview into a new iframe and then drops the old one: read the newest.
    preview = page.get_by_role("complementary", name="预览").locator("iframe").last.content_frame
    expect(preview.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(preview.get_by_role("figure", name=PHOTOS[1][3])).to_be_visible()

    publish(page)
    expect(page.get_by_role("status")).to_contain_text(TITLE)

    listing = api(live_server, "news", locale="zh-hans")
    [item] = [item for item in listing["items"] if item["title"] == TITLE]
    article = api(live_server, item["api_url"].removeprefix("/api/content/v1/"))
    assert article["date"] == "2025-05-20"
    assert article["source"] == "国际合作与交流处"
    assert (article["drafted_by"], article["photographed_by"], article["reviewed_by"]) == (
        "贾华仪",
        "赵秉志",
        "王文",
    )
    images = [block["value"] for block in article["body"] if block["type"] == "image"]
    assert [(i["image"]["alt_text"], i["caption"]) for i in images] == [(p[2], p[3]) for p in PHOTOS]
    assert [i["image"]["title"] for i in images] == [p[1] for p in PHOTOS]
    assert all(i["image"]["renditions"] for i in images)
    paragraphs = [block["value"]["html"] for block in article["body"] if block["type"] == "paragraph"]
    assert len(paragraphs) == 1 and f">{PARAGRAPH}</p>" in paragraphs[0]
    assert [p["id"] for p in article["related_partnerships"]] == [silk_road_college.pk]
