"""The test suite: the same apps as production, with fast hashing and throwaway media.

DATABASE_URL picks the database (SQLite by default, PostgreSQL in CI's second run).
"""

import tempfile

from cms.settings.base import *
from cms.settings.environment import env

DEBUG = False
SECRET_KEY = "test-only-key-7b1e5c9d3f2a4e8b6c0d1f3a5e7b9c2d4f6a8b0c"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(env("TEST_MEDIA_ROOT", tempfile.mkdtemp(prefix="cms-test-media-")))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
# Each test starts from an empty cache; Redis is exercised by tests that ask for it.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Stale answers are rendered by the next reader; tests that need the worker's render call it.
API_RENDER_AHEAD = False
# Tasks (Wagtail's index updates among them) run at once, inside the test.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# The translation editor's "Machine translate" button without a server: marked placeholders
# ("[kk] 中哈丝路在线课程") that never count as translated (locales.translation.usable).
if not MACHINE_TRANSLATION_URL:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "locales.machine_translation.OfflineTranslator"}
