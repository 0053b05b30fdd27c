"""Background tasks of the audits app."""

from django_tasks import task

from wsco.audits.services.benchmarks import recompute_benchmarks


@task()
def recompute_benchmarks_task() -> None:
    """Work the benchmarks out again across the published audits (safe to run twice)."""
    recompute_benchmarks()
