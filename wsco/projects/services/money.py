"""A project's money: budget lines by year and funding sources, Decimal with a currency code."""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wsco.projects.models import (
    FUNDING_WORKFLOW,
    BudgetLine,
    EventKind,
    FundingKind,
    FundingSource,
    Project,
)
from wsco.projects.services.timeline import record

CURRENCY = re.compile(r"[A-Z]{3}")
MAX_AMOUNT = Decimal("99999999999999.99")


def checked_amount(amount, field: str = "amount") -> Decimal:
    """Return `amount` as a Decimal of cents, 0 or more; refuse anything else on `field`."""
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError) as error:
        raise ValidationError({field: _("Write the amount as a number.")}) from error
    if not value.is_finite() or value < 0 or value > MAX_AMOUNT:
        raise ValidationError({field: _("The amount is 0 or more.")})
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError({field: _("An amount has at most two decimals.")})
    return value.quantize(Decimal("0.01"))


def checked_currency(code: str) -> str:
    """Return the ISO 4217 code `code` (upper case); refuse anything that is not one."""
    code = (code or "").strip().upper()
    if not CURRENCY.fullmatch(code):
        raise ValidationError({"currency": _("A currency is three letters, such as EUR.")})
    return code


@transaction.atomic
def add_budget_line(
    *, project: Project, label: str, year: int, amount, currency: str, by
) -> BudgetLine:
    """Add a line to the budget for one year."""
    line = BudgetLine(
        project=project,
        label=label,
        year=year,
        amount=checked_amount(amount),
        currency=checked_currency(currency),
    )
    line.full_clean()
    line.save()
    record(project, EventKind.BUDGET, f"+ {label} {year}: {line.amount} {line.currency}", by=by)
    return line


@transaction.atomic
def remove_budget_line(*, line: BudgetLine, by) -> None:
    record(line.project, EventKind.BUDGET, f"− {line.label} {line.year}", by=by)
    line.delete()


@transaction.atomic
def add_funding(
    *, project: Project, kind: str, name: str, amount, currency: str, by
) -> FundingSource:
    """Add a funding source (planned); its status moves through `advance_funding`."""
    if kind not in FundingKind.values:
        raise ValidationError({"kind": _("Choose the kind of funding.")})
    source = FundingSource.objects.create(
        project=project,
        kind=kind,
        name=name,
        amount=checked_amount(amount),
        currency=checked_currency(currency),
    )
    record(project, EventKind.FUNDING, f"+ {name}: {source.amount} {source.currency}", by=by)
    return source


@transaction.atomic
def advance_funding(*, source: FundingSource, step: str, by) -> FundingSource:
    """Move a funding source on: applied for, granted, received (in that order)."""
    source = FUNDING_WORKFLOW.take(source, step)
    record(
        source.project, EventKind.FUNDING, f"{source.name}: {source.get_status_display()}", by=by
    )
    return source


def totals_by_currency(rows) -> dict[str, Decimal]:
    """Return the sum of `rows`' amounts per currency, currencies in alphabetical order.

    Amounts in different currencies are never added together: there is no rate that holds.
    """
    totals: dict[str, Decimal] = {}
    for row in rows:
        totals[row.currency] = totals.get(row.currency, Decimal("0.00")) + row.amount
    return dict(sorted(totals.items()))
