"""An audit's report (PDF) in the reader's language: the stored file while it is current,
else a short wait for it."""

from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers

from wsco.audits.access import get_audit_for_user
from wsco.audits.models import AuditReport
from wsco.audits.services import report
from wsco.core.files import file_response

# Seconds the page that says "being made" waits before it asks again.
RETRY_SECONDS = 3


def report_pdf(request, pk: int):
    """Send the audit's report, in the reader's language, to whoever may read the audit; made
    again when the audit changed."""
    audit = get_audit_for_user(request.user, pk)
    language = report.report_language(translation.get_language())
    current = report.report_is_current(audit, language)
    if not current:
        report.request_report(audit, language)
        # With a worker of its own (tests, the immediate backend) the report is made by now.
        current = report.report_is_current(audit, language)
    if not current:
        context = {"audit": audit, "retry_seconds": RETRY_SECONDS}
        response = render(request, "audits/report/preparing.html", context, status=202)
        response["Retry-After"] = str(RETRY_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    stored = report.stored_report(audit, language)
    stored.audit = audit
    filename = f"wsco-audit-{audit.city.slug}-{audit.year}-v{audit.version}-{language}.pdf"
    response = file_response(
        request, field=AuditReport._meta.get_field("file"), instance=stored, filename=filename
    )
    # The same address answers in each reader's language.
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response
