"""Browser tests: people using the real admin in Chromium, against pytest-django's live server.

The live server runs in threads of this process on the test database (transactional: each test's
writes are committed, so the server sees them, and the database is flushed afterwards). Chromium,
the failure artifacts and the skip without Chromium come from tests/browser/harness.py.
"""

import os
import threading

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.servers.basehttp import ThreadedWSGIServer
from pytest_django.live_server_helper import LiveServer
from wagtail.models import Collection
from wagtail.users.models import UserProfile

from tests import factories
from tests.browser.admin import PASSWORD

# The plugin's fixtures and hooks, made this directory's (pytest_plugins is only allowed in the
# top-level conftest).
from tests.browser.harness import (  # noqa: F401
    browser,
    new_page,
    page,
    pytest_collection_modifyitems,
    pytest_runtest_makereport,
)

EDITORS = "Editors"
KAZAKH_TRANSLATORS = "Kazakh translators"


# --- The live server ---------------------------------------------------------------------------


class OneRequestAtATime:
    """WSGI middleware: the server's threads take turns for everything but static files.

    On SQLite the test database lives in memory and every server thread shares the test's one
    connection; the admin sends requests in parallel (autosave, preview, image upload, thumbnails)
    and two at once fail with "database table is locked". The lock is held until the response is
    closed, so that no thread touches the connection while another is inside a transaction.
    """

    def __init__(self, application):
        self.application = application
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO", "").startswith(settings.STATIC_URL):
            return self.application(environ, start_response)
        self.lock.acquire()
        try:
            response = self.application(environ, start_response)
        except BaseException:
            self.lock.release()
            raise
        return ReleaseOnClose(response, self.lock)

    def wait_until_idle(self):
        with self.lock:
            pass


class ReleaseOnClose:
    def __init__(self, response, lock):
        self.response, self.lock = response, lock

    def __iter__(self):
        return iter(self.response)

    def close(self):
        try:
            if hasattr(self.response, "close"):
                self.response.close()
        finally:
            self.lock.release()


class TakingTurnsServer(ThreadedWSGIServer):
    def set_app(self, application):
        self.turns = OneRequestAtATime(application)
        super().set_app(self.turns)


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server (same address options), serving one request at a time."""
    address = (
        request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    )
    server = LiveServer(address, start=False)
    server.thread.server_class = TakingTurnsServer
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def server_idle_before_flush(request):
    """After the browser closed (page fixtures end first), wait for the request it left running:
    the database is flushed next, and a late autosave would write into a half-empty database."""
    yield
    if "live_server" in request.fixturenames:
        request.getfixturevalue("live_server").thread.httpd.turns.wait_until_idle()


@pytest.fixture(autouse=True)
def root_collection(request):
    """Wagtail's root collection, which a flushed database lacks.

    Each live-server test ends with a flush; post_migrate then brings back the locales, the home
    pages and the roles (home.bootstrap, locales.roles), but not the root collection that Wagtail's
    own migration made, nor the roles' image permissions, which are granted on it. Without them an
    editor's image chooser has no "Upload" tab.
    """
    if "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
        from locales.roles import setup_roles

        setup_roles()


# --- People and content ----------------------------------------------------------------------


def person(username, group_name):
    """A member of the role's group (locales.roles); a superuser where the group does not exist."""
    group = Group.objects.filter(name=group_name).first()
    if group is None:
        return User.objects.create_superuser(username, f"{username}@example.com", PASSWORD)
    user = User.objects.create_user(username, f"{username}@example.com", PASSWORD)
    user.groups.add(group)
    return user


@pytest.fixture
def editor(transactional_db):
    """A Chinese editor; the admin speaks the source language (LANGUAGE_CODE) to them."""
    return person("wang.li", EDITORS)


@pytest.fixture
def kazakh_translator(transactional_db):
    """A Kazakh translator who chose Kazakh as their admin language."""
    user = person("aigerim", KAZAKH_TRANSLATORS)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "kk"
    profile.save()
    return user


@pytest.fixture
def news_index(home_pages):
    """The published Chinese news section (新闻)."""
    return factories.news_index(home_pages["zh-hans"])


@pytest.fixture
def silk_road_college(home_pages):
    """The published Chinese partnership 中哈丝路学院 (China-Kazakhstan Silk Road College)."""
    index = factories.partnership_index(home_pages["zh-hans"])
    return factories.publish(
        factories.PartnershipPageFactory(parent=index, title="中哈丝路学院", slug="zhong-ha-silu-xueyuan")
    )
