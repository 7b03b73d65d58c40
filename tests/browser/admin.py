"""What an editor does in Wagtail's admin, step by step, found the way a reader of the screen finds it.

Locators use roles and the accessible names the admin shows (Chinese for editors, Russian and
Kazakh for a Kazakh translator). A few strings come from Wagtail's JavaScript and are English in
every language (the StreamField's "Insert a block" button); they are named here once.
"""

import io
import re
import uuid

import requests
from PIL import Image, ImageDraw
from playwright.sync_api import expect

PASSWORD = "browser-test-password"

# Wagtail's StreamField "+" button: its title comes from Wagtail's JavaScript, untranslated in
# the Chinese admin.
INSERT_BLOCK = "Insert a block"


def log_in(page, live_server, username, *, password=PASSWORD):
    """Through the login form, as a person does; ends on the dashboard."""
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_role("textbox", name=re.compile(r"^(用户名|Username|Имя пользователя)")).fill(username)
    page.get_by_role("textbox", name=re.compile(r"^(密码|Password|Пароль)")).fill(password)
    page.get_by_role("button", name=re.compile(r"^(登录|Sign in|Войти)$")).click()
    page.wait_for_url(f"{live_server.url}/admin/")


def insert_block(page, stream, block_label):
    """Adds a block at the end of a StreamField: the last "+" button, then the block's name."""
    stream.get_by_role("button", name=INSERT_BLOCK).last.click()
    page.get_by_role("option", name=block_label, exact=True).click()


def fill_date(page, field, value):
    """Types a date or time into one of Wagtail's date/time fields, then leaves it.

    Focusing the field opens its calendar (a jQuery datetimepicker, which has no role to find it
    by) a moment later; left open, it covers the buttons below it. Tab closes it once it is open.
    """
    calendars = page.locator(".xdsoft_datetimepicker:visible")
    field.fill(value)
    expect(calendars).to_have_count(1)
    field.press("Tab")
    expect(calendars).to_have_count(0)


def photo(name, *, image_format="PNG", size=(800, 600)):
    """An image file for an upload field, different every time (Wagtail warns about duplicates)."""
    image = Image.new("RGB", size, (230, 230, 230))
    draw = ImageDraw.Draw(image)
    seed = uuid.uuid4().bytes
    for i in range(0, 12, 3):
        x, y = seed[i] * 2, seed[i + 1] * 2
        draw.rectangle((x, y, x + 160, y + 120), fill=(seed[i], seed[i + 1], seed[i + 2]))
    buffer = io.BytesIO()
    image.save(buffer, image_format)
    mime = {"PNG": "image/png", "JPEG": "image/jpeg"}[image_format]
    return {"name": name, "mimeType": mime, "buffer": buffer.getvalue()}


def upload_image_in_chooser(page, block, title, file):
    """In a block's image chooser: the "Upload" tab, a title and a file; the new image is chosen."""
    block.get_by_role("button", name="选择一个图片").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name="上传").click()
    form = dialog.get_by_role("tabpanel", name="上传")
    form.get_by_role("textbox", name="标题*").fill(title)
    form.get_by_label("文件*").set_input_files(file)
    form.get_by_role("button", name="上传").click()
    expect(dialog).to_be_hidden()
    expect(block.get_by_text(title)).to_be_visible()


def settle_autosave(page):
    """Waits until Wagtail's autosave has nothing in flight.

    Wagtail 8 autosaves half a second after each change; the first autosave of a new page creates
    it and points the form at the edit view. A Publish sent while a save is in flight could still
    go to the create view.
    """
    page.wait_for_timeout(700)  # the autosave debounce (WAGTAIL_AUTOSAVE_INTERVAL, 500 ms)
    page.wait_for_function(
        "() => document.querySelector('#w-autosave-indicator')?.dataset.wAutosaveStateValue !== 'saving'"
    )


def publish(page):
    """The footer's action menu, then "Publish"; ends on the page listing with its message."""
    settle_autosave(page)
    page.get_by_role("button", name="更多动作").click()
    page.get_by_role("button", name="发布", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))


def api(live_server, path, **params):
    """GET from the delivery API as an anonymous reader (no browser cookies)."""
    response = requests.get(f"{live_server.url}/api/content/v1/{path}", params=params, timeout=30)
    assert response.status_code == 200, (path, params, response.status_code, response.text[:500])
    return response.json()
