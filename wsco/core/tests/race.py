"""Start many actions (registrations, votes) at the same moment on real threads, each with its
own database connection, and collect what each got.

A barrier releases every thread at once. At most `connections` of them hold a database
connection together (PostgreSQL allows 100 in all here); the others wait at a semaphore, so the
database always has `connections` transactions contending for the same rows. `sqlite_file`
copies a test's in-memory SQLite database into a file for the threads: an in-memory database
shared between connections locks tables without waiting, a file waits its turn (the busy
timeout), as the platform's database does.
"""

import sqlite3
import tempfile
import threading
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, connections

TIMEOUT_SECONDS = 120


def run_at_once(actions: list[Callable[[], object]], *, at_once: int = 40) -> list[object]:
    """Run `actions` on one thread each, released together; return each result or exception."""
    barrier = threading.Barrier(len(actions), timeout=TIMEOUT_SECONDS)
    gate = threading.Semaphore(at_once)
    outcomes: list[object] = [None] * len(actions)

    def run(index: int, action: Callable[[], object]) -> None:
        try:
            barrier.wait()
            with gate:
                try:
                    outcomes[index] = action()
                except Exception as error:  # the outcome is what the caller looks at
                    outcomes[index] = error
                finally:
                    connections.close_all()
        except threading.BrokenBarrierError as error:
            outcomes[index] = error

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a registration never finished"
    return outcomes


def in_thread(action: Callable[[], object]) -> object:
    """Run `action` on a thread of its own (its own connection) and return what it returned."""
    return run_at_once([action], at_once=1)[0]


@contextmanager
def sqlite_file():
    """Let new connections of this thread and others use a file copy of the test database.

    Yields nothing; on PostgreSQL it does nothing (every connection sees committed rows).
    The caller's own connection keeps the in-memory database; read the results in `in_thread`.
    """
    if connection.vendor != "sqlite":
        yield
        return
    settings_dict = connection.settings_dict
    name, options = settings_dict["NAME"], dict(settings_dict.get("OPTIONS", {}))
    with tempfile.TemporaryDirectory(prefix="wsco-race-") as folder:
        path = Path(folder) / "race.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        # Switch to WAL here, before any thread connects: the copy starts in rollback mode, and
        # two connections switching it at once deadlock, which SQLite answers at once with
        # "database is locked" whatever the busy timeout.
        target.execute("PRAGMA journal_mode=WAL")
        target.close()
        settings_dict["NAME"] = str(path)
        # Waiting writers queue behind the one writing: give them time rather than "locked".
        settings_dict["OPTIONS"] = {**options, "timeout": TIMEOUT_SECONDS}
        try:
            yield
        finally:
            settings_dict["NAME"], settings_dict["OPTIONS"] = name, options
