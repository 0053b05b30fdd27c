"""An audit's report (PDF): the stored file while it is current, else a short wait for it."""

from django.conf import settings
from django.shortcuts import render
from django.utils import translation

from wsco.audits.access import get_audit_for_user
from wsco.audits.models import Audit
from wsco.audits.services import report
from wsco.core.files import file_response

# Seconds the page that says "being made" waits before it asks again.
RETRY_SECONDS = 3


def report_pdf(request, pk: int):
    """Send the audit's report to whoever may read the audit; made again when it changed."""
    audit = get_audit_for_user(request.user, pk)
    with translation.override(settings.LANGUAGE_CODE):
        current = report.report_is_current(audit)
    if not current:
        report.request_report(audit)
        # With a worker of its own (tests, the immediate backend) the report is made by now.
        audit.refresh_from_db(fields=["report", "report_key", "report_requested_at"])
        with translation.override(settings.LANGUAGE_CODE):
            current = report.report_is_current(audit)
    if not current:
        context = {"audit": audit, "retry_seconds": RETRY_SECONDS}
        response = render(request, "audits/report/preparing.html", context, status=202)
        response["Retry-After"] = str(RETRY_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    filename = f"wsco-audit-{audit.city.slug}-{audit.year}-v{audit.version}.pdf"
    return file_response(
        request, field=Audit._meta.get_field("report"), instance=audit, filename=filename
    )
