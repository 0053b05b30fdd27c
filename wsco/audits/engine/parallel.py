"""Independent pieces of the engine's work, run side by side on the machine's cores.

NumPy releases the interpreter lock while it sorts, gathers and computes over large arrays,
and Polars while it runs a query, so threads are enough: no process copies the data.
"""

import itertools
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from typing import Any

import numpy as np

WORKERS = os.cpu_count() or 1

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()
_inside = threading.local()


def _executor() -> ThreadPoolExecutor:
    """Return the engine's thread pool, started on first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="audit-engine")
        return _pool


def _run_marked(work: Callable[[], Any]) -> Any:
    """Run `work` on a pool thread, marked so that work it starts runs where it is."""
    _inside.active = True
    try:
        return work()
    finally:
        _inside.active = False


def together(*work: Callable[[], Any]) -> list[Any]:
    """Run each piece of `work` at the same time; return their results in the same order.

    The first piece runs on the calling thread, the others on the pool. Work started from a
    pool thread runs there, one piece after another: a pool thread waiting for pieces queued
    behind it could wait for ever. An exception in any piece is raised once all have ended,
    so that no piece is still writing into shared arrays when the caller moves on.
    """
    if len(work) < 2 or WORKERS < 2 or getattr(_inside, "active", False):
        return [piece() for piece in work]
    futures = [_executor().submit(_run_marked, piece) for piece in work[1:]]
    try:
        first = work[0]()
    finally:
        wait(futures)
    return [first, *(future.result() for future in futures)]


def spans(starts: np.ndarray, total: int, parts: int = WORKERS) -> list[tuple[int, int]]:
    """Split `total` rows into up to `parts` spans of similar size, each opening at a group.

    `starts` (ascending) are where groups of rows begin; a group is never split,
    so each span can be worked on alone. Returns (index of its first start, index past its
    last start) pairs.
    """
    count = len(starts)
    if count == 0:
        return []
    bounds = [0]
    for part in range(1, parts):
        # The first group starting at or after this share of the rows opens the next span.
        index = int(np.searchsorted(starts, total * part / parts, side="left"))
        if bounds[-1] < index < count:
            bounds.append(index)
    bounds.append(count)
    return list(itertools.pairwise(bounds))
