"""The database a URL names, with its connections kept between requests on both engines: a new
SQLite connection reads the whole schema at its first query (about 2.5 ms on this schema), a
new PostgreSQL connection costs its handshake."""

import pytest

from wsco.settings import database_from_url


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("sqlite:////tmp/wsco-settings-test/wsco.sqlite3", "django.db.backends.sqlite3"),
        ("postgres://wsco@db.example:5432/wsco", "django.db.backends.postgresql"),
    ],
)
def test_connections_are_kept_with_health_checks(monkeypatch, url, engine):
    monkeypatch.delenv("CONN_MAX_AGE", raising=False)
    database = database_from_url(url)
    assert database["ENGINE"] == engine
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (600, True)
    monkeypatch.setenv("CONN_MAX_AGE", "0")
    assert database_from_url(url)["CONN_MAX_AGE"] == 0


def test_sqlite_keeps_its_write_ahead_log_and_immediate_transactions():
    options = database_from_url("sqlite:////tmp/wsco-settings-test/wsco.sqlite3")["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"
