"""Log lines: one JSON object each in production, with the request's id, path and status."""

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from wsco.core.structured_logs import JsonFormatter, RequestContextFilter

ROOT = Path(__file__).resolve().parents[3]


def record(message="Paid %s", args=("EUR 50",), exc_info=None, **extra) -> logging.LogRecord:
    made = logging.getLogger("wsco.members").makeRecord(
        "wsco.members", logging.WARNING, __file__, 10, message, args, exc_info, extra=extra
    )
    return made


def test_a_record_becomes_one_line_of_json_with_its_fields():
    line = JsonFormatter().format(record(amount=50, payer=object()))

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "wsco.members"
    assert entry["message"] == "Paid EUR 50"
    assert entry["time"].endswith("+00:00")
    # Fields given with `extra=` come along; what JSON cannot hold, as its text.
    assert entry["amount"] == 50
    assert entry["payer"].startswith("<object object")
    assert "exception" not in entry


def test_an_exception_travels_as_its_traceback_inside_the_one_line():
    try:
        raise ValueError("no membership type\nfor this kind")
    except ValueError:
        line = JsonFormatter().format(record(exc_info=sys.exc_info()))

    assert "\n" not in line
    exception = json.loads(line)["exception"]
    assert exception.startswith("Traceback (most recent call last):")
    assert exception.endswith("ValueError: no membership type\nfor this kind")


@pytest.fixture
def json_log():
    """Collect what the root logger writes, formatted as in production."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestContextFilter())
    logging.getLogger().addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.getLogger().removeHandler(handler)


@pytest.mark.django_db
def test_every_line_of_a_request_carries_its_id_path_and_status(client, json_log):
    response = client.get("/no-such-page/", headers={"x-request-id": "lb-7f3a.42"})

    assert response["X-Request-ID"] == "lb-7f3a.42"
    lines = json_log()
    assert {line["logger"] for line in lines} >= {"wsco.request", "django.request"}
    for line in lines:
        assert line["request_id"] == "lb-7f3a.42"
        assert line["path"] == "/no-such-page/"
        assert line["status"] == 404
    [request_line] = [line for line in lines if line["logger"] == "wsco.request"]
    assert request_line["message"] == "GET /no-such-page/ 404"
    assert request_line["method"] == "GET"
    assert request_line["duration_ms"] >= 0


@pytest.mark.parametrize(
    "path",
    ["/accounts/password/reset/key/3-SECRETKEY/", "/accounts/confirm-email/SECRETKEY/"],
)
@pytest.mark.django_db
def test_a_key_sent_by_email_never_reaches_the_log(client, json_log, path):
    client.get(path)

    lines = json_log()
    assert {line["logger"] for line in lines} >= {"wsco.request"}
    assert all("SECRETKEY" not in json.dumps(line) for line in lines), lines
    [request_line] = [line for line in lines if line["logger"] == "wsco.request"]
    assert request_line["path"].endswith("/[key]/")


@pytest.mark.parametrize(
    "offered", ["", "two words", "x" * 129, "id\nforged line", "<script>"], ids=repr
)
@pytest.mark.django_db
def test_a_missing_or_unusable_request_id_is_replaced_by_a_new_one(client, offered):
    response = client.get("/privacy/", headers={"x-request-id": offered})

    assert response.status_code == 200
    assert len(response["X-Request-ID"]) == 32
    assert response["X-Request-ID"] != offered
    assert client.get("/privacy/")["X-Request-ID"] != response["X-Request-ID"]


@pytest.mark.django_db
def test_a_healthy_probe_is_not_logged_but_a_failing_one_is(client, json_log):
    client.get("/health/")
    assert [line for line in json_log() if line["logger"] == "wsco.request"] == []

    keeps_nothing = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=keeps_nothing):
        client.get("/health/")
    [line] = [line for line in json_log() if line["logger"] == "wsco.request"]
    assert line["status"] == 503


def run_logging(environment: dict) -> subprocess.CompletedProcess:
    """Start Django with the project's settings in `environment`, log a warning and an error."""
    script = (
        "import django, logging; django.setup()\n"
        "logging.getLogger('wsco.members').warning('Renewal %s sent', 'r-17')\n"
        "try:\n    1 / 0\nexcept ZeroDivisionError:\n"
        "    logging.getLogger('wsco.audits').exception('Scoring failed')\n"
    )
    environment = {key: value for key, value in os.environ.items() if key != "LOG_FORMAT"} | {
        "DJANGO_SETTINGS_MODULE": "wsco.settings",
        **environment,
    }
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )


def test_in_production_every_line_is_one_json_object(tmp_path):
    production = {
        "DEBUG": "false",
        "SECRET_KEY": "k" * 50,
        "ALLOWED_HOSTS": "wsco.example",
        "WSCO_VAR_DIR": str(tmp_path),
    }
    lines = run_logging(production).stderr.splitlines()

    assert len(lines) == 2
    warning, error = (json.loads(line) for line in lines)
    assert warning["message"] == "Renewal r-17 sent"
    assert error["level"] == "ERROR"
    assert "ZeroDivisionError" in error["exception"]


def test_in_development_lines_are_text(tmp_path):
    output = run_logging({"DEBUG": "true", "WSCO_VAR_DIR": str(tmp_path)}).stderr

    assert "WARNING wsco.members Renewal r-17 sent" in output
    assert "Traceback (most recent call last):" in output
    assert not any(line.startswith("{") for line in output.splitlines())


def test_gunicorns_own_lines_are_json_in_production(tmp_path):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    environment = {key: value for key, value in os.environ.items() if key != "LOG_FORMAT"} | {
        "DEBUG": "false",
        "SECRET_KEY": "k" * 50,
        "ALLOWED_HOSTS": "wsco.example",
        "WSCO_VAR_DIR": str(tmp_path),
    }
    command = [gunicorn, "--config", "python:wsco.gunicorn_conf", "wsco.wsgi:application"]
    server = subprocess.Popen(
        [*command, "--bind", "127.0.0.1:0", "--workers", "1"],
        cwd=ROOT,
        env=environment,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = []
    try:
        for line in server.stderr:
            lines.append(line)
            if "Booting worker" in line:
                break
    finally:
        server.terminate()
        _, rest = server.communicate(timeout=30)
    lines += rest.splitlines()  # the lines of its shutdown
    records = [json.loads(line) for line in lines]
    assert {record["logger"] for record in records} == {"gunicorn.error"}
    messages = [record["message"] for record in records]
    assert any(message.startswith("Listening at: http://127.0.0.1:") for message in messages)
