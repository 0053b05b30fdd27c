"""Money: Decimal amounts with a currency code, totals per currency, funding step by step."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wsco.projects.models import BudgetLine, FundingStatus
from wsco.projects.services.money import (
    add_budget_line,
    add_funding,
    advance_funding,
    totals_by_currency,
)
from wsco.projects.tests.factories import project

pytestmark = pytest.mark.django_db


def test_totals_add_up_per_currency_and_never_across():
    made = project()
    for label, year, amount, currency in [
        ("Meters", 2026, "1200000.50", "EUR"),
        ("Meters", 2027, "800000.25", "EUR"),
        ("Software", 2026, "0.10", "eur"),
        ("Staff", 2026, "350000", "RON"),
    ]:
        add_budget_line(
            project=made, label=label, year=year, amount=amount, currency=currency, by=made.lead
        )
    # By hand: EUR 1,200,000.50 + 800,000.25 + 0.10 = 2,000,000.85; RON 350,000.00 alone.
    assert totals_by_currency(made.budget_lines.all()) == {
        "EUR": Decimal("2000000.85"),
        "RON": Decimal("350000.00"),
    }


@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [
        ("-0.01", "EUR", "0 or more"),
        ("1.005", "EUR", "two decimals"),
        ("ten", "EUR", "as a number"),
        ("10", "EURO", "three letters"),
        ("10", "E1R", "three letters"),
    ],
)
def test_a_wrong_amount_or_currency_is_refused_by_name(amount, currency, message):
    made = project()
    with pytest.raises(ValidationError, match=message):
        add_budget_line(
            project=made, label="X", year=2026, amount=amount, currency=currency, by=made.lead
        )
    assert BudgetLine.objects.count() == 0


def test_zero_is_a_budget_amount():
    made = project()
    line = add_budget_line(
        project=made, label="Volunteers", year=2026, amount="0", currency="EUR", by=made.lead
    )
    assert line.amount == Decimal("0.00")


def test_funding_moves_planned_applied_granted_received_in_order():
    made = project()
    source = add_funding(
        project=made, kind="eu", name="PNRR", amount="500000", currency="EUR", by=made.lead
    )
    assert source.status == FundingStatus.PLANNED
    with pytest.raises(ValidationError, match="planned"):
        advance_funding(source=source, step="grant", by=made.lead)
    for step, status in [("apply", "applied"), ("grant", "granted"), ("receive", "received")]:
        source = advance_funding(source=source, step=step, by=made.lead)
        assert source.status == status
    assert made.timeline.filter(kind="funding").count() == 4
