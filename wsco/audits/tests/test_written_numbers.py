"""Numbers as people write them are read carefully, and ambiguity is reported."""

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wsco.audits.engine.written_numbers import parse_number, parse_numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.5", 1234.5),  # comma groups thousands, so the dot is decimal
        ("1.234,5", 1234.5),  # dot groups thousands, so the comma is decimal
        ("12,5 %", 12.5),  # a lone comma followed by one digit can only be decimal
        ("48,331,069,777.00", 48331069777.0),  # Melbourne's assessed value, ECO_2
        ("1 234,5", 1234.5),  # space-grouped thousands, decimal comma
        ("1'234.5", 1234.5),  # Swiss grouping
        ("-12", -12.0),
        ("\u22123.5", -3.5),  # the Unicode minus sign
        ("1e5", 100000.0),
        ("0.00", 0.0),
    ],
)
def test_unambiguous_numbers_are_read_without_issue(text: str, expected: float) -> None:
    assert parse_number(text) == (expected, None)


@pytest.mark.parametrize("text", ["N/A", "n/a", "-", "..", "NA"])
def test_not_available_markers_give_no_value_and_say_so(text: str) -> None:
    assert parse_number(text) == (None, "number_not_available")


def test_empty_cell_is_absent_without_a_finding() -> None:
    assert parse_number("") == (None, None)
    assert parse_number(None) == (None, None)


@pytest.mark.parametrize("text", ["abc", "12.3.4", "1,2,3", "12 apples"])
def test_unreadable_text_is_reported(text: str) -> None:
    assert parse_number(text) == (None, "number_unreadable")


def test_lone_number_with_three_digits_after_the_separator_is_ambiguous() -> None:
    # "3,942" is 3942 in English and 3.942 in most of Europe; nothing else in the cell decides.
    assert parse_number("3,942") == (3942.0, "number_ambiguous")
    assert parse_number("1.234") == (1.234, "number_ambiguous")


def test_file_evidence_decides_ambiguous_numbers() -> None:
    # File a writes "4.64" (a decimal point), so its "3,942" groups thousands: 3942.
    # File b writes "12,5" (a decimal comma), so its "3,942" is 3.942 and "1.234" is 1234.
    frame = pl.DataFrame(
        {"file": ["a", "a", "b", "b", "b"], "v": ["3,942", "4.64", "3,942", "12,5", "1.234"]}
    )
    parsed = parse_numbers(frame, "v")
    assert parsed["v_number"].to_list() == [3942.0, 4.64, 3.942, 12.5, 1234.0]
    assert parsed["v_issue"].to_list() == [None] * 5


def test_mixed_evidence_leaves_ambiguity_reported() -> None:
    frame = pl.DataFrame({"file": ["a"] * 3, "v": ["4.64", "12,5", "3,942"]})
    parsed = parse_numbers(frame, "v")
    assert parsed["v_issue"].to_list() == [None, None, "number_ambiguous"]
    assert parsed["v_other"][2] == "3.942"


def test_decimals_shown_are_counted_for_rounding_checks() -> None:
    parsed = parse_numbers(pl.DataFrame({"file": ["a"] * 3, "v": ["1.59", "14,164", "0.237"]}), "v")
    assert parsed["v_decimals"].to_list() == [2, 0, 3]


def test_percent_sign_is_noted() -> None:
    parsed = parse_numbers(pl.DataFrame({"file": ["a"], "v": ["12,5 %"]}), "v")
    assert parsed["v_percent"].to_list() == [True]


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1000, max_value=10**12), st.integers(min_value=1, max_value=99))
def test_grouped_numbers_read_back_in_both_conventions(whole: int, cents: int) -> None:
    english = f"{whole:,}.{cents:02d}"
    european = english.replace(",", " ").replace(".", ",").replace(" ", ".")
    expected = whole + cents / 100
    for text in (english, european):
        value, issue = parse_number(text)
        assert issue is None
        assert value == pytest.approx(expected, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=20))
def test_any_text_is_read_or_reported_never_raises(text: str) -> None:
    value, issue = parse_number(text)
    assert value is not None or issue in (None, "number_unreadable", "number_not_available")


def test_an_empty_cell_has_no_percent_sign() -> None:
    frame = parse_numbers(pl.DataFrame({"value": [None, "12 %"], "file": ["a.csv"] * 2}), "value")
    assert frame["value_percent"].to_list() == [False, True]


@pytest.mark.parametrize(
    ("text", "number", "currency"),
    [
        ("$15,545,805.78", 15545805.78, "$"),
        ("$1,555.41", 1555.41, "$"),
        ("\u20ac 1.234,50", 1234.5, "EUR"),  # sign before, with a space
        ("1.234,50\u20ac", 1234.5, "EUR"),  # sign after, without one
        ("1 234,5 lei", 1234.5, "RON"),
        ("1\u00a0234,5\u00a0Lei", 1234.5, "RON"),  # no-break spaces, as spreadsheets write
        ("RON 12.5", 12.5, "RON"),
        ("USD 10", 10.0, "USD"),
        ("10 USD", 10.0, "USD"),
        ("US$ 7", 7.0, "USD"),
        ("\u00a33.5", 3.5, "GBP"),
        ("\u00a51000", 1000.0, "\u00a5"),  # yen or yuan: the sign is kept as written
        ("-$5", -5.0, "$"),
        ("$-5", -5.0, "$"),
    ],
)
def test_amounts_are_read_with_their_currency(text: str, number: float, currency: str) -> None:
    parsed = parse_numbers(pl.DataFrame({"file": ["a"], "v": [text]}), "v")
    assert parsed.select("v_number", "v_issue", "v_currency").row(0) == (number, None, currency)


@pytest.mark.parametrize("text", ["USD", "$", "ABC 12", "usd 12", "$ 5 USD", "\u00a33.5m"])
def test_a_currency_without_a_number_or_an_unknown_code_is_unreadable(text: str) -> None:
    # Codes are ISO 4217's, in capitals; one currency per amount; no "m" for millions.
    assert parse_number(text) == (None, "number_unreadable")


def test_amounts_give_evidence_for_their_files_ambiguous_numbers() -> None:
    # "$1,555.41" shows a decimal point, so "$3,942" is 3942; "€ 1.234,50" shows a decimal
    # comma, so "€ 3.942" is 3942 and "3,942 lei" is 3.942.
    frame = pl.DataFrame(
        {
            "file": ["us", "us", "eu", "eu", "eu"],
            "v": ["$1,555.41", "$3,942", "\u20ac 1.234,50", "\u20ac 3.942", "3,942 lei"],
        }
    )
    parsed = parse_numbers(frame, "v")
    assert parsed["v_number"].to_list() == [1555.41, 3942.0, 1234.5, 3942.0, 3.942]
    assert parsed["v_issue"].to_list() == [None] * 5
    assert parsed["v_currency"].cast(pl.String).to_list() == ["$", "$", "EUR", "EUR", "RON"]


def test_numbers_without_a_currency_have_none() -> None:
    parsed = parse_numbers(pl.DataFrame({"file": ["a", "a"], "v": ["12,5 %", "N/A"]}), "v")
    assert parsed["v_currency"].to_list() == [None, None]
    numbers = parse_numbers(pl.DataFrame({"v": [1.5]}), "v", group_by=None)
    assert numbers["v_currency"].to_list() == [None]
