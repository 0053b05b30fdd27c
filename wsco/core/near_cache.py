"""This process's copy of the page cache's tokens and pages, kept right by Redis's pub/sub.

Served from Redis, a cached page costs one round trip to learn its data set's token and fetch
the page: on this kind of machine about as long as Django takes for a bare view. Yet tokens
change only when data does, and a page stored under a token never changes. So each process
keeps a copy of the tokens it has read and of the pages it has served:

- `wsco.core.page_cache.mark_changed` forgets this process's copy of the data set's token and
  publishes its key on a channel after writing the new one; every other process has a listener
  thread (started on first use) that forgets its copy of that token, so that its next request
  reads the new one from Redis.
- The copies are used only while the listener is subscribed. Until it is, after a lost
  connection, and while Redis is down, every read goes to Redis as before; a lost connection
  forgets every copied token, since a change may have been published while it was away.
- A token read from Redis while a change arrived is not kept (`generation` counts the changes
  heard), so a copy is never older than the last change the process was told of.
- Pages are kept by their key with the token they were built under, least recently used first
  out past `PAGE_CACHE_LOCAL_BYTES` of content per process, each until its expiry.

A change reaches the other processes as fast as Redis delivers a message (well under a
millisecond on one machine): a request that starts in that moment may be served the page of
just before the change, as it could be when it read Redis just before the change was written.
"""

import contextlib
import logging
import secrets
import threading
import time
from collections import OrderedDict

from redis import RedisError

logger = logging.getLogger(__name__)

# How often the listener asks the server whether its connection still lives, in seconds, and how
# long it waits before subscribing again after losing it.
PING_SECONDS = 15
RETRY_SECONDS = 2


def _size(content) -> int:
    """Return what `content` counts against the bytes a process keeps (a small value: 64)."""
    return len(content) if isinstance(content, (str, bytes)) else 64


class NearCopy:
    """Copies of tokens and pages, valid while a thread hears every change on `channel`."""

    def __init__(self, client, channel: str, max_bytes: int):
        self._client = client
        self.channel = channel
        self._max_bytes = max_bytes
        self._lock = threading.Lock()
        self._tokens: dict[str, str] = {}
        self._pages: OrderedDict[str, tuple[float, tuple]] = OrderedDict()
        self._bytes = 0
        self._generation = 0
        self._listening = False
        self._origin = secrets.token_hex(8)  # Names this copy's own announcements.
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="page-cache-changes", daemon=True)
        self._thread.start()

    # Tokens

    def tokens(self, keys: list[str]) -> tuple[dict[str, str], int | None]:
        """Return the copies held of `keys`, and the generation to pass to `keep_tokens`.

        The generation is None while the listener is not subscribed: nothing is copied then.
        """
        with self._lock:
            if not self._listening:
                return {}, None
            return {key: self._tokens[key] for key in keys if key in self._tokens}, self._generation

    def keep_tokens(self, tokens: dict[str, str], generation: int | None) -> None:
        """Copy `tokens`, read from Redis, unless a change was heard since `generation`."""
        with self._lock:
            if self._listening and generation == self._generation:
                self._tokens.update(tokens)

    def changed(self, key: str) -> None:
        """Forget the copy of `key`, which changed: the next read of it goes to Redis.

        Never the new value in its place: two processes writing a key at once may announce
        their values in the other order than they wrote them.
        """
        with self._lock:
            self._generation += 1
            self._tokens.pop(key, None)

    # Pages

    def page(self, key: str, token: str) -> tuple | None:
        """Return the page copied under `key` if it was built under `token` and lives still."""
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                return None
            expires, stored = found
            if stored[0] != token or expires < time.monotonic():
                return None
            self._pages.move_to_end(key)
            return stored

    def keep_page(self, key: str, stored: tuple, seconds: int) -> None:
        """Copy `stored` (token, content, ...) under `key` for at most `seconds`.

        The content is a page's bytes, a fragment's text, or a small value (a count).
        """
        size = _size(stored[1])
        if size > self._max_bytes // 4:
            return  # A page that would push out a quarter of the others is read from Redis.
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= _size(old[1][1])
            self._pages[key] = (time.monotonic() + seconds, stored)
            self._bytes += size
            while self._bytes > self._max_bytes:
                _key, (_expires, dropped) = self._pages.popitem(last=False)
                self._bytes -= _size(dropped[1])

    # Changes

    def publish(self, key: str) -> None:
        """Tell every other process's copy that `key` changed (a warning if Redis is down)."""
        try:
            self._client.publish(self.channel, f"{self._origin} {key}")
        except (RedisError, OSError) as error:
            logger.warning("The page cache could not announce a change of %s: %s", key, error)

    # The listener

    @property
    def listening(self) -> bool:
        return self._listening

    def stop(self) -> None:
        self._stop.set()

    def _forget_all(self, *, listening: bool) -> None:
        with self._lock:
            self._tokens.clear()
            self._generation += 1
            self._listening = listening

    def _listen(self) -> None:
        while not self._stop.is_set():
            pubsub = None
            try:
                pubsub = self._client.pubsub()
                pubsub.subscribe(self.channel)
                self._hear(pubsub)
            except (RedisError, OSError) as error:
                logger.warning("The page cache hears no changes for now: %s", error)
            finally:
                self._forget_all(listening=False)
                if pubsub is not None:
                    with contextlib.suppress(RedisError, OSError):
                        pubsub.close()
            self._stop.wait(RETRY_SECONDS)

    def _hear(self, pubsub) -> None:
        pinged = time.monotonic()
        while not self._stop.is_set():
            message = pubsub.get_message(timeout=1.0)
            if message is None:
                if time.monotonic() - pinged > PING_SECONDS:
                    pubsub.ping()
                    pinged = time.monotonic()
                continue
            if message["type"] == "subscribe":
                # From here on every change is heard: what was copied before may be stale.
                self._forget_all(listening=True)
            elif message["type"] == "message":
                data = message["data"]
                origin, key = (data.decode() if isinstance(data, bytes) else data).split(" ", 1)
                if origin != self._origin:  # This process forgot its own changes already.
                    self.changed(key)
