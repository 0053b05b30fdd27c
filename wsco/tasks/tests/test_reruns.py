"""Every task of the platform is safe to run twice: what a second run leaves is what one left.

A task runs again when its worker died after doing the work but before recording success
(docs/tasks.md). Each task here is run by the worker, its worker is then lost, the task given
back to the queue and run again; its effects must be those of one run. A new task fails
`test_every_task_has_a_rerun_check` until it has a check here.
"""

import re
from datetime import timedelta
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from wsco.network import services as network_services
from wsco.network.index_file import current_index
from wsco.network.models import Suggestion
from wsco.network.tests.factories import member
from wsco.publications.tests.factories import ArticleFactory
from wsco.tasks import services
from wsco.tasks.tests.factories import leased_worker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_backend")]

PACKAGE = Path(__file__).resolve().parents[2]


def platform_tasks() -> set[str]:
    """Return the path of every task defined in the platform's code (tests left out)."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts or not re.search(r"^@task\b", path.read_text(), re.M):
            continue
        module = import_module(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
        found |= {value.module_path for value in vars(module).values() if isinstance(value, Task)}
    return found


def run(task: DBTaskResult) -> None:
    """Claim `task` and run it as a worker does, to success."""
    task.claim("worker-a")
    leased_worker().run_task(task)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL, task.traceback


def lose_and_give_back(task: DBTaskResult) -> None:
    """Lose the worker of `task` before it records success, and let a worker give it back."""
    DBTaskResult.objects.filter(pk=task.pk).update(status=TaskResultStatus.RUNNING)
    recovery = services.recover_lost_tasks(now=timezone.now() + timedelta(hours=1))
    assert recovery.requeued == [str(task.pk)]


def email():
    def effects():
        return {"sent": [message.extra_headers["Message-ID"] for message in mail.outbox]}

    return {"to": ["ana@example.org"], "subject": "Welcome", "text": "Hello."}, effects


def issue_pdf():
    issue = ArticleFactory(title="Leak detection").issue

    def effects():
        issue.refresh_from_db()
        files = sorted(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
        return {
            "files": len(files),
            "the issue's file exists": issue.pdf.storage.exists(issue.pdf.name),
            "generated": issue.pdf_generated,
            "request answered": issue.pdf_requested_at is None,
        }

    return {"issue_id": issue.pk}, effects


def audit_report():
    from wsco.audits.tests.records import AuditFactory, enter

    audit = AuditFactory()
    enter(audit, unemployed_persons="12000", labour_force="150000")

    def effects():
        stored = audit.reports.get()
        files = sorted(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
        return {
            "files": len(files),
            "the audit's report exists": stored.file.storage.exists(stored.file.name),
            "language": stored.language,
            "fingerprinted": stored.key,
            "request answered": stored.requested_at is None,
        }

    return {"audit_id": audit.pk}, effects


def audit_benchmarks():
    from wsco.audits.models import AuditScore, Benchmark, ThemeScore
    from wsco.audits.services.audits import take_step
    from wsco.audits.services.results import store_results
    from wsco.audits.tests.records import AuditFactory, enter, verified

    for labour_force in ("150000", "90000"):
        audit = verified(AuditFactory())
        enter(audit, unemployed_persons="12000", labour_force=labour_force)
        store_results(audit)
        take_step(audit=audit, step="publish", by=None)

    def effects():
        return {
            "benchmarks": sorted(
                Benchmark.objects.values_list("audit_id", "indicator", "peer_kind", "z_score")
            ),
            "themes": sorted(ThemeScore.objects.values_list("audit_id", "theme", "score")),
            "index": sorted(AuditScore.objects.values_list("audit_id", "index", "rank")),
        }

    return {}, effects


def network(*, indexed: bool, **kwargs):
    def scenario():
        people = [
            member(interests=["water"], offers=offers, looks_for="pilot sites for sensors")
            for offers in ("leak detection", "smart meters", "stormwater sensors")
        ]
        kwargs_for_task = dict.fromkeys(kwargs, people[0].pk)
        if indexed:  # a member's refresh acts on the index a rebuild made
            network_services.rebuild_index()

        def effects():
            index = current_index()
            return {
                "indexed": sorted(index.row_of) if index else [],
                "suggestions": sorted(
                    Suggestion.objects.values_list("profile_id", "suggested_id", "rank")
                ),
            }

        return kwargs_for_task, effects

    return scenario


def audit_import():
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from wsco.audits.models import BaseValue
    from wsco.audits.tests.records import AuditFactory, official_of

    audit = AuditFactory()
    official = official_of(audit.city)
    rows = f"city,year,variable,value,source\n{audit.city.name},2025,labour_force,150000,Census\n"
    name = default_storage.save("audits/imports/rerun.csv", ContentFile(rows.encode()))

    def effects():
        return {
            "values": sorted(
                BaseValue.objects.filter(audit=audit).values_list("variable", "value", "updated_at")
            )
        }

    return {"audit_id": audit.pk, "name": name, "user_id": official.pk}, effects


RERUNS = {
    "wsco.audits.tasks.import_values_task": audit_import,
    "wsco.core.tasks.send_email": email,
    "wsco.publications.tasks.generate_issue_pdf_task": issue_pdf,
    "wsco.audits.tasks.make_audit_report": audit_report,
    "wsco.audits.tasks.recompute_benchmarks_task": audit_benchmarks,
    "wsco.network.tasks.refresh_member_vector": network(indexed=True, profile_id=True),
    "wsco.network.tasks.refresh_member_suggestions": network(indexed=True, profile_id=True),
    "wsco.network.tasks.rebuild_index": network(indexed=False),
}


def test_every_task_has_a_rerun_check():
    assert platform_tasks() == set(RERUNS), "A task without a rerun check here: see docs/tasks.md"


@pytest.mark.parametrize("path", sorted(RERUNS))
def test_a_task_run_again_after_its_worker_was_lost_leaves_what_one_run_leaves(
    path, settings, tmp_path
):
    settings.NETWORK_INDEX_PATH = tmp_path / "network" / "index.npz"
    module, _dot, name = path.rpartition(".")
    task = getattr(import_module(module), name)
    kwargs, effects = RERUNS[path]()
    row = DBTaskResult.objects.get(pk=task.enqueue(**kwargs).id)
    run(row)
    after_one_run = effects()
    assert all(after_one_run.values()), after_one_run  # the first run did its work

    lose_and_give_back(row)
    run(row)

    assert effects() == after_one_run
