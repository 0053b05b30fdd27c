"""Goalpost scores, peer z-scores and ranks, theme scores, the index and trends."""

import math
import sys
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import partial

import numpy as np
import polars as pl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from wsco.audits.engine import composite, parallel, scoring
from wsco.audits.engine.composite import IndexSettings, aggregate, composite_index
from wsco.audits.engine.prepare import one_value
from wsco.audits.engine.scoring import (
    _group_numbers,
    goalpost_scores,
    peer_scores,
    population_band,
    ranks_within_groups,
    trends,
)


def _results(
    values: dict[str, float], indicator: str = "I", better: str = "higher", theme: str = "T"
) -> pl.DataFrame:
    """One indicator's values for several cities in 2020."""
    return pl.DataFrame(
        {
            "city": list(values),
            "year": [2020] * len(values),
            "indicator": [indicator] * len(values),
            "theme": [theme] * len(values),
            "better": [better] * len(values),
            "value": list(values.values()),
            "status": ["ok"] * len(values),
            "peer_group": ["all"] * len(values),
        }
    )


def _goalposts(minimum: float, maximum: float, better: str) -> pl.DataFrame:
    return pl.DataFrame(
        {"indicator": ["I"], "min": [minimum], "max": [maximum], "better": [better]}
    )


def test_goalposts_scale_between_min_and_max() -> None:
    results = _results({"A": 25.0, "B": 120.0, "C": -5.0})
    higher = goalpost_scores(results, _goalposts(0, 100, "higher"))["score"].to_list()
    lower = goalpost_scores(results, _goalposts(0, 100, "lower"))["score"].to_list()
    # (25 - 0) / (100 - 0) x 100 = 25; beyond the goalposts the score is clipped to 0-100.
    assert higher == [25.0, 100.0, 0.0]
    # (100 - 25) / (100 - 0) x 100 = 75
    assert lower == [75.0, 0.0, 100.0]


@settings(max_examples=60, deadline=None)
@given(
    value=st.floats(-1e6, 1e6),
    minimum=st.floats(-1e3, 1e3),
    span=st.floats(1e-3, 1e4),
)
def test_flipping_the_better_direction_mirrors_the_score(
    value: float, minimum: float, span: float
) -> None:
    results = _results({"A": value})
    higher = goalpost_scores(results, _goalposts(minimum, minimum + span, "higher"))["score"][0]
    lower = goalpost_scores(results, _goalposts(minimum, minimum + span, "lower"))["score"][0]
    assert higher + lower == pytest.approx(100.0, abs=1e-9)


def test_peer_scores_within_group() -> None:
    frame = _results({"A": 2.0, "B": 4.0, "C": 6.0, "D": 8.0}, better="lower")
    scored = peer_scores(frame).sort("city")
    # Lower is better, so values are negated: -2, -4, -6, -8; mean -5, population sd sqrt(5).
    assert scored["z_score"].to_list() == pytest.approx(
        [3 / 5**0.5, 1 / 5**0.5, -1 / 5**0.5, -3 / 5**0.5]
    )
    # Ranks 4, 3, 2, 1 of 4 -> (rank - 1) / 3 x 100
    assert scored["percentile_rank"].to_list() == pytest.approx([100, 200 / 3, 100 / 3, 0])
    assert scored["minmax_score"].to_list() == pytest.approx([100, 200 / 3, 100 / 3, 0])


def test_peer_groups_are_scored_separately() -> None:
    frame = _results({"A": 1.0, "B": 3.0, "C": 100.0, "D": 300.0}).with_columns(
        pl.Series("peer_group", ["small", "small", "large", "large"])
    )
    assert peer_scores(frame)["percentile_rank"].to_list() == [0.0, 100.0, 0.0, 100.0]


def test_tied_values_share_their_average_rank() -> None:
    scored = peer_scores(_results({"A": 1.0, "B": 5.0, "C": 5.0, "D": 9.0})).sort("city")
    # B and C tie for ranks 2 and 3, so both rank 2.5: (2.5 - 1) / (4 - 1) x 100 = 50.
    assert scored["percentile_rank"].to_list() == [0.0, 50.0, 50.0, 100.0]


def test_cities_without_a_peer_group_are_scored_together() -> None:
    frame = _results({"A": 1.0, "B": 3.0, "C": 100.0, "D": 300.0}).with_columns(
        pl.Series("peer_group", [None, None, "large", "large"])
    )
    # A and B form their own group: ranks 1 and 2 of 2 -> 0 and 100; their mean is 2, their
    # population deviation 1, so z = -1 and 1.
    scored = peer_scores(frame)
    assert scored["percentile_rank"].to_list() == [0.0, 100.0, 0.0, 100.0]
    assert scored["z_score"].to_list()[:2] == [-1.0, 1.0]


@settings(max_examples=80, deadline=None)
@given(
    values=st.lists(
        st.tuples(
            st.integers(0, 3),
            st.sampled_from([0.0, -0.0, 1.5, -2.0, 7.0, float("inf"), float("-inf"), float("nan")])
            | st.floats(-1e3, 1e3),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_ranks_within_groups_are_polars_average_ranks(
    values: list[tuple[int, float]],
) -> None:
    groups = np.array([group for group, _value in values])
    numbers = np.array([value for _group, value in values])
    frame = pl.DataFrame({"group": groups, "value": numbers})
    expected = frame.select(pl.col("value").rank("average").over("group"))["value"].to_numpy()
    np.testing.assert_array_equal(ranks_within_groups(numbers, groups), expected)


def test_group_numbers_never_pass_the_number_of_rows() -> None:
    # Tables are counted by group number: 4,000 peer groups x 3 indicators x years 2000 to
    # 2999 would make 12 million numbers for 4,000 rows without renumbering.
    frame = pl.DataFrame(
        {
            "indicator": pl.Series(["a", "b", "c"] * 1333 + ["a"], dtype=pl.Enum(["a", "b", "c"])),
            "year": [2000 + row % 1000 for row in range(4000)],
            "peer_group": [f"group-{row}" for row in range(4000)],
        }
    )
    numbers = _group_numbers(frame, ["indicator", "year", "peer_group"])
    assert numbers.max() < frame.height
    assert len(np.unique(numbers)) == frame.unique().height


def test_ranks_within_large_groups_are_polars_average_ranks() -> None:
    # Groups this large are sorted one by one; values repeat, and some are NaN or -0.0.
    generator = np.random.default_rng(5)
    numbers = generator.choice([0.0, 1.0, 2.5, np.nan, np.inf], 3000) + np.repeat(
        generator.integers(0, 40, 300).astype(float), 10
    )
    numbers[::97] = -0.0
    groups = np.repeat([3, 1, 2], 1000)
    frame = pl.DataFrame({"group": groups, "value": numbers})
    expected = frame.select(pl.col("value").rank("average").over("group"))["value"].to_numpy()
    np.testing.assert_array_equal(ranks_within_groups(numbers, groups), expected)


def _polars_peer_scores(frame: pl.DataFrame) -> pl.DataFrame:
    """Peer scores as plain Polars window expressions: the reference the engine must match."""
    x = pl.col("value")
    group = ["year", "peer_group"]
    spread = x.max().over(group) - x.min().over(group)
    count = x.count().over(group)
    return frame.select(
        ((x - x.mean().over(group)) / x.std(ddof=0).over(group)).alias("z_score"),
        pl.when(count > 1)
        .then((x.rank("average").over(group) - 1) / (count - 1) * 100)
        .alias("percentile_rank"),
        pl.when(spread > 0).then((x - x.min().over(group)) / spread * 100).alias("minmax_score"),
    )


@settings(max_examples=60, deadline=None)
@example(values=[(0, 349526.1628079073)] * 3)  # equal values: no spread, so no z-score
@example(values=[(0, 349298.0), (0, 349294.0), (0, 349291.0)])  # large beside their spread
@example(values=[(0, 0.0), (0, 3.379962619838704e-222)])  # squared residuals underflow
@example(values=[(0, 0.0), (0, 2.3504878624822278e-157)])  # squared residuals are subnormal
@example(values=[(0, 0.0), (0, 0.0), (0, 2.225073858507e-311)])  # the values are subnormal
@example(values=[(0, 3e-320), (0, 0.0), (0, 5e-324)])  # a few digits left: the smallest floats
@example(values=[(0, -1e300), (0, 1e300), (0, 1.0)])  # the spread overflows
@example(values=[(0, 0.0), (0, 5e-311), (2, 1.0), (2, 4.0)])  # ...beside an everyday group
@example(values=[(0, 1.0), (0, 4.0), (2, 0.0), (2, 5e-311)])  # ...either way round
@given(
    values=st.lists(
        st.tuples(
            st.integers(0, 3),
            st.sampled_from([0.0, -0.0, 1.5, 7.0, float("inf"), float("-inf"), float("nan")])
            | st.floats(-1e6, 1e6)
            | st.none(),
        ),
        min_size=1,
        max_size=60,
    )
)
def test_peer_scores_match_polars_ranks_and_exact_z_scores(
    values: list[tuple[int, float | None]],
) -> None:
    frame = pl.DataFrame(
        {
            "city": [f"city {number}" for number in range(len(values))],
            "year": [2020 + group % 2 for group, _value in values],
            "indicator": ["I"] * len(values),
            "better": ["higher"] * len(values),
            "value": [value for _group, value in values],
            "status": ["ok"] * len(values),
            "peer_group": [None if group == 3 else str(group // 2) for group, _value in values],
        },
        schema_overrides={"value": pl.Float64},
    )
    scored, expected = peer_scores(frame), _polars_peer_scores(frame)
    # Ranks and min-max scores are the same as Polars' to the last digit.
    for name in ("percentile_rank", "minmax_score"):
        assert scored[name].equals(expected[name], null_equal=True), name
    # z-scores are checked against exact arithmetic where the group's values are finite:
    # Polars' one-pass mean and deviation lose digits when the values are large beside their
    # spread, so they are no reference there. Centring costs a few units in the last place of
    # the mean, so the bound grows with the mean over the deviation (the problem's condition).
    exact = _exact_z_scores(frame)
    got, want = scored["z_score"].to_list(), expected["z_score"].to_list()
    for row, (engine, polars, reference) in enumerate(zip(got, want, exact, strict=True)):
        if reference is None:
            # No value, or a group with an infinite or NaN value: IEEE rules decide, as in Polars.
            assert (engine is None) == (polars is None), row
            if engine is not None:
                assert math.isnan(engine) == math.isnan(polars), row
                assert math.isnan(engine) or engine == polars, row
            continue
        z, condition = reference
        if math.isnan(z):
            assert math.isnan(engine), row  # no spread: the deviation is 0 and so is x - mean
        else:
            bound = 8 * sys.float_info.epsilon * (condition + abs(z) + 1)
            assert abs(engine - z) <= bound, (row, engine, z)


def _exact_z_scores(frame: pl.DataFrame) -> list[tuple[float, float] | None]:
    """Return each row's z-score worked out exactly, with its group's |mean| / deviation.

    Means and squared deviations are summed as fractions and the square root taken to 40
    digits; rows without a value, or in a group with an infinite or NaN value, get None.
    """
    groups: dict[tuple, list[int]] = {}
    for row, key in enumerate(zip(frame["year"], frame["peer_group"], strict=True)):
        groups.setdefault(key, []).append(row)
    values = frame["value"].to_list()
    exact: list[tuple[float, float] | None] = [None] * frame.height
    for rows in groups.values():
        present = [row for row in rows if values[row] is not None]
        if not present or not all(math.isfinite(values[row]) for row in present):
            continue
        numbers = [Fraction(values[row]) for row in present]
        mean = sum(numbers) / len(numbers)
        variance = sum((number - mean) ** 2 for number in numbers) / len(numbers)
        with localcontext() as context:
            context.prec = 40
            deviation = (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()
            for row, number in zip(present, numbers, strict=True):
                if deviation == 0:
                    exact[row] = (math.nan, math.inf)
                    continue
                centred = Decimal((number - mean).numerator) / Decimal((number - mean).denominator)
                condition = abs(Decimal(mean.numerator) / Decimal(mean.denominator)) / deviation
                exact[row] = (float(centred / deviation), float(condition))
    return exact


def test_population_bands_follow_oecd_size_classes() -> None:
    frame = pl.DataFrame({"p": [49_999, 50_000, 250_000, 1_000_000, 2_000_000]})
    assert frame.select(population_band(pl.col("p")).alias("band"))["band"].to_list() == [
        "under 50 000",
        "50 000-200 000",
        "200 000-500 000",
        "500 000-1 500 000",
        "1 500 000 and more",
    ]


def test_arithmetic_and_geometric_aggregation_by_hand() -> None:
    scores = np.array([[10.0, 40.0], [np.nan, 50.0], [0.0, 100.0]])
    weights = np.array([0.5, 0.5])
    # (10 + 40) / 2 = 25; a missing theme is left out and the weights renormalised: 50.
    assert aggregate(scores, weights, "arithmetic").tolist() == [25.0, 50.0, 50.0]
    # sqrt(10 x 40) = 20; 0 is floored at 1 before the geometric mean: sqrt(1 x 100) = 10.
    assert aggregate(scores, weights, "geometric").tolist() == pytest.approx([20.0, 50.0, 10.0])


def _two_theme_results() -> pl.DataFrame:
    rows = []
    for city, economy, water in (("A", 90.0, 10.0), ("B", 50.0, 60.0), ("C", 20.0, 5.0)):
        rows += [(city, "Economy", economy), (city, "Water", water)]
    return pl.DataFrame(
        {
            "city": [row[0] for row in rows],
            "year": [2020] * 6,
            "theme": [row[1] for row in rows],
            "indicator": [row[1] for row in rows],
            "score": [row[2] for row in rows],
            "status": ["ok"] * 6,
        }
    )


def test_index_with_equal_and_chosen_weights() -> None:
    results = _two_theme_results()
    equal = composite_index(results, IndexSettings("goalposts"), draws=0).sort("city")
    # A (90 + 10) / 2 = 50, B (50 + 60) / 2 = 55, C (20 + 5) / 2 = 12.5
    assert equal["index"].to_list() == [50.0, 55.0, 12.5]
    assert equal["rank"].to_list() == [2, 1, 3]
    weighted = composite_index(
        results, IndexSettings("goalposts", weights={"Economy": 3, "Water": 1}), draws=0
    ).sort("city")
    # A 0.75 x 90 + 0.25 x 10 = 70; B 0.75 x 50 + 0.25 x 60 = 52.5; C 0.75 x 20 + 0.25 x 5 = 16.25
    assert weighted["index"].to_list() == [70.0, 52.5, 16.25]


def test_monte_carlo_rank_interval_is_seeded_and_brackets_the_median() -> None:
    results = _two_theme_results()
    first = composite_index(results, IndexSettings("goalposts"), draws=300, seed=7)
    again = composite_index(results, IndexSettings("goalposts"), draws=300, seed=7)
    assert first.equals(again)
    for low, median, high in first.select("rank_low", "rank_median", "rank_high").iter_rows():
        assert 1 <= low <= median <= high <= 3
    # C is last on both themes, so no weighting can lift it: its interval is exactly 3-3.
    c_row = first.filter(pl.col("city") == "C").row(0, named=True)
    assert (c_row["rank_low"], c_row["rank_high"]) == (3, 3)


def test_cities_that_tie_rank_in_the_order_they_come() -> None:
    # Forty cities, alternately scoring 50 and 30 on both themes.
    scores = {f"city {number:02d}": 50.0 if number % 2 == 0 else 30.0 for number in range(40)}
    cities = [city for city in scores for _theme in ("Economy", "Water")]
    results = pl.DataFrame(
        {
            "city": cities,
            "year": [2020] * 80,
            "theme": ["Economy", "Water"] * 40,
            "indicator": ["Economy", "Water"] * 40,
            "score": [scores[city] for city in cities],
            "status": ["ok"] * 80,
        }
    )
    index = composite_index(results, IndexSettings("goalposts"), draws=50, seed=1).sort("city")
    # Equal scores give an equal index under any weights and aggregation, so in every draw
    # tied cities rank in the order they come: city 00, 02 ... 38 take ranks 1 to 20, and
    # city 01, 03 ... 39 ranks 21 to 40.
    expected = [
        number // 2 + 1 if number % 2 == 0 else 20 + number // 2 + 1 for number in range(40)
    ]
    assert index["rank"].to_list() == expected
    assert index["rank_low"].to_list() == index["rank_high"].to_list() == expected


def test_index_is_the_same_whether_rows_carry_a_city_year_key_or_not() -> None:
    results = _two_theme_results()
    # Computed rows carry the engine's city-year key (cities numbered alphabetically);
    # rows read back from a results file do not.
    keyed = results.with_columns(
        (pl.col("city").replace_strict({"A": 0, "B": 1, "C": 2}) * 1024 + 220)
        .cast(pl.UInt64)
        .alias("city_year")
    )
    settings = IndexSettings("goalposts", aggregation="geometric")
    assert composite_index(keyed, settings, draws=40, seed=3).equals(
        composite_index(results, settings, draws=40, seed=3)
    )


def test_index_from_enumerated_themes_is_the_same_with_the_key_or_without() -> None:
    # Computed rows name their themes by an enumeration, and the index reads their codes.
    results = _two_theme_results().with_columns(
        pl.col("theme").cast(pl.Enum(["Water", "Economy", "Unused"])),
        (pl.col("city").replace_strict({"A": 0, "B": 1, "C": 2}) * 1024 + 220)
        .cast(pl.UInt64)
        .alias("city_year"),
    )
    for aggregation in ("arithmetic", "geometric"):
        settings = IndexSettings("goalposts", aggregation=aggregation, weights={"Water": 2})
        assert composite_index(results, settings, draws=40, seed=3).equals(
            composite_index(results.drop("city_year"), settings, draws=40, seed=3)
        )


def test_trends_give_slope_change_and_direction() -> None:
    frame = pl.DataFrame(
        {
            "city": ["A"] * 3,
            "year": [2018, 2019, 2020],
            "indicator": ["I"] * 3,
            "better": ["lower"] * 3,
            "value": [10.0, 8.0, 6.0],
            "status": ["ok"] * 3,
        }
    )
    trend = trends(frame).row(0, named=True)
    # Least squares slope of 10, 8, 6 over three years is -2 per year; -40 % is an improvement
    # when lower is better.
    assert trend["slope_per_year"] == pytest.approx(-2.0)
    assert trend["change_percent"] == pytest.approx(-40.0)
    assert trend["direction"] == "improving"


def test_an_index_on_goalposts_without_goalpost_scores_says_what_is_missing() -> None:
    scored = peer_scores(_results({"A": 1.0, "B": 2.0}))
    with pytest.raises(ValueError, match="needs goalpost scores"):
        composite_index(scored, IndexSettings("goalposts"), draws=0)
    by_rank = composite_index(scored, IndexSettings("percentile"), draws=0)
    assert by_rank.sort("city")["rank"].to_list() == [2, 1]  # B's 2.0 ranks first.


@pytest.mark.parametrize("groups", [3, 400])
def test_peer_scores_are_the_same_however_the_groups_are_split(monkeypatch, groups) -> None:
    # 3 groups of 1,000 values are sorted one by one; 400 groups of 7 or 8, all at once. Each
    # span of groups is worked on alone, so the spans must not change a single digit.
    generator = np.random.default_rng(11)
    frame = pl.DataFrame(
        {
            "city": [f"city {number}" for number in range(3000)],
            "year": 2020,
            "indicator": "I",
            "better": generator.choice(["higher", "lower"], 3000),
            "value": generator.choice([1.0, 2.5, np.nan], 3000) + generator.normal(0, 9, 3000),
            "status": "ok",
            "peer_group": generator.integers(0, groups, 3000).astype(str),
        }
    )
    figures = {}
    for parts in (1, 3):
        monkeypatch.setattr(scoring, "spans", partial(parallel.spans, parts=parts))
        figures[parts] = peer_scores(frame)
    assert figures[1].equals(figures[3], null_equal=True)


def test_index_is_the_same_however_the_years_are_split(monkeypatch) -> None:
    # Five years (one of them missing) of 40 cities; each span of years is ranked alone, with
    # the draws made beforehand in the years' order, so the spans change nothing.
    generator = np.random.default_rng(3)
    rows = 40 * 5 * 3
    frame = pl.DataFrame(
        {
            "city": np.repeat([f"city {number}" for number in range(40)], 15),
            "year": np.tile(np.repeat([2019, 2020, 2021, 2022, -1], 3), 40),
            "theme": np.tile(["T1", "T2", "T3"], rows // 3),
            "indicator": np.tile(["I1", "I2", "I3"], rows // 3),
            "status": "ok",
            "score": generator.uniform(0, 100, rows),
            "minmax_score": generator.uniform(0, 100, rows),
            "percentile_rank": generator.uniform(0, 100, rows),
        }
    ).with_columns(pl.when(pl.col("year") > 0).then(pl.col("year")).alias("year"))
    indexes = {}
    for parts in (1, 3):
        monkeypatch.setattr(composite, "spans", partial(parallel.spans, parts=parts))
        indexes[parts] = composite_index(
            frame, IndexSettings("goalposts"), draws=30, normalisations=["minmax", "percentile"]
        )
    assert indexes[1].equals(indexes[3], null_equal=True)
    assert indexes[1].filter(pl.col("year").is_null())["rank"].null_count() == 40
    assert indexes[1].filter(pl.col("year") == 2019)["rank"].sort().to_list() == list(range(1, 41))


def test_one_peer_group_is_told_from_several() -> None:
    frame = pl.DataFrame({"text": ["a", "a", "b"], "number": [1.0, 1.0, float("nan")]})
    frame = frame.with_columns(pl.lit("all").alias("constant"), pl.lit(None).alias("none"))
    assert one_value(frame, "constant")[0]
    assert one_value(frame, "constant") == (True, "all")
    assert one_value(frame, "none")[0]
    assert not one_value(frame, "text")[0]
    # min and max skip NaN: a float column's NaNs are counted as well.
    assert not one_value(frame, "number")[0]
    assert not one_value(frame.with_columns(pl.lit("x").alias("text")).clear(), "text")[0]
    with_null = pl.DataFrame({"group": ["a", None, "a"]})
    assert not one_value(with_null, "group")[0]


def _two_indicators(indicator_type: pl.DataType) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "city": ["A", "B", "C", "D"],
            "year": [2020] * 4,
            "indicator": pl.Series(["I", "I", "I", "J"]).cast(indicator_type),
            "better": ["higher"] * 4,
            "value": [20.0, 5.0, 40.0, 20.0],
            "status": ["ok", "ok", "ok", "invalid"],
        }
    )


@pytest.mark.parametrize("indicator_type", [pl.String, pl.Enum(["I", "J", "K"])])
def test_goalposts_from_a_non_zero_minimum_are_clipped_to_0_and_100(indicator_type) -> None:
    goalposts = pl.DataFrame(
        {
            "indicator": ["I", "J", "unknown"],
            "min": [10.0, 0.0, 0.0],
            "max": [30.0, 50.0, 1.0],
            "better": ["higher", "lower", "higher"],
        }
    )
    scored = goalpost_scores(_two_indicators(indicator_type), goalposts)
    # (20 - 10) / (30 - 10) x 100 = 50; 5 is below the minimum (0), 40 above the maximum
    # (100); D's value is invalid, so it gets no score. A goalpost for an indicator the
    # results do not have is left unused.
    assert scored["score"].to_list() == [50.0, 0.0, 100.0, None]
    assert scored["goal_better"].to_list() == ["higher", "higher", "higher", "lower"]


def test_z_scores_become_t_scores_on_the_0_100_scale() -> None:
    frame = pl.DataFrame({"z_score": [-6.0, -1.0, 0.0, 1.5, 6.0]})
    # 50 + 10 z, clipped: -6 -> -10 -> 0; -1 -> 40; 0 -> 50; 1.5 -> 65; 6 -> 110 -> 100.
    t_scores = frame.select(scoring.normalised(frame, "zscore")).to_series().to_list()
    assert t_scores == [0.0, 40.0, 50.0, 65.0, 100.0]


def test_goalposts_one_apart_score_and_equal_ones_do_not() -> None:
    goalposts = pl.DataFrame(
        {"indicator": ["I", "J"], "min": [0.0, 5.0], "max": [1.0, 5.0], "better": ["higher"] * 2}
    )
    results = _two_indicators(pl.String).with_columns(
        pl.Series("value", [0.5, 0.25, 2.0, 5.0]), pl.lit("ok").alias("status")
    )
    # (0.5 - 0) / (1 - 0) x 100 = 50, 25, and 2 is above the maximum: 100. J's goalposts are
    # equal, so its value cannot be placed between them.
    assert goalpost_scores(results, goalposts)["score"].to_list() == [50.0, 25.0, 100.0, None]


def test_theme_scores_are_sorted_means_without_the_key() -> None:
    results = pl.DataFrame(
        {
            "city_year": pl.Series([1, 1, 1, 0], dtype=pl.UInt64),
            "city": ["B", "B", "B", "A"],
            "year": [2020] * 4,
            "theme": ["Water", "Economy", "Economy", "Water"],
            "score": [30.0, 60.0, None, 80.0],
        }
    )
    themes = scoring.theme_scores(results, ["goalposts"])
    # B's Economy: the mean of 60 and no score is 60.
    expected = [
        ("A", 2020, "Water", 80.0),
        ("B", 2020, "Economy", 60.0),
        ("B", 2020, "Water", 30.0),
    ]
    assert themes.rows() == expected
    # Rows read back from a results file carry no key: the same means.
    assert scoring.theme_scores(results.drop("city_year"), ["goalposts"]).rows() == expected


def test_group_numbers_tell_apart_every_combination_of_their_columns() -> None:
    frame = pl.DataFrame(
        {
            "year": [2020, 2020, 2021, 2021, 2020],
            "peer_group": ["x", "y", "x", "y", "y"],
            "share": [0.5, 0.5, 0.25, 0.25, 0.5],
            "nothing": pl.Series([None] * 5, dtype=pl.String),
        }
    )
    for columns in (["year", "peer_group"], ["peer_group", "share", "year"]):
        numbers = _group_numbers(frame, [*columns, "nothing"])
        # Rows 1 and 4 are the same combination; the other three each one of their own.
        assert numbers[1] == numbers[4]
        assert len(set(numbers[[0, 1, 2, 3]].tolist())) == 4
    assert _group_numbers(frame, ["nothing"]).tolist() == [0] * 5
    by_share = _group_numbers(frame, ["share", "peer_group"])
    assert by_share[1] == by_share[4]
    assert len(set(by_share[[0, 1, 2, 3]].tolist())) == 4


def _trend_rows(values: list[float], years: list[int], better: str = "higher") -> pl.DataFrame:
    return pl.DataFrame(
        {
            "city": ["A"] * len(values),
            "year": years,
            "indicator": ["I"] * len(values),
            "better": [better] * len(values),
            "value": values,
            "status": ["ok"] * len(values),
        }
    )


@pytest.mark.parametrize(
    ("values", "direction"),
    [
        ([100.0, 101.0], "improving"),  # +1 %: the smallest change that is not stable
        ([100.0, 100.5], "stable"),  # +0.5 %
        ([0.0, 0.0], "stable"),  # no change from 0 (0 / 0): stable, not a change
        ([100.0, 99.0], "worsening"),
    ],
)
def test_a_trend_is_stable_below_one_per_cent_of_change(values, direction) -> None:
    trend = trends(_trend_rows(values, [2019, 2020])).row(0, named=True)
    assert trend["direction"] == direction


def test_a_single_year_has_no_trend() -> None:
    assert trends(_trend_rows([5.0], [2020])).height == 0
    # 10, 12, 17 over 2018-2020: slope ((-1)(-3) + 0 + (1)(4)) / 2 = 3.5 a year, +70 %.
    trend = trends(_trend_rows([10.0, 12.0, 17.0], [2018, 2019, 2020])).row(0, named=True)
    assert (trend["years"], trend["slope_per_year"]) == (3, 3.5)
    assert trend["change_percent"] == pytest.approx(70.0)
