"""The task worker: `django_tasks_db`'s worker, holding a lease on each task while it runs it.

A thread beside the worker's loop (the lease keeper) renews the lease of the task being run
every third of `TASKS_LEASE_SECONDS`, and gives back the tasks of other, lost workers. A slow
task keeps its lease for as long as its worker lives; only a worker that stops (killed, out of
memory, its machine gone) lets its lease run out.
"""

import logging
import threading

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connections
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from wsco.tasks import services

logger = logging.getLogger(__name__)


class LeaseKeeper(threading.Thread):
    """Renew the lease of the task the worker runs, and give back tasks whose lease ran out."""

    def __init__(self, *, worker_id: str) -> None:
        super().__init__(name="lease-keeper", daemon=True)
        self.worker_id = worker_id
        self.interval = settings.TASKS_LEASE_SECONDS / 3
        self._stopping = threading.Event()
        self._held: tuple[str, int] | None = None

    def hold(self, *, task_id: str, attempt: int) -> None:
        """Renew the lease on `attempt` at `task_id` from now on."""
        self._held = (task_id, attempt)

    def let_go(self) -> None:
        """Stop renewing: the task has finished."""
        self._held = None

    def stop(self) -> None:
        """End the thread after its current round."""
        self._stopping.set()
        self.join(timeout=self.interval + 5)

    def run(self) -> None:
        try:
            # A worker that starts gives back what a lost one left at once.
            while True:
                close_old_connections()
                try:
                    self.keep()
                except DatabaseError:
                    # A locked SQLite file or a dropped connection: the lease outlasts two
                    # more rounds, and the next round starts on a new connection.
                    logger.exception("Worker %s could not renew or recover leases.", self.worker_id)
                    connections.close_all()
                if self._stopping.wait(self.interval):
                    return
        finally:
            connections.close_all()

    def keep(self) -> None:
        """Do one round: renew the held lease, then give back the tasks of lost workers."""
        held = self._held
        if held and not services.renew_lease(
            task_id=held[0], worker_id=self.worker_id, attempt=held[1]
        ):
            logger.error(
                "Worker %s lost its lease on task %s: another worker may run it again.",
                self.worker_id,
                held[0],
            )
        services.recover_lost_tasks()


class LeasedWorker(Worker):
    """The library's worker, with a lease on the task it runs and a keeper thread renewing it."""

    def run(self) -> None:
        self.keeper = LeaseKeeper(worker_id=self.worker_id)
        self.keeper.start()
        try:
            super().run()
        finally:
            self.keeper.stop()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        attempt = services.start_lease(task=db_task_result, worker_id=self.worker_id)
        self.keeper.hold(task_id=str(db_task_result.pk), attempt=attempt)
        try:
            super().run_task(db_task_result)
        finally:
            self.keeper.let_go()
            services.end_lease(task_id=db_task_result.pk, worker_id=self.worker_id, attempt=attempt)
        if services.give_back_interrupted_task(task=db_task_result):
            logger.warning("Task %s was interrupted: queued again.", db_task_result.pk)
