"""Django's Redis cache backend, with one client per connection pool instead of one per call.

redis-py's `Redis()` copies its table of response callbacks when it is made, and Django's
client makes one for every cache call: that costs more than the round trip to Redis itself.
A client is safe to share between threads (each command takes a connection from the pool).
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    """A `RedisCacheClient` that keeps the client it makes for each connection pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    """Django's `RedisCache`, through `ReusedClientRedisCacheClient`."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
