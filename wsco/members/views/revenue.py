"""The secretariat's revenue and memberships by month, as charts with their tables."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dates import MONTHS_AP
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from wsco.accounts.access import staff_required
from wsco.core.charts import Series, bar_chart, line_chart
from wsco.members.revenue import monthly_figures
from wsco.members.views.membership import queue_counts


@require_safe
@staff_required
def revenue(request: HttpRequest) -> HttpResponse:
    """Show fees received per month and currency, and memberships begun, renewed and lapsed."""
    figures = monthly_figures(timezone.localdate())
    months = [date_format(month, "YEAR_MONTH_FORMAT") for month in figures.months]
    # Under the bars, a month's short name and the year's last two digits: "Dec. 26".
    axis = [f"{MONTHS_AP[month.month]} {month:%y}" for month in figures.months]
    revenue_charts = [
        bar_chart(
            title=_("Fees received in %(currency)s") % {"currency": currency},
            description=_(
                "The fees recorded as paid in each of the last 12 months, in %(currency)s."
            )
            % {"currency": currency},
            category_name=_("Month"),
            categories=months,
            axis_labels=axis,
            series=[Series(name=currency, values=totals)],
            money=True,
            key=f"revenue-{currency.lower()}",
        )
        for currency, totals in figures.revenue.items()
    ]
    memberships_chart = line_chart(
        title=_("Memberships by month"),
        description=_(
            "New memberships and renewals that began, and memberships that lapsed, in each of "
            "the last 12 months."
        ),
        category_name=_("Month"),
        categories=months,
        axis_labels=axis,
        series=[
            Series(name=_("New"), values=figures.new),
            Series(name=_("Renewed"), values=figures.renewed),
            Series(name=_("Lapsed"), values=figures.lapsed),
        ],
        key="memberships",
    )
    return render(
        request,
        "members/membership/revenue.html",
        {
            "revenue_charts": revenue_charts,
            "memberships_chart": memberships_chart,
            "tab": "revenue",
            "counts": queue_counts(),
            "first_month": figures.months[0],
        },
    )
