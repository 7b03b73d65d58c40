"""Several app processes behind a load balancer never serve each other stale content.

The test process changes content the way an editor's request would; a separate gunicorn worker,
sharing the PostgreSQL database with it, serves readers from the stored answers. Needs
PostgreSQL (CI's second run).
"""

import datetime
import os

import pytest
from django.db import connection

from tests.servers import AppServer, app_env, fetch_json


@pytest.fixture
def reader_process():
    """A gunicorn worker on the same database as this test."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    app = AppServer(app_env(DATABASE_URL=url, API_RENDER_AHEAD="0")).start()
    yield app.base
    app.stop()


def fetch(url):
    return fetch_json(url)


def require_shared_database():
    if connection.vendor != "postgresql":
        reason = "needs PostgreSQL shared by two processes (CI's PostgreSQL run has it)"
        if os.environ.get("REQUIRE_SHARED_SERVICES"):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.mark.django_db(transaction=True)
def test_a_change_made_in_one_process_reaches_readers_of_another_at_once(request):
    require_shared_database()
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

    assert fetch(url) == (200, fetch(url)[1])  # served twice: the second from its stored answer
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


@pytest.mark.django_db(transaction=True)
def test_stored_answers_in_another_process_follow_each_change(request):
    require_shared_database()
    base = request.getfixturevalue("reader_process")

    from wagtail.models import Locale

    from home.models import HomePage, StoredAnswer
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
    assert StoredAnswer.objects.filter(
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
