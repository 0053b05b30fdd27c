"""Background tasks of the audits app: a large filled-in template, imported outside the request.

The file waits in storage under `audits/imports/` (never served: no file field owns that folder)
and is deleted once imported. Running the task twice leaves what one run left: the import writes
only rows that differ from what is stored, and a second run finds the file gone and does nothing.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.storage import default_storage
from django_tasks import task

from wsco.audits.models import Audit
from wsco.audits.services import report
from wsco.audits.services.benchmarks import recompute_benchmarks
from wsco.audits.services.imports import ImportReport, Problem, import_values

PROGRESS_SECONDS = 3600


def progress_key(audit_id: int, name: str) -> str:
    """Return the cache key of an import's progress and report (`name`: the file or its token)."""
    token = name.rpartition("/")[2].partition(".")[0]
    return f"audits.import.{audit_id}.{token}"


@task()
def import_values_task(*, audit_id: int, name: str, user_id: int) -> dict:
    """Import the stored file `name` into audit `audit_id` as `user_id`; return the report."""
    audit = Audit.objects.select_related("city").filter(pk=audit_id).first()
    user = get_user_model().objects.filter(pk=user_id).first()
    key = progress_key(audit_id, name)
    if audit is None or user is None or not default_storage.exists(name):
        report = ImportReport(problems=[Problem(0, "", "The file was imported already.")])
        report = cache.get(key, {}).get("report") or report.as_dict()
        return report

    def progress(done: int, total: int) -> None:
        cache.set(key, {"done": done, "total": total}, PROGRESS_SECONDS)

    with default_storage.open(name, "rb") as stored:
        content = stored.read()
    report = import_values(
        audit=audit,
        content=content,
        extension=name.rpartition(".")[2],
        by=user,
        progress=progress,
    ).as_dict()
    cache.set(key, {"done": 1, "total": 1, "report": report}, PROGRESS_SECONDS)
    default_storage.delete(name)
    return report


@task()
def recompute_benchmarks_task() -> None:
    """Work the benchmarks out again across the published audits (safe to run twice)."""
    recompute_benchmarks()


@task()
def make_audit_report(*, audit_id: int, language: str = settings.LANGUAGE_CODE) -> None:
    """Make the audit's report (PDF) in `language` unless the stored one is current (it takes
    a second)."""
    audit = Audit.objects.select_related("city").filter(pk=audit_id).first()
    if audit is not None:
        report.make_report(audit=audit, language=language)
