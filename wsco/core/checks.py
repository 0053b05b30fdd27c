"""System checks for production: what `check --deploy` refuses.

`make check` runs `check --deploy --fail-level WARNING` under production settings, so a
warning here stops a release as an error does.
"""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

# Backends whose entries one process (or one machine) alone sees. Sign-in rate limits count
# in the default cache: in one gunicorn worker's memory, each worker counts its own attempts
# and fifteen wrong passwords pass a limit of five.
PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache": "keeps its entries in one process's memory",
    "django.core.cache.backends.dummy.DummyCache": "keeps nothing, so no rate limit ever counts",
}
MACHINE_LOCAL_CACHES = {
    "django.core.cache.backends.filebased.FileBasedCache": (
        "keeps its entries on one machine's disk, and its `add` is not atomic"
    ),
}
FIX = "Leave REDIS_URL unset for the database cache, or set it to a Redis every process reaches."


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Refuse a default cache that the web processes do not all share."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PROCESS_LOCAL_CACHES:
        message = f"The default cache ({backend}) {PROCESS_LOCAL_CACHES[backend]}."
        return [Error(message, hint=FIX, id="wsco.E001")]
    if backend in MACHINE_LOCAL_CACHES:
        message = f"The default cache ({backend}) {MACHINE_LOCAL_CACHES[backend]}."
        return [Warning(message, hint=FIX, id="wsco.W001")]
    return []
