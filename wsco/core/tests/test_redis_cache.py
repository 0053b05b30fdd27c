"""The Redis cache backend: one client per pool, Django's behaviour, and no failure in an outage;
sessions read from it."""

import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis

from wsco.core.redis_cache import ResilientRedisCache

LOCATION = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13"


@pytest.fixture
def redis_cache():
    try:
        redis.Redis.from_url(LOCATION, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"No Redis server answers at {LOCATION}.")
    backend = ResilientRedisCache(LOCATION, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield backend
    backend.delete_many(["page", "token"])


def test_the_backend_reads_and_writes_as_django_s_with_one_client(redis_cache):
    redis_cache.set("page", (b"<html>", "text/html"), 60)
    assert redis_cache.add("token", "first", None)
    assert not redis_cache.add("token", "second", None)
    assert redis_cache.get_many(["page", "token", "missing"]) == {
        "page": (b"<html>", "text/html"),
        "token": "first",
    }
    assert redis_cache.get_many([]) == {}
    redis_cache.delete("page")
    assert redis_cache.get("page") is None
    client = redis_cache._cache
    assert client.get_client() is client.get_client(write=True)


def test_a_connection_the_server_closed_is_replaced_and_the_read_answers(redis_cache):
    redis_cache.set("page", "<html>", 60)
    pool = redis_cache._cache._get_connection_pool(False)
    connection = pool.get_connection()
    connection.send_command("CLIENT", "ID")
    client_id = connection.read_response()
    pool.release(connection)
    redis.Redis.from_url(LOCATION).client_kill_filter(_id=client_id)
    assert redis_cache.get_many(["page", "missing"]) == {"page": "<html>"}


def test_an_unreachable_redis_answers_as_an_empty_cache_and_says_so(caplog):
    # Nothing listens on port 1: every call fails at once, as in an outage.
    unreachable = ResilientRedisCache("redis://127.0.0.1:1/0", {})
    with caplog.at_level(logging.WARNING, logger="wsco.core.redis_cache"):
        unreachable.set("page", "<html>", 60)
        assert unreachable.get("page", "default") == "default"
        assert unreachable.get_many(["page", "token"]) == {}
        assert unreachable.add("token", "first", None) is False
        assert unreachable.has_key("page") is False
        unreachable.delete_many(["page"])
    assert caplog.text.count("The cache is unreachable") == 6


@pytest.mark.parametrize(
    ("redis_url", "engine"),
    [
        ("redis://127.0.0.1:6379/13", "django.contrib.sessions.backends.cached_db"),
        ("", "django.contrib.sessions.backends.db"),
    ],
)
def test_sessions_are_read_from_redis_when_there_is_one_and_kept_in_the_database(
    tmp_path, redis_url, engine
):
    completed = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SESSION_ENGINE)"],
        cwd=Path(__file__).resolve().parents[3],
        env=os.environ
        | {
            "DJANGO_SETTINGS_MODULE": "wsco.settings",
            "DEBUG": "true",
            "WSCO_VAR_DIR": str(tmp_path),
            "REDIS_URL": redis_url,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == [engine]
