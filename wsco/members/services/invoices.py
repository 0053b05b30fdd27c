"""Issue the numbered invoice of a payment: one sequence a year, with no gap and no double."""

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from wsco.members import billing
from wsco.members.models import Invoice, InvoiceSequence, Membership, Payment


def invoice_number(year: int, sequence: int) -> str:
    """Return the printed number: WSCO-2026-000123."""
    return f"{settings.WSCO_INVOICE_PREFIX}-{year}-{sequence:06d}"


def take_number(year: int) -> int:
    """Return the next invoice number of `year`, inside the caller's transaction.

    The UPDATE locks the year's row until the transaction ends: a second payment waits for the
    first to commit (PostgreSQL) or for its turn to write (SQLite), then takes the next number.
    """
    # The year's row is made once; ignore_conflicts makes a race to create it harmless.
    InvoiceSequence.objects.bulk_create([InvoiceSequence(year=year)], ignore_conflicts=True)
    InvoiceSequence.objects.filter(year=year).update(last_number=F("last_number") + 1)
    return InvoiceSequence.objects.values_list("last_number", flat=True).get(year=year)


def buyer_of(membership: Membership) -> dict[str, str]:
    """Return who the invoice is made out to: the organization holding the membership, or the
    person."""
    return buyer_from(organization=membership.organization, profile=membership.profile)


def buyer_from(*, organization, profile) -> dict[str, str]:
    """Return the buyer's lines of an invoice: `organization` if given, else `profile`'s person
    (a membership's holder, an event's attendee)."""
    if organization is not None:
        place = ", ".join(filter(None, [organization.city, countries.name(organization.country)]))
        return {
            "buyer_name": organization.name,
            "buyer_address": organization.billing_address or place,
            "buyer_vat_id": organization.vat_id,
        }
    if profile is None:
        return {"buyer_name": _("(deleted account)"), "buyer_address": "", "buyer_vat_id": ""}
    place = ", ".join(filter(None, [profile.city, countries.name(profile.country)]))
    return {"buyer_name": profile.name, "buyer_address": place, "buyer_vat_id": ""}


@transaction.atomic
def issue_invoice(*, payment: Payment, note: str = "", on=None) -> Invoice:
    """Issue `payment`'s invoice on `on` (today), numbered in that year's sequence.

    The fee includes VAT at `WSCO_VAT_RATE`: the invoice shows it split into net and VAT.
    Only the demo data gives `on`, to issue the invoices of its back-dated payments.
    """
    membership = payment.membership
    return issue_invoice_for(
        buyer=buyer_of(membership),
        description=_("%(type)s membership, %(months)s months")
        % {
            "type": membership.membership_type.name,
            "months": membership.membership_type.period_months,
        },
        amount=payment.amount,
        currency=payment.currency,
        note=note,
        on=on,
        payment=payment,
    )


@transaction.atomic
def issue_invoice_for(
    *,
    buyer: dict[str, str],
    description: str,
    amount,
    currency: str,
    note: str = "",
    on=None,
    payment: Payment | None = None,
) -> Invoice:
    """Issue an invoice of `amount` (VAT included) to `buyer` on `on` (today), numbered in that
    year's sequence: a membership's payment, or what another app bills (an event's ticket).

    `buyer` has `buyer_name`, `buyer_address` and `buyer_vat_id`, as `buyer_of` returns them.
    """
    issued_on = on or timezone.localdate()
    sequence = take_number(issued_on.year)
    rate = billing.vat_rate()
    split = billing.split_vat(amount, rate)
    seller = billing.seller()
    return Invoice.objects.create(
        payment=payment,
        number=invoice_number(issued_on.year, sequence),
        year=issued_on.year,
        sequence=sequence,
        issued_on=issued_on,
        seller_name=seller.legal_name,
        seller_address=seller.address,
        seller_vat_id=seller.vat_id,
        **buyer,
        description=description,
        note=note,
        net_amount=split.net,
        vat_rate=rate,
        vat_amount=split.vat,
        total_amount=split.total,
        currency=currency,
    )
