"""Sentry: started only when SENTRY_DSN is set, and what it sends carries no personal data.

Each case runs in a fresh process, as the settings start Sentry once for the process. The DSN
points at a closed port on this machine, and the one case that captures an event swaps the
client's transport for one that keeps the envelopes: nothing goes over the network.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# Port 9 (discard) has no listener here; the key and project are made up.
DSN = "http://0123456789abcdef@127.0.0.1:9/42"

REPORT_STATE = """
import json, sys, django
django.setup()
state = {"imported": "sentry_sdk" in sys.modules}
if state["imported"]:
    import sentry_sdk
    client = sentry_sdk.get_client()
    options = client.options
    state |= {
        "active": client.is_active(),
        "integrations": sorted(client.integrations),
        "before_send": getattr(options["before_send"], "__name__", None),
        **{key: options[key] for key in (
            "send_default_pii", "environment", "release", "traces_sample_rate",
            "max_request_body_size", "include_local_variables",
        )},
    }
print(json.dumps(state))
"""

CAPTURE_A_FAILING_REQUEST = """
import json, django
django.setup()
import sentry_sdk
from django.test import Client
from django.urls import path
from sentry_sdk.transport import Transport

class Keep(Transport):
    envelopes = []
    def capture_envelope(self, envelope):
        self.envelopes.append(envelope)

def fail(request):
    raise ZeroDivisionError("scoring failed")

urlpatterns = [path("fail/", fail)]
from django.conf import settings
settings.ROOT_URLCONF = "__main__"
sentry_sdk.get_client().transport = Keep()
response = Client(raise_request_exception=False).post(
    "/fail/?city=Cluj",
    {"name": "Ana Popescu", "password": "hunter2"},
    headers={"cookie": "sessionid=abc123", "x-forwarded-for": "203.0.113.9"},
)
sentry_sdk.flush()
events = [item.payload.json for envelope in Keep.envelopes for item in envelope.items
          if item.type == "event"]
print(json.dumps({"status": response.status_code, "events": events}, default=str))
"""


def run(script: str, tmp_path: Path, **environment) -> dict:
    base = {key: value for key, value in os.environ.items() if not key.startswith("SENTRY_")}
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=base
        | {
            "DJANGO_SETTINGS_MODULE": "wsco.settings",
            "DEBUG": "true",
            "WSCO_VAR_DIR": str(tmp_path),
        }
        | environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.splitlines()[-1])


def test_without_a_dsn_sentry_is_not_even_imported(tmp_path):
    assert run(REPORT_STATE, tmp_path) == {"imported": False}


def test_with_a_dsn_sentry_starts_with_django_and_without_personal_data(tmp_path):
    state = run(
        REPORT_STATE,
        tmp_path,
        SENTRY_DSN=DSN,
        SENTRY_ENVIRONMENT="staging",
        SENTRY_RELEASE="wsco@2026.12.1",
    )

    assert state["active"] is True
    assert "django" in state["integrations"]
    assert state["send_default_pii"] is False
    assert state["max_request_body_size"] == "never"
    assert state["include_local_variables"] is False
    assert state["before_send"] == "_without_keys"
    assert state["environment"] == "staging"
    assert state["release"] == "wsco@2026.12.1"
    assert state["traces_sample_rate"] == 0.0


def test_the_defaults_name_the_environment_and_the_version(tmp_path):
    state = run(REPORT_STATE, tmp_path, SENTRY_DSN=DSN, SENTRY_TRACES_SAMPLE_RATE="0.05")

    assert state["environment"] == "development"  # DEBUG is on in these processes.
    assert state["release"].startswith("wsco@")
    assert state["traces_sample_rate"] == 0.05


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"SENTRY_DSN": "not a dsn"}, "SENTRY_DSN is not a Sentry DSN"),
        ({"SENTRY_DSN": DSN, "SENTRY_TRACES_SAMPLE_RATE": "2"}, "use a share from 0 to 1"),
        ({"SENTRY_DSN": DSN, "SENTRY_TRACES_SAMPLE_RATE": "half"}, "is not a number"),
    ],
)
def test_a_bad_setting_stops_the_start_with_a_message_naming_it(tmp_path, variables, message):
    with pytest.raises(AssertionError, match=message):
        run(REPORT_STATE, tmp_path, **variables)


def test_an_unhandled_error_is_reported_without_the_person_s_data(tmp_path):
    outcome = run(CAPTURE_A_FAILING_REQUEST, tmp_path, SENTRY_DSN=DSN)

    assert outcome["status"] == 500
    [event] = outcome["events"]
    [exception] = event["exception"]["values"]
    assert exception["type"] == "ZeroDivisionError"
    assert exception["value"] == "scoring failed"
    request = event["request"]
    # The body is never read into the event: its fields would be the person's.
    assert not request.get("data")
    assert "cookies" not in request
    assert "user" not in event or "ip_address" not in event["user"]
    sent = json.dumps(event)
    for personal in ("Ana Popescu", "hunter2", "abc123", "203.0.113.9"):
        assert personal not in sent


def test_a_key_sent_by_email_is_blanked_out_of_an_event_s_url():
    from wsco.core.error_reporting import _without_keys

    event = {"request": {"url": "https://wsco.example/accounts/password/reset/key/3-SECRETKEY/"}}
    assert _without_keys(event, {})["request"]["url"] == (
        "https://wsco.example/accounts/password/reset/key/[key]/"
    )
    assert _without_keys({"message": "no request"}, {}) == {"message": "no request"}
