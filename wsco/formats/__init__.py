"""The platform's date, time and number formats, one module per language (`FORMAT_MODULE_PATH`).

Templates name a format (`|date:"DATE_FORMAT"`) and never write a pattern of their own, so that a
reader sees one format per kind everywhere; docs/conventions.md, "Dates and numbers".
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import pgettext_lazy

__all__ = ["day_text", "money", "number"]

# The month names the formats write inside a date ("E"): Romanian writes them in lower case
# ("6 decembrie 2026"), which Django's own catalogue does not. Named here so that the project's
# catalogue keeps its translations of them.
MONTHS_IN_DATES = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)


def money(amount: Decimal | int | float) -> str:
    """Return an amount of money in the active language: "1,234.50" in English, "1.234,50" in
    Romanian (always two decimals, thousands grouped)."""
    return number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)


def number(count: Decimal | int | float, *, decimals: int | None = None) -> str:
    """Return a count in the active language, thousands grouped: "12,345" / "12.345"; with
    `decimals`, that many places ("12.30" / "12,30"), else the places the number has."""
    return number_format(count, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def day_text(day) -> str:
    """Return a date (or the date of a moment) in the active language's DATE_FORMAT, for text
    built in Python, such as a message after a form is saved.

    A moment is taken in the platform's time zone, as the templates' `date` filter takes it:
    at 23:30 in Bucharest it is already the next day, whatever the day in UTC.
    """
    if isinstance(day, datetime.datetime) and timezone.is_aware(day):
        day = timezone.localtime(day)
    return date_format(day, "DATE_FORMAT", use_l10n=True)
