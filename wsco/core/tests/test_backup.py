"""Backup and restore: the demo, dumped and restored into an empty database, loses nothing.

Runs on the database the suite runs on (SQLite's online backup, or pg_dump and pg_restore),
into a new SQLite file or a new PostgreSQL database beside the test database.
"""

import json
import sqlite3
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from wsco.core.backup import (
    BackupError,
    _postgres_connection,
    create_backup,
    fingerprint,
    restore_backup,
)
from wsco.members.tests.factories import UserFactory


@pytest.fixture
def empty_database(tmp_path):
    """Return a DATABASES entry for a new, empty database of the suite's engine."""
    if connection.vendor == "sqlite":
        yield {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "restored.sqlite3")}
        return
    import psycopg

    target = connection.settings_dict | {"NAME": f"{connection.settings_dict['NAME']}_restored"}
    admin_target = connection.settings_dict | {"NAME": "postgres"}
    with _postgres_connection(admin_target) as admin:
        admin.autocommit = True
        admin.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}"')
        admin.execute(f'CREATE DATABASE "{target["NAME"]}"')
    yield target
    with psycopg.connect(dbname="postgres", **_credentials(admin_target)) as admin:
        admin.autocommit = True
        admin.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}" WITH (FORCE)')


def source_fingerprint() -> dict:
    """Fingerprint the test database through a plain connection, as the backup reads it.

    Django's own connection turns stored values into Python types (booleans, datetimes), so
    the rows would hash differently from the same rows read plainly.
    """
    if connection.vendor == "sqlite":
        plain = sqlite3.connect(":memory:")
        connection.connection.backup(plain)
        return fingerprint(plain, "sqlite")
    with _postgres_connection(connection.settings_dict) as plain:
        return fingerprint(plain, "postgresql")


def _credentials(database: dict) -> dict:
    return {
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
    }


def add_photo(media_root: Path) -> Path:
    photo = media_root / "profiles" / "ana.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo")
    return media_root


@pytest.fixture
def demo(settings, tmp_path):
    """Seed the demo (committed, so that pg_dump's own connection sees it) and a media file."""
    settings.DEBUG = True  # seed_demo runs only in development.
    settings.VAR_DIR = tmp_path
    # As `make run` seeds: the demo's tasks wait in the database queue (and are backed up).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("seed_demo", stdout=StringIO())
    return add_photo(Path(settings.MEDIA_ROOT))


@pytest.fixture
def small_site(settings):
    """A few rows and a media file: enough for the refusals, quicker than the demo."""
    UserFactory.create_batch(3)
    return add_photo(Path(settings.MEDIA_ROOT))


def back_up(tmp_path: Path, media_root: Path) -> tuple[Path, dict]:
    archive = tmp_path / "wsco-backup.tar.gz"
    manifest = create_backup(
        archive=archive,
        database=connection.settings_dict,
        django_connection=connection,
        media_root=media_root,
    )
    return archive, manifest


@pytest.mark.django_db(transaction=True)
def test_the_demo_restored_into_an_empty_database_has_every_row_of_every_table(
    tmp_path, demo, empty_database
):
    archive, manifest = back_up(tmp_path, demo)
    restored_media = tmp_path / "restored-media"

    restored = restore_backup(archive=archive, database=empty_database, media_root=restored_media)

    # The manifest was read from the archive, and the restore checked itself against it; check
    # it here too, against the source database as it is now (nothing ran in between).
    source = source_fingerprint()
    assert restored["tables"] == source["tables"]
    assert restored["sequences"] == source["sequences"]
    tables = manifest["tables"]
    assert "wsco_cache" in tables
    assert "django_migrations" in tables
    for table in ("accounts_user", "members_profile", "members_membership", "core_theme"):
        assert tables[table]["rows"] > 0, table
    assert tables["core_theme"]["rows"] == 19  # ISO 37120:2018's themes.
    assert (restored_media / "profiles" / "ana.jpg").read_bytes() == b"\xff\xd8\xff\xe0 a photo"
    assert set(restored["media"]) >= {"profiles/ana.jpg"}


@pytest.mark.django_db(transaction=True)
def test_a_restore_refuses_a_database_that_is_not_empty(tmp_path, small_site, empty_database):
    archive, _manifest = back_up(tmp_path, small_site)
    restore_backup(archive=archive, database=empty_database, media_root=tmp_path / "first")

    with pytest.raises(BackupError, match="is not empty: restore into an empty one"):
        restore_backup(archive=archive, database=empty_database, media_root=tmp_path / "second")


@pytest.mark.django_db(transaction=True)
def test_a_restore_that_differs_from_the_backup_fails_naming_the_table(
    tmp_path, small_site, empty_database
):
    archive, manifest = back_up(tmp_path, small_site)
    # A backup whose manifest remembers one more user than its dump holds.
    manifest["tables"]["accounts_user"]["rows"] += 1
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            if member.name == "manifest.json":
                (tmp_path / "manifest.json").write_text(json.dumps(manifest))
                target.add(tmp_path / "manifest.json", "manifest.json")
            else:
                target.addfile(member, source.extractfile(member) if member.isfile() else None)

    with pytest.raises(BackupError, match=r"does not match the backup: table accounts_user"):
        restore_backup(archive=tampered, database=empty_database, media_root=tmp_path / "media2")


def test_a_backup_of_another_engine_is_refused_with_the_way_to_move(tmp_path):
    archive = tmp_path / "other.tar.gz"
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"format": 1, "vendor": "postgresql"}))
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(manifest, "manifest.json")
    target = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "x.sqlite3")}

    with pytest.raises(BackupError, match="move data between engines with dumpdata and loaddata"):
        restore_backup(archive=archive, database=target, media_root=tmp_path / "media")
    assert not (tmp_path / "x.sqlite3").exists()


def test_the_checksum_changes_with_any_row_and_not_with_their_order():
    def checksum(rows):
        database = sqlite3.connect(":memory:")
        database.execute("CREATE TABLE t (id INTEGER, name TEXT)")
        database.executemany("INSERT INTO t VALUES (?, ?)", rows)
        return fingerprint(database, "sqlite")["tables"]["t"]

    rows = [(1, "Ana"), (2, "Ioana"), (3, None)]
    assert checksum(rows) == checksum(rows[::-1])
    assert checksum(rows)["rows"] == 3
    assert checksum(rows) != checksum([(1, "Ana"), (2, "Ioana"), (3, "")])
    assert checksum(rows) != checksum(rows[:2])
