"""The shared cache: Django's Redis backend, tolerant of Redis being away.

Nothing the product cannot lose lives in the cache (view-count de-duplication, preview tokens),
so while Redis is unreachable every call behaves as a miss: `get` returns the default, `set` and
`add` store nothing (and `add` says so), and the request goes on. After a failure the cache is
left alone for a few seconds, so an unreachable Redis costs each request nothing, not a timeout.
`/health/` asks `reachable()` and reports Redis as degraded.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# How long the cache is left alone after a failure.
RETRY_SECONDS = 5.0

MISSES = {
    "get": lambda args, kwargs: kwargs.get("default", args[1] if len(args) > 1 else None),
    "get_many": lambda args, kwargs: {},
    "has_key": lambda args, kwargs: False,
    "add": lambda args, kwargs: False,
    "set": lambda args, kwargs: None,
    "set_many": lambda args, kwargs: list(args[0]) if args else [],
    "touch": lambda args, kwargs: False,
    "delete": lambda args, kwargs: False,
    "delete_many": lambda args, kwargs: None,
    "clear": lambda args, kwargs: False,
}


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._away_until = 0.0

    def reachable(self):
        """Whether Redis answers now (asked even while calls are being skipped)."""
        try:
            super().has_key("health-probe")
        except (RedisError, OSError):
            return False
        self._away_until = 0.0
        return True


def _tolerant(name):
    """`name` of Django's Redis cache, answering as a miss while Redis is unreachable."""
    original = getattr(DjangoRedisCache, name)

    def method(self, *args, **kwargs):
        if time.monotonic() < self._away_until:
            return MISSES[name](args, kwargs)
        try:
            return original(self, *args, **kwargs)
        except (RedisError, OSError) as error:
            self._away_until = time.monotonic() + RETRY_SECONDS
            logger.warning("The shared cache (Redis) is unreachable: %s; going on without it.", error)
            return MISSES[name](args, kwargs)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = original.__doc__
    return method


for _name in MISSES:
    setattr(RedisCache, _name, _tolerant(_name))
