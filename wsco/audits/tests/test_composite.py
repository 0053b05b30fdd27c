"""The index's parts worked out by hand: weights, keys, rank summaries and the draws' choices."""

import numpy as np
import polars as pl
import pytest

from wsco.audits.engine import composite
from wsco.audits.engine.composite import (
    IndexSettings,
    _draw_ranks,
    _Draws,
    _numbered,
    _ranks,
    _summary,
    _weights,
    composite_index,
)


def test_weights_are_equal_unless_chosen_and_a_theme_not_chosen_weighs_nothing() -> None:
    assert _weights(["a", "b", "c", "d"], {}).tolist() == [0.25] * 4
    # 2 and 6 of 8; "c" is not chosen.
    assert _weights(["a", "b", "c"], {"a": 2.0, "b": 6.0}).tolist() == [0.25, 0.75, 0.0]


@pytest.mark.parametrize(
    ("keys", "distinct", "place", "first"),
    [
        # In order (computed rows): a change of key starts the next.
        ([1, 1, 4], [1, 4], [0, 0, 1], [0, 2]),
        # Out of order and small: marked in a table as long as the largest key.
        ([5, 3, 5, 1], [1, 3, 5], [2, 1, 2, 0], [3, 1, 0]),
        # Out of order and far apart (above 16 x 3 + 2**20): sorted instead.
        ([2**30, 7, 2**30], [7, 2**30], [1, 0, 1], [1, 0]),
    ],
)
def test_city_year_keys_are_numbered_with_their_first_row(keys, distinct, place, first) -> None:
    found = _numbered(np.array(keys, dtype=np.uint64))
    assert [part.tolist() for part in found] == [distinct, place, first]


def test_a_median_and_rank_interval_are_read_from_the_sorted_draws() -> None:
    ranks = np.array(
        [
            [4.0, 1.0, 3.0, 2.0],  # median (2 + 3) / 2 = 2.5; 5th lowest 1, 95th highest 4
            [2.0, 2.0, 1.0, 2.0],  # median 2, interval 1-2
            [1.0, np.nan, 2.0, 3.0],  # no rank in one draw: no figures
        ]
    )
    median, low, high = _summary(ranks)
    assert median[:2].tolist() == [2.5, 2.0]
    assert (low[:2].tolist(), high[:2].tolist()) == ([1.0, 1.0], [4.0, 2.0])
    assert np.isnan([median[2], low[2], high[2]]).all()
    # With an odd number of draws the median is the middle one: 1, 2, 3, 5, 8 -> 3.
    assert _summary(np.array([[8.0, 1.0, 5.0, 2.0, 3.0]]))[0].tolist() == [3.0]


def test_each_draw_ranks_by_its_own_method_and_aggregation() -> None:
    # City 0 leads on "minmax", city 1 on "percentile" (one theme each).
    matrices = {"minmax": np.array([[80.0], [20.0]]), "percentile": np.array([[10.0], [90.0]])}
    chosen = _Draws(
        methods=np.array([0, 1, 1, 0]),
        aggregations=np.array([0, 0, 1, 1]),
        weights=np.ones((4, 1)),
    )
    ranks = _draw_ranks(matrices, ["minmax", "percentile"], chosen)
    assert ranks.tolist() == [[1.0, 2.0, 2.0, 1.0], [2.0, 1.0, 1.0, 2.0]]
    # Two themes: city 0 scores 100 and 1 (mean 50.5, geometric mean 10), city 1 40 and 40.
    two_themes = {"minmax": np.array([[100.0, 1.0], [40.0, 40.0]])}
    chosen = _Draws(
        methods=np.array([0, 0]), aggregations=np.array([0, 1]), weights=np.full((2, 2), 0.5)
    )
    assert _draw_ranks(two_themes, ["minmax"], chosen).tolist() == [[1.0, 2.0], [2.0, 1.0]]


def test_cities_that_all_tie_rank_in_the_order_they_come() -> None:
    index = np.full((40, 1), 50.0)
    assert _ranks(index)[:, 0].tolist() == list(range(1, 41))


def test_draws_centre_on_the_chosen_weights_five_per_theme(monkeypatch) -> None:
    drawn = []
    original = _Draws.drawn.__func__

    def recording(cls, methods, alpha, draws, generator):
        drawn.append(alpha.tolist())
        return original(cls, methods, alpha, draws, generator)

    monkeypatch.setattr(composite._Draws, "drawn", classmethod(recording))
    results = pl.DataFrame(
        {
            "city": ["A", "A", "B", "B"],
            "year": [2020] * 4,
            "theme": ["Economy", "Water"] * 2,
            "indicator": ["Economy", "Water"] * 2,
            "score": [90.0, 10.0, 50.0, 60.0],
            "status": ["ok"] * 4,
        }
    )
    composite_index(results, IndexSettings("goalposts"), draws=5)
    # Equal weights of 1/2 over 2 themes: 5 x 2 x 1/2 = 5 each.
    composite_index(results, IndexSettings("goalposts", weights={"Economy": 1.0}), draws=5)
    # All the weight on Economy: 5 x 2 x 1 = 10; Water's 0 is raised to 0.001 (a Dirichlet
    # needs every part above 0).
    assert drawn == [[5.0, 5.0], [10.0, 0.001]]
