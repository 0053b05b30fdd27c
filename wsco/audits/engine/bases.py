"""Reported rows checked within the rounding they show, and against the bases they share.

A reported value is compared with its numerator and denominator within the rounding the file
shows. Rows of one city-year that share a denominator variable (population for every
per-100,000 indicator, the labour force, households...) each imply a value for it; those
values must be plausible for the quantity and agree with each other.
"""

import polars as pl

from wsco.audits.engine.catalogue import Catalogue
from wsco.audits.engine.messages import CODES
from wsco.audits.engine.prepare import BaseValues

# Floating-point slack when comparing a reported value with its numerator and denominator.
RELATIVE_SLACK = 1e-9
# Two rows agree on a shared base when the intervals their written numbers stand for come
# within this share of each other. Rows of one city-year may take the population from sources
# some percent apart (an estimate and a census, a figure a year or two old in a growing city:
# Melbourne's 2016 rows use 136,000, 137,000 and 146,096 residents); beyond a tenth they cannot
# be counting the same residents.
BASE_TOLERANCE = 0.10
# Rows named in a disagreement message; the rest are counted.
NAMED_ROWS = 3
# The multiplier from which a denominator may have been divided by it already (per 1,000
# and per 100,000 indicators), and that of percentages, which may be reported as fractions.
SCALED_FROM = 1000
PERCENT = 100


def interval(value: pl.Expr, decimals: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """Return the interval a number stands for, given the decimals it was written with."""
    half_unit = (0.5 * pl.lit(10.0).pow(-decimals.cast(pl.Float64))).fill_null(0.0)
    return value - half_unit, value + half_unit


def ratio_bounds() -> tuple[pl.Expr, pl.Expr]:
    """Return the lowest and highest numerator / denominator the written inputs allow."""
    numerator_low, numerator_high = interval(pl.col("numerator"), pl.col("numerator_decimals"))
    denominator_low, denominator_high = interval(
        pl.col("denominator"), pl.col("denominator_decimals")
    )
    corners = [
        numerator / denominator
        for numerator in (numerator_low, numerator_high)
        for denominator in (denominator_low, denominator_high)
    ]
    return pl.min_horizontal(corners), pl.max_horizontal(corners)


def consistent(scale: float | pl.Expr) -> pl.Expr:
    """Say whether the reported value fits numerator / denominator x `scale` within rounding."""
    denominator_low, denominator_high = interval(
        pl.col("denominator"), pl.col("denominator_decimals")
    )
    reported_low, reported_high = interval(pl.col("reported_value"), pl.col("reported_decimals"))
    ratio_low, ratio_high = ratio_bounds()
    slack = pl.col("reported_value").abs() * RELATIVE_SLACK
    straddles_zero = (denominator_low <= 0) & (denominator_high >= 0)
    low = ratio_low * scale
    high = ratio_high * scale
    return straddles_zero | ((low <= reported_high + slack) & (high >= reported_low - slack))


def _base_ranges(catalogue: Catalogue) -> pl.DataFrame:
    """Return the plausible range of each shared base the catalogue gives one."""
    ranged = [variable for variable in catalogue.variables.values() if variable.range_max]
    return pl.DataFrame(
        {
            "denominator_variable": [variable.name for variable in ranged],
            "base_min": [variable.range_min for variable in ranged],
            "base_max": [variable.range_max for variable in ranged],
        },
        schema={"denominator_variable": pl.String, "base_min": pl.Float64, "base_max": pl.Float64},
    )


BASE_COLUMNS = ["scaled_allowed", "code_base", "base_value", "base_min", "base_max"]
BASE_COLUMNS += ["base_rows", "base_other"]


def shared_bases(
    reported: pl.DataFrame,
    formulas: pl.DataFrame,
    catalogue: Catalogue,
    values: BaseValues | None = None,
) -> pl.DataFrame:
    """Add, to clean reported rows, what the bases they share say about them.

    Each row whose numerator and denominator are usable implies a value for its denominator
    variable (`base_value`): the denominator itself, or the denominator times the multiplier
    when only that reading ("already divided by the multiplier") reproduces the reported
    value. Rows whose reported value neither reading reproduces imply nothing.

    - `base_implausible`: the implied value lies outside the variable's plausible range
      (`base_min` to `base_max`, from the catalogue's `base_ranges.csv`);
    - `base_disagrees`: among the plausible values of the city-year's rows sharing the
      variable, sorted, a new group starts where a row's interval lies more than
      `BASE_TOLERANCE` above the previous one's; when there are several groups, the rows
      outside the largest one (outside their own, when no group is largest) are flagged,
      naming the rows they disagree with (`base_rows`) and their median value (`base_other`).
      The base values of the same city-year (`values`: a population given once in the base
      variables file) take part as rows too, taken as exact; only reported rows are flagged.

    `scaled_allowed` says whether the "already divided" reading may stand: only when it
    implies a plausible value that agrees with the city-year's other rows.
    """
    shapes = formulas.select(
        pl.col("indicator").cast(pl.String),
        pl.col("denominator_variable").cast(pl.String),
        "multiplier",
    )
    rows = (
        reported.with_row_index("_order")
        .join(shapes, on="indicator", how="left")
        .join(_base_ranges(catalogue), on="denominator_variable", how="left")
    )
    multiplier = pl.col("multiplier")
    usable = (
        pl.col("numerator").is_not_null()
        & pl.col("denominator").is_not_null()
        & (pl.col("denominator") != 0)
        & pl.col("denominator_variable").is_not_null()
        & pl.col("numerator_problem").is_null()
        & pl.col("denominator_problem").is_null()
        & ~pl.col("conflicting")
    )
    reported_value = pl.col("reported_value").is_not_null()
    direct = ~reported_value | consistent(multiplier) | ((multiplier == PERCENT) & consistent(1.0))
    scaled = ~direct & (multiplier >= SCALED_FROM) & consistent(1.0)
    factor = pl.when(scaled).then(multiplier).otherwise(1.0)
    low, high = interval(pl.col("denominator"), pl.col("denominator_decimals"))
    rows = rows.with_columns(
        (usable & (direct | scaled)).fill_null(False).alias("_implies"),
        scaled.fill_null(False).alias("_scaled"),
        (pl.col("denominator") * factor).alias("base_value"),
        (low * factor).alias("_low"),
        (high * factor).alias("_high"),
    )
    implausible = pl.col("_implies") & (
        (pl.col("base_value") < pl.col("base_min")) | (pl.col("base_value") > pl.col("base_max"))
    ).fill_null(False)
    rows = rows.with_columns(implausible.alias("_implausible"))
    witnesses = (
        rows.filter(pl.col("_implies") & ~pl.col("_implausible"))
        .select(WITNESS_COLUMNS)
        .with_columns(pl.col("file").cast(pl.String))
    )
    given = _given_bases(values, witnesses, catalogue)
    flagged = _disagreements(pl.concat([witnesses, given], how="vertical_relaxed"))
    rows = rows.join(flagged, on="_order", how="left")
    disagrees = pl.col("base_rows").is_not_null()
    code = (
        pl.when(pl.col("_implausible"))
        .then(pl.lit("base_implausible", dtype=CODES))
        .when(disagrees)
        .then(pl.lit("base_disagrees", dtype=CODES))
    )
    return (
        rows.with_columns(
            (pl.col("_scaled") & ~pl.col("_implausible") & ~disagrees).alias("scaled_allowed"),
            code.alias("code_base"),
            pl.when(pl.col("_implies")).then(pl.col("base_value")).alias("base_value"),
        )
        .sort("_order")
        .drop(
            "_order",
            "_implies",
            "_scaled",
            "_low",
            "_high",
            "_implausible",
            "denominator_variable",
            "multiplier",
        )
    )


# What the comparison of shared bases reads of each row.
WITNESS_COLUMNS = [
    "_order",
    "city",
    "year",
    "denominator_variable",
    "file",
    "line",
    "base_value",
    "_low",
    "_high",
]


def _given_bases(
    values: BaseValues | None, witnesses: pl.DataFrame, catalogue: Catalogue
) -> pl.DataFrame:
    """Return the base values given for the city-years and variables of `witnesses`.

    Each is a row of the comparison without an `_order` (it has no reported row to flag),
    taken as exact, and only when plausible.
    """
    empty = witnesses.clear()
    if values is None or values.rows.is_empty() or witnesses.is_empty():
        return empty
    numbers = catalogue.variable_numbers()
    names = witnesses["denominator_variable"].unique().to_list()
    wanted = witnesses.select("city", "year", "denominator_variable").unique()
    ranges = _base_ranges(catalogue)
    given = (
        values.kept([numbers[name] for name in names])
        .filter(pl.col("value").is_not_null())
        .select(
            "city",
            "year",
            pl.col("variable").alias("denominator_variable"),
            pl.col("file").cast(pl.String),
            "line",
            pl.col("value").alias("base_value"),
        )
        .join(wanted, on=["city", "year", "denominator_variable"], how="semi")
        .join(ranges, on="denominator_variable", how="left")
        .filter(
            (pl.col("base_value") >= pl.col("base_min")).fill_null(True)
            & (pl.col("base_value") <= pl.col("base_max")).fill_null(True)
        )
    )
    return given.select(
        pl.lit(None, dtype=pl.UInt32).alias("_order"),
        "city",
        "year",
        "denominator_variable",
        "file",
        "line",
        "base_value",
        pl.col("base_value").alias("_low"),
        pl.col("base_value").alias("_high"),
    )


def _disagreements(rows: pl.DataFrame) -> pl.DataFrame:
    """Return `_order`, `base_rows` and `base_other` of the rows outside their base's group.

    Rows without an `_order` (given base values) are compared but never flagged.
    """
    group = ["city", "year", "denominator_variable"]
    ordered = rows.sort([*group, "base_value"]).with_columns(
        pl.concat_str(
            pl.col("file").cast(pl.String), pl.lit(":"), pl.col("line").cast(pl.String)
        ).alias("_row")
    )
    apart = pl.col("_low") > pl.col("_high").shift(1).over(group) * (1 + BASE_TOLERANCE)
    ordered = ordered.with_columns(apart.fill_null(False).cum_sum().over(group).alias("_cluster"))
    sizes = ordered.group_by([*group, "_cluster"]).agg(pl.len().alias("_size"))
    largest = sizes.with_columns(
        pl.col("_size").max().over(group).alias("_largest"),
        pl.len().over(group).alias("_clusters"),
    ).with_columns(
        ((pl.col("_size") == pl.col("_largest")).sum().over(group) == 1).alias("_has_main"),
    )
    ordered = ordered.join(largest, on=[*group, "_cluster"], how="left").with_columns(
        (pl.col("_has_main") & (pl.col("_size") == pl.col("_largest"))).alias("_in_main")
    )
    odd = ordered.filter(
        (pl.col("_clusters") > 1) & ~pl.col("_in_main") & pl.col("_order").is_not_null()
    )
    # The rows each flagged row is set against: the largest group where there is one, else
    # every row outside its own group.
    pairs = odd.select("_order", *group, pl.col("_cluster").alias("_own"), "_has_main").join(
        ordered.select(*group, "_cluster", "_in_main", "_row", "line", "base_value"),
        on=group,
        how="inner",
    )
    against = pairs.filter(
        pl.when(pl.col("_has_main"))
        .then(pl.col("_in_main"))
        .otherwise(pl.col("_cluster") != pl.col("_own"))
    )
    return (
        against.sort("line", "_row")
        .group_by("_order")
        .agg(
            _named(pl.col("_row")).alias("base_rows"),
            pl.col("base_value").median().alias("base_other"),
        )
        .cast({"_order": pl.UInt32})
    )


def _named(rows: pl.Expr) -> pl.Expr:
    """Name the first `NAMED_ROWS` rows and count the others ("a:2, a:3 and 4 more")."""
    named = rows.head(NAMED_ROWS).str.join(", ")
    more = rows.len().cast(pl.Int64) - NAMED_ROWS
    return (
        pl.when(more > 0)
        .then(pl.concat_str(named, pl.lit(" and "), more.cast(pl.String), pl.lit(" more")))
        .otherwise(named)
    )
