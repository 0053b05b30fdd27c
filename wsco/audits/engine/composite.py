"""An overall index from theme scores, and its uncertainty as a rank interval per city."""

from dataclasses import dataclass, field
from functools import partial

import numpy as np
import polars as pl
from threadpoolctl import threadpool_limits

from wsco.audits.engine.parallel import spans, together
from wsco.audits.engine.scoring import AGGREGATIONS, GEOMETRIC_FLOOR, normalised, theme_means

# Monte Carlo weights are drawn from a Dirichlet centred on the chosen weights; with this
# concentration each of 19 equal theme weights varies with a coefficient of variation of 0.44.
DIRICHLET_CONCENTRATION = 5.0
RANK_INTERVAL = (5.0, 95.0)
RANK_COLUMNS = ["rank", "rank_median", "rank_low", "rank_high"]


@dataclass(frozen=True)
class IndexSettings:
    """How theme scores become one index: normalisation, theme weights and aggregation."""

    normalisation: str = "goalposts"
    aggregation: str = "arithmetic"
    weights: dict[str, float] = field(default_factory=dict)  # theme -> weight; empty = equal


def aggregate(scores: np.ndarray, weights: np.ndarray, aggregation: str) -> np.ndarray:
    """Weighted mean of each row's available scores (weights renormalised over what exists).

    `weights` may be one vector or one vector per draw (draws x themes); the result is
    cities, or cities x draws. A city with no score at all gets NaN.
    """
    present = ~np.isnan(scores)
    matrix = np.atleast_2d(weights)
    available = present.astype(float) @ matrix.T
    with np.errstate(invalid="ignore", divide="ignore"):
        if aggregation == "geometric":
            logs = np.where(
                present, np.log(np.maximum(np.nan_to_num(scores), GEOMETRIC_FLOOR)), 0.0
            )
            result = np.exp((logs @ matrix.T) / available)
        else:
            result = (np.where(present, scores, 0.0) @ matrix.T) / available
    result[available == 0] = np.nan
    return result[:, 0] if np.ndim(weights) == 1 else result


def _weights(names: list[str], chosen: dict[str, float]) -> np.ndarray:
    """Return the theme weights in `names` order, equal when none were chosen, summing to 1."""
    raw = np.array([chosen.get(name, 0.0 if chosen else 1.0) for name in names], dtype=float)
    return raw / raw.sum()


def _ranks(index: np.ndarray) -> np.ndarray:
    """Rank cities (1 = highest index) down each column; NaN indexes get NaN ranks."""
    # Each column is sorted as a contiguous row of the transpose, which is much faster than
    # sorting down the columns; NaN becomes +inf after the negation, so it ranks last.
    descending = np.ascontiguousarray(-np.where(np.isnan(index), -np.inf, index).T)
    order = np.argsort(descending, axis=1)
    # The fast sort may reorder equal indexes; where two cities tie, the first ranks first, so
    # rows with a tie are sorted again stably (ties among cities without an index don't count).
    ordered = np.take_along_axis(descending, order, axis=1)
    tied = ((ordered[:, 1:] == ordered[:, :-1]) & np.isfinite(ordered[:, 1:])).any(axis=1)
    for row in np.flatnonzero(tied):
        order[row] = np.argsort(descending[row], kind="stable")
    ranks = np.empty(descending.shape)
    positions = np.broadcast_to(np.arange(1, index.shape[0] + 1), descending.shape)
    np.put_along_axis(ranks, order, positions, axis=1)
    return np.where(np.isnan(index), np.nan, ranks.T)


def _matrices(
    themes: pl.DataFrame, names: list[str], methods: list[str]
) -> tuple[pl.DataFrame, dict]:
    """Return the city-years (by year, then city) and one (city-year x theme) array per method.

    Keyed rows are matched on the integer city-year key; cities are numbered in the order of
    their names, so ordering by the key orders them as by name.
    """
    keys = ["city_year"] if "city_year" in themes.columns else ["city", "year"]
    rows = (
        themes.select(list(dict.fromkeys([*keys, "city", "year"])))
        .unique(subset=keys)
        .sort("year", keys[0])
        .with_row_index("_row")
    )
    # Only the keys are joined, in the themes' order, and the themes are numbered by casting
    # them to an enumeration of `names`: both cheaper than joining or renaming whole rows.
    row_numbers = themes.select(keys).join(
        rows.select(*keys, "_row"), on=keys, how="left", maintain_order="left"
    )["_row"]
    placed = row_numbers.is_not_null().to_numpy()  # a null key matches no row, as in a join
    row_numbers = row_numbers.drop_nulls().to_numpy()
    column_numbers = (
        themes["theme"].cast(pl.String).cast(pl.Enum(names)).to_physical().to_numpy()[placed]
    )
    matrices = {}
    for method in methods:
        matrix = np.full((rows.height, len(names)), np.nan)
        matrix[row_numbers, column_numbers] = (
            themes[method].cast(pl.Float64).fill_null(np.nan).to_numpy()[placed]
        )
        matrices[method] = matrix
    return rows.select("city", "year"), matrices


def _keyed_matrices(
    results: pl.DataFrame, methods: list[str]
) -> tuple[pl.DataFrame, list[str], dict] | None:
    """Return what `_matrices` returns, and the theme names, straight from keyed result rows.

    Each row's cell (city-year by theme) is numbered from the integer city-year key and the
    theme's enumeration code, and the scores summed into the cells with NumPy, with no
    group-by, no names gathered per group and no join. The sums run in row order, as a Polars
    group-by sums rows in one piece; rows in several pieces (read from a file) Polars sums
    piece by piece, which can change a mean's last digit. None when the rows have no key or
    a theme that is not an enumeration or is missing.
    """
    theme = results.schema.get("theme")
    if (
        "city_year" not in results.columns
        or not isinstance(theme, pl.Enum)
        or results["theme"].null_count()
    ):
        return None
    keys = results["city_year"]
    keyed = np.flatnonzero(keys.is_not_null().to_numpy()) if keys.null_count() else None
    keys = keys.drop_nulls().to_numpy()
    rows, row_numbers, first = _numbered(keys)
    codes = results["theme"].to_physical().to_numpy()
    codes = codes if keyed is None else codes[keyed]
    # The themes, named in sorted order, are the matrices' columns.
    used = np.flatnonzero(np.bincount(codes, minlength=theme.categories.len()))
    names = sorted(theme.categories.gather(used).to_list())
    column_of = np.zeros(theme.categories.len(), dtype=np.int64)
    column_of[used] = [names.index(name) for name in theme.categories.gather(used).to_list()]
    cells = row_numbers * len(names) + column_of[codes]
    first = first if keyed is None else keyed[first]
    order = (
        pl.DataFrame({"city_year": rows, "year": results["year"].gather(first)})
        .with_row_index("_row")
        .sort("year", "city_year")["_row"]
        .to_numpy()
    )
    size = len(rows) * len(names)

    def matrix(method: str) -> np.ndarray:
        values = results.select(normalised(results, method).cast(pl.Float64)).to_series()
        if keyed is not None:
            values = values.gather(keyed)
        given = values.is_not_null().to_numpy()
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.bincount(
                cells, weights=values.fill_null(0.0).to_numpy(), minlength=size
            ) / np.bincount(cells[given], minlength=size)
        return means.reshape(len(rows), len(names))[order]

    # Each method's matrix is filled on its own, side by side.
    matrices = dict(
        zip(methods, together(*(partial(matrix, name) for name in methods)), strict=True)
    )
    # Equivalent if it returned None: the index is then made by the group-by, the same (tested).
    return results.select("city", "year")[first[order]], names, matrices  # pragma: no mutate


def _numbered(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the distinct keys in order, each key's place among them and its first row.

    Computed rows come in city-year order, so a change of key starts the next; otherwise
    city-year keys are dense (a city number times the year slots, plus the year), and a
    table as long as the largest key marks the ones that occur, faster than sorting them.
    """
    if (keys[1:] >= keys[:-1]).all():
        starts = np.ones(len(keys), dtype=bool)
        starts[1:] = keys[1:] != keys[:-1]
        first = np.flatnonzero(starts)
        return keys[first], np.cumsum(starts) - 1, first
    # Both ways give the same numbers (tested): the limit only chooses the faster, and keys
    # out of order are never empty.
    largest = int(keys.max(initial=0))  # pragma: no mutate
    if largest > 16 * len(keys) + 2**20:  # pragma: no mutate
        distinct, first, place = np.unique(keys, return_index=True, return_inverse=True)
        return distinct, place, first
    occurs = np.zeros(largest + 1, dtype=bool)
    occurs[keys] = True
    place = (np.cumsum(occurs) - 1)[keys]
    first = np.empty(int(occurs.sum()), dtype=np.int64)
    first[place[::-1]] = np.arange(len(keys))[::-1]  # the last write of a place wins
    return np.flatnonzero(occurs).astype(keys.dtype), place, first


@dataclass(frozen=True)
class _Draws:
    """The choices of one year's Monte Carlo draws: method, aggregation and theme weights."""

    methods: np.ndarray
    aggregations: np.ndarray
    weights: np.ndarray

    @classmethod
    def drawn(
        cls, methods: int, alpha: np.ndarray, draws: int, generator: np.random.Generator
    ) -> "_Draws":
        """Draw `draws` choices among `methods` methods, with weights around `alpha`."""
        return cls(
            generator.integers(methods, size=draws),
            generator.integers(len(AGGREGATIONS), size=draws),
            generator.dirichlet(alpha, size=draws),
        )


def _draw_ranks(matrices: dict, methods: list[str], chosen: _Draws) -> np.ndarray:
    """Return cities x draws ranks, each draw with its own method, aggregation and weights."""
    cities = next(iter(matrices.values())).shape[0]
    simulated = np.full((cities, len(chosen.methods)), np.nan)
    for method_number, method in enumerate(methods):
        for aggregation_number, aggregation in enumerate(AGGREGATIONS):
            these = (chosen.methods == method_number) & (chosen.aggregations == aggregation_number)
            if these.any():
                simulated[:, these] = aggregate(
                    matrices[method], chosen.weights[these], aggregation
                )
    return _ranks(simulated)


def _summary(draw_ranks: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return each row's median rank and its rank interval over the draws (columns).

    The rows are sorted once, so the median and the percentiles are read at fixed positions,
    the ones NumPy's median and percentiles ("lower" and "higher") pick for this many draws;
    as with those, a row with a NaN rank in any draw gets NaN.
    """
    draws = draw_ranks.shape[1]
    draw_ranks.sort(axis=1)  # NaN goes last
    positions = np.arange(draws)
    low = int(np.percentile(positions, RANK_INTERVAL[0], method="lower"))
    high = int(np.percentile(positions, RANK_INTERVAL[1], method="higher"))
    median = draw_ranks[:, [(draws - 1) // 2, draws // 2]].mean(axis=1)
    figures = median, draw_ranks[:, low].copy(), draw_ranks[:, high].copy()
    incomplete = np.isnan(draw_ranks[:, -1])
    for figure in figures:
        figure[incomplete] = np.nan
    return figures


# One BLAS thread: the products are thin (cities x themes by a few draws), and threads that
# spin while they wait made them, and the sorting between them, many times slower.
@threadpool_limits.wrap(limits=1, user_api="blas")
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
    geometric) and theme weights from a Dirichlet around the chosen ones (OECD/JRC Handbook
    on Constructing Composite Indicators, 2008, step 7: uncertainty analysis). Ranks are within
    a year; the same seed gives the same intervals.
    """
    if settings.normalisation == "goalposts" and "score" not in results.columns:
        raise ValueError(
            "The goalposts normalisation needs goalpost scores (a `score` column): score the "
            "results with goalposts first, or choose another normalisation."
        )
    methods = list(dict.fromkeys([settings.normalisation, *(normalisations or [])]))
    # Goalposts may still be among the draws' methods without scores: the draws skip them.
    methods = [name for name in methods if name != "goalposts" or "score" in results.columns]
    keyed = _keyed_matrices(results, methods)
    if keyed is None:
        themes = theme_means(results, methods)
        names = sorted(themes["theme"].cast(pl.String).unique().to_list())
        rows, matrices = _matrices(themes, names, methods)
    else:
        rows, names, matrices = keyed
    weights = _weights(names, settings.weights)
    alpha = np.maximum(DIRICHLET_CONCENTRATION * len(names) * weights, 1e-3)
    generator = np.random.default_rng(seed)
    index = aggregate(matrices[settings.normalisation], weights, settings.aggregation)
    columns = {name: np.full(rows.height, np.nan) for name in RANK_COLUMNS}
    draw_ranks = np.full((rows.height, draws), np.nan)
    # Rows come by year, so each year is a run of rows, ranked on its own. The draws are made
    # first, year after year, as one stream from the seed; a missing year (NaN, sorted last)
    # matches no row and is left out.
    years = rows["year"].to_numpy()
    runs = []
    for year in np.unique(years):
        in_year = np.flatnonzero(years == year)
        if len(in_year):
            chosen = _Draws.drawn(len(methods), alpha, draws, generator) if draws else None
            runs.append((int(in_year[0]), int(in_year[-1]) + 1, chosen))

    def rank(first: int, last: int) -> None:
        for start, end, choices in runs[first:last]:
            columns["rank"][start:end] = _ranks(index[start:end, None])[:, 0]
            if draws:
                draw_ranks[start:end] = _draw_ranks(
                    {m: matrix[start:end] for m, matrix in matrices.items()}, methods, choices
                )

    starts = np.array([start for start, _end, _chosen in runs], dtype=np.int64)
    together(*(partial(rank, first, last) for first, last in spans(starts, len(years))))
    if draws:
        columns["rank_median"], columns["rank_low"], columns["rank_high"] = _summary(draw_ranks)
    return rows.with_columns(
        pl.Series("index", index).fill_nan(None),
        *[
            pl.Series(name, values).fill_nan(None).cast(pl.Int32)
            for name, values in columns.items()
        ],
    ).with_columns(pl.col("index").count().over("year").alias("cities"))
