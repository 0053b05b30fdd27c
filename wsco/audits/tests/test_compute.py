"""Indicators computed from base variables and reported values, with their findings."""

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wsco.audits.engine.compute import compute, provenance
from wsco.audits.engine.messages import messages_for_row
from wsco.audits.engine.prepare import _city_year_rows, _key_order
from wsco.audits.tests.factories import reported_frame, result_for, variables_frame

UNEMPLOYMENT = "ISO37120:2018/5.1"  # unemployed_persons / labour_force x 100
HOMICIDES = "ISO37120:2018/15.5"  # homicides / population x 100000
TAX = "ISO37120:2018/9.4"  # tax_collected / tax_billed x 100, not a share of a whole

CLUJ_2020 = [
    ("Cluj", 2020, "population", "300000"),
    ("Cluj", 2020, "unemployed_persons", "6000"),
    ("Cluj", 2020, "labour_force", "150000"),
    ("Cluj", 2020, "homicides", "15"),
]


def test_indicator_is_numerator_over_denominator_times_multiplier() -> None:
    results, _findings = compute(variables=variables_frame(CLUJ_2020))
    unemployment = result_for(results, "Cluj", 2020, UNEMPLOYMENT)
    # 6 000 unemployed / 150 000 in the labour force x 100 = 4.0 %
    assert unemployment["value"] == pytest.approx(4.0)
    assert unemployment["status"] == "ok"
    assert unemployment["row"] == "city.csv:3, city.csv:4"
    # 15 homicides / 300 000 residents x 100 000 = 5.0 per 100 000
    assert result_for(results, "Cluj", 2020, HOMICIDES)["value"] == pytest.approx(5.0)


def test_population_entered_once_serves_every_per_capita_indicator() -> None:
    results, _findings = compute(variables=variables_frame(CLUJ_2020))
    using_population = results.filter(pl.col("denominator_variable") == "population")
    assert using_population.height > 40
    assert set(using_population["denominator"].drop_nulls().to_list()) == {300000.0}


def test_every_indicator_of_the_edition_has_a_row_with_a_reason() -> None:
    results, _findings = compute(variables=variables_frame(CLUJ_2020))
    assert results.height == 128  # ISO 37120:2018 lists 128 indicators
    missing = result_for(results, "Cluj", 2020, "ISO37120:2018/15.4")  # police officers
    assert missing["status"] == "missing"
    assert "no value for police_officers" in missing["message"]


def test_zero_denominator_is_invalid_not_infinite() -> None:
    rows = [("Iasi", 2020, "unemployed_persons", "10"), ("Iasi", 2020, "labour_force", "0")]
    results, _findings = compute(variables=variables_frame(rows))
    row = result_for(results, "Iasi", 2020, UNEMPLOYMENT)
    assert (row["status"], row["value"]) == ("invalid", None)
    assert row["message"] == (
        "Iasi, 2020, city.csv:2, city.csv:3: ISO37120:2018/5.1 cannot be computed: "
        "the denominator is zero"
    )


def test_share_above_one_hundred_percent_is_invalid() -> None:
    rows = [("Iasi", 2020, "unemployed_persons", "200"), ("Iasi", 2020, "labour_force", "100")]
    results, _findings = compute(variables=variables_frame(rows))
    row = result_for(results, "Iasi", 2020, UNEMPLOYMENT)
    # 200 / 100 x 100 = 200 %: a part cannot exceed its whole.
    assert row["status"] == "invalid"
    assert row["message_codes"] == ["share_above_100"]
    assert "is 200 %, but a share cannot exceed 100 %" in row["message"]


def test_ratio_that_may_pass_one_hundred_is_only_checked_against_its_range() -> None:
    rows = [("Iasi", 2020, "tax_collected", "101"), ("Iasi", 2020, "tax_billed", "100")]
    results, _findings = compute(variables=variables_frame(rows))
    # Collections of arrears can exceed the bill: 101 % is plausible (range 0-150).
    assert result_for(results, "Iasi", 2020, TAX)["status"] == "ok"
    rows[0] = ("Iasi", 2020, "tax_collected", "160")
    results, _findings = compute(variables=variables_frame(rows))
    row = result_for(results, "Iasi", 2020, TAX)
    assert (row["status"], row["message_codes"]) == ("warning", ["out_of_range"])
    assert "outside the plausible range 0 to 150" in row["message"]


def test_year_on_year_jump_above_threshold_is_a_warning() -> None:
    rows = [
        ("Cluj", 2020, "homicides", "15"),
        ("Cluj", 2020, "population", "300000"),
        ("Cluj", 2021, "homicides", "30"),
        ("Cluj", 2021, "population", "300000"),
    ]
    results, _findings = compute(variables=variables_frame(rows))
    row = result_for(results, "Cluj", 2021, HOMICIDES)
    # 5.0 -> 10.0 per 100 000 is +100 %, above the default 50 % threshold.
    assert row["message_codes"] == ["year_jump"]
    assert "changed by 100 % since 2020 (5 to 10)" in row["message"]
    results, _findings = compute(variables=variables_frame(rows), jump_threshold=1.5)
    assert result_for(results, "Cluj", 2021, HOMICIDES)["status"] == "ok"


def test_bad_input_rows_are_reported_with_city_year_and_line() -> None:
    rows = [
        ("Cluj", 2020, "population", "300000"),
        ("Cluj", 2020, "populaton", "5"),  # misspelt
        ("Cluj", 2020, "homicides", "-3"),  # a count below zero
        ("Cluj", 2020, "labour_force", "many"),  # not a number
        ("Cluj", 2020, "population", "310000"),  # repeated with another value
        ("", 2020, "population", "1"),  # no city
        ("Cluj", "20x0", "population", "1"),  # no year
    ]
    _results, findings = compute(variables=variables_frame(rows))
    messages = dict(zip(findings["row"], findings["message"], strict=True))
    assert messages["city.csv:3"] == (
        "Cluj, 2020, city.csv:3: unknown variable 'populaton' (the closest known is 'population')"
    )
    assert (
        messages["city.csv:4"] == "Cluj, 2020, city.csv:4: homicides is negative (-3) but cannot be"
    )
    assert messages["city.csv:5"] == "Cluj, 2020, city.csv:5: value 'many' is not a number"
    assert messages["city.csv:6"].startswith(
        "Cluj, 2020, city.csv:6: population gives 310000 but city.csv:2 gives 300000"
    )
    assert messages["city.csv:7"] == ", 2020, city.csv:7: the city is empty"
    assert messages["city.csv:8"] == "Cluj, 20x0, city.csv:8: the year is not a year"
    assert set(findings["status"]) == {"invalid"}


def test_conflicting_repeat_makes_dependent_indicators_invalid() -> None:
    rows = [*CLUJ_2020, ("Cluj", 2020, "labour_force", "150001")]
    results, _findings = compute(variables=variables_frame(rows))
    row = result_for(results, "Cluj", 2020, UNEMPLOYMENT)
    assert row["status"] == "invalid"
    assert "labour_force is not usable" in row["message"]


def test_repeated_base_values_keep_file_order_however_large_their_keys() -> None:
    # Keys 5, 3, 5, 1, 3, 3 in rows 0-5. Keys too large to share 64 bits with row numbers
    # are sorted another way; both ways give the rows with a key of their own in key order
    # (key 1: row 3) and the repeats by key, in file order (key 3: rows 1, 4, 5; key 5: 0, 2).
    small = pl.DataFrame({"key": pl.Series([5, 3, 5, 1, 3, 3], dtype=pl.UInt64)})
    large = small.with_columns(pl.col("key") + 2**62)
    for frame in (small, large):
        single, repeated = _key_order(frame)
        assert single.tolist() == [3]
        assert repeated.tolist() == [1, 4, 5, 0, 2]


def test_city_years_are_numbered_in_order_however_far_apart_their_years() -> None:
    # City-years (city 2, 2020), (0, 2021), (2, 2020), (0, 1990): distinct in order (0, 1990),
    # (0, 2021), (2, 2020), so rows 0-3 are city-years 2, 1, 2, 0. Years 1800 and 2200 for
    # 3,000 more cities make a table of every city by every year too large to mark (3,003 x
    # 401 = 1,204,203 slots for 3,004 rows, above 4 x 3,004 + 2**20 = 1,060,592), so those are
    # numbered by sorting, with the same answer.
    city = np.array([2, 0, 2, 0])
    year = np.array([2020, 2021, 2020, 1990], dtype=np.int32)
    for extra in (0, 3000):
        cities = np.concatenate([city, np.arange(3, 3 + extra)])
        years = np.concatenate([year, np.where(np.arange(extra) % 2, 1800, 2200)]).astype(np.int32)
        distinct_cities, distinct_years, row = _city_year_rows(cities, years)
        assert distinct_cities[:3].tolist() == [0, 0, 2]
        assert distinct_years[:3].tolist() == [1990, 2021, 2020]
        assert row[:4].tolist() == [2, 1, 2, 0]
        assert distinct_cities.size == 3 + extra


def test_reported_value_matching_its_inputs_within_rounding_is_ok() -> None:
    # Melbourne ECO_1, 2015: 3,942 / 84,942 x 100 = 4.6408..., reported as 4.64.
    reported = reported_frame([("Melbourne", 2015, UNEMPLOYMENT, "3,942", "84,942", "4.64")])
    results, _findings = compute(reported=reported)
    row = result_for(results, "Melbourne", 2015, UNEMPLOYMENT)
    assert row["status"] == "ok"
    # Reproduced within its rounding: the city's 4.64 is kept, the recomputed one beside it.
    assert row["value"] == 4.64
    assert row["computed_value"] == pytest.approx(4.6408137)
    assert row["reported_value"] == 4.64


def test_reported_value_contradicting_its_inputs_says_by_how_much() -> None:
    reported = reported_frame([("Melbourne", 2015, UNEMPLOYMENT, "3942", "84942", "5.10")])
    results, _findings = compute(reported=reported)
    row = result_for(results, "Melbourne", 2015, UNEMPLOYMENT)
    # computed 4.64081; 5.10 - 4.64081 = 0.459186; 5.10 / 4.64081 - 1 = 9.89446 %
    assert row["status"] == "invalid"
    assert row["message"] == (
        "Melbourne, 2015, reported.csv:2: ISO37120:2018/5.1 is reported as 5.1 but its numerator "
        "and denominator give 4.64081 (off by 0.459186, 9.89452 %)"
    )


def test_denominator_already_divided_by_the_multiplier_is_recognised() -> None:
    # Melbourne ECO_6, 2017: 14,164 businesses over population written as 1.59 (= 159,141 /
    # 100,000). 14,164 / 1.59 = 8,908.2; with 1.59 meaning 1.585-1.595 the value lies in
    # 8,880.3-8,936.3, so the reported 8,900.28 is reproduced.
    reported = reported_frame(
        [("Melbourne", 2017, "ISO37120:2018/5.5", "14,164", "1.59", "8900.28")]
    )
    results, _findings = compute(reported=reported)
    row = result_for(results, "Melbourne", 2017, "ISO37120:2018/5.5")
    assert row["status"] == "ok"
    # The reported 8,900.28 is reproduced, so it is the value (the city worked it out from
    # the unrounded population), and the recomputed one stands beside it.
    assert row["value"] == 8900.28
    assert row["computed_value"] == pytest.approx(14164 / 1.59)
    assert row["message_codes"] == ["denominator_scaled"]
    assert "already divided by 100000" in row["message"]


def test_percentage_reported_as_a_fraction_is_a_warning() -> None:
    reported = reported_frame([("Iasi", 2020, UNEMPLOYMENT, "5", "100", "0.05")])
    results, _findings = compute(reported=reported)
    row = result_for(results, "Iasi", 2020, UNEMPLOYMENT)
    assert (row["status"], row["value"]) == ("warning", pytest.approx(5.0))
    assert row["message_codes"] == ["reported_as_fraction"]


def test_reported_value_without_inputs_is_kept_but_unverified() -> None:
    reported = reported_frame([("Melbourne", 2013, "ISO37120:2014/12.4", "N/A", "N/A", "5.4")])
    results, findings = compute(reported=reported)
    row = result_for(results, "Melbourne", 2013, "ISO37120:2014/12.4")
    assert (row["status"], row["value"]) == ("warning", 5.4)
    assert sorted(findings["message"].to_list()) == [
        "Melbourne, 2013, reported.csv:2: denominator is given as 'N/A' (not available)",
        "Melbourne, 2013, reported.csv:2: numerator is given as 'N/A' (not available)",
    ]


def test_unknown_indicator_and_duplicate_reported_rows_are_findings() -> None:
    reported = reported_frame(
        [
            ("Iasi", 2020, "ISO37120:2018/99.9", "1", "2", "50"),
            ("Iasi", 2020, UNEMPLOYMENT, "5", "100", "5"),
            ("Iasi", 2020, UNEMPLOYMENT, "5", "100", "5"),
        ]
    )
    results, findings = compute(reported=reported)
    assert findings["message_codes"].to_list() == [["unknown_indicator"], ["duplicate_row"]]
    assert findings["message"][1] == (
        "Iasi, 2020, reported.csv:4: ISO37120:2018/5.1 repeats reported.csv:3 with the same value"
    )
    assert result_for(results, "Iasi", 2020, UNEMPLOYMENT)["status"] == "ok"


def test_variable_no_computed_indicator_uses_is_mentioned() -> None:
    rows = [("Cluj", 2020, "electric_vehicles", "120")]  # only ISO 37122 uses it
    _results, findings = compute(variables=variables_frame(rows))
    assert findings["message_codes"].to_list() == [["variable_unused"]]
    assert findings["status"].to_list() == ["ok"]


def test_message_objects_keep_code_and_parameters_for_translation() -> None:
    rows = [("Iasi", 2020, "unemployed_persons", "10"), ("Iasi", 2020, "labour_force", "0")]
    results, _findings = compute(variables=variables_frame(rows))
    (message,) = messages_for_row(result_for(results, "Iasi", 2020, UNEMPLOYMENT))
    assert message.code == "denominator_zero"
    assert message.params == {
        "city": "Iasi",
        "year": 2020,
        "row": "city.csv:2, city.csv:3",
        "indicator": UNEMPLOYMENT,
    }
    translated = message.text(
        lambda text: text.replace("cannot be computed", "nu poate fi calculat")
    )
    assert "ISO37120:2018/5.1 nu poate fi calculat" in translated


@settings(max_examples=40, deadline=None)
@given(
    numerator=st.integers(min_value=0, max_value=10**9),
    denominator=st.integers(min_value=1, max_value=10**9),
    factor=st.integers(min_value=1, max_value=10**6),
)
def test_scaling_numerator_and_denominator_together_keeps_the_ratio(
    numerator: int, denominator: int, factor: int
) -> None:
    def value(scale: int) -> float:
        rows = [
            ("A", 2020, "unemployed_persons", numerator * scale),
            ("A", 2020, "labour_force", denominator * scale),
        ]
        return result_for(compute(variables=variables_frame(rows))[0], "A", 2020, UNEMPLOYMENT)[
            "value"
        ]

    assert value(factor) == pytest.approx(value(1), rel=1e-12)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Cluj", "Iasi", "", " "]),
            st.sampled_from(["2020", "2021", "x", ""]),
            st.sampled_from(["population", "labour_force", "unemployed_persons", "bogus", ""]),
            st.one_of(st.none(), st.text(max_size=8), st.integers(-5, 10**6).map(str)),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_bad_input_never_crashes_and_every_row_is_accounted_for(rows: list[tuple]) -> None:
    results, findings = compute(variables=variables_frame(rows))
    mentioned = set(findings["row"].to_list())
    for references in provenance(results)["row"].to_list():
        mentioned.update(references.split(", "))
    # Every input line is either an indicator's input or carries its own finding.
    for line in range(2, len(rows) + 2):
        value = rows[line - 2][3]
        if value is None or not value.strip():
            continue  # an empty cell is an absent value: its indicators say "missing"
        assert f"city.csv:{line}" in mentioned


# Under-five mortality per 1 000 live births: under_five_deaths / live_births x 1000.
UNDER_FIVE_MORTALITY = "ISO37120:2018/11.4"


@pytest.mark.parametrize(
    ("denominator", "reported", "status", "codes"),
    [
        # 45 deaths / 12 500 live births x 1 000 = 3.6 per 1 000: as the standard writes it.
        ("12500", "3.6", "ok", []),
        # The births written in thousands, 12.5: 45 / 12.5 = 3.6 with no multiplier. With 12.5
        # meaning 12.45-12.55 and 45 meaning 44.5-45.5, the ratio lies in 3.546-3.655, so the
        # reported 3.6 is reproduced: the denominator was already divided by the multiplier.
        ("12.5", "3.6", "ok", ["denominator_scaled"]),
        # Reported 4.6 matches neither 3.6 nor 3 600: a contradiction, not a scaled denominator;
        # and the 3 600 its inputs give is above the plausible 1 000 per 1 000.
        ("12.5", "4.6", "invalid", ["reported_contradicts", "out_of_range"]),
    ],
    ids=["per 1 000", "denominator in thousands", "contradicted"],
)
def test_a_per_1000_indicator_with_its_denominator_in_thousands_is_recognised(
    denominator, reported, status, codes
) -> None:
    rows = [("Cluj", 2020, UNDER_FIVE_MORTALITY, "45", denominator, reported)]
    results, _findings = compute(reported=reported_frame(rows))
    row = result_for(results, "Cluj", 2020, UNDER_FIVE_MORTALITY)
    assert row["multiplier"] == 1000
    assert (row["status"], row["message_codes"] or []) == (status, codes)
    if status == "ok":
        assert row["value"] == pytest.approx(3.6)
    if codes == ["denominator_scaled"]:
        assert "already divided by 1000" in row["message"]


@pytest.mark.parametrize(
    ("reported_2015", "jump"),
    [
        # 3 942 / 84 942 x 100 = 4.64081 %, reported as 4.64: the value is sound, and 2016's
        # 9.41819 % (8 000 / 84 942 x 100) is +103 % on it, above the 50 % threshold.
        ("4.64", True),
        # Reported as 5.10, which its inputs contradict: 2015 has no value to compare with, so
        # 2016 is not measured against it (it would be the same +103 % from 4.64081).
        ("5.10", False),
    ],
    ids=["sound 2015", "contradicted 2015"],
)
def test_a_contradicted_value_is_never_the_next_years_baseline(reported_2015, jump) -> None:
    reported = reported_frame(
        [
            ("Melbourne", 2015, UNEMPLOYMENT, "3942", "84942", reported_2015),
            ("Melbourne", 2016, UNEMPLOYMENT, "8000", "84942", "9.42"),
        ]
    )
    results, _findings = compute(reported=reported)
    first = result_for(results, "Melbourne", 2015, UNEMPLOYMENT)
    assert first["status"] == ("ok" if jump else "invalid")
    second = result_for(results, "Melbourne", 2016, UNEMPLOYMENT)
    # 9.42 is reproduced by 9.41819 within its rounding: the city's figure is the value.
    assert second["value"] == pytest.approx(9.42)
    assert second["computed_value"] == pytest.approx(8000 / 84942 * 100)
    assert (second["message_codes"] or []) == (["year_jump"] if jump else [])
    assert second["status"] == ("warning" if jump else "ok")


@pytest.mark.parametrize(
    ("unemployed_2021", "jump"),
    [
        # 4 / 128 x 100 = 3.125 % and 6 / 128 x 100 = 4.6875 %, both exact in binary: a change of
        # 1.5625 / 3.125 = exactly 50 %, which is not above the 50 % threshold.
        ("6", False),
        # 6.001 / 128 x 100 = 4.68828125 %: +50.025 %, just above it.
        ("6.001", True),
    ],
    ids=["exactly 50 %", "just above 50 %"],
)
def test_a_jump_is_a_change_above_the_threshold_not_at_it(unemployed_2021, jump) -> None:
    rows = [
        ("Cluj", 2020, "unemployed_persons", "4"),
        ("Cluj", 2020, "labour_force", "128"),
        ("Cluj", 2021, "unemployed_persons", unemployed_2021),
        ("Cluj", 2021, "labour_force", "128"),
    ]
    results, _findings = compute(variables=variables_frame(rows))
    assert result_for(results, "Cluj", 2020, UNEMPLOYMENT)["value"] == 3.125
    row = result_for(results, "Cluj", 2021, UNEMPLOYMENT)
    assert (row["message_codes"] or []) == (["year_jump"] if jump else [])


# Limits, inputs from both forms at once, and the shape of what compute returns.

LIFE_EXPECTANCY = "ISO37120:2018/11.1"  # entered directly, plausible from 20 to 100 years


@pytest.mark.parametrize(
    ("variable", "value", "indicator", "codes"),
    [
        # A share of exactly 100 % is possible; 201 / 200 x 100 = 100.5 % is not.
        ("unemployed_persons", "150000", UNEMPLOYMENT, []),
        ("unemployed_persons", "150750", UNEMPLOYMENT, ["share_above_100"]),
        # Tax collected over billed is plausible up to 150 %: 225 000 / 150 000 = 150 % exactly.
        ("tax_collected", "225000", TAX, []),
        ("tax_collected", "225750", TAX, ["out_of_range"]),
        # Life expectancy: 20 years is the lowest plausible, 19.99 below it; 100 the highest.
        ("life_expectancy_years", "20", LIFE_EXPECTANCY, []),
        ("life_expectancy_years", "19.99", LIFE_EXPECTANCY, ["out_of_range"]),
        ("life_expectancy_years", "100", LIFE_EXPECTANCY, []),
        ("life_expectancy_years", "100.01", LIFE_EXPECTANCY, ["out_of_range"]),
    ],
)
def test_a_value_at_its_limit_is_plausible_and_just_past_it_is_not(
    variable, value, indicator, codes
) -> None:
    rows = [
        ("Iasi", 2020, variable, value),
        ("Iasi", 2020, "labour_force", "150000"),
        ("Iasi", 2020, "tax_billed", "150000"),
    ]
    results, _findings = compute(variables=variables_frame(rows))
    row = result_for(results, "Iasi", 2020, indicator)
    assert (row["message_codes"] or []) == codes


def test_an_indicator_without_denominator_is_its_numerator() -> None:
    # With reported rows in the same run as well: the value is the number entered.
    reported = reported_frame([("Iasi", 2020, UNEMPLOYMENT, "5", "100", "5")])
    for extra in ({}, {"reported": reported}):
        rows = [("Iasi", 2020, "life_expectancy_years", "76.5")]
        results, _findings = compute(variables=variables_frame(rows), **extra)
        row = result_for(results, "Iasi", 2020, LIFE_EXPECTANCY)
        assert (row["value"], row["status"], row["denominator"]) == (76.5, "ok", None)


@pytest.mark.parametrize(
    ("first", "second", "codes", "text"),
    [
        # 1 -> 2 homicides per 100 000 residents: +100 %.
        ("1", "2", ["year_jump"], "changed by 100 % since 2020 (1 to 2)"),
        # From 0 there is no share of change to speak of: no jump, whatever the new value.
        ("0", "2", [], ""),
    ],
)
def test_a_jump_is_measured_from_any_previous_value_but_zero(first, second, codes, text) -> None:
    rows = [
        ("Cluj", 2020, "homicides", first),
        ("Cluj", 2020, "population", "100000"),
        ("Cluj", 2021, "homicides", second),
        ("Cluj", 2021, "population", "100000"),
    ]
    results, _findings = compute(variables=variables_frame(rows))
    row = result_for(results, "Cluj", 2021, HOMICIDES)
    assert (row["message_codes"] or []) == codes
    assert text in row["message"]


def test_a_missing_base_value_leaves_its_indicators_without_a_value() -> None:
    rows = [("Cluj", 2020, "unemployed_persons", "N/A"), ("Cluj", 2020, "labour_force", "150000")]
    results, _findings = compute(variables=variables_frame(rows))
    row = result_for(results, "Cluj", 2020, UNEMPLOYMENT)
    assert (row["value"], row["status"], row["numerator"]) == (None, "missing", None)
    assert row["message"].endswith("cannot be computed: no value for unemployed_persons")


def test_base_values_and_reported_rows_are_checked_together() -> None:
    variables = variables_frame(
        [
            ("Cluj", 2020, "unemployed_persons", "6000"),
            ("Cluj", 2020, "labour_force", "150000"),
            ("Cluj", 2020, "homicides", "-3"),  # cannot be negative
            ("Cluj", 2020, "population", "300000"),
            ("Cluj", 2020, "tax_collected", "1"),
            ("Cluj", 2020, "tax_billed", "1"),  # a denominator of 1, not 0
            ("Cluj", 2020, "primary_students_enrolled", "1200"),
            ("Cluj", 2020, "primary_teachers_fte", "many"),  # not a number
        ]
    )
    # Arad reports only; the two inputs number their cities together.
    reported = reported_frame([("Arad", 2020, "ISO37120:2018/5.5", "14", "160000", "8.75")])
    results, _findings = compute(variables=variables, reported=reported)
    # 6 000 / 150 000 x 100 = 4 %, from the base values beside a reported row.
    unemployment = result_for(results, "Cluj", 2020, UNEMPLOYMENT)
    assert (unemployment["value"], unemployment["status"]) == (4.0, "ok")
    assert unemployment["row"] == "city.csv:2, city.csv:3"
    homicides = result_for(results, "Cluj", 2020, HOMICIDES)
    assert (homicides["status"], homicides["value"]) == ("invalid", None)
    assert homicides["message"] == (
        "Cluj, 2020, city.csv:4, city.csv:5: ISO37120:2018/15.5 cannot be computed: "
        "homicides is not usable"
    )
    pupils = result_for(results, "Cluj", 2020, "ISO37120:2018/6.4")
    assert pupils["message"].endswith("cannot be computed: primary_teachers_fte is not usable")
    assert result_for(results, "Cluj", 2020, TAX)["value"] == 100.0
    # 14 / 160 000 x 100 000 = 8.75 businesses per 100 000.
    arad = result_for(results, "Arad", 2020, "ISO37120:2018/5.5")
    assert (arad["value"], arad["status"], arad["row"]) == (8.75, "ok", "reported.csv:2")
    assert result_for(results, "Arad", 2020, UNEMPLOYMENT)["status"] == "missing"


def test_base_values_from_two_files_name_their_own_file() -> None:
    variables = pl.concat(
        [
            variables_frame([("Cluj", 2020, "unemployed_persons", "6000")], file="a.csv"),
            variables_frame([("Cluj", 2020, "labour_force", "150000")], file="b.csv"),
        ]
    )
    results, _findings = compute(variables=variables)
    assert result_for(results, "Cluj", 2020, UNEMPLOYMENT)["row"] == "a.csv:2, b.csv:2"


@pytest.mark.parametrize(
    ("reported", "codes"),
    [
        # 3 (2.5-3.5) over 100.00 (99.995-100.005) x 100 gives 2.49988 to 3.50018.
        ("3.5", []),  # 3.45-3.55 meets it
        ("3.6", ["reported_contradicts"]),  # 3.55-3.65 does not
        ("2.5", []),  # 2.45-2.55 meets it
        ("2.4", ["reported_contradicts"]),  # 2.35-2.45 does not
    ],
)
def test_a_reported_value_passes_when_its_rounding_meets_its_inputs(reported, codes) -> None:
    rows = [("Iasi", 2020, UNEMPLOYMENT, "3", "100.00", reported)]
    results, _findings = compute(reported=reported_frame(rows))
    assert (result_for(results, "Iasi", 2020, UNEMPLOYMENT)["message_codes"] or []) == codes


def test_numbers_given_as_numbers_are_taken_as_exact() -> None:
    # 3 942 / 84 942 x 100 = 4.64081: written as text, "4.64" stands for 4.635-4.645 and
    # passes; given as a number, 4.64 has no rounding to allow for, and contradicts.
    rows = reported_frame([("Melbourne", 2015, UNEMPLOYMENT, "3942", "84942", "4.64")])
    numbers = rows.with_columns(pl.col("numerator", "denominator", "value").cast(pl.Float64))
    results, _findings = compute(reported=numbers)
    row = result_for(results, "Melbourne", 2015, UNEMPLOYMENT)
    assert row["message_codes"] == ["reported_contradicts"]


def test_provenance_is_added_once_and_drops_the_working_columns() -> None:
    results, findings = compute(variables=variables_frame(CLUJ_2020))
    once = provenance(results)
    assert once.columns == [
        "city",
        "year",
        "indicator",
        "standard",
        "theme",
        "type",
        "unit",
        "better",
        "value",
        "currency",
        "status",
        "message",
        "numerator_variable",
        "numerator",
        "numerator_currency",
        "denominator_variable",
        "denominator",
        "denominator_currency",
        "multiplier",
        "reported_value",
        "computed_value",
        "message_codes",
        "row",
    ]
    assert provenance(once).equals(once)
    assert provenance(results.drop("city_year")).equals(once)
    # No input row has a finding here: the empty table still has the results' columns.
    assert findings.height == 0
    assert findings.columns == [*once.columns[:21], "row"]


def test_a_finding_names_the_indicator_or_the_variable_it_is_about() -> None:
    _results, findings = compute(
        variables=variables_frame([("Cluj", 2020, "populaton", "5")]),
        reported=reported_frame([("Cluj", 2020, "ISO37120:2018/99.9", "1", "2", "50")]),
    )
    assert findings.select("indicator", "variable", "message_codes").rows() == [
        (None, "populaton", ["unknown_variable"]),
        ("ISO37120:2018/99.9", None, ["unknown_indicator"]),
    ]


@settings(max_examples=40, deadline=None)
@given(
    unemployed=st.integers(min_value=0, max_value=10**6),
    extra=st.integers(min_value=0, max_value=10**6),
    decimals=st.integers(min_value=0, max_value=4),
    off_by=st.integers(min_value=2, max_value=50),
)
def test_a_value_rounded_from_its_own_inputs_passes_and_one_far_off_does_not(
    unemployed: int, extra: int, decimals: int, off_by: int
) -> None:
    labour_force = unemployed + extra + 1
    exact = unemployed / labour_force * 100
    # Written with `decimals` decimals, the rounded value stands for an interval that holds
    # the exact one: it always passes. Inputs written as whole numbers stand for +-0.5 each,
    # so the value they allow lies within (u + 0.5) / (l - 0.5) - u / l of the exact one,
    # 100 x (l + u) / (2 l (l - 0.5)) at most; a report `off_by` times that far, plus a unit
    # of its rounding, is contradicted.
    rounded = f"{exact:.{decimals}f}"
    allowed = 100 * (labour_force + unemployed) / (2 * labour_force * (labour_force - 0.5))
    far = f"{exact + off_by * allowed + 10.0**-decimals:.{decimals + 6}f}"
    rows = [
        ("A", 2020, UNEMPLOYMENT, str(unemployed), str(labour_force), rounded),
        ("B", 2020, UNEMPLOYMENT, str(unemployed), str(labour_force), far),
    ]
    results, _findings = compute(reported=reported_frame(rows))
    assert "reported_contradicts" not in (
        result_for(results, "A", 2020, UNEMPLOYMENT)["message_codes"] or []
    )
    assert "reported_contradicts" in (
        result_for(results, "B", 2020, UNEMPLOYMENT)["message_codes"] or []
    )
