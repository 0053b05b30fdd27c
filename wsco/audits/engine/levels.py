"""Certification levels by completeness: WCCD's rules for ISO 37120:2014 and their analogues."""

import math
from dataclasses import dataclass

import polars as pl

from wsco.audits.engine.catalogue import Catalogue, load_catalogue

# WCCD certification for ISO 37120:2014 (46 core, 54 supporting indicators):
# Aspirational 30-45 core; Bronze all 46 core + 0-13 supporting; Silver 46 core + 14-29;
# Gold 46 core + 30-44; Platinum 46 core + 45-54. Thresholds below are shares of those totals,
# so that for 2014 they give exactly WCCD's counts and for ISO 37120:2018 the same proportions.
WCCD_CORE_TOTAL = 46
WCCD_SUPPORTING_TOTAL = 54
LEVELS_WITH_CLASSES: list[tuple[str, float, float]] = [
    # (level, share of core needed, share of supporting needed), best level first
    ("Platinum", 1.0, 45 / WCCD_SUPPORTING_TOTAL),
    ("Gold", 1.0, 30 / WCCD_SUPPORTING_TOTAL),
    ("Silver", 1.0, 14 / WCCD_SUPPORTING_TOTAL),
    ("Bronze", 1.0, 0.0),
    ("Aspirational", 30 / WCCD_CORE_TOTAL, 0.0),
]
# ISO 37122 and 37123 have no core/supporting split: the same ladder is read on all indicators,
# at the cumulative counts WCCD's 2014 rule needs out of its 100 indicators at each level
# (30, 46, 46 + 14, 46 + 30, 46 + 45).
LEVELS_WITHOUT_CLASSES: list[tuple[str, float]] = [
    ("Platinum", 91 / 100),
    ("Gold", 76 / 100),
    ("Silver", 60 / 100),
    ("Bronze", 46 / 100),
    ("Aspirational", 30 / 100),
]
NO_LEVEL = "none"
# A value counts when the engine could compute or accept it.
COUNTED_STATUSES = ["ok", "warning"]


@dataclass(frozen=True)
class Thresholds:
    """The counts of core and supporting (or all) indicators each level needs."""

    standard: str
    core_total: int
    supporting_total: int
    ladder: list[tuple[str, int, int]]


def thresholds(standard: str, catalogue: Catalogue | None = None) -> Thresholds:
    """Return the level thresholds of one edition, as whole indicator counts."""
    indicators = (catalogue or load_catalogue()).for_standard(standard)
    core = sum(indicator.type == "core" for indicator in indicators)
    supporting = sum(indicator.type == "supporting" for indicator in indicators)
    if core:
        ladder = [
            (
                level,
                math.ceil(core_share * core - 1e-9),
                math.ceil(supporting_share * supporting - 1e-9),
            )
            for level, core_share, supporting_share in LEVELS_WITH_CLASSES
        ]
        return Thresholds(standard, core, supporting, ladder)
    total = sum(indicator.type != "profile" for indicator in indicators)
    ladder = [
        (level, math.ceil(share * total - 1e-9), 0) for level, share in LEVELS_WITHOUT_CLASSES
    ]
    return Thresholds(standard, 0, total, ladder)


def level_for(core: int, supporting: int, rule: Thresholds) -> str:
    """Return the best level whose thresholds `core` and `supporting` counts meet."""
    if not rule.core_total:
        # Editions without classes count every indicator on one scale.
        core = core + supporting
        # Any number would do: these ladders need 0 supporting indicators.
        supporting = 0  # pragma: no mutate
    for level, core_needed, supporting_needed in rule.ladder:
        if core >= core_needed and supporting >= supporting_needed:
            return level
    return NO_LEVEL


def _of_standard(indicator: pl.DataType, standard: str) -> pl.Expr:
    """Say whether a row's indicator belongs to `standard` (its key starts "standard/")."""
    prefix = f"{standard}/"
    if isinstance(indicator, pl.Enum):
        # Test the few categories, not the text of every row.
        return pl.col("indicator").is_in(
            [key for key in indicator.categories.to_list() if key.startswith(prefix)]
        )
    return pl.col("indicator").cast(pl.String).str.starts_with(prefix)


def _counts(counted: pl.Expr) -> list[pl.Expr]:
    """Return the counts of counted core, supporting (or unclassed) and profile indicators."""
    return [
        (counted & (pl.col("type") == "core")).sum().alias("core"),
        (counted & pl.col("type").is_in(["supporting", "indicator"])).sum().alias("supporting"),
        (counted & (pl.col("type") == "profile")).sum().alias("profile"),
    ]


def levels(
    results: pl.DataFrame, standard: str, catalogue: Catalogue | None = None
) -> pl.DataFrame:
    """Return one row per city and year: counts of reported core/supporting indicators and level."""
    rule = thresholds(standard, catalogue)
    needed = ["city", "year", "status", "type", *(["city_year"] if "city_year" in results else [])]
    # Only the columns the counts need are filtered, not every column of every row.
    rows = results.select("indicator", *needed).filter(
        _of_standard(results.schema["indicator"], standard)
    )
    counted = pl.col("status").is_in(COUNTED_STATUSES)
    counts = (
        # Computed rows carry an integer city-year key, cheaper to group on than two columns.
        rows.group_by("city_year").agg(pl.col("city", "year").first(), *_counts(counted))
        if "city_year" in rows.columns and rows["city_year"].null_count() == 0
        else rows.group_by("city", "year").agg(_counts(counted))
    )
    level_expression = pl.lit(NO_LEVEL)
    for level, core_needed, supporting_needed in reversed(rule.ladder):
        core = pl.col("core") if rule.core_total else pl.col("core") + pl.col("supporting")
        # As in `level_for`: ladders without classes need 0 supporting indicators.
        none_needed = pl.lit(0)  # pragma: no mutate
        supporting = pl.col("supporting") if rule.core_total else none_needed
        level_expression = (
            pl.when((core >= core_needed) & (supporting >= supporting_needed))
            .then(pl.lit(level))
            .otherwise(level_expression)
        )
    return (
        counts.with_columns(
            pl.lit(standard).alias("standard"),
            level_expression.alias("level"),
            pl.lit(rule.core_total).alias("core_total"),
            pl.lit(rule.supporting_total).alias("supporting_total"),
        )
        .select(
            "city",
            "year",
            "standard",
            "core",
            "supporting",
            "profile",
            "level",
            "core_total",
            "supporting_total",
        )
        .sort("city", "year")
    )
