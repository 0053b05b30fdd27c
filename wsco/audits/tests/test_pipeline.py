"""The steps the command line and the platform share: reading files, peer groups, small files."""

import re
from pathlib import Path

import polars as pl
import pytest

from wsco.audits.engine.messages import InputError
from wsco.audits.engine.pipeline import (
    audit_files,
    peer_groups,
    populations,
    read_goalposts,
    read_input_plain,
    read_key_value,
    read_weights,
)

VARIABLES = (
    "city,year,variable,value\nCluj,2020,unemployed_persons,6000\nCluj,2020,labour_force,150000\n"
)
REPORTED = "city,year,indicator,numerator,denominator,value\nIasi,2020,ISO37120:2018/5.1,5,100,5\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


def test_every_file_is_announced_as_it_is_read(tmp_path: Path) -> None:
    paths = [write(tmp_path, "a.csv", VARIABLES), write(tmp_path, "b.csv", REPORTED)]
    read = []
    audit = audit_files(paths, on_file=read.append)
    assert read == paths
    # Cluj from the base values, Iasi from its reported row: 6000 / 150000 x 100 = 4 and 5.
    unemployment = audit.results.filter(pl.col("indicator") == "ISO37120:2018/5.1")
    assert unemployment.select("city", "value").rows() == [("Cluj", 4.0), ("Iasi", 5.0)]


def test_reported_rows_alone_are_computed(tmp_path: Path) -> None:
    audit = audit_files([write(tmp_path, "b.csv", REPORTED)])
    assert audit.variables is None
    row = audit.results.filter(pl.col("indicator") == "ISO37120:2018/5.1").row(0, named=True)
    assert (row["city"], row["value"], row["status"]) == ("Iasi", 5.0, "ok")


def test_the_findings_on_input_rows_come_with_the_audit(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", VARIABLES + "Cluj,2020,populaton,5\n")
    audit = audit_files([path])
    assert audit.input_rows["message"].to_list() == [
        "Cluj, 2020, a.csv:4: unknown variable 'populaton' (the closest known is 'population')"
    ]
    assert audit.table().height == 128 + 1  # the indicators of ISO 37120:2018, then the finding


def test_a_results_file_alone_is_taken_as_it_is(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "results.csv",
        "city,year,indicator,value,status\n"
        "Cluj,2020,ISO37120:2018/5.1,4,ok\n"
        "Cluj,20x0,ISO37120:2018/5.1,4,ok\n",
    )
    audit = audit_files([path])
    # Nothing computed: the two rows read, the unreadable year left empty, no findings.
    assert audit.results.select("city", "year", "value", "status").rows() == [
        ("Cluj", 2020, 4.0, "ok"),
        ("Cluj", None, 4.0, "ok"),
    ]
    assert audit.input_rows.height == 0


def test_no_file_is_no_input() -> None:
    with pytest.raises(InputError, match=r"^no input rows to work on$"):
        audit_files([])


def test_populations_without_base_values_are_an_empty_table() -> None:
    empty = populations(None)
    assert empty.height == 0
    assert empty.schema == {"city": pl.String, "year": pl.Int32, "population": pl.Float64}


def test_a_key_value_file_is_read_trimmed_with_its_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "regions.csv", "city,region\n Cluj , North West \nIasi,North East\n")
    table = read_key_value(path, "city", "region")
    assert table.rows() == [("Cluj", "North West", 2), ("Iasi", "North East", 3)]


@pytest.mark.parametrize("header", ["city,area", "town,region"])
def test_a_key_value_file_without_its_columns_is_refused(tmp_path: Path, header: str) -> None:
    path = write(tmp_path, "regions.csv", f"{header}\nCluj,North West\n")
    with pytest.raises(
        InputError,
        match=rf"regions\.csv: columns {header},line match no input form; expected city,region",
    ):
        read_key_value(path, "city", "region")


def test_a_plain_file_must_exist_and_be_csv_or_xlsx(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"absent\.csv: no such file"):
        read_input_plain(tmp_path / "absent.csv")
    with pytest.raises(InputError, match=r"notes.txt: unknown file type; use \.csv"):
        read_input_plain(write(tmp_path, "notes.txt", "city\nCluj\n"))


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("ISO37120:2018/5.1,none,25,lower", "min and max must be numbers"),
        ("ISO37120:2018/5.1,0,none,lower", "min and max must be numbers"),
        ("ISO37120:2018/5.1,25,25,lower", "min and max are equal"),
        ("ISO37120:2018/5.1,0,25,up", "better must be 'higher' or 'lower'"),
    ],
)
def test_goalposts_that_cannot_be_used_are_refused_by_line(
    tmp_path: Path, row: str, problem: str
) -> None:
    path = write(
        tmp_path, "goals.csv", f"indicator,min,max,better\nISO37120:2018/5.2,0,1,higher\n{row}\n"
    )
    with pytest.raises(InputError, match=re.escape(f"goals.csv, line 3: {problem}")):
        read_goalposts(path)


def test_goalposts_are_read_trimmed_and_in_lower_case(tmp_path: Path) -> None:
    path = write(
        tmp_path, "goals.csv", "indicator,min,max,better\n ISO37120:2018/5.1 ,0,25, Lower\n"
    )
    assert read_goalposts(path).rows() == [("ISO37120:2018/5.1", 0.0, 25.0, "lower")]


def test_goalposts_without_their_columns_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "goals.csv", "indicator,min,max\nISO37120:2018/5.1,0,25\n")
    with pytest.raises(InputError, match="expected indicator,min,max,better"):
        read_goalposts(path)


def test_weights_of_zero_and_more_are_read(tmp_path: Path) -> None:
    path = write(tmp_path, "weights.csv", "theme,weight\nEconomy,0\nSafety,2.5\n")
    assert read_weights(path) == {"Economy": 0.0, "Safety": 2.5}


@pytest.mark.parametrize("weight", ["-0.01", "heavy"])
def test_a_negative_or_unreadable_weight_is_refused_by_line(tmp_path: Path, weight: str) -> None:
    path = write(tmp_path, "weights.csv", f"theme,weight\nEconomy,1\nSafety,{weight}\n")
    with pytest.raises(
        InputError, match=r"weights\.csv, line 3: weight must be a number of at least 0"
    ):
        read_weights(path)


RESULTS = pl.DataFrame({"city": ["Cluj", "Iasi", "Arad"], "year": [2020] * 3})


def test_peer_groups_by_region_by_list_or_everyone() -> None:
    regions = pl.DataFrame({"city": ["Cluj", "Iasi"], "region": ["North West", "North East"]})
    by_region = peer_groups(RESULTS, peers="region", regions=regions)
    assert by_region["peer_group"].to_list() == ["North West", "North East", None]
    listed = peer_groups(RESULTS, peers="list", peer_list=["Iasi", "Arad"])
    assert listed["peer_group"].to_list() == [None, "listed", "listed"]
    assert peer_groups(RESULTS, peers="list")["peer_group"].to_list() == [None, None, None]
    # Regions asked for without a regions file: everyone is one group.
    assert peer_groups(RESULTS, peers="region")["peer_group"].to_list() == ["all"] * 3
    assert peer_groups(RESULTS, peers="all", regions=regions)["peer_group"].to_list() == ["all"] * 3
