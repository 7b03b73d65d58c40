"""Several app processes behind a load balancer never serve each other stale content.

The test process changes content the way an editor's request would; a separate gunicorn worker,
sharing PostgreSQL and Redis with it, serves readers. Needs PostgreSQL and Redis (CI's second run).
"""

import datetime
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

from tests.utils import REPO

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, None


@pytest.fixture
def shared_redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "two-processes",
        }
    }
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reader_process(request, shared_redis_cache):
    """A gunicorn worker on the same database and Redis as this test (with the environment
    overrides a test sets as `request.node.reader_env` before asking for it)."""
    db = connection.settings_dict
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")},
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": "two-processes",
        "WAGTAILADMIN_BASE_URL": "http://testserver",
        **getattr(request.node, "reader_env", {}),
    }
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    process = subprocess.Popen(
        [gunicorn, "cms.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1", "--log-level", "warning"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the reader process exited: {process.stdout.read().decode()[-2000:]}")
        try:
            if fetch(f"{base}/health/")[0] == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("the reader process did not start within 60 s")
    yield base
    process.terminate()
    process.wait(timeout=10)


def require_shared_services():
    if connection.vendor != "postgresql" or not redis_reachable():
        reason = "needs PostgreSQL and Redis shared by two processes (CI's PostgreSQL run has both)"
        if os.environ.get("REQUIRE_SHARED_SERVICES"):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.mark.django_db(transaction=True)
def test_a_change_made_in_one_process_reaches_readers_of_another_at_once(request):
    require_shared_services()
    base = request.getfixturevalue("reader_process")

    from home.models import HomePage
    from news.models import NewsArticlePage, NewsIndexPage

    home = HomePage.objects.get(locale__language_code="zh-hans")
    index = home.add_child(instance=NewsIndexPage(title="新闻", slug="xinwen"))
    article = index.add_child(
        instance=NewsArticlePage(
            title="第一版", slug="diyi", date=datetime.date(2025, 4, 18), body=[("paragraph", "<p>正文</p>")]
        )
    )
    url = f"{base}/api/content/v1/news/{article.pk}?locale=zh-hans"

    assert fetch(url) == (200, fetch(url)[1])  # served twice: the second from the shared cache
    assert fetch(url)[1]["title"] == "第一版"

    article.title = "第二版"
    article.save_revision().publish()
    assert fetch(url)[1]["title"] == "第二版"
    assert [item["title"] for item in fetch(f"{base}/api/content/v1/news?locale=zh-hans")[1]["items"]] == [
        "第二版"
    ]

    article.unpublish()
    assert fetch(url)[0] == 404
    assert fetch(f"{base}/api/content/v1/news?locale=zh-hans")[1]["count"] == 0

    article.save_revision().publish()
    assert fetch(url)[0] == 200
    NewsArticlePage.objects.get(pk=article.pk).delete()
    assert fetch(url)[0] == 404


# The reader answers from stored documents only: no response cache in front of them.
DOCUMENTS_ONLY = {"API_RESPONSE_CACHE_SECONDS": "0", "API_DOCUMENTS": "1"}


@pytest.mark.django_db(transaction=True)
def test_stored_documents_in_another_process_follow_each_change(request):
    require_shared_services()
    request.node.reader_env = DOCUMENTS_ONLY
    base = request.getfixturevalue("reader_process")

    from wagtail.models import Locale

    from home.models import DeliveryDocument, HomePage
    from locales.translation import translate_with_strings
    from news.models import NewsArticlePage, NewsIndexPage

    Locale.objects.get_or_create(language_code="kk")
    home = HomePage.objects.get(locale__language_code="zh-hans")
    index = home.add_child(instance=NewsIndexPage(title="新闻", slug="xinwen"))

    def article(title, slug, day):
        return index.add_child(
            instance=NewsArticlePage(
                title=title, slug=slug, date=datetime.date(2025, 4, day), body=[("paragraph", "<p>正文</p>")]
            )
        )

    older = article("旧闻", "jiuwen", 10)
    url = f"{base}/api/content/v1/news/{older.pk}?locale=kk"
    status, first = fetch(url)
    assert status == 200 and first["locale"]["served"] == "zh-hans" and first["previous"] is None
    assert fetch(url)[1] == first
    assert DeliveryDocument.objects.filter(
        path__startswith=f"/api/content/v1/news/{older.pk}", stale=False
    ).exists()

    # A newer article becomes the older one's "previous" (上一篇), though the older one never changed.
    newer = article("新闻一则", "xinwen-yize", 20)
    assert fetch(url)[1]["previous"]["title"] == "新闻一则"

    # A Kazakh translation replaces the Chinese original for Kazakh readers.
    translate_with_strings(
        older, Locale.objects.get(language_code="kk"), {"旧闻": "Ескі жаңалық", "正文": "Мәтін"}
    )
    data = fetch(url)[1]
    assert (data["title"], data["locale"]["served"]) == ("Ескі жаңалық", "kk")

    newer.unpublish()
    assert fetch(url)[1]["previous"] is None
    assert [item["title"] for item in fetch(f"{base}/api/content/v1/news?locale=kk")[1]["items"]] == [
        "Ескі жаңалық"
    ]
