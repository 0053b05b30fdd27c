"""Cities named like formulas come out of `wsco audit` as inert text, in CSV and in XLSX."""

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from wsco.audits.engine.cli import main
from wsco.core.spreadsheets import FORMULA_STARTS

# The OWASP attacks, one per character that starts a formula. The engine trims city names, so
# the tab and carriage return ones both arrive as the city "=1".
FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
CITIES_WRITTEN = {"=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "=1", "Iasi"}
GOALPOSTS = "indicator,min,max,better\nISO37120:2018/5.1,0,25,lower\n"


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """Write base values for every hostile city and Iasi, unemployment rising city by city."""
    lines = ["city,year,variable,value"]
    for number, city in enumerate([*FORMULAS, "Iasi"]):
        for variable, value in (
            ("population", 100_000 + 10_000 * number),
            ("unemployed_persons", 1_000 + 700 * number),
            ("labour_force", 50_000),
            ("homicides", 5 + 3 * number),
        ):
            lines.append(f"{_quoted(city)},2020,{variable},{value}")
    (tmp_path / "cities.csv").write_text("\r\n".join(lines) + "\r\n", newline="")
    (tmp_path / "goalposts.csv").write_text(GOALPOSTS)
    return tmp_path


def _csv_rows(path: Path) -> list[dict]:
    """Read a CSV file written by the engine: quoted fields as text, bare ones as numbers."""
    with path.open(newline="") as handle:
        rows = list(csv.reader(handle, quoting=csv.QUOTE_NONNUMERIC))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _assert_csv_inert(rows: list[dict]) -> None:
    for row in rows:
        for name, value in row.items():
            assert isinstance(value, float) or not value.startswith(FORMULA_STARTS), (name, value)


def _xlsx_cells(path: Path) -> list:
    workbook = load_workbook(path)
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


def _assert_xlsx_inert(cells: list) -> None:
    for cell in cells:
        assert cell.data_type != "f", cell.coordinate
        if isinstance(cell.value, str) and cell.value.startswith((*FORMULA_STARTS, "\n")):
            assert cell.data_type == "s", cell.coordinate
            assert cell.quotePrefix, cell.coordinate


def test_compute_writes_formula_cities_as_quoted_text_in_csv(inputs: Path) -> None:
    output = inputs / "results.csv"
    assert main(["compute", str(inputs / "cities.csv"), "--output", str(output)]) == 0
    rows = _csv_rows(output)
    _assert_csv_inert(rows)
    assert {row["city"] for row in rows} == {
        city if city == "Iasi" else "'" + city for city in CITIES_WRITTEN
    }
    # Messages begin with the city, so they are neutralised too.
    messages = {row["message"][:5] for row in rows if row["city"] == "'-2+3" and row["message"]}
    assert messages == {"'-2+3"}


def test_a_file_named_like_a_formula_is_neutralised_where_rows_name_it(inputs: Path) -> None:
    named = inputs / "=1+1.csv"
    named.write_bytes((inputs / "cities.csv").read_bytes())
    output = inputs / "results.csv"
    assert main(["compute", str(named), "--output", str(output)]) == 0
    rows = _csv_rows(output)
    _assert_csv_inert(rows)
    # A result's provenance is "file:line" of its inputs, or "no input row".
    assert {row["row"][:7] for row in rows if row["row"]} == {"'=1+1.c", "no inpu"}


def test_compute_writes_formula_cities_as_text_cells_in_xlsx(inputs: Path) -> None:
    output = inputs / "results.xlsx"
    assert main(["compute", str(inputs / "cities.csv"), "--output", str(output)]) == 0
    cells = _xlsx_cells(output)
    _assert_xlsx_inert(cells)
    cities = {cell.value for cell in cells if cell.column == 1 and cell.row > 1}
    assert cities == CITIES_WRITTEN
    assert any(cell.quotePrefix and cell.value == "=cmd|' /C calc'!A0" for cell in cells)


def test_scores_keep_negative_numbers_as_numbers(inputs: Path) -> None:
    arguments = ["score", str(inputs / "cities.csv"), "--goalposts", str(inputs / "goalposts.csv")]
    csv_output, xlsx_output = inputs / "scores.csv", inputs / "scores.xlsx"
    assert main([*arguments, "--output", str(csv_output), "--draws", "10"]) == 0
    assert main([*arguments, "--output", str(xlsx_output), "--draws", "10"]) == 0
    rows = _csv_rows(csv_output)
    _assert_csv_inert(rows)
    # Unemployment rises city by city (2 %, 3.4 %, 4.8 %, 6.2 % and 10.4 % for the five cities
    # with one value each; "=1" has two conflicting ones), so z-scores fall on both sides of
    # zero, and the negative ones are written as bare numbers.
    z_scores = [
        row["z_score"]
        for row in rows
        if row["indicator"] == "ISO37120:2018/5.1" and row["z_score"] != ""
    ]
    assert len(z_scores) == 5
    assert all(isinstance(value, float) for value in z_scores)
    assert min(z_scores) < 0 < max(z_scores)
    cells = _xlsx_cells(xlsx_output)
    _assert_xlsx_inert(cells)
    header = {cell.value: cell.column for cell in cells if cell.row == 1}
    z_cells = [cell for cell in cells if cell.column == header["z_score"] and cell.row > 1]
    negative = [cell for cell in z_cells if isinstance(cell.value, float) and cell.value < 0]
    assert negative
    assert {cell.data_type for cell in negative} == {"n"}


def test_level_and_index_outputs_are_inert(inputs: Path) -> None:
    levels, index = inputs / "levels.xlsx", inputs / "index.csv"
    arguments = [str(inputs / "cities.csv"), "--standard", "ISO37120:2018"]
    assert main(["level", *arguments, "--output", str(levels)]) == 0
    _assert_xlsx_inert(_xlsx_cells(levels))
    score = ["score", str(inputs / "cities.csv"), "--goalposts", str(inputs / "goalposts.csv")]
    output = ["--output", str(inputs / "scores.json"), "--index-output", str(index)]
    assert main([*score, *output, "--draws", "10"]) == 0
    rows = _csv_rows(index)
    _assert_csv_inert(rows)
    assert "'=cmd|' /C calc'!A0" in {row["city"] for row in rows}


def test_a_results_file_read_again_keeps_its_city_names(inputs: Path) -> None:
    results, levels = inputs / "results.csv", inputs / "levels.xlsx"
    assert main(["compute", str(inputs / "cities.csv"), "--output", str(results)]) == 0
    arguments = ["level", str(results), "--standard", "ISO37120:2018", "--output", str(levels)]
    assert main(arguments) == 0
    # The quote the CSV file added is taken off on reading: the names are the cities' own.
    cells = _xlsx_cells(levels)
    assert {cell.value for cell in cells if cell.column == 1 and cell.row > 1} == CITIES_WRITTEN


def test_templates_hold_no_formula_cells(tmp_path: Path) -> None:
    output = tmp_path / "template.xlsx"
    assert main(["template", "--standard", "ISO37120:2018", "--output", str(output)]) == 0
    cells = _xlsx_cells(output)
    _assert_xlsx_inert(cells)
    assert "homicides / population x 100000" in {cell.value for cell in cells}
