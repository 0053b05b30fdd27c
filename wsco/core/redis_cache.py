"""Django's Redis cache backend, kept fast and kept out of the way when Redis is down.

- One client per connection pool instead of one per call: redis-py's `Redis()` copies its
  table of response callbacks when it is made, and Django's client made one for every cache
  call, which cost more than the round trip itself. A client is safe to share between
  threads (each command takes a connection from the pool).
- `get_many`, which the page cache runs for every cached page, sends its MGET straight on a
  pooled connection: the client's retry and notification layers took longer than the MGET.
- A cache that cannot be reached behaves as an empty one that keeps nothing, with a warning
  in the log: pages are built afresh and writes go on, instead of every request failing.
  Rate limits kept in the cache do not count during such an outage.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis import RedisError

logger = logging.getLogger(__name__)


def _when_unreachable(answer):
    """Make a client method return `answer()` (and log) when Redis cannot be reached."""

    def decorate(method):
        @functools.wraps(method)
        def guarded(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                logger.warning("The cache is unreachable (%s): %s", method.__name__, error)
                return answer(*args)

        return guarded

    return decorate


class ResilientRedisCacheClient(RedisCacheClient):
    """A `RedisCacheClient` that keeps its clients and answers as an empty cache on errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def get_many(self, keys):
        """Return the values found for `keys`, by one MGET on a connection of the pool.

        A connection that fails is dropped (the pool opens a new one next time) and the error
        goes up to `_when_unreachable`, which answers as an empty cache.
        """
        keys = list(keys)
        if not keys:
            return {}
        pool = self._get_connection_pool(False)
        connection = pool.get_connection()
        try:
            connection.send_command("MGET", *keys)
            values = connection.read_response()
        except BaseException:
            connection.disconnect()
            raise
        finally:
            pool.release(connection)
        return {
            key: self._serializer.loads(value)
            for key, value in zip(keys, values, strict=True)
            if value is not None
        }

    get = _when_unreachable(lambda key, default: default)(RedisCacheClient.get)
    get_many = _when_unreachable(lambda keys: {})(get_many)
    has_key = _when_unreachable(lambda key: False)(RedisCacheClient.has_key)
    add = _when_unreachable(lambda *args: False)(RedisCacheClient.add)
    set = _when_unreachable(lambda *args: None)(RedisCacheClient.set)
    set_many = _when_unreachable(lambda *args: None)(RedisCacheClient.set_many)
    touch = _when_unreachable(lambda *args: False)(RedisCacheClient.touch)
    delete = _when_unreachable(lambda key: False)(RedisCacheClient.delete)
    delete_many = _when_unreachable(lambda keys: None)(RedisCacheClient.delete_many)
    clear = _when_unreachable(lambda: False)(RedisCacheClient.clear)


class ResilientRedisCache(RedisCache):
    """Django's `RedisCache`, through `ResilientRedisCacheClient`."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
