"""Each process's copy of cached pages: served without Redis, ended by a change anywhere."""

import os
import time
import uuid

import pytest
import redis
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from wsco.core import near_cache, page_cache
from wsco.core.near_cache import NearCopy
from wsco.core.page_cache import cached_response, current_tokens, mark_changed
from wsco.core.redis_cache import ResilientRedisCache

LOCATION = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13"


def redis_or_skip() -> redis.Redis:
    server = redis.Redis.from_url(LOCATION, socket_connect_timeout=1)
    try:
        server.ping()
    except redis.RedisError:
        pytest.skip(f"No Redis server answers at {LOCATION}.")
    return server


def eventually(condition, seconds: float = 5.0) -> None:
    """Wait until `condition()` holds: the listener works on a thread of its own."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the listener did not catch up"
        time.sleep(0.01)


@pytest.fixture
def shared_cache(settings):
    """The project's Redis backend as the default cache, under a prefix of this test's own."""
    server = redis_or_skip()
    prefix = f"near-{uuid.uuid4().hex}"
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "wsco.core.redis_cache.ResilientRedisCache",
                "LOCATION": LOCATION,
                "KEY_PREFIX": prefix,
            }
        }
    ):
        near = page_cache._near_copy()
        eventually(lambda: near.listening)
        yield server, near, prefix
        for key in server.scan_iter(f"{prefix}:*"):
            server.delete(key)
    assert page_cache._near_copy() is None  # Back to one process's memory: the listener stops.
    assert near._stop.is_set()


class Page:
    def __init__(self):
        self.builds = 0

    def __call__(self, extra_context: dict) -> HttpResponse:
        self.builds += 1
        return HttpResponse(f"build {self.builds}")


def serve(page: Page) -> str:
    request = RequestFactory().get("/list/")
    request._messages = []  # No messages to show: the page may be cached.
    response = cached_response(request, data_set="things", variant="visitor", render=page)
    return response.content.decode()


def another_process_writes(prefix: str, name: str, token: str) -> None:
    """Write the token of `name` as another process would, through a cache of its own."""
    elsewhere = ResilientRedisCache(LOCATION, {"KEY_PREFIX": prefix})
    elsewhere.set(f"page-cache:token:{name}", token, None)


def test_a_page_served_again_asks_nothing_of_redis(shared_cache, monkeypatch):
    page = Page()
    assert serve(page) == "build 1"
    assert serve(page) == "build 1"  # The first made the token: this one read and copied it.

    def unreachable(*args, **kwargs):
        raise AssertionError("asked Redis")

    monkeypatch.setattr(caches["default"], "get_many", unreachable)
    assert serve(page) == "build 1"
    assert current_tokens(["things"])  # The token too comes from the copy.


@pytest.mark.django_db
def test_a_change_in_this_process_ends_the_copy_at_once(shared_cache):
    page = Page()
    serve(page)
    mark_changed("things")
    assert serve(page) == "build 2"
    assert serve(page) == "build 2"


def test_a_change_announced_by_another_process_ends_this_process_s_copy(shared_cache):
    server, near, prefix = shared_cache
    page = Page()
    serve(page)
    before = current_tokens(["things"])
    another_process_writes(prefix, "things", "elsewhere")
    assert current_tokens(["things"]) == before  # Not announced yet: the copy holds.
    server.publish(f"{prefix}:1:page-cache:changes", "elsewhere page-cache:token:things")
    eventually(lambda: near.tokens(["page-cache:token:things"])[0] == {})
    assert current_tokens(["things"]) == ["elsewhere"]
    assert serve(page) == "build 2"


def test_a_lost_connection_forgets_the_copies_and_they_come_back_once_subscribed(
    shared_cache, monkeypatch
):
    server, near, prefix = shared_cache
    monkeypatch.setattr(near_cache, "RETRY_SECONDS", 0.05)
    page = Page()
    serve(page)
    # The listener's connection dies: a change made meanwhile is never announced to it.
    server.client_kill_filter(_type="pubsub")
    eventually(lambda: not near.listening or near.tokens(["page-cache:token:things"])[0] == {})
    another_process_writes(prefix, "things", "elsewhere")
    assert serve(page) == "build 2"
    eventually(lambda: near.listening)
    assert serve(page) == "build 2"


def test_a_token_read_while_a_change_arrives_is_not_kept(shared_cache):
    _server, near, _prefix = shared_cache
    copied, generation = near.tokens(["k"])
    assert copied == {}
    near.changed("k")  # Heard while the token was on its way from Redis.
    near.keep_tokens({"k": "old"}, generation)
    assert near.tokens(["k"])[0] == {}
    _copied, generation = near.tokens(["k"])
    near.keep_tokens({"k": "new"}, generation)
    assert near.tokens(["k"])[0] == {"k": "new"}


class Silent:
    """A Redis client whose subscription never confirms: the copy never starts listening."""

    def pubsub(self):
        raise redis.ConnectionError("no server")

    def publish(self, channel, message):
        raise redis.ConnectionError("no server")


def test_pages_past_the_bound_go_least_recently_used_first():
    near = NearCopy(Silent(), channel="c", max_bytes=160)
    near.stop()
    for key in "abcd":
        near.keep_page(key, ("t", b"x" * 40, "text/html"), 60)  # 4 x 40 = 160: all kept.
    assert near.page("a", "t") is not None  # Now the most recently used.
    near.keep_page("e", ("t", b"x" * 40, "text/html"), 60)  # 200 bytes: "b", the oldest, goes.
    assert [near.page(key, "t") is not None for key in "abcde"] == [True, False, True, True, True]
    near.keep_page("big", ("t", b"x" * 41, "text/html"), 60)  # Over a quarter: never kept.
    assert near.page("big", "t") is None
    assert near.page("c", "t") is not None


def test_a_copied_page_is_served_only_under_its_token_and_until_it_expires(monkeypatch):
    near = NearCopy(Silent(), channel="c", max_bytes=100)
    near.stop()
    near.keep_page("a", ("t1", b"page", "text/html"), 60)
    assert near.page("a", "t2") is None
    now = time.monotonic()
    monkeypatch.setattr(time, "monotonic", lambda: now + 61)
    assert near.page("a", "t1") is None


def test_without_a_subscription_no_token_is_copied():
    near = NearCopy(Silent(), channel="c", max_bytes=100)
    copied, generation = near.tokens(["k"])
    near.keep_tokens({"k": "v"}, generation)
    assert (copied, generation, near.tokens(["k"])) == ({}, None, ({}, None))
    near.publish("k")  # Redis down: a warning, never an error for the request.
    near.stop()
