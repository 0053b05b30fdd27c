"""Benchmarks across published audits: the engine's peer figures, theme scores and index, kept.

The engine (`wsco.audits.engine.scoring`, `.composite`) works the figures out; this module only
builds its frames from the stored `IndicatorResult` rows and keeps what it returns, so that no
page runs the engine. It runs as a task when an audit is published (`queue_benchmarks`).

Which audits count: for each city and data year, its most recently published audit (a
correction published later replaces the version it corrects). Audits are compared within their
data year, as the engine compares them; each indicator within five kinds of peer group at once
(everyone, the city's OECD population band, its region, its country, and its own list of peers),
each group a `peer_group` of one stacked frame, so the engine runs once for all of them.

The index is the engine's `composite_index` on min-max scores (the platform keeps no goalposts),
its Monte Carlo draws choosing among the min-max, percentile and z-score normalisations.
"""

import polars as pl
from django.db import transaction
from django.utils import timezone

from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.engine.composite import IndexSettings, composite_index
from wsco.audits.engine.scoring import (
    peer_scores,
    population_band,
    theme_scores,
    usable_status,
)
from wsco.audits.models import (
    Audit,
    AuditScore,
    Benchmark,
    City,
    IndicatorResult,
    PeerKind,
    ThemeScore,
)
from wsco.core.page_cache import mark_changed

# The page cache's data set of everything published about audits (`wsco.core.page_cache`).
AUDITS = "audits"
INDEX_SETTINGS = IndexSettings(normalisation="minmax", aggregation="arithmetic")
DRAW_NORMALISATIONS = ["minmax", "percentile", "zscore"]
DRAWS = 1000
SEED = 0


def benchmarked_audits() -> dict[int, Audit]:
    """Return the audits benchmarks count, by pk: each city's latest published one per year."""
    chosen: dict[tuple[int, int], Audit] = {}
    audits = (
        Audit.objects.published()
        .select_related("city")
        .order_by("published_at", "pk")
        .only(
            "pk",
            "year",
            "published_at",
            "city__id",
            "city__population",
            "city__country",
            "city__region",
        )
    )
    for audit in audits:
        chosen[(audit.city_id, audit.year)] = audit  # the later publication wins
    return {audit.pk: audit for audit in chosen.values()}


def results_frame(audits: dict[int, Audit]) -> pl.DataFrame:
    """Return the audits' indicator results as the engine's long frame (one row per indicator)."""
    rows = list(
        IndicatorResult.objects.filter(audit_id__in=list(audits)).values_list(
            "audit_id", "indicator", "theme", "value", "outcome"
        )
    )
    better = {key: indicator.better for key, indicator in load_catalogue().indicators.items()}
    schema = {
        "audit": pl.Int64,
        "city": pl.String,
        "year": pl.Int32,
        "indicator": pl.String,
        "theme": pl.String,
        "value": pl.Float64,
        "status": pl.String,
        "better": pl.String,
    }
    return pl.DataFrame(
        {
            "audit": [row[0] for row in rows],
            "city": [str(audits[row[0]].city_id) for row in rows],
            "year": [audits[row[0]].year for row in rows],
            "indicator": [row[1] for row in rows],
            "theme": [row[2] or None for row in rows],
            "value": [row[3] for row in rows],
            "status": [row[4] for row in rows],
            "better": [better.get(row[1], "none") for row in rows],
        },
        schema=schema,
    )


def _cities_frame(audits: dict[int, Audit]) -> pl.DataFrame:
    """Return each city's facts the partitions need: population, region and country."""
    cities = {audit.city_id: audit.city for audit in audits.values()}
    frame = pl.DataFrame(
        {
            "city": [str(pk) for pk in cities],
            "population": [city.population for city in cities.values()],
            "country": [str(city.country) for city in cities.values()],
            "region": [
                f"{city.country}/{city.region}" if city.region else None for city in cities.values()
            ],
        },
        schema={
            "city": pl.String,
            "population": pl.Float64,
            "country": pl.String,
            "region": pl.String,
        },
    )
    return frame.with_columns(population_band(pl.col("population")).alias("band"))


def _peer_lists(city_pks: list[int]) -> dict[str, list[str]]:
    """Return each city's chosen peers (itself included), for the cities that chose some."""
    lists: dict[str, list[str]] = {}
    through = City.peers.through.objects.filter(from_city_id__in=city_pks)
    for owner, peer in through.values_list("from_city_id", "to_city_id"):
        lists.setdefault(str(owner), [str(owner)]).append(str(peer))
    return lists


def stacked_groups(results: pl.DataFrame, audits: dict[int, Audit]) -> pl.DataFrame:
    """Return the results once per peer group each row belongs to, with `owner` and `kind`.

    A partition (everyone, population band, region, country) holds each row once; a city's
    own list holds its peers' rows too, owned by the city whose list it is, so that only the
    owner's rows keep the list's figures.
    """
    facts = _cities_frame(audits)
    joined = results.join(facts, on="city", how="left").with_columns(pl.col("city").alias("owner"))
    partitions = {
        PeerKind.ALL: pl.lit("all"),
        PeerKind.POPULATION: pl.col("band"),
        PeerKind.REGION: pl.col("region"),
        PeerKind.COUNTRY: pl.col("country"),
    }
    parts = [
        joined.with_columns(pl.lit(str(kind)).alias("kind"), label.alias("label")).filter(
            pl.col("label").is_not_null()
        )
        for kind, label in partitions.items()
    ]
    for owner, members in _peer_lists(list({audit.city_id for audit in audits.values()})).items():
        # The owner's list is compared within each year among those of its peers audited then.
        parts.append(
            joined.filter(pl.col("city").is_in(members)).with_columns(
                pl.lit(owner).alias("owner"),
                pl.lit(str(PeerKind.LIST)).alias("kind"),
                pl.lit(f"list:{owner}").alias("label"),
            )
        )
    stacked = pl.concat(parts, how="vertical") if parts else joined.clear()
    return stacked.with_columns(
        (pl.col("kind") + pl.lit("|") + pl.col("label")).alias("peer_group")
    )


def _group_figures(stacked: pl.DataFrame) -> pl.DataFrame:
    """Return each peer group's size and median per indicator and year (usable values only)."""
    usable = stacked.filter(usable_status(pl.col("status")) & pl.col("value").is_not_null())
    return usable.group_by("peer_group", "indicator", "year").agg(
        pl.len().alias("group_size"), pl.col("value").median().alias("median")
    )


def _benchmark_rows(scored: pl.DataFrame) -> list[Benchmark]:
    # Only the owner's rows with a usable value: a missing value has no place among peers.
    own = scored.filter(
        (pl.col("owner") == pl.col("city"))
        & usable_status(pl.col("status"))
        & pl.col("value").is_not_null()
    )
    figures = _group_figures(scored)
    own = own.join(figures, on=["peer_group", "indicator", "year"], how="left")
    return [
        Benchmark(
            audit_id=row["audit"],
            indicator=row["indicator"],
            peer_kind=row["kind"],
            peer_group=row["label"].removeprefix("list:") if row["kind"] != "list" else "",
            group_size=row["group_size"] or 0,
            median=row["median"],
            z_score=_finite(row["z_score"]),
            percentile_rank=_finite(row["percentile_rank"]),
            minmax_score=_finite(row["minmax_score"]),
        )
        for row in own.select(
            "audit",
            "indicator",
            "kind",
            "label",
            "group_size",
            "median",
            "z_score",
            "percentile_rank",
            "minmax_score",
        ).iter_rows(named=True)
    ]


def _finite(value: float | None) -> float | None:
    """Return `value`, or None for NaN and infinities (a group whose values are all equal)."""
    if value is None or value != value or value in (float("inf"), float("-inf")):
        return None
    return value


def _theme_rows(everyone: pl.DataFrame, audit_of: dict[tuple[str, int], int]) -> list[ThemeScore]:
    themes = theme_scores(everyone.filter(pl.col("theme").is_not_null()), ["minmax"])
    themes = themes.with_columns(
        pl.col("minmax")
        .rank("min", descending=True)
        .over("year", "theme")
        .cast(pl.Int64)
        .alias("rank")
    )
    return [
        ThemeScore(
            audit_id=audit_of[(row["city"], row["year"])],
            theme=row["theme"],
            score=_finite(row["minmax"]),
            rank=row["rank"] if _finite(row["minmax"]) is not None else None,
        )
        for row in themes.iter_rows(named=True)
    ]


def _score_rows(everyone: pl.DataFrame, audit_of: dict[tuple[str, int], int]) -> list[AuditScore]:
    with_theme = everyone.filter(pl.col("theme").is_not_null())
    if with_theme.is_empty():
        return []
    index = composite_index(
        with_theme,
        INDEX_SETTINGS,
        draws=DRAWS,
        seed=SEED,
        normalisations=DRAW_NORMALISATIONS,
    )
    now = timezone.now()
    return [
        AuditScore(
            audit_id=audit_of[(row["city"], row["year"])],
            index=_finite(row["index"]),
            rank=row["rank"],
            rank_median=row["rank_median"],
            rank_low=row["rank_low"],
            rank_high=row["rank_high"],
            cities=row["cities"] or 0,
            computed_at=now,
        )
        for row in index.iter_rows(named=True)
    ]


def compute_benchmarks() -> tuple[list[Benchmark], list[ThemeScore], list[AuditScore]]:
    """Run the engine over the published audits and return the rows to keep (unsaved)."""
    audits = benchmarked_audits()
    results = results_frame(audits)
    if results.is_empty():
        return [], [], []
    scored = peer_scores(stacked_groups(results, audits))
    everyone = scored.filter(pl.col("kind") == str(PeerKind.ALL))
    audit_of = {(str(audit.city_id), audit.year): pk for pk, audit in audits.items()}
    return _benchmark_rows(scored), _theme_rows(everyone, audit_of), _score_rows(everyone, audit_of)


def recompute_benchmarks() -> dict[str, int]:
    """Work every benchmark out again from the published audits and keep them, in one go.

    Running it twice leaves what running it once leaves (the figures are replaced whole).
    """
    benchmarks, themes, scores = compute_benchmarks()
    with transaction.atomic():
        Benchmark.objects.all().delete()
        ThemeScore.objects.all().delete()
        AuditScore.objects.all().delete()
        Benchmark.objects.bulk_create(benchmarks, batch_size=2000)
        ThemeScore.objects.bulk_create(themes, batch_size=2000)
        AuditScore.objects.bulk_create(scores, batch_size=2000)
        mark_changed(AUDITS)
    return {"benchmarks": len(benchmarks), "themes": len(themes), "audits": len(scores)}


def queue_benchmarks() -> None:
    """Recompute the benchmarks in a task once the current transaction commits."""
    from wsco.audits.tasks import recompute_benchmarks_task

    mark_changed(AUDITS)
    transaction.on_commit(lambda: recompute_benchmarks_task.enqueue())
