"""Choosing the top k among scored candidates, with the quota for other organization types."""

import numpy as np

# Exact scores are rounded to this many decimals before ranking, so that equal scores reached by
# different summation orders (all members at once, or a few) tie, and ties go to the lower row:
# the approximate and the exact search then agree on which of several equals they return.
RANKING_DECIMALS = 5


def ranking_keys(scores: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Return an integer key for each score: higher is better, and no two keys are equal."""
    rounded = np.round(scores.astype(np.float64) * 10**RANKING_DECIMALS).astype(np.int64)
    return (rounded << 32) - rows.astype(np.int64)


def top_positions(scores: np.ndarray, positions: np.ndarray, count: int) -> np.ndarray:
    """Return the `count` positions with the highest scores, unordered."""
    if len(positions) <= count:
        return positions
    best = np.argpartition(scores[positions], len(positions) - count)[-count:]
    return positions[best]


def choose(
    scores: np.ndarray,
    eligible: np.ndarray,
    other_type: np.ndarray,
    count: int,
    quota: int,
) -> np.ndarray:
    """Return the positions of the best `count` eligible scores, best first.

    At least `quota` of them come from another organization type, or all such eligible
    candidates when fewer exist: the lowest-scored ones of the same type make room.
    """
    positions = np.flatnonzero(eligible)
    chosen = top_positions(scores, positions, count)
    missing = quota - int(other_type[chosen].sum())
    if missing > 0:
        others = positions[other_type[positions]]
        others = others[~np.isin(others, chosen)]
        extra = top_positions(scores, others, missing)
        same = chosen[~other_type[chosen]]
        room = max(0, len(chosen) + len(extra) - count)
        dropped = same[np.argsort(scores[same], kind="stable")[:room]]
        chosen = np.concatenate([chosen[~np.isin(chosen, dropped)], extra])
    return chosen[np.argsort(-scores[chosen], kind="stable")]
