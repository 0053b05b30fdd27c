"""A payment's invoice as a PDF: its HTML from the stored invoice, rendered by core."""

import datetime
from decimal import Decimal

from django.template.loader import render_to_string

from wsco.core.pdf import render_pdf
from wsco.members.models import Invoice

INVOICE_DOCUMENT = "members.invoice"


def invoice_pdf(invoice: Invoice) -> bytes:
    """Return the PDF of `invoice`, in the active language."""
    html = render_to_string("members/invoice_pdf.html", {"invoice": invoice})
    return render_pdf(html, document=INVOICE_DOCUMENT)


def sample_invoice(markdown: str) -> bytes:
    """Return an invoice's PDF with `markdown` in every text that people write."""
    invoice = Invoice(
        number="WSCO-2026-000001",
        year=2026,
        sequence=1,
        issued_on=datetime.date(2026, 3, 2),
        seller_name=markdown[:200],
        seller_address=markdown,
        seller_vat_id=markdown[:30],
        buyer_name=markdown[:200],
        buyer_address=markdown,
        buyer_vat_id=markdown[:30],
        description=markdown[:300],
        note=markdown,
        net_amount=Decimal("99.17"),
        vat_rate=Decimal("21.00"),
        vat_amount=Decimal("20.83"),
        total_amount=Decimal("120.00"),
        currency="EUR",
    )
    return invoice_pdf(invoice)
