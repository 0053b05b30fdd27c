"""Certification levels by completeness, WCCD's rules for 2014 and their analogues."""

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.engine.levels import LEVELS_WITH_CLASSES, NO_LEVEL, level_for, levels, thresholds

LADDER = [NO_LEVEL, "Aspirational", "Bronze", "Silver", "Gold", "Platinum"]


def test_iso37120_2014_thresholds_are_wccd_counts() -> None:
    # WCCD (reference README): Aspirational 30-45 core; Bronze 46 core + 0-13 supporting;
    # Silver 46 + 14-29; Gold 46 + 30-44; Platinum 46 + 45-54.
    rule = thresholds("ISO37120:2014")
    assert (rule.core_total, rule.supporting_total) == (46, 54)
    assert rule.ladder == [
        ("Platinum", 46, 45),
        ("Gold", 46, 30),
        ("Silver", 46, 14),
        ("Bronze", 46, 0),
        ("Aspirational", 30, 0),
    ]


def test_wccd_examples_at_the_edges_of_each_level() -> None:
    rule = thresholds("ISO37120:2014")
    assert level_for(29, 54, rule) == NO_LEVEL  # too few core, whatever the supporting
    assert level_for(30, 0, rule) == "Aspirational"
    assert level_for(45, 54, rule) == "Aspirational"  # one core short of Bronze
    assert level_for(46, 13, rule) == "Bronze"
    assert level_for(46, 14, rule) == "Silver"
    assert level_for(46, 29, rule) == "Silver"
    assert level_for(46, 30, rule) == "Gold"
    assert level_for(46, 44, rule) == "Gold"
    assert level_for(46, 45, rule) == "Platinum"


def test_iso37120_2018_uses_the_same_shares_of_its_own_counts() -> None:
    rule = thresholds("ISO37120:2018")
    core, supporting = rule.core_total, rule.supporting_total
    assert (core, supporting) == (49, 55)  # as the catalogue classes them today
    # 30/46 of 49 core = 31.96 -> 32; 14/54 of 55 = 14.26 -> 15; 30/54 -> 31; 45/54 -> 46.
    assert rule.ladder == [
        ("Platinum", 49, 46),
        ("Gold", 49, 31),
        ("Silver", 49, 15),
        ("Bronze", 49, 0),
        ("Aspirational", 32, 0),
    ]


def test_editions_without_classes_count_all_indicators() -> None:
    rule = thresholds("ISO37122:2019")
    # 80 indicators; WCCD's cumulative 30/46/60/76/91 of 100 give
    # 24, 37 (36.8 rounded up), 48, 61 (60.8), 73 (72.8).
    assert [count for _level, count, _zero in rule.ladder] == [73, 61, 48, 37, 24]
    assert level_for(0, 48, rule) == "Silver"


def test_levels_table_counts_ok_and_warning_values_only() -> None:
    standard = "ISO37120:2014"
    indicators = load_catalogue().for_standard(standard)
    core = [indicator.key for indicator in indicators if indicator.type == "core"]
    supporting = [indicator.key for indicator in indicators if indicator.type == "supporting"]
    statuses = ["ok"] * 46 + ["warning"] * 14 + ["invalid"] * 5 + ["missing"] * 35
    results = pl.DataFrame(
        {
            "city": ["Cluj"] * 100,
            "year": [2020] * 100,
            "indicator": core + supporting,
            "type": ["core"] * 46 + ["supporting"] * 54,
            "status": statuses,
        }
    )
    table = levels(results, standard)
    # 46 core ok, 14 supporting with warnings count; invalid and missing do not: Silver.
    assert table.select("core", "supporting", "level").row(0) == (46, 14, "Silver")


@settings(max_examples=80, deadline=None)
@given(
    standard=st.sampled_from(["ISO37120:2014", "ISO37120:2018", "ISO37122:2019", "ISO37123:2019"]),
    core=st.integers(0, 60),
    supporting=st.integers(0, 90),
    add_core=st.booleans(),
)
def test_adding_an_indicator_never_lowers_a_level(
    standard: str, core: int, supporting: int, add_core: bool
) -> None:
    rule = thresholds(standard)
    before = level_for(core, supporting, rule)
    after = level_for(core + add_core, supporting + (not add_core), rule)
    assert LADDER.index(after) >= LADDER.index(before)


def test_ladder_shares_are_ordered_best_first() -> None:
    shares = [(core, supporting) for _level, core, supporting in LEVELS_WITH_CLASSES]
    assert shares == sorted(shares, reverse=True)


def _ok_rows(city: str, keys: list[str], types: list[str]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "city": [city] * len(keys),
            "year": [2020] * len(keys),
            "indicator": keys,
            "type": types,
            "status": ["ok"] * len(keys),
        }
    )


@pytest.mark.parametrize(("count", "level"), [(23, NO_LEVEL), (24, "Aspirational"), (37, "Bronze")])
def test_an_edition_without_classes_levels_the_count_of_all_its_indicators(count, level) -> None:
    # ISO 37122: 24 of 80 indicators are Aspirational, 37 Bronze (see the thresholds above).
    keys = [indicator.key for indicator in load_catalogue().for_standard("ISO37122:2019")]
    table = levels(_ok_rows("Cluj", keys[:count], ["indicator"] * count), "ISO37122:2019")
    assert table.select("core", "supporting", "level").row(0) == (0, count, level)


def test_profile_indicators_are_counted_apart_and_never_for_a_level() -> None:
    indicators = load_catalogue().for_standard("ISO37120:2018")
    profile = [indicator.key for indicator in indicators if indicator.type == "profile"]
    core = [indicator.key for indicator in indicators if indicator.type == "core"]
    rows = _ok_rows("Cluj", profile + core[:3], ["profile"] * 24 + ["core"] * 3)
    assert levels(rows, "ISO37120:2018").select("core", "supporting", "profile", "level").row(
        0
    ) == (3, 0, 24, NO_LEVEL)


@pytest.mark.parametrize("earlier_rows", [1, 2])
def test_computed_rows_and_rows_read_back_are_levelled_by_city(earlier_rows) -> None:
    # Cluj's rows carry the engine's city-year key; Arad's and Iasi's, read from an earlier
    # results file, have none (one row each, or two): each city keeps its own counts.
    standard = "ISO37120:2014"
    core = [i.key for i in load_catalogue().for_standard(standard) if i.type == "core"]
    computed = _ok_rows("Cluj", core[:30], ["core"] * 30).with_columns(
        pl.lit(5 * 1024 + 220, dtype=pl.UInt64).alias("city_year")
    )
    read_back = [
        _ok_rows(city, core[:earlier_rows], ["core"] * earlier_rows) for city in ("Arad", "Iasi")
    ]
    table = levels(pl.concat([computed, *read_back], how="diagonal"), standard)
    assert table.select("city", "core", "level").rows() == [
        ("Arad", earlier_rows, NO_LEVEL),
        ("Cluj", 30, "Aspirational"),
        ("Iasi", earlier_rows, NO_LEVEL),
    ]
