"""Log lines as one JSON object each in production, readable text in development.

- `RequestIdMiddleware` gives every request an id (the `X-Request-ID` the proxy sent, when it
  is a plain token, else a new one), sends it back in the response's `X-Request-ID`, and logs
  one line per request with its method, path, status and duration.
- `RequestContextFilter` puts the current request's id, method and path on every record logged
  while the request is served, whichever logger logs it.
- `JsonFormatter` writes a record as one JSON object: time (UTC), level, logger, message, the
  request's fields, the response status where the record has one, any `extra=` fields, and the
  exception's traceback.

`LOGGING` in `wsco/settings.py` picks the format by `LOG_FORMAT` (json unless `DEBUG`).
"""

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse

_request_context: ContextVar[dict | None] = ContextVar("request_context", default=None)
_ACCEPTED_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# Paths that carry a one-time key sent by email (confirming an address, resetting a password):
# whoever reads the logs must not be able to use it.
_SECRET_IN_PATH = re.compile(r"(/accounts/(?:confirm-email|password/reset/key)/)(?!done/)[^/\s]+")
# The attributes every LogRecord has: anything else on a record came through `extra=`.
_RECORD_ATTRIBUTES = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "request",  # Django's request loggers attach the request object itself.
    "status_code",
    "request_id",
    "method",
    "path",
}

request_logger = logging.getLogger("wsco.request")


def loggable(text: str) -> str:
    """Return `text` (a path, or a message holding one) with one-time keys blanked out."""
    return _SECRET_IN_PATH.sub(r"\1[key]", text)


def current_request_id() -> str | None:
    """Return the id of the request being served, if any."""
    context = _request_context.get()
    return context["request_id"] if context else None


class RequestIdMiddleware:
    """Give each request an id, echo it in the response, and log the request in one line."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.headers.get("X-Request-ID", "")
        request_id = offered if _ACCEPTED_ID.fullmatch(offered) else uuid.uuid4().hex
        request.id = request_id
        path = loggable(request.path)
        token = _request_context.set(
            {"request_id": request_id, "method": request.method, "path": path}
        )
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            # Load balancers probe every few seconds: only a failing probe is worth a line.
            if not (request.path == "/health/" and response.status_code == 200):
                request_logger.info(
                    "%s %s %s",
                    request.method,
                    path,
                    response.status_code,
                    extra={
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    },
                )
            return response
        finally:
            _request_context.reset(token)


def _context_of(request) -> dict:
    """Return the fields of a request a record carries (Django logs 4xx and 5xx answers after
    the middleware has finished, with the request on the record)."""
    if not isinstance(request, HttpRequest):
        return {}
    return {
        "request_id": getattr(request, "id", None),
        "method": request.method,
        "path": loggable(request.path),
    }


class RequestContextFilter(logging.Filter):
    """Add the current request's id, method and path to each record (None outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _request_context.get() or _context_of(getattr(record, "request", None))
        for field in ("request_id", "method", "path"):
            if not hasattr(record, field):
                setattr(record, field, context.get(field))
        return True


class JsonFormatter(logging.Formatter):
    """Format a record as one line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": loggable(record.getMessage()),
        }
        for field in ("request_id", "method", "path"):
            if getattr(record, field, None) is not None:
                entry[field] = getattr(record, field)
        # Django's request loggers say the status as `status_code`; the request line as `status`.
        if getattr(record, "status_code", None) is not None:
            entry["status"] = record.status_code
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRIBUTES and not key.startswith("_"):
                entry.setdefault(key, value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """Format a record as a line of text, with the request id when there is one."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        request_id = getattr(record, "request_id", None)
        if request_id is None:
            return line
        first, newline, rest = line.partition("\n")
        return f"{first} [{request_id}]{newline}{rest}"
