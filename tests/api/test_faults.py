"""Optional services degrade, never fail; the database coming back is picked up by itself.

Each test starts the server it breaks on a port of its own: a `redis-server` that is stopped
mid-test, and a PostgreSQL cluster that is restarted under a running app process.
"""

import os
import shutil
import time

import pytest
from django.urls import reverse

from news.models import NewsArticlePage
from tests.servers import AppServer, PostgresServer, RedisServer, app_env, fetch_json, wait_until

API = "/api/content/v1"


def unavailable(reason):
    """Skip on a machine without the server (README's `make test` needs only Python); CI, which
    installs them, sets REQUIRE_SERVERS and fails instead."""
    if os.environ.get("REQUIRE_SERVERS"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def redis_server():
    if shutil.which("redis-server") is None:
        unavailable("needs redis-server (apt-get install redis-server)")
    server = RedisServer()
    server.start()
    yield server
    server.close()


@pytest.fixture
def redis_cache(settings, redis_server):
    """The product's shared cache on the test's own Redis, as production configures it."""
    settings.CACHES = {
        "default": {
            "BACKEND": "cms.cache.RedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    from django.core.cache import cache

    cache.clear()
    return cache


@pytest.mark.django_db
def test_readers_and_editors_go_on_while_redis_is_down(
    client, content, redis_server, redis_cache, admin_user
):
    seed, middle = content.articles["seed"]["en"], content.articles["middle"]["zh-hans"]
    detail = f"{API}/news/{seed.pk}?locale=en"
    assert client.get(detail).status_code == 200
    assert client.get("/health/").json() == {"status": "ok", "database": "ok", "redis": "ok"}
    assert client.post(f"{API}/news/{seed.pk}/views").json()["counted"] is True

    redis_server.stop()

    # Readers: stored and freshly rendered answers alike.
    assert client.get(detail).status_code == 200
    for url in (f"{API}/news?locale=kk", f"{API}/news/{middle.pk}?locale=zh-hans", f"{API}/partnerships"):
        assert client.get(url).status_code == 200, url
    views = client.post(f"{API}/news/{seed.pk}/views")
    assert views.status_code == 200 and views.json()["view_count"] == 1

    # Editors: a publish through the admin, and one through the API of pages.
    client.force_login(admin_user)
    page = NewsArticlePage.objects.get(pk=middle.pk)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]), {})
    assert response.status_code == 302
    assert client.get(f"{API}/news/{middle.pk}?locale=zh-hans&fallback=false").status_code == 404
    page.refresh_from_db()
    page.title = "Redis 停止时发布的标题"
    page.save_revision().publish()
    assert client.get(f"{API}/news/{middle.pk}?locale=zh-hans").json()["title"] == "Redis 停止时发布的标题"

    # The load balancer keeps the instance; monitoring sees what is degraded.
    health = client.get("/health/")
    assert health.status_code == 200
    assert health.json() == {"status": "degraded", "database": "ok", "redis": "unreachable"}

    redis_server.start()  # the same port again
    assert client.get("/health/").json()["redis"] == "ok"
    assert client.post(f"{API}/news/{seed.pk}/views").json()["counted"] is True


def test_an_unreachable_redis_costs_a_request_no_timeout(settings):
    """After one failure the cache is left alone for a while: requests do not each wait for it."""
    from cms.cache import RedisCache

    cache = RedisCache("redis://10.255.255.1:6379/0", {"OPTIONS": {"socket_connect_timeout": 0.5}})
    started = time.monotonic()
    assert cache.get("key", "default") == "default"  # waits for the connect timeout once
    first = time.monotonic() - started
    started = time.monotonic()
    for _ in range(20):
        assert cache.add("key", 1) is False
        assert cache.get("key") is None
    assert time.monotonic() - started < first  # twenty calls cost less than one timeout


@pytest.fixture(scope="module")
def postgres_site():
    """A PostgreSQL cluster of its own, with the product migrated on it and its demo content."""
    try:
        server = PostgresServer()
    except (RuntimeError, OSError) as error:
        unavailable(f"needs PostgreSQL's server binaries (apt-get install postgresql): {error}")
    server.start()
    server.create_database("cms")
    env = app_env(DATABASE_URL=server.url("cms"), API_RENDER_AHEAD="0")
    app = AppServer(env)
    for command in (("migrate", "--noinput"), ("load_demo_content",)):
        result = app.run_manage(*command)
        assert result.returncode == 0, result.stdout + result.stderr
    yield server, app
    app.stop()
    server.close()


def test_a_postgresql_restart_is_recovered_without_restarting_the_app(postgres_site):
    server, app = postgres_site
    app.start()
    status, listing = fetch_json(f"{app.base}{API}/news?locale=kk")
    assert status == 200 and listing["count"] >= 1
    detail = f"{app.base}{listing['items'][0]['api_url']}"
    assert fetch_json(detail)[0] == 200

    server.stop()
    assert fetch_json(f"{app.base}/health/")[0] == 503  # the load balancer takes it out meanwhile
    server.start()
    back = time.monotonic()

    def serving():
        return fetch_json(f"{app.base}/health/")[0] == 200 and fetch_json(detail)[0] == 200

    wait_until(serving, timeout=5, step=0.1)
    assert time.monotonic() - back < 5
    assert fetch_json(f"{app.base}{API}/news?locale=kk")[1]["count"] == listing["count"]
