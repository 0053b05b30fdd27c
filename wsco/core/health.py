"""The health report a load balancer reads: the database, the cache and the task queue.

Each part answers "ok" or "fail" with a short code, never an exception's text, a host name or
a version: the report is public. What went wrong goes to the log. The whole report costs a
`SELECT 1`, a cache write and read, and one aggregate over the ready tasks (an index holds
them), so a probe every few seconds is cheap.
"""

import logging
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection

from wsco.tasks.queries import oldest_ready_task_age

logger = logging.getLogger(__name__)

# One key per process, so that probes served by several processes at once never read each
# other's value; each key expires soon after its process stops.
_CACHE_PROBE_KEY = f"health:{uuid.uuid4().hex}"


class UnhealthyError(Exception):
    """A part of the platform does not work; `code` names how, for the public report."""

    def __init__(self, code: str, **figures):
        super().__init__(code)
        self.code = code
        self.figures = figures


def check_database() -> dict:
    """The database answers a query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def check_cache() -> dict:
    """A value written to the default cache reads back the same."""
    value = uuid.uuid4().hex
    cache.set(_CACHE_PROBE_KEY, value, 60)
    if cache.get(_CACHE_PROBE_KEY) != value:
        # A cache that cannot be reached (wsco.core.redis_cache) answers as an empty one.
        raise UnhealthyError("lost_write")
    return {}


def check_task_queue() -> dict:
    """No task ready to run has waited longer than `HEALTH_TASK_QUEUE_MAX_AGE_SECONDS`."""
    # A task waits from when it was queued, from its `run_after` if that came later, or from
    # when it went back to the queue after its worker was lost (wsco.tasks.queries).
    age = oldest_ready_task_age()
    waited = age.total_seconds() if age else 0
    figures = {"oldest_ready_seconds": round(waited)}
    if waited > settings.HEALTH_TASK_QUEUE_MAX_AGE_SECONDS:
        raise UnhealthyError("backlog", **figures)
    return figures


CHECKS: dict[str, Callable[[], dict]] = {
    "database": check_database,
    "cache": check_cache,
    "task_queue": check_task_queue,
}


def _run(name: str, check: Callable[[], dict]) -> dict:
    started = time.perf_counter()
    try:
        result = {"status": "ok", **check()}
    except UnhealthyError as problem:
        logger.warning("Health check %s failed: %s %s", name, problem.code, problem.figures)
        result = {"status": "fail", "code": problem.code, **problem.figures}
    except DatabaseError:
        logger.exception("Health check %s failed: the database did not answer", name)
        result = {"status": "fail", "code": "database_error"}
    except Exception:
        logger.exception("Health check %s failed", name)
        result = {"status": "fail", "code": "error"}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def health_report() -> dict:
    """Return every part's result, and "ok" overall only when every part is ok."""
    checks = {name: _run(name, check) for name, check in CHECKS.items()}
    healthy = all(result["status"] == "ok" for result in checks.values())
    return {"status": "ok" if healthy else "fail", "checks": checks}
