"""One token that changes whenever anything a reader can see changes.

Delivery-API responses are cached under the current token, so a publish, an unpublish, a move,
a deletion, a new translation, a changed image, snippet or footer makes every cached response
unreachable at once, in every app process (the token lives in the shared cache: Redis in
production). Changing the token costs one cache write; nothing is scanned or deleted.

Each change is also announced on a Redis channel, so that a process can know the current token
without asking Redis on every request (`watcher`): Redis delivers the announcement to every
subscribed process before the change's author hears back, and a process reads what has arrived
before it answers. When it cannot be sure (no subscription yet, a lost connection), it asks.
"""

import contextlib
import threading
import uuid

import redis
from django.apps import apps
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from home import documents

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
    ("home", "deliverydocument"),
    ("home", "deliverydocumenttag"),
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
        if cache.add(KEY, version, timeout=None):
            _announce(version)
        else:
            version = cache.get(KEY) or version
    return version


def bump():
    version = uuid.uuid4().hex
    cache.set(KEY, version, timeout=None)
    _announce(version)


def _redis():
    """The shared cache's Redis client, or None when the cache is not Redis."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    return backend._cache.get_client(write=True) if isinstance(backend, RedisCache) else None


def _channel():
    return cache.make_key(KEY)  # carries the cache's key prefix: sites sharing a Redis stay apart


def _announce(version):
    client = _redis()
    if client is not None:
        client.publish(_channel(), version)


class Watcher:
    """This process's knowledge of the current token, kept by Redis's announcements.

    `current()` returns the token, or None when this process cannot vouch for it (no Redis, or the
    subscription is lost); the caller then asks Redis itself. Safe to share between threads.
    """

    def __init__(self, client=_redis, channel=_channel, read=current):
        self._client, self._channel, self._read = client, channel, read
        self._lock = threading.Lock()
        self._pubsub = None
        self._version = None

    def current(self):
        with self._lock:
            try:
                if self._pubsub is None and not self._subscribe():
                    return None
                while (message := self._pubsub.get_message(timeout=0)) is not None:
                    if message["type"] == "message":
                        self._version = message["data"].decode()
                    elif message["type"] == "subscribe":
                        # The client reconnected and subscribed again: what changed meanwhile
                        # was not announced here, so the token is read afresh.
                        self._version = None
                if self._version is None:
                    self._version = self._read()
                return self._version
            except (redis.RedisError, OSError):
                self._forget()
                return None

    def _subscribe(self):
        client = self._client()
        if client is None:
            return False
        self._pubsub = client.pubsub()
        self._pubsub.subscribe(self._channel())
        # Only once Redis has confirmed the subscription may the token be read: a change made
        # before would otherwise go unannounced to this process.
        message = self._pubsub.get_message(timeout=5)
        if message is None or message["type"] != "subscribe":
            raise redis.ConnectionError("the content-version subscription was not confirmed")
        self._version = None
        return True

    def _forget(self):
        if self._pubsub is not None:
            with contextlib.suppress(redis.RedisError, OSError):
                self._pubsub.close()
        self._pubsub = None
        self._version = None


watcher = Watcher()


def _watched(sender):
    meta = sender._meta
    return meta.app_label in WATCHED_APPS and (meta.app_label, meta.model_name) not in IGNORED


def _changed(sender, instance=None, **kwargs):
    if _watched(sender):
        # Now, so this process never serves what it has just changed, and again after the
        # commit, so no other process can have cached the old rows under the first new token.
        bump()
        if instance is not None:
            documents.changed(sender, instance)
        transaction.on_commit(_committed)


def _committed():
    # The token first: a stored document's render that read the old rows then either sees the
    # new token and drops its document, or stored it before the marking below (home.documents).
    bump()
    documents.after_commit()


def connect():
    documents.connect()
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"content-version-{signal!r}")
    return [model for model in apps.get_models() if _watched(model)]
