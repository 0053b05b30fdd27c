"""Combine jurors' scores into a ranking, evening out harsh and lenient jurors.

Pure computation, no Django: the services hand it numbers and store what it returns.

A juror's mark for a nomination is the weighted mean of their criterion scores (1-10). Jurors
differ in how they use the scale: one gives 4 to 6, another 7 to 10. Once a juror has marked at
least `minimum` nominations of the category, their marks are standardised (z-scores, with the
population standard deviation of their own marks) and put back on the panel's scale: the mean
and standard deviation of every mark of the category. A juror who marked fewer keeps their raw
marks (too few to know their habits), and so does one whose marks all equal each other (a
deviation of 0 gives no scale to standardise). A nomination's raw result is the mean of its
raw marks, its calibrated result the mean of its calibrated marks.

Ranking: the higher calibrated result first; ties (equal to three decimals, as reported) are
broken by, in order, the higher raw result, then more public votes, then the earlier
nomination. Each row says which rule placed it below the row above when the rule before it was
tied (`tie_break`), so that the report shows where one was used.
"""

from collections import defaultdict
from dataclasses import dataclass
from math import sqrt

# The rules that break a tie, in the order they are tried (after the calibrated result).
TIE_BREAKS = ("raw", "votes", "earlier")
PLACES = 3


@dataclass(frozen=True)
class Mark:
    """One juror's weighted mark for one nomination."""

    juror: int
    nomination: int
    value: float


@dataclass(frozen=True)
class Result:
    """A nomination's place in the ranking."""

    nomination: int
    rank: int
    raw: float
    calibrated: float
    votes: int
    jurors: int
    tie_break: str  # "" or one of TIE_BREAKS: the rule that put it below the row above


def weighted_mark(scores: list[tuple[int, int]]) -> float:
    """Return the weighted mean of `(score, weight)` pairs."""
    total_weight = sum(weight for _, weight in scores)
    if total_weight == 0:
        raise ValueError("A mark needs at least one criterion with a weight.")
    return sum(score * weight for score, weight in scores) / total_weight


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _deviation(values: list[float]) -> float:
    """Population standard deviation."""
    mean = _mean(values)
    return sqrt(sum((value - mean) ** 2 for value in values) / len(values))


def calibrate(marks: list[Mark], *, minimum: int) -> dict[tuple[int, int], float]:
    """Return each `(juror, nomination)` mark put on the panel's scale (see the module)."""
    if not marks:
        return {}
    panel = [mark.value for mark in marks]
    panel_mean, panel_deviation = _mean(panel), _deviation(panel)
    by_juror: dict[int, list[Mark]] = defaultdict(list)
    for mark in marks:
        by_juror[mark.juror].append(mark)
    calibrated = {}
    for juror, own in by_juror.items():
        values = [mark.value for mark in own]
        deviation = _deviation(values)
        standardise = len(own) >= minimum and deviation > 0
        mean = _mean(values)
        for mark in own:
            if standardise:
                value = panel_mean + (mark.value - mean) / deviation * panel_deviation
            else:
                value = mark.value
            calibrated[(juror, mark.nomination)] = value
    return calibrated


def rank(
    marks: list[Mark],
    *,
    minimum: int,
    votes: dict[int, int] | None = None,
    order: dict[int, int] | None = None,
) -> list[Result]:
    """Rank the nominations the marks are about (see the module for the rules).

    `votes` gives each nomination's public votes; `order` its submission order (lower is
    earlier; the nomination's id when not given).
    """
    votes = votes or {}
    order = order or {}
    calibrated = calibrate(marks, minimum=minimum)
    raw_of: dict[int, list[float]] = defaultdict(list)
    calibrated_of: dict[int, list[float]] = defaultdict(list)
    for mark in marks:
        raw_of[mark.nomination].append(mark.value)
        calibrated_of[mark.nomination].append(calibrated[(mark.juror, mark.nomination)])
    rows = [
        {
            "nomination": nomination,
            "raw": round(_mean(raw_of[nomination]), PLACES),
            "calibrated": round(_mean(calibrated_of[nomination]), PLACES),
            "votes": votes.get(nomination, 0),
            "jurors": len(raw_of[nomination]),
        }
        for nomination in raw_of
    ]

    def keys(row: dict) -> tuple:
        return (
            -row["calibrated"],
            -row["raw"],
            -row["votes"],
            order.get(row["nomination"], row["nomination"]),
        )

    rows.sort(key=keys)
    results = []
    for index, row in enumerate(rows):
        tie_break = ""
        if index:
            above, here = keys(rows[index - 1]), keys(row)
            if above[0] == here[0]:
                # The first rule after the calibrated result that tells the two apart.
                tie_break = next(
                    rule
                    for rule, a, b in zip(TIE_BREAKS, above[1:], here[1:], strict=True)
                    if a != b
                )
        results.append(Result(rank=index + 1, tie_break=tie_break, **row))
    return results
