"""Reading a city's files: lines as the file numbers them, forms, refusals; writing tables."""

from pathlib import Path

import openpyxl
import polars as pl
import pytest

from wsco.audits.engine.inputs import read_input
from wsco.audits.engine.messages import InputError
from wsco.audits.engine.output import write_table
from wsco.core.spreadsheets import write_xlsx_tables


def test_csv_records_keep_the_line_they_start_on(tmp_path: Path) -> None:
    path = tmp_path / "cities.csv"
    path.write_text(
        'city,year,variable,value\nCluj,2020,population,1\n"Iasi\n(old town)",2020,population,2\n'
        "\n,,,\nArad,2020,population,3\n"
    )
    frame = read_input(path).frame
    # Line 3 holds a city written over two lines; lines 5 and 6 are blank: Arad is line 7.
    assert frame.select("city", "line").rows() == [
        ("Cluj", 2),
        ("Iasi\n(old town)", 3),
        ("Arad", 7),
    ]


def test_xlsx_rows_keep_their_sheet_row_and_short_rows_are_filled(tmp_path: Path) -> None:
    path = tmp_path / "cities.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["city", "year", "variable", "value", "source"])
    sheet.append(["Cluj", 2020, "population", 1])  # no source
    sheet.append([])
    sheet.append(["Iasi", 2020, "population", "=1+1", "census"])
    workbook.save(path)
    frame = read_input(path).frame
    # Row 3 is empty; a formula is read by its computed value, never its text (a workbook
    # saved without computing it has none).
    assert frame.select("city", "value", "source", "line").rows() == [
        ("Cluj", "1", "", 2),
        ("Iasi", "", "census", 4),
    ]


def test_a_workbook_is_closed_once_read(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "cities.xlsx"
    write_xlsx_tables({"cities": pl.DataFrame({"city": ["Cluj"], "year": ["2020"]})}, path)
    opened = []
    load = openpyxl.load_workbook

    def recording(*arguments, **options):
        workbook = load(*arguments, **options)
        opened.append(workbook)
        return workbook

    monkeypatch.setattr(openpyxl, "load_workbook", recording)
    with pytest.raises(InputError, match="columns city,year match no input form"):
        read_input(path)
    (workbook,) = opened
    assert workbook._archive.fp is None  # the zip file behind a read-only workbook is closed


def test_a_missing_optional_column_is_added_empty(tmp_path: Path) -> None:
    path = tmp_path / "cities.csv"
    path.write_text("city,year,variable,value\nCluj,2020,population,1\n")
    table = read_input(path)
    assert table.form == "variables"
    assert table.frame.columns == ["city", "year", "variable", "value", "line", "file", "source"]
    assert table.frame.row(0) == ("Cluj", "2020", "population", "1", 2, "cities.csv", None)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "empty.csv: no data rows"),
        ("header.csv", b"city,year,variable,value\n", "header.csv: no data rows"),
        ("notes.txt", b"city\n", r"notes.txt: unknown file type; use \.csv, \.xlsx or \.json"),
        ("broken.xlsx", b"not a workbook", r"broken.xlsx: cannot be read \("),
    ],
)
def test_a_file_that_cannot_be_used_is_refused_by_name(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_input(path)


def test_tables_are_written_into_new_folders_by_extension(tmp_path: Path) -> None:
    frame = pl.DataFrame({"city": ["Cluj"], "message_codes": [["a", "b"]]})
    for extension in ("csv", "json", "xlsx"):
        target = tmp_path / "new" / "deeper" / f"out.{extension}"
        assert write_table(frame, target) == target
        assert target.is_file()
    assert (
        tmp_path / "new" / "deeper" / "out.csv"
    ).read_text() == '"city","message_codes"\n"Cluj","a,b"\n'
