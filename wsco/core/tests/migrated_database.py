"""The test database, migrated once and copied after that.

Applying every migration to a new database takes the better part of a minute, and each test
process (an xdist worker, `make test`, `make api-fuzz`, a developer's run) used to do it.
`migrated_once()` wraps pytest-django's database setup: the first process to migrate the set of
migrations on disk keeps a copy of the result, named by a digest of every migration file (the
project's and the libraries'), the Django version and the database's own; the others start from
that copy and send `post_migrate` as `migrate` does. A change to any migration names another
copy, so the migrations run again from an empty database. A lock makes a second worker wait for
the first one's copy instead of migrating beside it.

- SQLite's in-memory test database: the copy is a file under `var/test-databases/`, restored
  with SQLite's backup API.
- PostgreSQL: the copy is a database of the server, `<test database>_migrated_<digest>`, made
  from the first migrated test database and copied into the others with
  `CREATE DATABASE ... TEMPLATE`. The copies of earlier migrations are dropped.
"""

import contextlib
import fcntl
import hashlib
import os
import re
import sqlite3
import sys
from pathlib import Path
from unittest import mock

import django
from django.conf import settings
from django.core import management
from django.core.management.sql import emit_post_migrate_signal
from django.db import connections

FOLDER = Path(settings.BASE_DIR) / "var" / "test-databases"


def _digest(version: str) -> str:
    """Return a digest of every migration on disk, and of the versions that apply them."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True, load=False)
    loader.load_disk()
    digest = hashlib.sha256(f"{django.__version__} {version}".encode())
    for key in sorted(loader.disk_migrations):
        module = sys.modules[loader.disk_migrations[key].__module__]
        digest.update(repr(key).encode())
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:24]


@contextlib.contextmanager
def _locked(name: str):
    FOLDER.mkdir(parents=True, exist_ok=True)
    with open(FOLDER / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _sqlite(call_command, connection, *args, **options):
    """Migrate the in-memory database, or restore the copy of the same migrations' result."""
    copy = FOLDER / f"{_digest(sqlite3.sqlite_version)}.sqlite3"
    with _locked(copy.stem):
        if copy.exists():
            connection.ensure_connection()
            with contextlib.closing(sqlite3.connect(copy)) as source:
                source.backup(connection.connection)
            return emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
        result = call_command("migrate", *args, **options)
        partial = copy.with_name(f"{copy.name}.{os.getpid()}")
        with contextlib.closing(sqlite3.connect(partial)) as target:
            connection.connection.backup(target)
        os.replace(partial, copy)
        for earlier in FOLDER.glob("*.sqlite3"):
            if earlier != copy:
                earlier.unlink(missing_ok=True)
        return result


def _postgresql(call_command, connection, *args, **options):
    """Migrate the test database, or make it again from the copy of the same migrations'."""
    connection.ensure_connection()
    test_name = connection.settings_dict["NAME"]
    prefix = f"{re.sub(r'_gw[0-9]+$', '', test_name)}_migrated_"
    copy = f"{prefix}{_digest(str(connection.pg_version))}"
    quote = connection.ops.quote_name
    with _locked(copy):
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{prefix}%"])
            copies = {name for (name,) in cursor.fetchall()}
        if copy in copies:
            connection.close()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE {quote(test_name)}")
                cursor.execute(f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(copy)}")
            return emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
        result = call_command("migrate", *args, **options)
        connection.close()
        with connection._nodb_cursor() as cursor:
            for earlier in copies:
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(earlier)}")
            cursor.execute(f"CREATE DATABASE {quote(copy)} TEMPLATE {quote(test_name)}")
        return result


def _migrate(call_command, *args, **options):
    connection = connections[options.get("database", "default")]
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return _sqlite(call_command, connection, *args, **options)
    if connection.vendor == "postgresql":
        return _postgresql(call_command, connection, *args, **options)
    return call_command("migrate", *args, **options)


@contextlib.contextmanager
def migrated_once():
    """While the test databases are set up, migrate only when no copy of the same migrations'
    result exists."""
    call_command = management.call_command

    def patched(name, *args, **options):
        if name == "migrate":
            return _migrate(call_command, *args, **options)
        return call_command(name, *args, **options)

    with mock.patch.object(management, "call_command", patched):
        yield
