"""The calibration of jurors' marks and the ranking, against figures worked out by hand."""

from math import sqrt

import pytest

from wsco.awards.calibration import Mark, calibrate, rank, weighted_mark

# Juror 1 is lenient (marks 10, 9, 8), juror 2 harsh (4, 3, 5); they share nominations 2 and 3.
LENIENT_AND_HARSH = [
    Mark(1, 1, 10.0),
    Mark(1, 2, 9.0),
    Mark(1, 3, 8.0),
    Mark(2, 2, 4.0),
    Mark(2, 3, 3.0),
    Mark(2, 4, 5.0),
]


def test_weighted_mark_weighs_each_criterion():
    # By hand: (8 x 3 + 4 x 1) / (3 + 1) = 28 / 4 = 7.
    assert weighted_mark([(8, 3), (4, 1)]) == 7


def test_weighted_mark_refuses_no_weight():
    with pytest.raises(ValueError, match="at least one criterion"):
        weighted_mark([])


def test_calibration_puts_each_juror_on_the_panel_scale():
    # By hand: each juror's marks have a mean of 9 (resp. 4) and a population deviation of
    # sqrt(2/3); the panel's six marks have a mean of 39/6 = 6.5 and a deviation of
    # sqrt(41.5/6). A mark one step above its juror's mean is z = 1/sqrt(2/3) = 1.2247, put
    # back at 6.5 + 1.2247 x 2.62996 = 6.5 + sqrt(1.5 x 41.5/6) = 6.5 + 3.22102 = 9.72102.
    step = sqrt(1.5 * 41.5 / 6)
    calibrated = calibrate(LENIENT_AND_HARSH, minimum=3)
    assert calibrated[(1, 1)] == pytest.approx(6.5 + step)
    assert calibrated[(1, 2)] == pytest.approx(6.5)
    assert calibrated[(1, 3)] == pytest.approx(6.5 - step)
    assert calibrated[(2, 2)] == pytest.approx(6.5)
    assert calibrated[(2, 3)] == pytest.approx(6.5 - step)
    assert calibrated[(2, 4)] == pytest.approx(6.5 + step)


def test_ranking_shows_raw_and_calibrated_and_flags_the_tie_break():
    # By hand, raw means: n1 10, n2 (9+4)/2 = 6.5, n3 (8+3)/2 = 5.5, n4 5: raw order 1,2,3,4.
    # Calibrated: n1 9.721, n4 9.721 (the harsh juror's best), n2 6.5, n3 3.279. n1 and n4
    # tie on the calibrated result; the higher raw result (10 against 5) puts n1 first.
    results = rank(LENIENT_AND_HARSH, minimum=3)
    assert [(row.nomination, row.rank) for row in results] == [(1, 1), (4, 2), (2, 3), (3, 4)]
    assert [(row.raw, row.calibrated) for row in results] == [
        (10.0, 9.721),
        (5.0, 9.721),
        (6.5, 6.5),
        (5.5, 3.279),
    ]
    assert [row.tie_break for row in results] == ["", "raw", "", ""]
    assert [row.jurors for row in results] == [1, 1, 2, 2]


def test_a_juror_below_the_minimum_keeps_raw_marks():
    # Each juror marked 3 nominations: with a minimum of 4 nobody is standardised.
    calibrated = calibrate(LENIENT_AND_HARSH, minimum=4)
    assert calibrated == {(mark.juror, mark.nomination): mark.value for mark in LENIENT_AND_HARSH}
    assert [row.nomination for row in rank(LENIENT_AND_HARSH, minimum=4)] == [1, 2, 3, 4]


def test_a_juror_whose_marks_are_all_equal_keeps_them():
    marks = [Mark(1, 1, 6.0), Mark(1, 2, 6.0), Mark(1, 3, 6.0)]
    assert calibrate(marks, minimum=3) == {(1, 1): 6.0, (1, 2): 6.0, (1, 3): 6.0}


def test_votes_then_the_earlier_nomination_break_remaining_ties():
    marks = [Mark(1, 1, 7.0), Mark(1, 2, 7.0), Mark(1, 3, 7.0)]
    # Same calibrated and raw results: nomination 3 has more votes; 1 and 2 have as many,
    # and 2 was nominated first (order 0).
    results = rank(marks, minimum=3, votes={3: 5, 1: 2, 2: 2}, order={1: 1, 2: 0, 3: 2})
    assert [(row.nomination, row.tie_break) for row in results] == [
        (3, ""),
        (2, "votes"),
        (1, "earlier"),
    ]


def test_no_marks_no_ranking():
    assert rank([], minimum=3) == []
