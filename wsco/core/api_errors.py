"""The API's errors: `{"detail": ...}` as JSON for every error under /api/, in every mode.

Two pieces make it so. `install_error_handlers(api)` answers what an endpoint raises: Django's
refusals with their own status (403, 400), anything unexpected with a 500 that names no code and
shows no traceback, logged and signalled exactly as Django does for a page, so that logs and
error reporting see it. `JsonErrorsMiddleware` turns every other error response under /api/
into JSON: an unknown path (404), a method the path does not take (405), a bad Host header
(400), and the pages Django and its debug mode would otherwise render as HTML. Pages outside
/api/ keep their HTML error pages.
"""

import json
from functools import partial

from django.core import signals
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.log import log_response
from ninja import NinjaAPI

API_PATH_PREFIX = "/api/"
JSON_CONTENT_TYPE = "application/json"


def is_api_request(request: HttpRequest) -> bool:
    """Return whether `request` is for the API (its errors are JSON)."""
    return request.path_info.startswith(API_PATH_PREFIX)


class JsonErrorsMiddleware:
    """Answer every error under /api/ as JSON `{"detail": "<reason>"}`, keeping status and headers.

    It comes before every middleware but the request id's, so that it also sees the errors
    the others answer.
    An error that is JSON already (the endpoints' own) passes unchanged.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and is_api_request(request)
            and not response.get("Content-Type", "").startswith(JSON_CONTENT_TYPE)
        ):
            return as_json_error(response)
        return response


def as_json_error(response: HttpResponseBase) -> HttpResponse:
    """Return `response`'s status and headers with a JSON body naming the status only.

    The body it replaces may be a debug page with a traceback: none of it is kept.
    """
    replacement = HttpResponse(
        json.dumps({"detail": response.reason_phrase}),
        status=response.status_code,
        content_type=JSON_CONTENT_TYPE,
    )
    for header, value in response.items():
        if header.lower() not in {"content-type", "content-length"}:
            replacement[header] = value
    replacement.cookies = response.cookies
    return replacement


def install_error_handlers(api: NinjaAPI) -> None:
    """Make `api` answer Django's refusals and unexpected exceptions as JSON."""
    api.add_exception_handler(PermissionDenied, partial(_refused, api=api))
    api.add_exception_handler(BadRequest, partial(_bad_request, api=api))
    api.add_exception_handler(SuspiciousOperation, partial(_bad_request, api=api))
    api.add_exception_handler(Exception, partial(_unexpected, api=api))


def _detail(api: NinjaAPI, request: HttpRequest, status: int, detail: str) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


def _refused(request: HttpRequest, exc: PermissionDenied, *, api: NinjaAPI) -> HttpResponse:
    # The services' refusals are written for the person refused ("Only the token's owner...").
    return _detail(api, request, 403, str(exc) or "Forbidden")


def _bad_request(request: HttpRequest, exc: Exception, *, api: NinjaAPI) -> HttpResponse:
    # A suspicious request's message is for the server's log (it may quote settings); a
    # `BadRequest` raised on purpose (a malformed id) is written for the caller.
    if isinstance(exc, SuspiciousOperation) or not str(exc):
        return _detail(api, request, 400, "Bad Request")
    return _detail(api, request, 400, " ".join(getattr(exc, "messages", [str(exc)])))


def _unexpected(request: HttpRequest, exc: Exception, *, api: NinjaAPI) -> HttpResponse:
    # What Django does for a page: the signal error reporting listens to, then the log line
    # with the traceback. The caller learns only that the server failed.
    signals.got_request_exception.send(sender=None, request=request)
    response = api.create_response(request, {"detail": "Internal Server Error"}, status=500)
    log_response(
        "%s: %s",
        response.reason_phrase,
        request.path,
        response=response,
        request=request,
        exception=exc,
    )
    return response


# What every error answers, as the OpenAPI document describes it.
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {"detail": {"title": "Detail", "type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR_SCHEMA = {
    "title": "ValidationError",
    "type": "object",
    "properties": {
        "detail": {
            "title": "Detail",
            "description": "One entry per refused input: where (`loc`), why (`msg`, `type`).",
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "loc": {
                        "type": "array",
                        "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                    },
                    "msg": {"type": "string"},
                    "type": {"type": "string"},
                },
                "required": ["loc", "msg", "type"],
            },
        }
    },
    "required": ["detail"],
}
# Status -> what it means here. 404 and 422 are documented where the operation takes input (an
# id or slug it looks up, a value it checks); any operation may answer the others.
ERRORS = {
    400: "The request is malformed (a bad id, a bad Host header).",
    401: "No valid token or session, where one is needed; or a bad token.",
    403: "The caller may not do this; `detail` says why.",
    404: "Nothing the caller may see has the id or slug given.",
    422: "A parameter or the body was refused; `detail` names each.",
    429: "Too many requests: a rate limit refused the call.",
    500: "The server failed; the failure is logged, and nothing about it is shown.",
}


def document_errors(schema: dict) -> dict:
    """Add the errors every operation may answer, with their JSON shape, to an OpenAPI `schema`.

    An operation's own description of a status (a 400 it declares) is kept.
    """
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR_SCHEMA)
    components.setdefault("ValidationError", VALIDATION_ERROR_SCHEMA)
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            for status in _errors_of(operation):
                # django-ninja keys an operation's own statuses by number, not by text.
                if status in responses:
                    continue
                shape = "ValidationError" if status == 422 else "Error"
                responses.setdefault(
                    str(status),
                    {
                        "description": ERRORS[status],
                        "content": {
                            JSON_CONTENT_TYPE: {"schema": {"$ref": f"#/components/schemas/{shape}"}}
                        },
                    },
                )
    return schema


def _errors_of(operation: dict) -> list[int]:
    takes_input = operation.get("parameters") or "requestBody" in operation
    return [400, 401, 403, *((404, 422) if takes_input else ()), 429, 500]
