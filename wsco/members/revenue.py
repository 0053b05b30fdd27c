"""The secretariat's figures by month: fees received per currency, and memberships begun,
renewed and lapsed (read-only queries for the revenue page)."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import TruncMonth

from wsco.members.models import GRACE_DAYS, Membership, MembershipStatus, Payment
from wsco.members.services.memberships import add_months

MONTHS = 12
# A membership lapses the day after its grace period ends (`lapse_memberships`).
LAPSES_AFTER = datetime.timedelta(days=GRACE_DAYS + 1)


def last_months(today: datetime.date, count: int = MONTHS) -> list[datetime.date]:
    """Return the first days of the `count` months up to `today`'s, oldest first."""
    this_month = today.replace(day=1)
    return [add_months(this_month, offset) for offset in range(1 - count, 1)]


@dataclass(frozen=True)
class MonthlyFigures:
    months: list[datetime.date]
    revenue: dict[str, list[Decimal]]  # currency -> one total a month
    new: list[int]
    renewed: list[int]
    lapsed: list[int]


def _month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def monthly_figures(today: datetime.date) -> MonthlyFigures:
    """Return the figures of the 12 months up to `today` (two queries)."""
    months = last_months(today)
    start, index = months[0], {month: position for position, month in enumerate(months)}
    revenue: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal("0.00")] * len(months))
    totals = (
        Payment.objects.filter(paid_on__gte=start, paid_on__lte=today)
        .annotate(month=TruncMonth("paid_on"))
        .values_list("month", "currency")
        .annotate(total=Sum("amount"))
        .order_by("currency", "month")
    )
    for month, currency, total in totals:
        revenue[currency][index[_month_of(month)]] += total
    # Periods that began in the window, and periods whose lapse fell in it: one query.
    periods = Membership.objects.filter(
        status__in=[MembershipStatus.ACTIVE, MembershipStatus.LAPSED],
        ends_on__gte=start - LAPSES_AFTER,
        starts_on__lte=today,
    ).values_list("starts_on", "ends_on", "status", "application__renewal_of_id")
    new, renewed, lapsed = Counter(), Counter(), Counter()
    for starts_on, ends_on, status, renewal_of in periods:
        if starts_on >= start:
            (renewed if renewal_of else new)[_month_of(starts_on)] += 1
        lapsed_on = ends_on + LAPSES_AFTER
        if status == MembershipStatus.LAPSED and start <= lapsed_on <= today:
            lapsed[_month_of(lapsed_on)] += 1
    return MonthlyFigures(
        months=months,
        revenue=dict(sorted(revenue.items())),
        new=[new[month] for month in months],
        renewed=[renewed[month] for month in months],
        lapsed=[lapsed[month] for month in months],
    )
