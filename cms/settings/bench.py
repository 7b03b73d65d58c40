"""Benchmarks (`make bench`): production behaviour on one machine, plus two reference endpoints.

The reference endpoints (a trivial JSON view and Wagtail's stock API v2) exist only here, so
every ratio in docs/performance.md is measured against them in the same run.
"""

from cms.settings.base import *  # noqa: F403
from cms.settings.environment import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", "") or "bench-only-key-5c0e1f8a9b2d4e6f7a8b9c0d1e2f3a4b5c6d7e8f"
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "cms.bench_urls"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
