"""One format per kind and language: templates name a format, the languages define them."""

import datetime
import re
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

import wsco
from wsco import formats

# `<time datetime="...">` is for machines: ISO 8601, whatever the reader's language.
MACHINE_ATTRIBUTE = re.compile(r"""datetime=["']\{\{[^}]*\|date:["'](c|Y-m-d)["'] ?\}\}["']""")
DATE_FILTER = re.compile(r"""\|(date|time):(["'])(.*?)\2""")
NAMED_FORMAT = re.compile(r"^[A-Z_]+_FORMAT$")
MOMENT = datetime.datetime(2026, 12, 6, 16, 34, tzinfo=ZoneInfo(settings.TIME_ZONE))


def platform_templates() -> list[Path]:
    root = Path(wsco.__file__).parent
    return sorted(
        path
        for path in root.glob("*/templates/**/*")
        if path.is_file() and path.suffix in {".html", ".txt", ".xml"}
    )


def own_patterns(text: str) -> list[str]:
    """Return the date patterns a template writes itself rather than naming a format."""
    text = MACHINE_ATTRIBUTE.sub("", text)
    return [
        match.group(3)
        for match in DATE_FILTER.finditer(text)
        if not NAMED_FORMAT.match(match.group(3))
    ]


def test_the_scan_catches_a_pattern_and_lets_named_formats_and_machine_dates_pass():
    assert own_patterns("{{ day|date:\"j M Y\" }} {{ at|time:'H:i' }}") == ["j M Y", "H:i"]
    assert own_patterns('<span>{{ day|date:"Y-m-d" }}</span>') == ["Y-m-d"]
    assert (
        own_patterns('<time datetime="{{ at|date:\'c\' }}">{{ at|date:"DATE_FORMAT" }}</time>')
        == []
    )


def test_no_template_writes_its_own_date_pattern():
    templates = platform_templates()
    assert len(templates) > 100
    offenders = {
        str(path.relative_to(Path(wsco.__file__).parent)): patterns
        for path in templates
        if (patterns := own_patterns(path.read_text()))
    }
    assert offenders == {}, "name a format (docs/conventions.md, Dates and numbers)"


# Written out by hand from wsco/formats/<language>/formats.py for Sunday 6 December 2026, 16:34.
EXPECTED = {
    "en": {
        "DATE_FORMAT": "6 December 2026",
        "SHORT_DATE_FORMAT": "6 Dec 2026",
        "DATETIME_FORMAT": "6 December 2026, 16:34",
        "SHORT_DATETIME_FORMAT": "6 Dec 2026, 16:34",
        "YEAR_MONTH_FORMAT": "December 2026",
        "TIME_FORMAT": "16:34",
    },
    "ro": {
        "DATE_FORMAT": "6 decembrie 2026",
        "SHORT_DATE_FORMAT": "06.12.2026",
        "DATETIME_FORMAT": "6 decembrie 2026, 16:34",
        "SHORT_DATETIME_FORMAT": "06.12.2026, 16:34",
        "YEAR_MONTH_FORMAT": "decembrie 2026",
        "TIME_FORMAT": "16:34",
    },
}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_each_named_format_reads_in_the_language(language):
    with translation.override(language):
        for name, expected in EXPECTED[language].items():
            shown = Template(f'{{{{ moment|date:"{name}" }}}}').render(Context({"moment": MOMENT}))
            assert shown == expected, name
        # A date or moment shown without a filter uses the same formats.
        shown = Template("{{ moment }} · {{ day }} · {{ moment|date }}").render(
            Context({"moment": MOMENT, "day": MOMENT.date()})
        )
    by_name = EXPECTED[language]
    assert shown == (
        f"{by_name['DATETIME_FORMAT']} · {by_name['DATE_FORMAT']} · {by_name['DATE_FORMAT']}"
    )


@pytest.mark.parametrize(
    ("language", "fee", "count"),
    [("en", "1,234.50", "12,345"), ("ro", "1.234,50", "12.345")],
)
def test_money_and_counts_use_the_language_s_separators(language, fee, count):
    with translation.override(language):
        assert formats.money(Decimal("1234.5")) == fee
        assert formats.number(12345) == count
        shown = Template("{% load wsco %}{{ fee|money }} {{ count|number }}").render(
            Context({"fee": Decimal("1234.5"), "count": 12345})
        )
    assert shown == f"{fee} {count}"


@pytest.mark.parametrize(
    ("language", "as_given", "two_places"),
    [("en", "12,345.5", "0.04"), ("ro", "12.345,5", "0,04")],
)
def test_a_number_keeps_its_places_unless_told_how_many(language, as_given, two_places):
    with translation.override(language):
        assert formats.number(Decimal("12345.5")) == as_given
        assert formats.number(Decimal("0.0412"), decimals=2) == two_places


def test_money_shows_cents_under_a_thousand_and_nothing_for_no_amount():
    with translation.override("ro"):
        assert formats.money(Decimal("120")) == "120,00"
        assert Template("{% load wsco %}[{{ fee|money }}]").render(Context({"fee": None})) == "[]"


def test_a_moment_in_text_is_the_day_it_is_in_bucharest_as_in_the_templates():
    # 22:30 UTC on 6 December is 00:30 on 7 December in Bucharest (UTC+2 in winter).
    moment = datetime.datetime(2026, 12, 6, 22, 30, tzinfo=ZoneInfo("UTC"))
    with translation.override("ro"):
        shown = Template('{{ moment|date:"DATE_FORMAT" }}').render(Context({"moment": moment}))
        assert formats.day_text(moment) == shown == "7 decembrie 2026"
        assert formats.day_text(datetime.date(2026, 12, 6)) == "6 decembrie 2026"
