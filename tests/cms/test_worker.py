"""`make run` as a person runs it: runserver and the background worker on one SQLite file.

The worker renders stale answers after each publish and publishes scheduled pages; the web
process and editors keep writing the same file meanwhile, and nobody sees "database is locked".
"""

import json
import subprocess
import sys
import time

import pytest

from tests.servers import AppServer, fetch_json, wait_until
from tests.utils import REPO

API = "/api/content/v1"

PUBLISH_TWELVE_TIMES = """
import time
from news.models import NewsArticlePage
article = NewsArticlePage.objects.filter(locale__language_code="zh-hans").order_by("pk").first()
failures = []
for number in range(1, 13):
    try:
        page = NewsArticlePage.objects.get(pk=article.pk)
        page.title = f"第{number}次发布"
        page.save_revision().publish()
    except Exception as error:
        failures.append(repr(error))
    time.sleep(0.2)
print(article.pk, len(failures), failures[:3])
"""

STORED_SUMMARY_TITLE = """
import json
from home.models import StoredAnswer
summary = StoredAnswer.objects.filter(path="fragment:news-summary/PK/zh-hans/1", stale=False).first()
print(json.loads(summary.content)["title"] if summary else "none")
"""

SCHEDULE_A_PAGE = """
import datetime
from django.utils import timezone
from news.models import NewsArticlePage, NewsIndexPage
index = NewsIndexPage.objects.get(locale__language_code="zh-hans")
page = index.add_child(instance=NewsArticlePage(
    title="定时发布的新闻", slug="dingshi", date=datetime.date(2025, 5, 1), live=False,
    body=[("paragraph", "<p>定时发布。</p>")],
))
revision = page.save_revision()
revision.approved_go_live_at = timezone.now() + datetime.timedelta(seconds=2)
revision.save()
NewsArticlePage.objects.filter(pk=page.pk).update(go_live_at=revision.approved_go_live_at)
print(page.pk)
"""


@pytest.fixture(scope="module")
def running_site(demo_site):
    """runserver and `manage.py run_worker` on the demo SQLite file, rendering ahead."""
    env = {**demo_site, "API_RENDER_AHEAD": "1"}
    web = AppServer(env, server="runserver").start()
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.2", "--schedule-every", "2"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    yield env, web
    worker.terminate()
    output = worker.communicate(timeout=20)[0].decode()
    web.stop()
    assert "database is locked" not in output, output[-3000:]


def shell(env, code):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1]


def test_twelve_publishes_while_the_worker_renders_all_succeed(running_site):
    env, web = running_site
    listing = f"{web.base}{API}/news?locale=zh-hans"
    assert fetch_json(listing)[0] == 200  # stored, so each publish gives the worker work
    pk, failures, first = shell(env, PUBLISH_TWELVE_TIMES).split(" ", 2)
    assert failures == "0", first
    detail = f"{web.base}{API}/news/{pk}?locale=zh-hans"

    # Before any reader asks again, the worker has rendered the article's summary, which the
    # list is assembled from, with the last title.
    def rendered_by_the_worker():
        return shell(env, STORED_SUMMARY_TITLE.replace("PK", pk)) == "第12次发布"

    wait_until(rendered_by_the_worker, timeout=30, step=0.5)

    def latest_everywhere():
        return (
            fetch_json(detail)[1]["title"] == "第12次发布"
            and {"id": int(pk), "title": "第12次发布"}.items()
            <= next(item for item in fetch_json(listing)[1]["items"] if item["id"] == int(pk)).items()
        )

    wait_until(latest_everywhere, timeout=10)


def test_a_scheduled_page_goes_live_with_nothing_done_by_hand(running_site):
    env, web = running_site
    pk = shell(env, SCHEDULE_A_PAGE)
    detail = f"{web.base}{API}/news/{pk}?locale=zh-hans"
    assert fetch_json(detail)[0] == 404
    started = time.monotonic()
    # The worker queues scheduled publishing every minute (every 2 s here).
    wait_until(lambda: fetch_json(detail)[0] == 200, timeout=20, step=0.5)
    assert time.monotonic() - started < 20
    assert json.loads(json.dumps(fetch_json(detail)[1]))["title"] == "定时发布的新闻"
