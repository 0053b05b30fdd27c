"""An overall index from theme scores, and its uncertainty as a rank interval per city."""

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from wsco.audits.engine.scoring import AGGREGATIONS, GEOMETRIC_FLOOR, theme_scores

# Monte Carlo weights are drawn from a Dirichlet centred on the chosen weights; this spread
# lets each weight of 19 equal themes move by about +-45 % (a coefficient of variation of 0.44).
DIRICHLET_CONCENTRATION = 5.0
RANK_INTERVAL = (5.0, 95.0)


@dataclass(frozen=True)
class IndexSettings:
    """How theme scores become one index: normalisation, theme weights and aggregation."""

    normalisation: str = "goalposts"
    aggregation: str = "arithmetic"
    weights: dict[str, float] = field(default_factory=dict)  # theme -> weight; empty = equal


def _matrix(themes: pl.DataFrame, cities: list[str], names: list[str]) -> np.ndarray:
    """Return a city x theme array of scores, NaN where a city has no score for a theme."""
    wide = (
        pl.DataFrame({"city": cities})
        .join(themes.pivot(on="theme", index="city", values="theme_score"), on="city", how="left")
    )
    columns = [wide[name] if name in wide.columns else pl.Series([None] * len(cities)) for name in names]
    return np.column_stack([column.cast(pl.Float64).fill_null(np.nan).to_numpy() for column in columns])


def aggregate(scores: np.ndarray, weights: np.ndarray, aggregation: str) -> np.ndarray:
    """Weighted mean of each row's available scores (weights renormalised over what exists).

    `weights` may be one vector or one vector per draw (draws x themes); the result is
    cities, or cities x draws.
    """
    present = ~np.isnan(scores)
    matrix = np.atleast_2d(weights)
    available = present.astype(float) @ matrix.T
    if aggregation == "geometric":
        logs = np.where(present, np.log(np.maximum(np.nan_to_num(scores), GEOMETRIC_FLOOR)), 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            result = np.exp((logs @ matrix.T) / available)
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            result = (np.where(present, scores, 0.0) @ matrix.T) / available
    result[available == 0] = np.nan
    return result[:, 0] if np.ndim(weights) == 1 else result


def _weights(names: list[str], chosen: dict[str, float]) -> np.ndarray:
    """Return the theme weights in `names` order, equal when none were chosen, summing to 1."""
    raw = np.array([chosen.get(name, 0.0 if chosen else 1.0) for name in names], dtype=float)
    return raw / raw.sum()


def _ranks(index: np.ndarray) -> np.ndarray:
    """Rank cities (1 = highest index) down each column; NaN indexes get NaN ranks."""
    filled = np.where(np.isnan(index), -np.inf, index)
    order = np.argsort(-filled, axis=0, kind="stable")
    ranks = np.empty_like(order, dtype=float)
    np.put_along_axis(ranks, order, np.arange(1, index.shape[0] + 1)[:, None].repeat(index.shape[1], 1), 0)
    return np.where(np.isnan(index), np.nan, ranks)


def composite_index(
    results: pl.DataFrame,
    settings: IndexSettings,
    *,
    draws: int = 1000,
    seed: int = 0,
    normalisations: list[str] | None = None,
) -> pl.DataFrame:
    """Return per city and year: theme-weighted index, rank and a Monte Carlo rank interval.

    Each draw picks a normalisation from `normalisations`, an aggregation (arithmetic or
    geometric) and theme weights from a Dirichlet around the chosen ones (OECD/JRC Handbook,
    2008, step 7: uncertainty analysis). The same seed gives the same intervals.
    """
    normalisations = normalisations or [settings.normalisation]
    per_method = {name: theme_scores(results, name) for name in {settings.normalisation, *normalisations}}
    base = per_method[settings.normalisation]
    names = sorted(set().union(*[frame["theme"].unique().to_list() for frame in per_method.values()]))
    weights = _weights(names, settings.weights)
    generator = np.random.default_rng(seed)
    frames = []
    for year in sorted(base["year"].unique().to_list()):
        cities = sorted(base.filter(pl.col("year") == year)["city"].unique().to_list())
        matrices = {
            name: _matrix(frame.filter(pl.col("year") == year), cities, names)
            for name, frame in per_method.items()
        }
        index = aggregate(matrices[settings.normalisation], weights, settings.aggregation)
        method_draws = generator.integers(len(normalisations), size=draws)
        aggregation_draws = generator.integers(len(AGGREGATIONS), size=draws)
        alpha = np.maximum(DIRICHLET_CONCENTRATION * len(names) * weights, 1e-3)
        weight_draws = generator.dirichlet(alpha, size=draws)
        simulated = np.full((len(cities), draws), np.nan)
        for method_number, method in enumerate(normalisations):
            for aggregation_number, aggregation in enumerate(AGGREGATIONS):
                chosen = (method_draws == method_number) & (aggregation_draws == aggregation_number)
                if chosen.any():
                    simulated[:, chosen] = aggregate(matrices[method], weight_draws[chosen], aggregation)
        ranks = _ranks(simulated) if draws else np.full((len(cities), 1), np.nan)
        low, high = RANK_INTERVAL
        with np.errstate(all="ignore"):
            frames.append(pl.DataFrame({
                "city": cities,
                "year": [year] * len(cities),
                "index": index,
                "rank": _ranks(index[:, None])[:, 0],
                "rank_median": np.nanmedian(ranks, axis=1) if draws else np.nan,
                "rank_low": np.nanpercentile(ranks, low, axis=1, method="lower") if draws else np.nan,
                "rank_high": np.nanpercentile(ranks, high, axis=1, method="higher") if draws else np.nan,
                "cities": [int(np.sum(~np.isnan(index)))] * len(cities),
            }, strict=False))
    schema = {"city": pl.String, "year": pl.Int32, "index": pl.Float64, "rank": pl.Float64,
              "rank_median": pl.Float64, "rank_low": pl.Float64, "rank_high": pl.Float64,
              "cities": pl.Int64}
    if not frames:
        return pl.DataFrame(schema=schema)
    return pl.concat(frames, how="vertical_relaxed").with_columns(
        pl.col("index").fill_nan(None), *[pl.col(name).fill_nan(None).cast(pl.Int32) for name in ("rank", "rank_median", "rank_low", "rank_high")]
    )
