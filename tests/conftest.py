import pytest
from django.core.cache import cache
from wagtail.models import Locale

from home.models import HomePage


@pytest.fixture
def locales(db):
    """The three content locales, by language code (created by migrate)."""
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def home_pages(locales):
    """Each locale's home page, by language code."""
    return {page.locale.language_code: page for page in HomePage.objects.select_related("locale")}


@pytest.fixture(autouse=True)
def empty_cache():
    """The cache outlives a test's transaction: start each test without what the last one left."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """A SQLite file with the product migrated and its demo content, for app processes that
    tests start (tests.servers.AppServer): the environment to give them."""
    from tests.servers import AppServer, app_env

    path = tmp_path_factory.mktemp("demo-site") / "db.sqlite3"
    env = app_env(DATABASE_URL=f"sqlite:///{path}", API_RENDER_AHEAD="0")
    for command in (("migrate", "--noinput"), ("load_demo_content",)):
        result = AppServer(env).run_manage(*command)
        assert result.returncode == 0, result.stdout + result.stderr
    return env
