"""The engine's side-by-side work: results in order, errors raised, spans, the same figures."""

import threading

import numpy as np
import polars as pl
import pytest

from wsco.audits.engine import parallel
from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.engine.composite import IndexSettings, composite_index
from wsco.audits.engine.compute import compute
from wsco.audits.engine.parallel import spans, together
from wsco.audits.engine.scoring import goalpost_scores, peer_scores
from wsco.audits.tests.factories import variables_frame


def test_together_returns_results_in_the_order_given():
    assert together(lambda: 1, lambda: "two", lambda: [3]) == [1, "two", [3]]


def test_together_runs_pieces_on_other_threads(monkeypatch):
    monkeypatch.setattr(parallel, "WORKERS", 2)
    seen = together(threading.get_ident, threading.get_ident)
    assert seen[0] == threading.get_ident()
    assert seen[1] != seen[0]


def test_work_started_inside_a_piece_runs_on_that_piece_s_thread(monkeypatch):
    monkeypatch.setattr(parallel, "WORKERS", 2)

    def inner() -> set[int]:
        return set(together(threading.get_ident, threading.get_ident))

    _outer, inner_threads = together(lambda: None, inner)
    assert len(inner_threads) == 1


def test_an_error_in_a_piece_is_raised_after_every_piece_has_ended(monkeypatch):
    monkeypatch.setattr(parallel, "WORKERS", 2)
    finished = threading.Event()

    def slow() -> None:
        finished.wait(0.2)
        finished.set()

    def failing() -> None:
        raise ValueError("no such indicator")

    with pytest.raises(ValueError, match="no such indicator"):
        together(failing, slow)
    assert finished.is_set()


def test_spans_split_rows_at_group_starts_into_similar_sizes():
    # Groups of 4, 4, 2 and 10 rows (20 in all): the second half opens at the first group
    # starting at or after row 10.
    starts = np.array([0, 4, 8, 10])
    assert spans(starts, 20, parts=2) == [(0, 3), (3, 4)]
    assert spans(starts, 20, parts=1) == [(0, 4)]


def test_spans_never_leave_a_span_empty():
    # One large group: however many parts are asked for, there is one span.
    assert spans(np.array([0]), 1_000, parts=4) == [(0, 1)]
    assert spans(np.array([], dtype=np.int64), 0, parts=2) == []


def test_the_pipeline_gives_the_same_figures_with_threads_or_without(monkeypatch):
    # 40 cities x 3 years x every base variable of ISO 37120:2018, drawn at random: compute,
    # goalpost and peer scores and the index, once with the work side by side and once on
    # one thread, must agree to the last digit.
    formulas = load_catalogue().formulas(["ISO37120:2018"])
    names = sorted(
        set(formulas["numerator_variable"].drop_nulls().cast(pl.String))
        | set(formulas["denominator_variable"].drop_nulls().cast(pl.String))
    )
    generator = np.random.default_rng(4)
    rows = [
        (f"city {city}", year, name, round(float(generator.uniform(1, 1000)), 2))
        for city in range(40)
        for year in (2019, 2020, 2021)
        for name in names
    ]
    goalposts = formulas.filter(pl.col("better").is_in(["higher", "lower"])).select(
        "indicator",
        pl.lit(0.0).alias("min"),
        pl.col("range_max").fill_null(100.0).alias("max"),
        "better",
    )
    figures = {}
    for workers in (1, 2):
        monkeypatch.setattr(parallel, "WORKERS", workers)
        results, _findings = compute(variables=variables_frame(rows), standards=["ISO37120:2018"])
        scored = peer_scores(
            goalpost_scores(results, goalposts).with_columns(pl.lit("all").alias("peer_group"))
        )
        index = composite_index(
            scored, IndexSettings("goalposts"), draws=40, normalisations=["minmax", "percentile"]
        )
        figures[workers] = (scored, index)
    assert figures[1][0].equals(figures[2][0], null_equal=True)
    assert figures[1][1].equals(figures[2][1], null_equal=True)
    assert figures[1][0]["z_score"].drop_nulls().len() > 1000


@pytest.mark.parametrize(
    ("starts", "total", "parts", "expected"),
    [
        # Twelve one-row groups in three parts: spans open at rows 4 and 8.
        (np.arange(12), 12, 3, [(0, 4), (4, 8), (8, 12)]),
        # Groups at 0 and 10 of 12 rows: the second and third parts would both open at the
        # group at 10, which opens one span only.
        (np.array([0, 10]), 12, 3, [(0, 1), (1, 2)]),
        # Groups at 0 and 1 of 12 rows: rows 4 and 8 lie past the last group's start.
        (np.array([0, 1]), 12, 3, [(0, 2)]),
    ],
)
def test_spans_open_at_the_first_group_from_each_share(starts, total, parts, expected):
    assert spans(starts, total, parts=parts) == expected


def test_the_pool_is_started_once_and_kept(monkeypatch):
    monkeypatch.setattr(parallel, "_pool", None)
    pool = parallel._executor()
    try:
        assert pool is parallel._executor()
        assert (
            pool.submit(lambda: threading.current_thread().name).result().startswith("audit-engine")
        )
    finally:
        pool.shutdown()


def test_a_pool_thread_is_unmarked_once_its_piece_ends(monkeypatch):
    monkeypatch.setattr(parallel, "_inside", threading.local())
    seen = parallel._run_marked(lambda: parallel._inside.active)
    assert (seen, parallel._inside.active) == (True, False)
