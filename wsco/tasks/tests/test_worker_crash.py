"""A worker killed in the middle of a task: the task runs again on a new worker, to its end, once.

Real worker processes (`manage.py db_worker`) run against a database file (a copy of the SQLite
test database) or the PostgreSQL test database, with a lease of one second so that the test
takes seconds. Every wait ends as soon as its condition holds, or fails after a minute.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from wsco.tasks.models import TaskLease
from wsco.tasks.tests.crash_tasks import wait_for_release

pytestmark = pytest.mark.django_db(transaction=True)

LEASE_SECONDS = 1
PATIENCE = 60.0


class WorkerDatabase:
    """The database the worker processes use, and how the test reads it meanwhile."""

    def __init__(self, tmp_path: Path) -> None:
        if connection.vendor == "sqlite":
            # The SQLite test database lives in this process's memory: the workers get a copy
            # in a file, taken once the task is queued.
            self.path = tmp_path / "workers.sqlite3"
            connection.ensure_connection()
            with sqlite3.connect(self.path) as copy:
                connection.connection.backup(copy)
            self.url = f"sqlite:///{self.path}"
        else:
            database = connection.settings_dict
            self.path = None
            self.url = (
                f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST'] or ''}"
                f":{database['PORT'] or 5432}/{database['NAME']}"
            )

    def value(self, sql: str):
        """Return the first column of the first row `sql` selects (None for no row)."""
        if self.path is None:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                row = cursor.fetchone()
        else:
            with sqlite3.connect(self.path) as reader:
                row = reader.execute(sql).fetchone()
        return row[0] if row else None

    def status(self) -> str:
        return self.value(f"SELECT status FROM {DBTaskResult._meta.db_table}")

    def attempts(self) -> int:
        return self.value(f"SELECT attempts FROM {TaskLease._meta.db_table}")


class Workers:
    """Worker processes started by a test, each logging to its own file; all killed at the end."""

    def __init__(self, tmp_path: Path, database: WorkerDatabase) -> None:
        self.tmp_path = tmp_path
        self.database = database
        self.processes: list[subprocess.Popen] = []

    def start(self) -> subprocess.Popen:
        number = len(self.processes) + 1
        environment = os.environ | {
            "DEBUG": "true",
            "DATABASE_URL": self.database.url,
            "TASKS_LEASE_SECONDS": str(LEASE_SECONDS),
            "WSCO_VAR_DIR": str(self.tmp_path / "var"),
        }
        environment.pop("TASKS_BACKEND", None)
        log = open(self.tmp_path / f"worker-{number}.log", "w")  # noqa: SIM115 (the process owns it)
        process = subprocess.Popen(
            [
                sys.executable,
                str(django_settings.BASE_DIR / "manage.py"),
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.1",
                "--worker-id",
                f"worker-{number}",
            ],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        self.processes.append(process)
        return process

    def logs(self) -> str:
        return "\n".join(
            f"--- worker-{number} ---\n{path.read_text()}"
            for number in range(1, len(self.processes) + 1)
            if (path := self.tmp_path / f"worker-{number}.log").exists()
        )

    def wait_for(self, condition, what: str, alive: list[subprocess.Popen]):
        """Return `condition()` once it is true; fail if a live worker dies or a minute passes."""
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            if value := condition():
                return value
            if any(process.poll() is not None for process in alive):
                pytest.fail(f"A worker died while waiting for {what}.\n{self.logs()}")
            time.sleep(0.05)
        pytest.fail(f"Waited {PATIENCE:.0f} s for {what}.\n{self.logs()}")

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=PATIENCE)


def lines(path: Path) -> list[list[str]]:
    return [line.split() for line in path.read_text().splitlines()] if path.exists() else []


@pytest.fixture
def queued_task(settings, tmp_path):
    """Queue the waiting task in the database backend; return its folder."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    folder = tmp_path / "task"
    folder.mkdir()
    wait_for_release.enqueue(folder=str(folder))
    return folder


@pytest.fixture
def workers(queued_task, tmp_path):
    started = Workers(tmp_path, WorkerDatabase(tmp_path))
    yield started
    started.stop_all()


def test_task_killed_mid_run_finishes_once_on_a_new_worker_that_keeps_its_lease(
    queued_task, workers
):
    folder, database = queued_task, workers.database
    first = workers.start()
    [(pid, attempt)] = workers.wait_for(
        lambda: lines(folder / "started"), "the first worker to start the task", [first]
    )
    assert (int(pid), attempt) == (first.pid, "1")

    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=PATIENCE)
    assert database.status() == TaskResultStatus.RUNNING  # what the library alone leaves

    # Two new workers: once the lease runs out, one of them takes the task up again.
    second, third = workers.start(), workers.start()
    restarted = workers.wait_for(
        lambda: lines(folder / "started")[1:],
        "a new worker to start the task again",
        [second, third],
    )
    assert int(restarted[0][0]) in {second.pid, third.pid}
    # The second attempt runs for twice its lease while the other worker looks for lost tasks
    # every third of a lease: a renewed lease keeps it from being taken for lost.
    time.sleep(2 * LEASE_SECONDS)
    (folder / "release").touch()
    workers.wait_for(
        lambda: database.status() == TaskResultStatus.SUCCESSFUL,
        "the task to succeed",
        [second, third],
    )

    assert len(lines(folder / "started")) == 2, workers.logs()
    assert len(lines(folder / "effects")) == 1, workers.logs()
    assert database.attempts() == 2
