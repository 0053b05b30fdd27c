"""`wsco prune_db_task_results`: the library's pruning, and the effect records tasks leave.

It takes the place of `django_tasks_db`'s command of the same name, with the same options.
"""

from datetime import timedelta

from django.utils import timezone
from django_tasks_db.management.commands import prune_db_task_results

from wsco.tasks.services import prune_task_effects


class Command(prune_db_task_results.Command):
    help = "Prune finished task results and the records of the effects their tasks did."

    def handle(self, *, min_age_days: int, dry_run: bool, **options) -> None:
        super().handle(min_age_days=min_age_days, dry_run=dry_run, **options)
        if not dry_run:
            deleted = prune_task_effects(done_before=timezone.now() - timedelta(days=min_age_days))
            prune_db_task_results.logger.info("Deleted %d task effect record(s)", deleted)
