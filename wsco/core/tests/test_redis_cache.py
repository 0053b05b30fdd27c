"""The Redis cache backend keeps one client per pool and still behaves as Django's."""

import os
import uuid

import pytest
import redis

from wsco.core.redis_cache import ReusedClientRedisCache

LOCATION = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13"


@pytest.fixture
def redis_cache():
    try:
        redis.Redis.from_url(LOCATION, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"No Redis server answers at {LOCATION}.")
    backend = ReusedClientRedisCache(LOCATION, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield backend
    backend.clear()


def test_the_backend_reads_and_writes_as_django_s_with_one_client(redis_cache):
    redis_cache.set("page", (b"<html>", "text/html"), 60)
    assert redis_cache.add("token", "first", None)
    assert not redis_cache.add("token", "second", None)
    assert redis_cache.get_many(["page", "token", "missing"]) == {
        "page": (b"<html>", "text/html"),
        "token": "first",
    }
    redis_cache.delete("page")
    assert redis_cache.get("page") is None
    client = redis_cache._cache
    assert client.get_client() is client.get_client(write=True)
