"""gunicorn's settings: `gunicorn --config python:wsco.gunicorn_conf wsco.wsgi:application`.

gunicorn's own lines (listening, workers booted, stopped or timed out) go through the platform's
`LOGGING`, so in production they are one JSON object each like every other line
(docs/operations.md). Requests are logged once, by the platform's `RequestIdMiddleware`, not
again by gunicorn.
"""

import copy
import os

from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsco.settings")

logconfig_dict = copy.deepcopy(settings.LOGGING)
logconfig_dict["loggers"] |= {
    "gunicorn.error": {"handlers": ["console"], "level": settings.LOG_LEVEL, "propagate": False},
    "gunicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
}

# Threads in each worker (`WEB_CONCURRENCY` of them): a page that renders for tens of
# milliseconds holds one thread, not the whole worker, so cheap pages and cached ones are not
# queued behind it. Measured with `benchmarks/load.py` on 2 cores (docs/operations.md).
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
