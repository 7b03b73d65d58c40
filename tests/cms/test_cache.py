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


def test_a_process_learns_each_new_content_version_without_asking_redis(shared_cache):
    from home.content_version import Watcher

    client = shared_cache._cache.get_client(write=True)
    key, channel = f"version-{uuid.uuid4().hex}", f"channel-{uuid.uuid4().hex}"
    reads = []

    def read():
        reads.append(1)
        return client.get(key).decode()

    def bump(version):  # what another process does when content changes
        client.set(key, version)
        client.publish(channel, version)

    bump("v1")
    watcher = Watcher(client=lambda: client, channel=lambda: channel, read=read)
    assert watcher.current() == "v1" and len(reads) == 1
    assert watcher.current() == "v1" and len(reads) == 1  # known, not asked again
    bump("v2")
    assert watcher.current() == "v2" and len(reads) == 1  # announced, at once

    # The subscription is lost and a change made meanwhile is never announced to this process:
    # it must not go on trusting "v2".
    client.client_kill_filter(_type="pubsub")
    bump("v3")
    assert watcher.current() in (None, "v3")
    assert watcher.current() == "v3"


def test_without_redis_a_process_always_asks():
    from home.content_version import Watcher

    watcher = Watcher(client=lambda: None, channel=lambda: "unused", read=lambda: "never")
    assert watcher.current() is None
