"""Run several requests for one workflow step at the same moment, and collect what each got.

On PostgreSQL each contender runs in its own thread, with its own database connection, and a
barrier releases them together, so their transactions overlap as two web workers' would. SQLite
lets one writer at a time in, so there the contenders run one after another; each still acts on
a copy of the row read before any of them ran, which is what the re-check inside the
transaction is for. The tests that use it need `transactional_db`: each contender commits.
"""

import threading
from collections.abc import Callable
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import connection, connections
from django_tasks.signals import task_enqueued

# A contender that waits longer than this for the others has found a deadlock, not a race.
BARRIER_TIMEOUT_SECONDS = 20


def contend(actions: list[Callable[[], object]]) -> list[object]:
    """Run `actions` at once; return each one's result, or the exception it raised."""
    if connection.vendor == "sqlite":
        return [_outcome(action) for action in actions]
    barrier = threading.Barrier(len(actions), timeout=BARRIER_TIMEOUT_SECONDS)
    outcomes: list[object] = [None] * len(actions)

    def run(index: int, action: Callable[[], object]) -> None:
        try:
            barrier.wait()
            outcomes[index] = _outcome(action)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=BARRIER_TIMEOUT_SECONDS * 2)
    assert not any(thread.is_alive() for thread in threads), "a contender never finished"
    return outcomes


def _outcome(action: Callable[[], object]) -> object:
    try:
        return action()
    except Exception as error:  # the outcome, whatever it is, is what the test looks at
        return error


def successes(outcomes: list[object]) -> list[object]:
    """Return the outcomes that are not exceptions."""
    return [outcome for outcome in outcomes if not isinstance(outcome, Exception)]


def refusals(outcomes: list[object]) -> list[str]:
    """Return the messages of the refusals (a `ValidationError`), failing on any other error."""
    errors = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    unexpected = [error for error in errors if not isinstance(error, ValidationError)]
    assert unexpected == [], f"contenders failed instead of being refused: {unexpected!r}"
    return [" ".join(error.messages) for error in errors]


@contextmanager
def tasks_enqueued():
    """Collect the names of the tasks enqueued meanwhile, from every thread."""
    names: list[str] = []

    def record(sender, task_result, **kwargs) -> None:
        names.append(task_result.task.name)

    task_enqueued.connect(record, weak=False)
    try:
        yield names
    finally:
        task_enqueued.disconnect(record)
