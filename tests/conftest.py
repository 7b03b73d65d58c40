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
