"""Every error under /api/ is JSON `{"detail": ...}`, with DEBUG on and off; pages keep HTML."""

import json
import logging

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.signals import got_request_exception
from django.http import HttpResponse
from django.test import RequestFactory
from ninja.errors import Throttled

from wsco.core.api_errors import JsonErrorsMiddleware
from wsco.members.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

ISSUES = "/api/v1/publications/issues"
SECRET = "password=hunter2 in /srv/wsco/secret.py"


@pytest.fixture(params=[False, True], ids=["production", "debug"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


@pytest.fixture
def failing_issues(monkeypatch):
    """Make the issues endpoint raise `exception` from inside its query."""

    def fail_with(exception: Exception) -> None:
        def raise_it():
            raise exception

        monkeypatch.setattr("wsco.publications.queries.issues_with_article_counts", raise_it)

    return fail_with


def assert_json_error(response, status: int, detail=None) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert list(body) == ["detail"]
    if detail is not None:
        assert body["detail"] == detail
    return body


def test_an_unknown_api_path_is_a_json_404(client, debug):
    assert_json_error(client.get("/api/v1/no-such-thing"), 404, "Not Found")


def test_an_unknown_page_keeps_its_html_404(client, debug):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_method_the_path_does_not_take_is_a_json_405_with_allow(client, debug):
    response = client.delete(ISSUES)
    assert_json_error(response, 405, "Method Not Allowed")
    assert response["Allow"] == "GET"


def test_a_missing_sign_in_is_a_json_401(client, debug):
    assert_json_error(client.get("/api/v1/accounts/me"), 401, "Unauthorized")


def test_a_refusal_is_a_json_403_with_its_reason(client, debug, failing_issues):
    failing_issues(PermissionDenied("Only the secretariat sees this."))
    assert_json_error(client.get(ISSUES), 403, "Only the secretariat sees this.")


def test_a_member_on_a_staff_endpoint_is_a_json_403(client, debug):
    client.force_login(ProfileFactory(is_member=True).user)
    assert_json_error(
        client.get("/api/v1/applications"), 403, "Only the secretariat reviews applications."
    )


def test_a_suspicious_request_is_a_json_400_that_quotes_nothing(client, debug, failing_issues):
    failing_issues(SuspiciousOperation(SECRET))
    body = assert_json_error(client.get(ISSUES), 400, "Bad Request")
    assert "hunter2" not in str(body)


def test_a_bad_host_header_is_a_json_400(client, debug):
    body = assert_json_error(client.get(ISSUES, headers={"host": "evil.example"}), 400)
    assert "evil" not in body["detail"]


def test_refused_input_is_a_json_422_naming_the_parameter(client, debug):
    body = assert_json_error(client.get("/api/v1/members", {"page": "zero"}), 422)
    assert [issue["loc"] for issue in body["detail"]] == [["query", "page"]]


def test_a_rate_limit_is_a_json_429(client, debug, failing_issues):
    failing_issues(Throttled(wait=30))
    assert_json_error(client.get(ISSUES), 429, "Too many requests.")


@pytest.mark.parametrize("path", ["/api/v1/x", "/members/"])
def test_the_middleware_answers_json_only_under_the_api(path):
    def limited(request):
        page = HttpResponse(b"<h1>Slow down</h1>", status=429, content_type="text/html")
        page["Retry-After"] = "30"
        return page

    response = JsonErrorsMiddleware(limited)(RequestFactory().get(path))
    assert response.status_code == 429
    assert response["Retry-After"] == "30"
    if path.startswith("/api/"):
        assert_json_error(response, 429, "Too Many Requests")
    else:
        assert response.content == b"<h1>Slow down</h1>"


def test_a_crash_is_a_json_500_with_no_traceback_and_is_logged(
    client, debug, failing_issues, caplog
):
    failing_issues(RuntimeError(SECRET))
    signalled = []

    def remember(sender, request, **kwargs):
        signalled.append(request.path)

    got_request_exception.connect(remember)
    client.raise_request_exception = False
    try:
        with caplog.at_level(logging.ERROR, logger="django.request"):
            response = client.get(ISSUES)
    finally:
        got_request_exception.disconnect(remember)
    body = assert_json_error(response, 500, "Internal Server Error")
    assert "hunter2" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert body == {"detail": "Internal Server Error"}
    # Error reporting listens to Django's signal, and the log keeps the traceback.
    assert signalled == [ISSUES]
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info[1].args == (SECRET,)


def test_a_crash_outside_an_endpoint_is_json_too(client, debug, monkeypatch):
    # The directory's cache is read before django-ninja runs the endpoint.
    def broken(*args, **kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr("wsco.members.api.directory.stored_response", broken)
    client.raise_request_exception = False
    response = client.get("/api/v1/members")
    assert_json_error(response, 500, "Internal Server Error")
    assert "hunter2" not in response.content.decode()


def test_a_crashing_page_keeps_its_html_500(client, settings, monkeypatch):
    settings.DEBUG = False

    def broken(*args, **kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr("wsco.core.home.figures", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "hunter2" not in response.content.decode()


def test_the_openapi_document_names_each_status_once(client):
    # JSON readers keep the last of two equal keys, but YAML readers (the interactive docs) refuse
    # the whole document: an operation's own 400 and the one added for every operation collided.
    def refuse_repeats(pairs):
        keys = [key for key, _value in pairs]
        assert len(keys) == len(set(keys)), f"Repeated keys: {keys}"
        return dict(pairs)

    document = json.loads(client.get("/api/openapi.json").content, object_pairs_hook=refuse_repeats)
    responses = document["paths"]["/api/v1/network/requests"]["post"]["responses"]
    assert responses["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Problem"
    }


def test_no_two_schemas_of_the_api_share_a_name():
    """OpenAPI names a schema by its class: two classes of one name would stand for each other."""
    from ninja import Schema

    from wsco.api import api

    api.get_openapi_schema()  # imports every router and so every schema
    seen: dict[str, str] = {}
    clashes = []
    stack = list(Schema.__subclasses__())
    while stack:
        schema = stack.pop()
        stack.extend(schema.__subclasses__())
        if not schema.__module__.startswith("wsco."):
            continue
        where = f"{schema.__module__}.{schema.__qualname__}"
        if schema.__name__ in seen and seen[schema.__name__] != where:
            clashes.append((seen[schema.__name__], where))
        seen.setdefault(schema.__name__, where)
    assert clashes == []


def test_the_openapi_document_is_built_once_and_each_caller_gets_a_copy_of_its_own():
    from wsco.api import api

    first = api.get_openapi_schema(path_prefix="/api/")
    first["paths"].clear()  # What one caller does to its copy reaches no other.
    second = api.get_openapi_schema(path_prefix="/api/")
    assert "/api/v1/audits" in second["paths"]
    assert api.get_openapi_schema(path_prefix="/api/") == second
    assert set(api._documents) >= {("/api/", "en")}
