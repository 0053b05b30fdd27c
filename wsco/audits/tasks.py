"""Background tasks of the audits app."""

from django_tasks import task

from wsco.audits.models import Audit
from wsco.audits.services import report


@task()
def make_audit_report(*, audit_id: int) -> None:
    """Make the audit's report (PDF) unless the stored one is current (it takes a second)."""
    audit = Audit.objects.select_related("city").filter(pk=audit_id).first()
    if audit is not None:
        report.make_report(audit=audit)
