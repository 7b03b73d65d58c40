"""One token that changes whenever anything a reader can see changes.

Delivery-API responses are cached under the current token, so a publish, an unpublish, a move,
a deletion, a new translation, a changed image, snippet or footer makes every cached response
unreachable at once, in every app process (the token lives in the shared cache: Redis in
production). Changing the token costs one cache write; nothing is scanned or deleted.
"""

import uuid

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

KEY = "content-version"

# Models whose rows never change what the delivery API shows.
IGNORED = {
    ("home", "viewcount"),
    ("wagtailcore", "revision"),
    ("wagtailcore", "pagelogentry"),
    ("wagtailcore", "modellogentry"),
    ("wagtailcore", "referenceindex"),
    ("wagtailcore", "taskstate"),
    ("wagtailcore", "workflowstate"),
    ("wagtailcore", "pagesubscription"),
    ("wagtailcore", "comment"),
    ("wagtailcore", "commentreply"),
    ("wagtailsearch", "indexentry"),
    ("wagtailimages", "rendition"),
    ("wagtail_localize", "translationlog"),
    ("wagtail_localize", "segmentoverride"),
}
WATCHED_APPS = {
    "home",
    "news",
    "partnerships",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtail_localize",
}


def current():
    version = cache.get(KEY)
    if version is None:
        version = uuid.uuid4().hex
        # Another process may have set it meanwhile: keep theirs.
        if not cache.add(KEY, version, timeout=None):
            version = cache.get(KEY) or version
    return version


def bump():
    cache.set(KEY, uuid.uuid4().hex, timeout=None)


def _watched(sender):
    meta = sender._meta
    return meta.app_label in WATCHED_APPS and (meta.app_label, meta.model_name) not in IGNORED


def _changed(sender, **kwargs):
    if _watched(sender):
        # Now, so this process never serves what it has just changed, and again after the
        # commit, so no other process can have cached the old rows under the first new token.
        bump()
        transaction.on_commit(bump)


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"content-version-{signal!r}")
    return [model for model in apps.get_models() if _watched(model)]
