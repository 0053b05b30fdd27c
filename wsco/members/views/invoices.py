"""The invoice of a payment, as a PDF for the member who paid it and for the secretariat."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from wsco.members.access import get_invoice_for_user
from wsco.members.invoice_pdf import invoice_pdf as render_invoice


@require_safe
@login_required
def invoice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the invoice's PDF, rendered in the reader's language."""
    invoice = get_invoice_for_user(request.user, pk)
    response = HttpResponse(render_invoice(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoice.number}.pdf"'
    response["Cache-Control"] = "private, no-cache"
    return response
