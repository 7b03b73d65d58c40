"""The shared cache backend (cms.cache): Django's Redis cache, reusing one client per process."""

import os
import uuid

import pytest

from cms.cache import RedisCache
from tests.cms.test_two_processes import REDIS_URL, redis_reachable


@pytest.fixture
def shared_cache():
    if not redis_reachable():
        reason = "needs Redis (CI has it)"
        if os.environ.get("REQUIRE_SHARED_SERVICES"):
            pytest.fail(reason)
        pytest.skip(reason)
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield cache
    cache.clear()


def test_values_round_trip_and_one_connection_serves_many_calls(shared_cache):
    shared_cache.set("version", "7")
    shared_cache.set("entry", ("7", b"{}", "application/json", '"etag"'))
    for _ in range(50):
        assert shared_cache.get_many(["version", "entry", "absent"]) == {
            "version": "7",
            "entry": ("7", b"{}", "application/json", '"etag"'),
        }
    shared_cache.delete("version")
    assert shared_cache.get("version") is None
    client = shared_cache._cache.get_client()
    assert client is shared_cache._cache.get_client()  # not rebuilt on every call
    assert client.connection_pool._created_connections == 1
