"""The SQLite test database, migrated once and copied after that.

Applying every migration to a new in-memory database takes the better part of a minute, and
each test process (an xdist worker, `make test`, `make api-fuzz`, a developer's run) used to do
it. `migrated_once()` wraps pytest-django's database setup: the first process to migrate the
set of migrations on disk keeps a copy of the result under `var/test-databases/`, named by a
digest of every migration file (the project's and the libraries'), the Django and SQLite
versions; the others restore that copy into their in-memory database with SQLite's backup API
and send `post_migrate` as `migrate` does. A change to any migration names another copy, so the
migrations run again from an empty database. A lock makes a second worker wait for the first
one's copy instead of migrating beside it.

Only SQLite's in-memory test databases are concerned; PostgreSQL migrates as before.
"""

import contextlib
import fcntl
import hashlib
import os
import sqlite3
import sys
from pathlib import Path
from unittest import mock

import django
from django.conf import settings
from django.core import management
from django.db import connections

FOLDER = Path(settings.BASE_DIR) / "var" / "test-databases"


def _digest() -> str:
    """Return a digest of every migration on disk, and of the versions that apply them."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True, load=False)
    loader.load_disk()
    digest = hashlib.sha256(f"{django.__version__} {sqlite3.sqlite_version}".encode())
    for key in sorted(loader.disk_migrations):
        module = sys.modules[loader.disk_migrations[key].__module__]
        digest.update(repr(key).encode())
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:24]


def _in_memory(alias: str) -> bool:
    connection = connections[alias]
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


@contextlib.contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _migrate(call_command, copy: Path, *args, **options):
    """Run `migrate` into the in-memory database, or restore the copy of its last result."""
    alias = options.get("database", "default")
    if not _in_memory(alias):
        return call_command("migrate", *args, **options)
    connection = connections[alias]
    with _locked(copy):
        if copy.exists():
            connection.ensure_connection()
            with contextlib.closing(sqlite3.connect(copy)) as source:
                source.backup(connection.connection)
            from django.core.management.sql import emit_post_migrate_signal

            emit_post_migrate_signal(verbosity=0, interactive=False, db=alias)
            return None
        result = call_command("migrate", *args, **options)
        partial = copy.with_name(f"{copy.name}.{os.getpid()}")
        with contextlib.closing(sqlite3.connect(partial)) as target:
            connection.connection.backup(target)
        os.replace(partial, copy)
        return result


@contextlib.contextmanager
def migrated_once():
    """While the test databases are set up, migrate an in-memory SQLite database only when no
    copy of the same migrations' result exists."""
    if not any(connections[alias].vendor == "sqlite" for alias in connections):
        yield
        return
    copy = FOLDER / f"{_digest()}.sqlite3"
    call_command = management.call_command

    def patched(name, *args, **options):
        if name == "migrate":
            return _migrate(call_command, copy, *args, **options)
        return call_command(name, *args, **options)

    with mock.patch.object(management, "call_command", patched):
        yield
