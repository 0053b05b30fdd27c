"""The engine's side-by-side work: results in order, errors raised, spans of whole groups."""

import threading

import numpy as np
import pytest

from wsco.audits.engine import parallel
from wsco.audits.engine.parallel import spans, together


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
