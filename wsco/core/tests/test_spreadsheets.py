"""Every CSV and XLSX file is written by one writer, and no cell of it runs as a formula."""

import csv
import datetime
import io
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from openpyxl import load_workbook

from wsco.core.spreadsheets import (
    FORMULA_STARTS,
    neutralise,
    neutralised,
    restored,
    stream_csv,
    write_csv_table,
    write_xlsx_tables,
)

ROOT = Path(__file__).resolve().parents[3]
WRITER = ROOT / "wsco" / "core" / "spreadsheets.py"
# What writes a CSV or XLSX file: the csv module's writers, a workbook, Polars' and pandas'
# writers, xlsxwriter.
WRITES_SPREADSHEETS = re.compile(
    r"csv\.(writer|DictWriter)\b|from csv import [^\n]*\b(writer|DictWriter)\b|Workbook\("
    r"|\.write_csv\(|\.write_excel\(|\.sink_csv\(|\.to_csv\(|\.to_excel\(|xlsxwriter"
)
NOT_SOURCE = {".venv", "var", ".git", "node_modules", "tests", "migrations"}
# The attacks of the OWASP CSV injection page, one for each character that starts a formula.
FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _source_files():
    for path in ROOT.rglob("*.py"):
        if not NOT_SOURCE & set(path.relative_to(ROOT).parts):
            yield path


def test_only_the_spreadsheet_module_writes_csv_or_xlsx():
    writers = [
        str(path.relative_to(ROOT))
        for path in _source_files()
        if WRITES_SPREADSHEETS.search(path.read_text(encoding="utf-8"))
    ]
    assert writers == ["wsco/core/spreadsheets.py"], (
        "Write CSV and XLSX files through wsco.core.spreadsheets, which neutralises formulas"
    )


def test_the_scan_sees_a_module_that_writes_its_own_csv():
    # Each line is put together here, so that this file does not itself write like that.
    for line in (
        "writer = csv." + "writer(handle)",
        "from csv import Dict" + "Writer",
        "frame.write" + "_csv(path)",
        "book = openpyxl.Work" + "book()",
        "frame.to" + "_excel(path)",
    ):
        assert WRITES_SPREADSHEETS.search(line), line
    assert not WRITES_SPREADSHEETS.search("rows = csv.reader(handle)")
    assert not WRITES_SPREADSHEETS.search("load_workbook(path, read_only=True)")
    assert WRITER in list(_source_files())


def test_the_spreadsheet_module_imports_no_django():
    # The audit engine's command line writes through it and must run without Django.
    code = (
        "import sys, wsco.core.spreadsheets, wsco.audits.engine.cli; "
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'django'))"
    )
    answer = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert answer.stdout.strip() == "[]"


@pytest.mark.parametrize("text", FORMULAS)
def test_text_that_starts_a_formula_gets_a_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["", "Cluj-Napoca", "a=b", " =1", "'=1", "5", "1-2"])
def test_other_text_is_left_as_it_is(text):
    assert neutralise(text) == text


def test_frames_are_neutralised_as_the_function_does_one_text():
    texts = [*FORMULAS, "", "Cluj-Napoca", "a=b", None]
    frame = pl.DataFrame({"city": texts}).with_columns(neutralised(pl.col("city")))
    assert frame["city"].to_list() == [None if text is None else neutralise(text) for text in texts]


def test_reading_back_takes_off_only_the_quote_the_writer_added():
    texts = ["'=1", "'-2+3", "'\t=1", "''=1", "'Cluj", "=1"]
    frame = pl.DataFrame({"city": texts}).with_columns(restored(pl.col("city")))
    assert frame["city"].to_list() == ["=1", "-2+3", "\t=1", "''=1", "'Cluj", "=1"]


def _frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "city": [*FORMULAS, "Iasi"],
            "value": [-2.5, 3.0, -1.0, 0.0, 10.0, -0.25, 7.0],
            "rank": [-1, 2, 3, 4, 5, 6, 7],
            "written": ["-5", "5", "x", "", None, "=A1", "ok"],
            "status": pl.Series(["ok"] * 6 + ["=bad"], dtype=pl.Enum(["ok", "=bad"])),
            "plain": pl.Series(["ok"] * 7, dtype=pl.Enum(["ok", "warning"])),
        }
    )


def test_csv_cells_are_inert_and_numbers_stay_numbers(tmp_path):
    path = tmp_path / "out.csv"
    write_csv_table(_frame(), path)
    rows = list(csv.reader(path.open(newline="")))
    assert [row[0] for row in rows[1:]] == ["'" + text for text in FORMULAS] + ["Iasi"]
    assert [row[3] for row in rows[1:]] == ["'-5", "5", "x", "", "", "'=A1", "ok"]
    assert [row[4] for row in rows[1:]] == ["ok"] * 6 + ["'=bad"]
    # Numbers are written bare, negative ones included; every text field is quoted.
    lines = path.read_text().splitlines()
    assert lines[1] == '"\'=cmd|\' /C calc\'!A0",-2.5,-1,"\'-5","ok","ok"'
    assert lines[3].split(",")[1:3] == ["-1.0", "3"]
    for row in rows:
        for column in (0, 3, 4, 5):
            assert not row[column].startswith(FORMULA_STARTS), row[column]


def test_xlsx_cells_are_text_never_formulas_and_numbers_stay_numbers(tmp_path):
    path = tmp_path / "out.xlsx"
    write_xlsx_tables({"results": _frame(), "more": pl.DataFrame({"=x": ["+1"]})}, path)
    workbook = load_workbook(path)
    sheet = workbook["results"]
    cities = [row[0] for row in sheet.iter_rows(min_row=2)]
    # XML reads a carriage return in text as a line feed; either way the cell is text.
    assert [cell.value for cell in cities] == [*FORMULAS[:-1], "\n=1", "Iasi"]
    assert [cell.data_type for cell in cities] == ["s"] * 7
    assert [cell.quotePrefix for cell in cities] == [True] * 6 + [False]
    values = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in values] == [-2.5, 3, -1, 0, 10, -0.25, 7]
    assert {cell.data_type for cell in values} == {"n"}
    assert sheet["D2"].value == "-5"
    assert sheet["D2"].quotePrefix
    assert sheet["E8"].value == "=bad"
    assert sheet["E8"].data_type == "s"
    assert workbook["more"]["A1"].value == "=x"
    assert workbook["more"]["A1"].quotePrefix
    for worksheet in workbook:
        for row in worksheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate


def test_xlsx_drops_characters_a_workbook_cannot_hold(tmp_path):
    path = tmp_path / "out.xlsx"
    write_xlsx_tables({"results": pl.DataFrame({"city": ["Ia\x01si\x1f", "=\x02x"]})}, path)
    sheet = load_workbook(path)["results"]
    assert [sheet["A2"].value, sheet["A3"].value] == ["Iasi", "=x"]
    assert sheet["A3"].quotePrefix


def test_streamed_csv_quotes_text_and_leaves_numbers_bare():
    lines = list(
        stream_csv(
            [
                ["name", "paid", "count"],
                ["=HYPERLINK(1)", Decimal("-10.50"), -3],
                ["+40 700 000 000", 2.5, None],
                [datetime.date(2024, 1, 2), True, "-7"],
            ]
        )
    )
    assert lines == [
        '"name","paid","count"\r\n',
        '"\'=HYPERLINK(1)",-10.50,-3\r\n',
        '"\'+40 700 000 000",2.5,""\r\n',
        '"2024-01-02","True","\'-7"\r\n',
    ]
    rows = list(csv.reader(io.StringIO("".join(lines))))
    assert rows[1] == ["'=HYPERLINK(1)", "-10.50", "-3"]
