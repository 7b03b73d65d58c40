"""The release fingerprint: which code, catalogues, templates, packages and settings rendered an
answer. A deploy that changes any of them reads and writes new stored answers, never the old ones
(`manage.py render_answers --prune` deletes those)."""

import contextlib
import hashlib
import sys
from importlib import metadata
from pathlib import Path

from django.apps import apps
from django.conf import settings

# Settings that change what an answer says without any content changing.
SETTINGS = (
    "LANGUAGES",
    "WAGTAIL_CONTENT_LANGUAGES",
    "LOCALE_FALLBACKS",
    "API_LANGUAGE_ALIASES",
    "MEDIA_URL",
    "STATIC_URL",
    "STORAGES",
    "WAGTAILADMIN_BASE_URL",
    "HEADLESS_PREVIEW_URL",
    "FRONTEND_BASE_URL",
    "TRANSLATION_PUBLISH_MACHINE_OUTPUT",  # which translations count as finished
)
PACKAGES = ("django", "wagtail", "wagtail-localize", "django-ninja", "pydantic")
# Code, compiled message catalogues and templates: each can change the bytes of an answer.
SUFFIXES = (".py", ".mo", ".html", ".txt", ".json")


def fingerprint():
    """Sixteen hex digits naming this release."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for package in source_packages():
        for path in sorted((root / package).rglob("*")):
            if path.suffix in SUFFIXES and "migrations" not in path.parts and path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    for name in PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{name}={metadata.version(name)}".encode())
    for name in SETTINGS:
        digest.update(f"{name}={getattr(settings, name, None)!r}".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:16]


def source_packages():
    """The project's own packages: the project's (its URLs and settings) and every installed app
    that lives in the project's directory (a new app is covered without being named here)."""
    root = Path(settings.BASE_DIR).resolve()
    names = {settings.ROOT_URLCONF.partition(".")[0]}
    names.update(
        Path(config.path).name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == root
    )
    return sorted(names)


_release = None


def release():
    global _release
    if _release is None:
        _release = fingerprint()
    return _release
