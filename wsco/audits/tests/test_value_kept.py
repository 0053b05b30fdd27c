"""A reported value its inputs reproduce is kept, with the recomputed one beside it."""

from pathlib import Path

import polars as pl
import pytest

from wsco.audits.engine.compute import compute, provenance
from wsco.audits.engine.pipeline import audit_files
from wsco.audits.tests.factories import reported_frame, result_for, variables_frame

HEADER = "city,year,indicator,numerator,denominator,value\n"


def only_result(folder: Path, line: str) -> dict:
    """Return the result of one reported row given as a CSV line (file t.csv, line 2)."""
    path = folder / "t.csv"
    path.write_text(HEADER + line, encoding="utf-8")
    results = provenance(audit_files([path]).results)
    rows = results.filter(pl.col("row") == "t.csv:2")
    assert rows.height == 1
    return rows.row(0, named=True)


@pytest.mark.parametrize(
    ("line", "value", "computed", "codes"),
    [
        # Fire deaths per 100,000 over a population written as 1.59 (159,141 / 100,000): 45 / 1.59
        # = 28.3019. 44.5 / 1.595 = 27.900 to 45.5 / 1.585 = 28.707: the recomputed value is
        # known to 0.81, the reported 28.28 to 0.01 (28.275-28.285). The city divided by the
        # unrounded population: 28.28 is kept.
        (
            "Melbourne,2017,ISO37120:2018/15.2,45,1.59,28.28\n",
            28.28,
            45 / 1.59,
            ["denominator_scaled"],
        ),
        # 3,942 / 84,942 x 100 = 4.640813 %, reported as 4.6 (4.55-4.65): reproduced within the
        # rounding the city wrote, so the city's 4.6 is the value and 4.640813 stands beside it.
        (
            "Melbourne,2015,ISO37120:2018/5.1,3942,84942,4.6\n",
            4.6,
            3942 / 84942 * 100,
            None,
        ),
        # The same reported as 4.64081: the reported value is kept.
        (
            "Melbourne,2015,ISO37120:2018/5.1,3942,84942,4.64081\n",
            4.64081,
            3942 / 84942 * 100,
            None,
        ),
        # A percentage over a denominator rounded to a thousand: 1,234 / 85,000 x 100 = 1.45176;
        # 1,233.5 / 85,000.5 = 1.45117 to 1,234.5 / 84,999.5 = 1.45236 (0.0012 wide), reported
        # as 1.4518 (0.0001 wide): kept.
        ("Iasi,2020,ISO37120:2018/5.1,1234,85000,1.4518\n", 1.4518, 1234 / 85000 * 100, None),
    ],
    ids=["rounded denominator", "rounded report", "precise report", "precise percentage"],
)
def test_a_reproduced_reported_value_is_kept_beside_the_recomputed_one(
    tmp_path: Path, line: str, value: float, computed: float, codes: list | None
) -> None:
    row = only_result(tmp_path, line)
    assert row["status"] == "ok"
    assert row["message_codes"] == codes
    assert row["value"] == pytest.approx(value, rel=1e-12)
    assert row["computed_value"] == pytest.approx(computed, rel=1e-12)


def test_a_contradicted_value_keeps_the_recomputed_value() -> None:
    rows = [("Iasi", 2020, "ISO37120:2018/5.1", "5", "100", "7")]
    row = result_for(compute(reported=reported_frame(rows))[0], "Iasi", 2020, "ISO37120:2018/5.1")
    # 5 / 100 x 100 = 5 %, reported as 7: the value is the recomputed 5, as before.
    assert (row["status"], row["value"], row["computed_value"]) == ("invalid", 5.0, 5.0)


def test_base_values_alone_have_their_computed_value_as_value() -> None:
    rows = [("Cluj", 2020, "unemployed_persons", "6000"), ("Cluj", 2020, "labour_force", "150000")]
    row = result_for(compute(variables=variables_frame(rows))[0], "Cluj", 2020, "ISO37120:2018/5.1")
    # 6,000 / 150,000 x 100 = 4 %.
    assert (row["value"], row["computed_value"], row["currency"]) == (4.0, 4.0, None)
