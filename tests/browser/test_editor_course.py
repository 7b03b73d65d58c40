"""A Chinese editor adds a joint course with its class sessions under a partnership."""

import pytest
from playwright.sync_api import expect

from tests.browser.admin import INSERT_BLOCK, api, fill_date, log_in, publish

pytestmark = pytest.mark.browser

TITLE = "中哈丝路在线课程（第二期）"
SESSIONS = [
    # (date, start, end, theme, participants)
    ("2025-09-12", "14:00", "15:30", "中国茶文化", "58"),
    ("2025-09-19", "14:00", "15:30", "中国传统节日", "61"),
]


def test_editor_adds_a_course_with_two_class_sessions(page, live_server, editor, silk_road_college):
    log_in(page, live_server, editor.username)

    # The partnership in the page explorer, then "Add child page": its only child type is the course.
    page.goto(f"{live_server.url}/admin/pages/{silk_road_college.pk}/")
    page.get_by_role("link", name="添加子页面").first.click()
    expect(page.get_by_role("heading", name="新建: 课程")).to_be_visible()

    page.get_by_role("textbox", name="标题*").fill(TITLE)
    page.get_by_role("region", name="摘要").get_by_role("textbox").fill(
        "面向阿斯塔纳IT大学学生的中国文化在线课程。"
    )
    about = page.get_by_role("region", name="课程信息")
    about.get_by_role("combobox", name="授课方式*").select_option(label="线上")
    about.get_by_role("checkbox", name="中文与中国文化").check()
    about.get_by_role("checkbox", name="合作院校学生").check()
    about.get_by_role("checkbox", name="中文", exact=True).check()
    about.get_by_role("checkbox", name="俄语").check()

    # "Phases" has one block type (a phase): the "+" button adds it without asking which.
    phases = page.get_by_role("region", name="开课期次")
    phases.get_by_role("button", name=INSERT_BLOCK).first.click()
    phase = phases.get_by_role("region", name="期次")
    phase.get_by_role("textbox", name="标题*").fill("第二期")
    phase.get_by_role("combobox", name="状态*").select_option(label="进行中")
    fill_date(page, phase.get_by_role("textbox", name="开始日期"), "2025-09-12")
    fill_date(page, phase.get_by_role("textbox", name="结束日期"), "2025-12-19")

    for number, (date, start, end, theme, participants) in enumerate(SESSIONS):
        phase.get_by_role("button", name="新增").last.click()  # "Add" under the class sessions
        session = phase.get_by_role("region", name="课次").nth(number)
        fill_date(page, session.get_by_role("textbox", name="日期*"), date)
        fill_date(page, session.get_by_role("textbox", name="开始时间"), start)
        fill_date(page, session.get_by_role("textbox", name="结束时间"), end)
        session.get_by_role("textbox", name="主题*").fill(theme)
        session.get_by_role("textbox", name="授课对象").fill("阿斯塔纳IT大学二年级学生")
        session.get_by_role("spinbutton", name="参加人数").fill(participants)

    publish(page)
    expect(page.get_by_role("status")).to_contain_text(TITLE)

    listing = api(live_server, "courses", locale="zh-hans")
    [item] = [item for item in listing["items"] if item["title"] == TITLE]
    course = api(live_server, item["api_url"].removeprefix("/api/content/v1/"))
    assert course["partnership"]["id"] == silk_road_college.pk
    assert course["delivery_mode"]["code"] == "online"
    assert [language["code"] for language in course["instruction_languages"]] == ["zh", "ru"]
    [phase_data] = course["phases"]
    assert (phase_data["title"], phase_data["status"]["code"]) == ("第二期", "in-progress")
    assert (phase_data["starts_on"], phase_data["ends_on"]) == ("2025-09-12", "2025-12-19")
    assert [
        (s["date"], s["start_time"], s["end_time"], s["theme"], s["participants"])
        for s in phase_data["sessions"]
    ] == [(date, f"{start}:00", f"{end}:00", theme, int(n)) for date, start, end, theme, n in SESSIONS]

    partnership = api(live_server, f"partnerships/{silk_road_college.pk}", locale="zh-hans")
    assert TITLE in [c["title"] for c in partnership["courses"]]
