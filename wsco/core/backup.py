"""Back up the database and the media files into one archive, and restore it into an empty site.

Each database is copied by its own tool, which keeps everything it holds: the tables Django
does not model (SQLite's search index and its triggers, the cache table), sequences, indexes
and constraints.

- SQLite: SQLite's online backup, page by page, from the open connection (a consistent copy
  while the site runs).
- PostgreSQL: `pg_dump --format=custom`, inside a snapshot that the fingerprint below reads
  too, so that both see the same rows however busy the site is; `pg_restore` to restore.

The archive (a .tar.gz) holds `manifest.json`, the dump (`database.sqlite3` or
`database.pgdump`) and `media/`. The manifest has every table's row count and checksum, the
sequences' values and every media file's SHA-256; a restore checks the restored database and
files against them and fails, naming what differs, if anything was lost.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

FORMAT = 1
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or a restore cannot be made, or a restore does not match its backup."""


def vendor_of(database: dict) -> str:
    """Return "sqlite" or "postgresql" for a DATABASES entry."""
    engine = database["ENGINE"]
    for vendor in ("sqlite", "postgresql"):
        if vendor in engine:
            return vendor
    raise BackupError(f"The database engine {engine} has no backup here.")


def _postgres_arguments(database: dict) -> tuple[list[str], dict]:
    """Return the connection options and environment of PostgreSQL's command-line tools."""
    options = [f"--dbname={database['NAME']}"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            options.append(f"{flag}={database[key]}")
    return options, os.environ | (
        {"PGPASSWORD": database["PASSWORD"]} if database.get("PASSWORD") else {}
    )


def _postgres_connection(database: dict):
    import psycopg

    return psycopg.connect(
        dbname=database["NAME"],
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
    )


def _run_tool(command: list[str], environment: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is needed: apt-get install postgresql-client")
    completed = subprocess.run(command, env=environment, capture_output=True, text=True)
    if completed.returncode != 0:
        raise BackupError(f"{command[0]} failed: {completed.stderr.strip()}")


def _table_names(cursor, vendor: str) -> list[str]:
    if vendor == "sqlite":
        # sqlite_stat* hold the planner's statistics, which ANALYZE rewrites at will.
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%'"
        )
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return sorted(row[0] for row in cursor.fetchall())


def fingerprint(connection, vendor: str) -> dict:
    """Return each table's rows and checksum, and (PostgreSQL) each sequence's value.

    The checksum adds up a hash of every row, so that it does not depend on the order rows
    come in; a lost, added or changed row changes it.
    """
    cursor = connection.cursor()
    tables = {}
    for table in _table_names(cursor, vendor):
        cursor.execute(f'SELECT * FROM "{table}"')
        rows, total = 0, 0
        while batch := cursor.fetchmany(2000):
            rows += len(batch)
            for row in batch:
                digest = hashlib.blake2b(repr(tuple(row)).encode(), digest_size=8).digest()
                total = (total + int.from_bytes(digest)) % 2**64
        tables[table] = {"rows": rows, "checksum": f"{total:016x}"}
    sequences = {}
    if vendor == "postgresql":
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema()"
        )
        sequences = dict(sorted(cursor.fetchall()))
    return {"tables": tables, "sequences": sequences}


def _media_files(root: Path) -> dict[str, str]:
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _dump(database: dict, django_connection, folder: Path) -> dict:
    """Write the database's dump into `folder` and return its fingerprint, of the same rows."""
    vendor = vendor_of(database)
    target = folder / DUMP_NAMES[vendor]
    if vendor == "sqlite":
        django_connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            django_connection.connection.backup(copy)
            found = fingerprint(copy, vendor)
        copy.close()
        return found
    import psycopg

    with _postgres_connection(database) as snapshot_holder:
        snapshot_holder.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with snapshot_holder.transaction():
            [snapshot] = snapshot_holder.execute("SELECT pg_export_snapshot()").fetchone()
            options, environment = _postgres_arguments(database)
            command = ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"]
            _run_tool([*command, *options], environment)
            return fingerprint(snapshot_holder, vendor)


def create_backup(*, archive: Path, database: dict, django_connection, media_root: Path) -> dict:
    """Write the database and the media files to `archive`; return its manifest."""
    with tempfile.TemporaryDirectory(prefix="wsco-backup-") as folder:
        folder = Path(folder)
        found = _dump(database, django_connection, folder)
        manifest = {
            "format": FORMAT,
            "vendor": vendor_of(database),
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            **found,
            "media": _media_files(media_root),
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=1))
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(folder / "manifest.json", "manifest.json")
            tar.add(folder / DUMP_NAMES[manifest["vendor"]], DUMP_NAMES[manifest["vendor"]])
            if manifest["media"]:
                tar.add(media_root, "media")
        partial.replace(archive)  # Never a half-written archive under the real name.
    return manifest


def summary(manifest: dict) -> str:
    """Say what a backup holds: "59 tables (9,862 rows) and 9 media files"."""
    rows = sum(table["rows"] for table in manifest["tables"].values())
    return (
        f"{len(manifest['tables'])} tables ({rows:,} rows) and {len(manifest['media'])} media files"
    )


def _is_empty(database: dict, vendor: str) -> bool:
    if vendor == "sqlite":
        path = Path(database["NAME"])
        if not path.exists():
            return True
        with sqlite3.connect(path) as existing:
            names = _table_names(existing.cursor(), vendor)
        existing.close()
        return not names
    with _postgres_connection(database) as existing:
        return not _table_names(existing.cursor(), vendor)


def _load(database: dict, vendor: str, dump: Path) -> dict:
    """Load `dump` into the empty database and return the loaded database's fingerprint."""
    if vendor == "sqlite":
        path = Path(database["NAME"])
        path.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(dump) as source, sqlite3.connect(path) as target:
            source.backup(target)
            found = fingerprint(target, vendor)
        source.close()
        target.close()
        return found
    options, environment = _postgres_arguments(database)
    command = [
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
    ]
    _run_tool([*command, *options, str(dump)], environment)
    with _postgres_connection(database) as loaded:
        return fingerprint(loaded, vendor)


def _differences(expected: dict, found: dict) -> list[str]:
    differences = []
    for kind in ("tables", "sequences", "media"):
        for name in sorted(expected[kind].keys() | found[kind].keys()):
            if expected[kind].get(name) != found[kind].get(name):
                differences.append(
                    f"{kind[:-1]} {name}: {expected[kind].get(name)} in the backup, "
                    f"{found[kind].get(name)} restored"
                )
    return differences


def restore_backup(*, archive: Path, database: dict, media_root: Path) -> dict:
    """Restore `archive` into an empty database and media folder; return its manifest.

    Raises BackupError when the target is not empty, the archive is of another database
    engine, or the restored tables, sequences or files differ from the backup's manifest.
    """
    vendor = vendor_of(database)
    with tempfile.TemporaryDirectory(prefix="wsco-restore-") as folder:
        folder = Path(folder)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(folder, filter="data")  # No path leaves the folder.
        manifest = json.loads((folder / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{archive} is not a backup this version can read.")
        if manifest["vendor"] != vendor:
            raise BackupError(
                f"{archive} is a backup of a {manifest['vendor']} database and the target is "
                f"{vendor}: move data between engines with dumpdata and loaddata."
            )
        if not _is_empty(database, vendor):
            raise BackupError(
                f"The database {database['NAME']} is not empty: restore into an empty one."
            )
        if media_root.is_dir() and any(media_root.iterdir()):
            raise BackupError(
                f"The media folder {media_root} is not empty: restore into an empty one."
            )
        found = _load(database, vendor, folder / DUMP_NAMES[vendor])
        if (folder / "media").is_dir():
            shutil.copytree(folder / "media", media_root, dirs_exist_ok=True)
        found["media"] = _media_files(media_root)
    differences = _differences(manifest, found)
    if differences:
        raise BackupError("The restore does not match the backup: " + "; ".join(differences))
    return manifest
