"""A task for the tests that kill workers: it says when it starts and waits to be let go.

It lives in an importable module (not a test file) because real worker processes run it.
"""

import os
import time
from pathlib import Path

from django_tasks import TaskContext, task

# A run left waiting for ever would hold the test's worker processes: give up after this.
LONGEST_WAIT = 120


@task(takes_context=True)
def wait_for_release(context: TaskContext, *, folder: str) -> None:
    """Note a start in `folder`/started, wait for `folder`/release, then note the effect once."""
    folder_path = Path(folder)
    with open(folder_path / "started", "a") as started:
        started.write(f"{os.getpid()} {context.attempt}\n")
    waited = 0.0
    while not (folder_path / "release").exists():
        if waited > LONGEST_WAIT:
            raise TimeoutError(f"Nobody released the task in {folder}.")
        time.sleep(0.05)
        waited += 0.05
    with open(folder_path / "effects", "a") as effects:
        effects.write(f"{os.getpid()}\n")
