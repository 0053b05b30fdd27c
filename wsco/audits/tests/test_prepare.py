"""Input rows checked before any indicator: cities, years, variables, percent signs, keys."""

import numpy as np
import polars as pl
import pytest

from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.engine.compute import compute
from wsco.audits.engine.prepare import _key_order
from wsco.audits.tests.factories import reported_frame, result_for, variables_frame

UNEMPLOYMENT = "ISO37120:2018/5.1"


def codes(findings: pl.DataFrame) -> list[str]:
    """Return every code of the findings (an input without any has no code column)."""
    if "message_codes" not in findings.columns:
        return []
    return findings["message_codes"].explode().to_list()


def test_an_absent_city_is_an_empty_city_even_when_every_other_is_tidy() -> None:
    rows = [("Cluj", 2020, "population", "1"), (None, 2020, "population", "2")]
    _results, findings = compute(variables=variables_frame(rows))
    assert findings["message"].to_list() == [", 2020, city.csv:3: the city is empty"]


def test_a_finding_names_its_city_trimmed() -> None:
    _results, findings = compute(variables=variables_frame([(" Cluj ", 2020, "populaton", "5")]))
    assert findings["message"].to_list() == [
        "Cluj, 2020, city.csv:2: unknown variable 'populaton' (the closest known is 'population')"
    ]


def test_numbers_given_as_numbers_have_no_percent_sign() -> None:
    frame = variables_frame([("Cluj", 2020, "population", "1")]).with_columns(
        pl.col("value").cast(pl.Float64)
    )
    results, findings = compute(variables=frame)
    assert findings.height == 0
    assert result_for(results, "Cluj", 2020, "ISO37120:2018/13.1")["denominator"] == 1.0


def test_cities_are_trimmed_when_every_one_needs_it() -> None:
    rows = [
        (" Cluj ", 2020, "unemployed_persons", "6000"),
        ("Cluj  ", 2020, "labour_force", "150000"),
    ]
    results, _findings = compute(variables=variables_frame(rows))
    assert result_for(results, "Cluj", 2020, UNEMPLOYMENT)["value"] == 4.0


@pytest.mark.parametrize(
    ("year", "usable"),
    [
        ("1800", True),
        ("1799", False),
        ("2200", True),
        ("2201", False),
        ("2020.5", False),
        ("2020.0", True),
    ],
)
def test_a_year_is_a_whole_number_from_1800_to_2200(year: str, usable: bool) -> None:
    for given in (year, float(year)):
        frame = variables_frame([("Cluj", 2020, "population", "1")]).with_columns(
            pl.Series("year", [given])
        )
        if isinstance(given, float) and given.is_integer():
            frame = frame.with_columns(pl.col("year").cast(pl.Int64))
        elif isinstance(given, float):
            continue  # an integer column cannot hold 2020.5
        _results, findings = compute(variables=frame)
        assert ("year_unreadable" in codes(findings)) == (not usable), given


def test_the_first_variable_of_the_catalogue_is_known() -> None:
    first = next(iter(load_catalogue().variables))
    _results, findings = compute(variables=variables_frame([("Cluj", 2020, first, "3")]))
    # Known, though the default edition does not use it (an unknown one would say so).
    assert codes(findings) == ["variable_unused"]


def test_a_percent_sign_is_expected_only_on_a_percentage() -> None:
    rows = [
        ("Cluj", 2020, "noise_exposed_population_percent", "12 %"),
        ("Cluj", 2020, "population", "12 %"),
    ]
    _results, findings = compute(variables=variables_frame(rows))
    assert findings.filter(pl.col("message_codes").list.contains("percent_sign_unexpected"))[
        "message"
    ].to_list() == [
        "Cluj, 2020, city.csv:3: value '12 %' has a percent sign but population is not a percentage"
    ]


@pytest.mark.parametrize(
    ("numerator", "denominator", "status", "codes"),
    [
        ("many", "100", "invalid", ["input_invalid"]),
        ("5", "many", "invalid", ["input_invalid"]),
        ("5", "100", "ok", []),
    ],
)
def test_an_unreadable_reported_number_makes_its_row_invalid(
    numerator, denominator, status, codes
) -> None:
    rows = [("Iasi", 2020, UNEMPLOYMENT, numerator, denominator, "5")]
    results, _findings = compute(reported=reported_frame(rows))
    row = result_for(results, "Iasi", 2020, UNEMPLOYMENT)
    assert (row["status"], row["message_codes"] or []) == (status, codes)


@pytest.mark.parametrize(
    ("keys", "single", "repeated"),
    [
        # Five rows need three bits for their numbers: keys 1, 3 and 4 (rows 3, 1 and 2) are
        # theirs alone; key 5 repeats in rows 0 and 4 (file order).
        ([5, 3, 4, 1, 5], [3, 1, 2], [0, 4]),
        # Four rows need two bits, which 2**62 cannot spare beside its own 63: such keys are
        # sorted another way, and still come after 5.
        ([2**62, 5, 2**62, 5], [], [1, 3, 0, 2]),
    ],
)
def test_keys_are_ordered_with_repeats_in_file_order(keys, single, repeated) -> None:
    order = _key_order(pl.DataFrame({"key": pl.Series(keys, dtype=pl.UInt64)}))
    assert [part.tolist() for part in order] == [single, repeated]
    assert all(part.dtype.kind in "iu" for part in order)
    assert np.concatenate(order).size == len(keys)
