"""Scores: goalposts, peer z-scores and percentile ranks, theme scores, an index, trends."""

import itertools
from functools import partial

import numpy as np
import polars as pl

from wsco.audits.engine.parallel import WORKERS, spans, together
from wsco.audits.engine.prepare import one_value

# Population bands after the OECD's city size classes (OECD, "Redefining 'Urban'", 2012):
# small urban areas 50-200 thousand, medium-sized 200-500 thousand, metropolitan 0.5-1.5
# million, large metropolitan 1.5 million and more; below 50 thousand is a town.
POPULATION_BANDS: list[tuple[float, str]] = [
    (50_000, "under 50 000"),
    (200_000, "50 000-200 000"),
    (500_000, "200 000-500 000"),
    (1_500_000, "500 000-1 500 000"),
    (float("inf"), "1 500 000 and more"),
]
PEER_SCORES = ["z_score", "percentile_rank", "minmax_score"]
NORMALISATIONS = ["goalposts", "minmax", "percentile", "zscore"]
AGGREGATIONS = ["arithmetic", "geometric"]
# A geometric mean needs positive parts: scores are floored at 1 of 100 (OECD/JRC Handbook on
# Constructing Composite Indicators, 2008, section 6.2: geometric aggregation needs x > 0).
GEOMETRIC_FLOOR = 1.0
# Relative change over the period below which a trend counts as stable.
STABLE_CHANGE = 0.01


def population_band(population: pl.Expr) -> pl.Expr:
    """Return the OECD size class of a population."""
    expression = pl.lit(None, dtype=pl.String)
    for upper, label in reversed(POPULATION_BANDS):
        expression = pl.when(population < upper).then(pl.lit(label)).otherwise(expression)
    return expression


def goalpost_scores(results: pl.DataFrame, goalposts: pl.DataFrame) -> pl.DataFrame:
    """Add `score` (0-100) from each indicator's Min, Max and better direction.

    score = (x - Min) / (Max - Min) x 100 when higher is better and (Max - x) / (Max - Min) x 100
    when lower is better, clipped to 0-100 (the public dashboard rule in the reference README).
    """
    table = goalposts.select(
        pl.col("indicator").cast(results.schema["indicator"], strict=False),
        pl.col("min").alias("goal_min"),
        pl.col("max").alias("goal_max"),
        pl.col("better").alias("goal_better"),
    )
    span = pl.col("goal_max") - pl.col("goal_min")
    rising = (pl.col("value") - pl.col("goal_min")) / span * 100
    score = pl.when(pl.col("goal_better") == "lower").then(100 - rising).otherwise(rising)
    usable = usable_status(pl.col("status")) & (span != 0)
    goals = _goals_by_row(results, table)
    if goals is None:
        # Repeated goalposts repeat their rows, as a join does.
        joined = results.join(table, on="indicator", how="left")
        return joined.with_columns(pl.when(usable).then(score.clip(0, 100)).alias("score")).drop(
            "goal_min", "goal_max"
        )
    scored = goals.hstack(results.select("value", "status")).select(
        "goal_better", pl.when(usable).then(score.clip(0, 100)).alias("score")
    )
    return results.hstack(scored)


def _goals_by_row(results: pl.DataFrame, table: pl.DataFrame) -> pl.DataFrame | None:
    """Return each row's goalposts, gathered by its indicator's code; None if that cannot be.

    A left join of the few goalposts would gather every column of the results again; an
    enumerated indicator's code is the row of a table with one row per category instead.
    A single goalpost, or a single category, is left to the join: Polars broadcasts one row
    as a constant and divides by a constant as by its reciprocal, so gathering it as a
    column would change the last digits of the scores.
    """
    indicator = results.schema["indicator"]
    if (
        not isinstance(indicator, pl.Enum)
        # Either way gives the same scores (the join is the gather's fallback): these limits
        # only keep a single goalpost or category on the join, to keep its last digits.
        or table.height < 2  # pragma: no mutate
        or indicator.categories.len() < 2  # pragma: no mutate
        or table["indicator"].drop_nulls().is_duplicated().any()
    ):
        return None
    categories = pl.DataFrame({"indicator": indicator.categories}).cast({"indicator": indicator})
    by_code = categories.join(table, on="indicator", how="left", maintain_order="left")
    return by_code.drop("indicator")[results["indicator"].to_physical()]  # pragma: no mutate


def _direction(results: pl.DataFrame) -> pl.Expr:
    """Return each row's better direction: the goalposts' when given, else the catalogue's."""
    if "goal_better" in results.columns:
        return pl.coalesce(pl.col("goal_better"), pl.col("better"))
    return pl.col("better")


def peer_scores(results: pl.DataFrame) -> pl.DataFrame:
    """Add z-score, percentile rank and min-max score within each indicator, year and peer group.

    Each is oriented so that higher is better; indicators with no better direction get none.
    """
    group = ["indicator", "year", "peer_group"]
    if one_value(results, "peer_group")[0]:
        group = ["indicator", "year"]  # one peer group: no need to number its name on every row
    usable = usable_status(pl.col("status")) & pl.col("value").is_not_null()
    direction = _direction(results)
    oriented = pl.when(direction == "lower").then(-pl.col("value")).otherwise(pl.col("value"))
    directed = direction.is_in(["higher", "lower"])
    x = results.select(pl.when(usable & directed).then(oriented)).to_series()
    # A row without a value gets no score whatever its group's figures, so the scores are
    # worked out for the rows with a value only and written straight to their rows.
    with_value = np.flatnonzero(x.is_not_null().to_numpy())
    numbers = _group_numbers(results, group, with_value)
    scores = _scores_within_groups(
        x.gather(with_value).to_numpy(), numbers, with_value, results.height
    )
    columns = {}
    for name, (values, valid) in scores.items():
        columns[name], columns[f"_{name}"] = values, valid
    placed = pl.DataFrame(columns).select(
        pl.when(f"_{name}").then(name).alias(name) for name in scores
    )
    return results.hstack(placed)


def usable_status(status: pl.Expr) -> pl.Expr:
    """Say whether a status is one whose value can be used: ok or warning.

    Two comparisons read the short texts where they are stored, in each row's view, which
    is about twice as fast as a membership test that hashes them.
    """
    return (status == "ok") | (status == "warning")


def _group_numbers(
    frame: pl.DataFrame, columns: list[str], rows: np.ndarray | None = None
) -> np.ndarray:
    """Number each row's group of `columns` from 0 (a null is a value of its own).

    Each column's values are numbered on their own (an enumeration's codes, an integer's offset
    from the smallest, or a dense rank) and the numbers combined in place, so no rows are
    hashed. With `rows` (positions), only those rows are numbered, in that order.
    """
    height = frame.height if rows is None else len(rows)
    # `size` only decides when the numbers are renumbered, which keeps every group apart.
    numbers, size = np.zeros(height, dtype=np.int64), 1  # pragma: no mutate
    for name in columns:
        codes, count = _value_numbers(frame[name])
        numbers *= count
        numbers += codes if rows is None else codes[rows]
        size *= count
        if size > max(height, 1):  # pragma: no mutate
            # More combinations than rows: number the ones that occur, so that the tables
            # counted by group number (`np.bincount`) stay no longer than the rows.
            numbers = np.unique(numbers, return_inverse=True)[1].astype(np.int64)
            size = int(numbers.max(initial=-1)) + 1  # pragma: no mutate
    return numbers


def _value_numbers(column: pl.Series) -> tuple[np.ndarray, int]:
    """Number a column's values from 0 (a null after them); return them and how many there are."""
    nulls = column.null_count()
    if nulls == column.len():
        return np.zeros(column.len(), dtype=np.int64), 1
    if column.dtype == pl.String:
        column = column.cast(pl.Categorical)
    if isinstance(column.dtype, pl.Enum):
        physical, count = column.to_physical(), column.dtype.categories.len()
    elif isinstance(column.dtype, pl.Categorical):
        physical = column.to_physical()
        count = physical.max() + 1
    elif column.dtype.is_integer() and column.max() - column.min() < column.len():
        # Codes shifted by a constant keep every group apart as well.
        physical = column - column.min()  # pragma: no mutate
        count = column.max() - column.min() + 1
    else:
        physical = column.rank("dense") - 1  # pragma: no mutate (shifted codes: the same groups)
        count = physical.max() + 1
    if nulls:
        return physical.cast(pl.Int64).fill_null(count).to_numpy(), count + 1
    return physical.to_numpy(), count


def _scores_within_groups(
    x: np.ndarray, numbers: np.ndarray, rows: np.ndarray, height: int
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Return the z-score, percentile rank and min-max score of each value within its group.

    Value `i` is row `rows[i]` of the `height` rows returned; each score comes with where it
    is defined (never at the rows without a value). The values are sorted by group and value
    once, as the ranks need them, so each group is a contiguous run: the groups' figures and
    ranks are worked out in spans of whole groups, side by side, and the scores then in row
    order, in spans of rows, from the few groups' figures.
    """
    order, ordered, group_starts = _order_within_groups(x, numbers)
    counts = np.diff(group_starts, append=len(x))
    ends = [*group_starts[1:].tolist(), len(x)]
    figures = np.empty((5, len(group_starts)))  # mean, deviation, min, spread, exponent
    rank = np.empty(len(x))

    def groups(first: int, last: int) -> None:
        start, end = int(group_starts[first]), ends[last - 1]
        starts = group_starts[first:last] - start
        figures[:, first:last] = _group_figures(ordered[start:end], starts)
        rank[order[start:end]] = _ranks_in_order(ordered[start:end], starts)

    together(*(partial(groups, first, last) for first, last in spans(group_starts, len(x))))
    mean, deviation, low, spread, exponent = figures
    scaled = bool(exponent.any())
    exponent = exponent.astype(np.int64)
    # Each group's number among the groups that occur, in the order they were sorted.
    group_of = np.cumsum(np.bincount(numbers) > 0) - 1
    scores = {name: (np.zeros(height), np.zeros(height, dtype=bool)) for name in PEER_SCORES}

    def scored(start: int, end: int) -> None:
        # Each score is written to its rows as soon as it is made, and worked out in place,
        # so that few temporary arrays are alive at once.
        group, placed = group_of[numbers[start:end]], rows[start:end]

        def place(name: str, values: np.ndarray, valid: np.ndarray | bool) -> None:
            scores[name][0][placed] = values
            scores[name][1][placed] = valid

        with np.errstate(invalid="ignore", divide="ignore"):
            if scaled:  # pragma: no mutate (an exponent of 0 changes nothing, more slowly)
                z = np.ldexp(x[start:end], exponent[group])
                z -= mean[group]
            else:
                z = x[start:end] - mean[group]
            z /= deviation[group]
            place("z_score", z, True)
            count = counts[group]
            percentile = rank[start:end] - 1
            percentile /= count - 1
            percentile *= 100
            place("percentile_rank", percentile, count > 1)
            minmax = x[start:end] - low[group]
            minmax /= spread[group]
            minmax *= 100
            place("minmax_score", minmax, ((spread > 0) | np.isnan(spread))[group])

    bounds = np.linspace(0, len(x), WORKERS + 1).astype(np.int64)
    together(*(partial(scored, int(a), int(b)) for a, b in itertools.pairwise(bounds) if b > a))
    return scores


# Spreads whose values, residuals and their squares, summed over any group, stay normal floats:
# (1e-150)² is far above the smallest normal float, and a hundred million (1e150)² far below the
# largest. A group whose spread is outside is worked out in units a power of two apart.
SAFE_SPREAD = (1e-150, 1e150)


def _group_figures(ordered: np.ndarray, group_starts: np.ndarray) -> np.ndarray:
    """Return the mean, deviation, min, spread (max - min) and exponent of each sorted group.

    A group's mean is the plain sum over the run corrected by the sum of the residuals, within
    a unit or two in the last place of the exact mean (Polars' compensated sum in row order
    gives the same but for the last digit in some groups), and its deviation the root mean
    squared residual; min and max skip NaN, as Polars' do. A min-max score needs a spread
    that is not 0 (NaN counts as positive, as Polars compares it).

    The mean and deviation are of the group's values times 2 to the power of its exponent: 0,
    except for a group whose spread is outside `SAFE_SPREAD`, where it brings the spread to
    between 1/2 and 1. Below, the values themselves may be subnormal, keeping fewer digits (and
    their squares vanish); above, the squares overflow. Multiplying by a power of two is exact,
    so the z-score `(ldexp(x, exponent) - mean) / deviation` keeps every digit. (Never the case
    with values of everyday size.)
    """
    counts = np.diff(group_starts, append=len(ordered))
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        mean, deviation = _mean_and_deviation(ordered, group_starts, counts)
        low = np.fmin.reduceat(ordered, group_starts)
        spread = np.fmax.reduceat(ordered, group_starts) - low
        exponent = np.zeros(len(group_starts))
        # A spread of 0 has nothing to scale: working it out again changes nothing.
        lost = (
            (spread > 0)  # pragma: no mutate
            & np.isfinite(spread)
            # Working out an everyday group again only takes longer (a power of two is exact).
            & ((spread < SAFE_SPREAD[0]) | (spread > SAFE_SPREAD[1]))  # pragma: no mutate
        )
        for number in np.flatnonzero(lost):
            start = group_starts[number]
            exponent[number] = -np.frexp(spread[number])[1]
            values = np.ldexp(ordered[start : start + counts[number]], int(exponent[number]))
            (mean[number],), (deviation[number],) = _mean_and_deviation(
                values, np.zeros(1, dtype=np.int64), counts[[number]]
            )
    return np.stack([mean, deviation, low, spread, exponent])


def _mean_and_deviation(
    ordered: np.ndarray, group_starts: np.ndarray, counts: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return the mean and the root mean squared residual of each group of sorted values."""
    group = np.repeat(np.arange(len(group_starts)), counts)
    mean = np.add.reduceat(ordered, group_starts) / counts
    finite = np.isfinite(mean)
    correction = np.add.reduceat(ordered - mean[group], group_starts) / counts
    mean[finite] += correction[finite]
    residuals = ordered - mean[group]
    deviation = np.sqrt(np.add.reduceat(residuals * residuals, group_starts) / counts)
    return mean, deviation


def ranks_within_groups(x: np.ndarray, numbers: np.ndarray) -> np.ndarray:
    """Rank the values within their groups, ties taking their average rank (as Polars ranks).

    NaN sorts last and NaNs tie with each other; -0.0 ties with 0.0.
    """
    order, ordered, group_starts = _order_within_groups(x, numbers)
    rank = np.empty(len(order))
    rank[order] = _ranks_in_order(ordered, group_starts)
    return rank


def _ranks_in_order(ordered: np.ndarray, group_starts: np.ndarray) -> np.ndarray:
    """Return the ranks of values sorted within contiguous groups, in that sorted order."""
    count = len(ordered)
    starts_tie = np.zeros(count, dtype=bool)
    starts_tie[group_starts] = True
    different = ordered[1:] != ordered[:-1]
    if np.isnan(ordered).any():
        different &= ~(np.isnan(ordered[1:]) & np.isnan(ordered[:-1]))
    starts_tie[1:] |= different
    # Each value's place in its group, from 0; a tie's rank is the mean of its places, plus 1.
    place = np.arange(count) - np.repeat(group_starts, np.diff(group_starts, append=count))
    if starts_tie.all():  # no ties, the usual case with measured values
        return place + 1.0
    tie_starts = np.flatnonzero(starts_tie)
    tie_lengths = np.diff(tie_starts, append=count)
    return np.repeat(place[tie_starts] + (tie_lengths + 1) / 2, tie_lengths)


# Groups at least this large on average are sorted one by one; smaller ones all at once.
LARGE_GROUPS = 256


def _order_within_groups(
    x: np.ndarray, numbers: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the order by group then value, the values in that order, and the group starts.

    A stable radix sort of the small group numbers puts the groups in order; the values of a
    few large groups are then sorted group by group, each in cache (in spans of groups side
    by side), while many small groups are put in order by one sort of all the values before
    the sort by group.
    """
    # Only the type of the numbers and which way they are sorted follow: the order is the same.
    narrow = numbers.astype(np.min_scalar_type(int(numbers.max(initial=0))))  # pragma: no mutate
    sizes = np.bincount(narrow)
    sizes = sizes[sizes > 0]
    group_starts = np.cumsum(sizes) - sizes
    if len(group_starts) * LARGE_GROUPS > len(x):  # pragma: no mutate
        order = np.argsort(x)
        order = order[np.argsort(narrow[order], kind="stable")]
        return order, x[order], group_starts
    order = np.argsort(narrow, kind="stable")
    ordered = x[order]
    ends = (group_starts + sizes).tolist()
    bounds = list(zip(group_starts.tolist(), ends, strict=True))  # pragma: no mutate

    def sort(first: int, last: int) -> None:
        for start, end in bounds[first:last]:
            inner = np.argsort(ordered[start:end])
            order[start:end] = order[start:end][inner]
            ordered[start:end] = ordered[start:end][inner]

    together(*(partial(sort, first, last) for first, last in spans(group_starts, len(x))))
    return order, ordered, group_starts


def normalised(results: pl.DataFrame, normalisation: str) -> pl.Expr:
    """Return the chosen normalisation of each value on a 0-100 scale, higher is better."""
    columns = {
        "goalposts": pl.col("score") if "score" in results.columns else pl.lit(None),
        "minmax": pl.col("minmax_score"),
        "percentile": pl.col("percentile_rank"),
        # z-scores become T-scores (50 + 10 z) so every method shares the 0-100 scale.
        "zscore": (50 + 10 * pl.col("z_score")).clip(0, 100),
    }
    return columns[normalisation]


def theme_scores(results: pl.DataFrame, normalisations: list[str]) -> pl.DataFrame:
    """Return the mean normalised indicator score per city, year and theme, one column each."""
    means = theme_means(results, normalisations)
    return means.drop("city_year", strict=False).sort("city", "year", "theme")


def theme_means(results: pl.DataFrame, normalisations: list[str]) -> pl.DataFrame:
    """Return the rows of `theme_scores` in no particular order, keyed by city-year if possible.

    Normalised scores are already null for values that are not ok or warning, and the mean
    skips nulls, so no filter is needed. Rows are grouped on the integer city-year key when
    there is one (it comes first, then), and each group's city and year are gathered from
    its first row.
    """
    present = [name for name in normalisations if name != "goalposts" or "score" in results.columns]
    means = [normalised(results, name).mean().alias(name) for name in present]
    if "city_year" not in results.columns:
        return results.group_by("city", "year", "theme").agg(means)
    groups = (
        results.with_row_index("_first")
        .group_by("city_year", "theme")
        .agg(pl.col("_first").first(), *means)
        # Rows without a key (read from an earlier results file next to computed rows) are
        # left out, as they were when the names came back by a join on the key.
        .filter(pl.col("city_year").is_not_null())
    )
    names = results.select("city", "year")[groups["_first"]]
    return pl.concat(
        [groups.select("city_year"), names, groups.select("theme", *present)], how="horizontal"
    )


def trends(results: pl.DataFrame) -> pl.DataFrame:
    """Return each city's trend per indicator: first and last values, slope and direction."""
    usable = results.filter(usable_status(pl.col("status")) & pl.col("value").is_not_null())
    year = pl.col("year").cast(pl.Float64)
    slope = ((year - year.mean()) * (pl.col("value") - pl.col("value").mean())).sum() / (
        (year - year.mean()) ** 2
    ).sum()
    summary = (
        usable.sort("year")
        .group_by("city", "indicator")
        .agg(
            pl.col("better").first(),
            pl.col("year").first().alias("first_year"),
            pl.col("year").last().alias("last_year"),
            pl.col("value").first().alias("first_value"),
            pl.col("value").last().alias("last_value"),
            pl.len().alias("years"),
            slope.alias("slope_per_year"),
        )
        .filter(pl.col("years") > 1)
    )
    change = (pl.col("last_value") - pl.col("first_value")) / pl.col("first_value").abs()
    direction = (
        pl.when(pl.col("better") == "none")
        .then(pl.lit("no direction"))
        .when(change.abs().fill_nan(0.0).fill_null(0.0) < STABLE_CHANGE)
        .then(pl.lit("stable"))
        .when((pl.col("last_value") > pl.col("first_value")) == (pl.col("better") == "higher"))
        .then(pl.lit("improving"))
        .otherwise(pl.lit("worsening"))
    )
    return summary.with_columns(
        (change * 100).alias("change_percent"), direction.alias("direction")
    ).sort("city", "indicator")
