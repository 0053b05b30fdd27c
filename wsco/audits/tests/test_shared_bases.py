"""Rows of one city-year that share a denominator must agree on it, and it must be plausible."""

from pathlib import Path

import polars as pl
import pytest

from wsco.audits.engine.bases import BASE_TOLERANCE
from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.engine.compute import provenance
from wsco.audits.engine.pipeline import audit_files

FIREFIGHTERS = "ISO37120:2018/15.1"  # firefighters / population x 100,000
FIRE_DEATHS = "ISO37120:2018/15.2"  # fire_related_deaths / population x 100,000
VOLUNTEERS = "ISO37120:2018/15.6"  # volunteer_part_time_firefighters / population x 100,000
UNEMPLOYMENT = "ISO37120:2018/5.1"  # unemployed_persons / labour_force x 100
FULL_TIME = "ISO37120:2018/5.3"  # persons_in_full_time_employment / labour_force x 100
HEADER = "city,year,indicator,numerator,denominator,value\n"


def audit(folder: Path, text: str) -> pl.DataFrame:
    """Return the results, with their `row`, of reported rows given as CSV text (t.csv)."""
    path = folder / "t.csv"
    path.write_text(HEADER + text, encoding="utf-8")
    return provenance(audit_files([path]).results)


def row_of(results: pl.DataFrame, city: str, indicator: str) -> dict:
    """Return the one result of `city` for `indicator`."""
    rows = results.filter((pl.col("city") == city) & (pl.col("indicator") == indicator))
    assert rows.height == 1
    return rows.row(0, named=True)


def test_an_already_divided_reading_implying_an_impossible_population_is_refused(
    tmp_path: Path,
) -> None:
    # 2,782 firefighters over 27,301, reported as 0.1 per 100,000. Per 100,000 residents:
    # 2,782 / 27,301 x 100,000 = 10,190.1, not 0.1. Read as already divided by 100,000,
    # 2,782 / 27,301 = 0.1019 matches 0.1 (0.05-0.15), but it implies 27,301 x 100,000 =
    # 2,730,100,000 residents, above the plausible 50,000,000 for a city: most likely an entry
    # error, so the value is reported_contradicts.
    results = audit(tmp_path, 'Bigtown,2021,ISO37120:2018/15.1,"2,782","27,301",0.1\n')
    row = row_of(results, "Bigtown", FIREFIGHTERS)
    assert row["status"] == "invalid"
    assert row["message_codes"] == ["reported_contradicts", "base_implausible"]
    assert row["value"] == pytest.approx(10190.103)
    assert row["message"].split("; ")[1] == (
        "Bigtown, 2021, t.csv:2: ISO37120:2018/15.1 implies population = 2730100000, "
        "outside the plausible range 50 to 50000000"
    )


# One city-year, three per-100,000 rows over the population:
# - line 2: 2,782 / 2,730,100 x 100,000 = 101.902, reported as 101.9: 2,730,100 residents;
# - line 3: 30 / 27.3 = 1.0989 (29.5/27.35 = 1.0786 to 30.5/27.25 = 1.1193) reproduces 1.1
#   only as already divided: 27.3 x 100,000 = 2,730,000 (2,725,000-2,735,000) residents;
# - line 4: 410 / 3.73 = 109.92, likewise already divided: 373,000 (372,500-373,500).
# In order, 2,725,000 is more than 10 % above 373,500 (410,850), so line 4 stands alone,
# while 2,730,099.5 is within 10 % of 2,735,000: lines 2 and 3 agree, the larger group. Line 4
# is flagged and, its already divided reading refused, contradicts its reported value.
SHARED = """Sampletown,2021,ISO37120:2018/15.1,"2,782","2,730,100",101.9
Sampletown,2021,ISO37120:2018/15.2,30,27.3,1.1
Sampletown,2021,ISO37120:2018/15.6,410,3.73,109.92
Sampletown,2021,ISO37120:2018/5.1,"6,000","150,000",4
Sampletown,2021,ISO37120:2018/5.3,"90,000","149,000",60.4
"""


def test_the_row_a_city_years_other_rows_disagree_with_is_flagged_and_named(
    tmp_path: Path,
) -> None:
    results = audit(tmp_path, SHARED)
    volunteers = row_of(results, "Sampletown", VOLUNTEERS)
    assert volunteers["status"] == "invalid"
    # Read plainly, 410 / 3.73 x 100,000 = 10,991,957 is also beyond the plausible 100,000.
    assert volunteers["message_codes"] == [
        "reported_contradicts",
        "out_of_range",
        "base_disagrees",
    ]
    # The median of 2,730,100 and 2,730,000 is 2,730,050.
    assert volunteers["message"].split("; ")[-1] == (
        "Sampletown, 2021, t.csv:4: ISO37120:2018/15.6 implies population = 373000, "
        "but t.csv:2, t.csv:3 imply 2730050"
    )


def test_an_already_divided_reading_the_other_rows_agree_with_stands(tmp_path: Path) -> None:
    results = audit(tmp_path, SHARED)
    deaths = row_of(results, "Sampletown", FIRE_DEATHS)
    assert (deaths["status"], deaths["message_codes"]) == ("ok", ["denominator_scaled"])
    assert row_of(results, "Sampletown", FIREFIGHTERS)["message_codes"] is None
    # Other shared bases are compared among their own rows: a labour force of 150,000 and
    # of 149,000 (0.7 % apart) agree. 6,000 / 150,000 x 100 = 4 %; 90,000 / 149,000 x 100 =
    # 60.403 %, reported as 60.4.
    for indicator in (UNEMPLOYMENT, FULL_TIME):
        assert row_of(results, "Sampletown", indicator)["message_codes"] is None


@pytest.mark.parametrize(
    ("denominator", "reported", "agrees"),
    [
        # Line 2 implies 150,000 residents: 30 / 150,000 x 100,000 = 20, reported as 20.
        # Line 3, already divided: 1.36 stands for 136,000-136,500 residents and
        # 136,500 x 1.10 = 150,150 reaches 149,999.5: they agree (100 / 1.36 = 73.53).
        ("1.36", "73.53", True),
        # 1.35: 135,500 x 1.10 = 149,050 falls short of 149,999.5 (100 / 1.35 = 74.07).
        ("1.35", "74.07", False),
    ],
)
def test_rows_agree_within_the_tolerance_beyond_their_rounding(
    tmp_path: Path, denominator: str, reported: str, agrees: bool
) -> None:
    assert BASE_TOLERANCE == 0.10
    text = (
        'Edge,2021,ISO37120:2018/15.2,30,"150,000",20\n'
        f"Edge,2021,ISO37120:2018/15.1,100,{denominator},{reported}\n"
    )
    results = audit(tmp_path, text)
    firefighters = row_of(results, "Edge", FIREFIGHTERS)
    deaths = row_of(results, "Edge", FIRE_DEATHS)
    if agrees:
        assert firefighters["message_codes"] == ["denominator_scaled"]
        assert deaths["message_codes"] is None
    else:
        # Two rows, two values, neither in a larger group: both are flagged, each naming the
        # other; the already divided reading is refused, the plain one only warned about.
        # (Read plainly, 100 / 1.35 x 100,000 = 7,407,407 is beyond the plausible 100,000.)
        assert firefighters["message_codes"] == [
            "reported_contradicts",
            "out_of_range",
            "base_disagrees",
        ]
        assert firefighters["message"].endswith("but t.csv:2 imply 150000")
        assert (deaths["status"], deaths["message_codes"]) == ("warning", ["base_disagrees"])
        assert deaths["message"].endswith(
            "ISO37120:2018/15.2 implies population = 150000, but t.csv:3 imply 135000"
        )


def test_a_plain_denominator_outside_the_plausible_range_is_a_warning(tmp_path: Path) -> None:
    # 3 / 6 x 100 = 50 %, reproduced; but a labour force of 6 is below the plausible 10 (the
    # 6,000 written in thousands, perhaps). The value stands, with a warning.
    results = audit(tmp_path, "Tiny,2021,ISO37120:2018/5.1,3,6,50\n")
    row = row_of(results, "Tiny", UNEMPLOYMENT)
    assert (row["status"], row["value"]) == ("warning", 50.0)
    assert row["message"] == (
        "Tiny, 2021, t.csv:2: ISO37120:2018/5.1 implies labour_force = 6, "
        "outside the plausible range 10 to 40000000"
    )


def test_every_plausible_base_range_names_a_known_variable_with_a_basis() -> None:
    catalogue = load_catalogue()
    ranged = {name for name, variable in catalogue.variables.items() if variable.range_max}
    table = pl.read_csv(
        Path(__file__).parent.parent / "engine" / "catalogue" / "base_ranges.csv",
        infer_schema_length=0,
    )
    assert set(table["variable"]) == ranged
    assert table["range_basis"].str.starts_with("judgement").all()
    for name in ranged:
        variable = catalogue.variables[name]
        assert 0 < variable.range_min < variable.range_max, name


def test_a_population_given_as_a_base_value_takes_part(tmp_path: Path) -> None:
    # city.csv gives Sampletown's 2021 population once, 2,730,100. Of the reported rows,
    # 410 / 3.73 = 109.92 and 30 / 27.3 = 1.1 both reproduce their values only as already
    # divided: 373,000 and 2,730,000 residents. Alone they would be two groups of one; with
    # the given 2,730,100 the second has two members, so only line 2 is flagged, and the
    # given base value (never flagged itself) is named among those it disagrees with.
    base = tmp_path / "city.csv"
    base.write_text("city,year,variable,value\nSampletown,2021,population,2730100\n")
    reported = tmp_path / "t.csv"
    reported.write_text(
        HEADER
        + "Sampletown,2021,ISO37120:2018/15.6,410,3.73,109.92\n"
        + "Sampletown,2021,ISO37120:2018/15.2,30,27.3,1.1\n"
    )
    results = provenance(audit_files([base, reported]).results)
    volunteers = row_of(results, "Sampletown", VOLUNTEERS)
    assert volunteers["message"].split("; ")[-1] == (
        "Sampletown, 2021, t.csv:2: ISO37120:2018/15.6 implies population = 373000, "
        "but city.csv:2, t.csv:3 imply 2730050"
    )
    assert row_of(results, "Sampletown", FIRE_DEATHS)["message_codes"] == ["denominator_scaled"]
