"""Reading a city's files: base variables, reported indicators or earlier results, CSV or XLSX."""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from wsco.audits.engine.messages import InputError
from wsco.core.spreadsheets import restored

# Input form -> (required columns, optional columns). Column names are matched case-insensitively.
FORMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "results": (("city", "year", "indicator", "value", "status"), ()),
    "variables": (("city", "year", "variable", "value"), ("source",)),
    "reported": (("city", "year", "indicator"), ("numerator", "denominator", "value", "source")),
}
EXPECTED = "city,year,variable,value[,source] or city,year,indicator,numerator,denominator[,value]"


@dataclass(frozen=True)
class InputTable:
    """One file's rows as text, with `file` and `line` columns, and the form it is in."""

    form: str
    frame: pl.DataFrame


def _clean_header(name: str) -> str:
    """Return a column name without byte-order mark, spaces or capitals."""
    return name.replace("\ufeff", "").strip().lower()


def _read_csv(path: Path) -> pl.DataFrame:
    """Read a CSV as text columns with the physical line where each record starts."""
    raw = path.read_bytes().decode("utf-8-sig", errors="replace")
    # csv.reader counts physical lines, so quoted values with line breaks keep lines right.
    reader = csv.reader(io.StringIO(raw, newline=""))
    first = next(reader, None)
    if first is None:
        raise InputError("no_rows", path=str(path))
    header = [_clean_header(name) for name in first]
    records, lines, start = [], [], reader.line_num + 1
    for record in reader:
        if any(cell.strip() for cell in record):
            records.append((record + [""] * len(header))[: len(header)])
            lines.append(start)
        start = reader.line_num + 1
    columns = {name: [record[index] for record in records] for index, name in enumerate(header)}
    frame = pl.DataFrame(columns, schema=dict.fromkeys(header, pl.String))
    # A results file written by the engine quotes text that begins like a formula; the quote
    # is taken off again so that a city keeps its name from one step to the next.
    frame = frame.with_columns(restored(pl.col(name)) for name in header)
    return frame.with_columns(pl.Series("line", lines, dtype=pl.Int64))


def _read_xlsx(path: Path) -> pl.DataFrame:
    """Read the first sheet of a workbook as text columns with each row's sheet row number."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_clean_header(str(name or "")) for name in next(rows, ())]
    records, lines = [], []
    for number, row in enumerate(rows, start=2):
        cells = ["" if cell is None else str(cell) for cell in row][: len(header)]
        if any(cell.strip() for cell in cells):
            records.append(cells + [""] * (len(header) - len(cells)))
            lines.append(number)
    workbook.close()
    columns = {name: [record[index] for record in records] for index, name in enumerate(header)}
    frame = pl.DataFrame(columns, schema=dict.fromkeys(header, pl.String))
    return frame.with_columns(pl.Series("line", lines, dtype=pl.Int64))


READERS = {".csv": _read_csv, ".xlsx": _read_xlsx}


def detect_form(columns: list[str], path: str) -> str:
    """Return the input form whose required columns `columns` hold."""
    for form, (required, _optional) in FORMS.items():
        if set(required) <= set(columns):
            return form
    raise InputError("columns_unknown", path=path, columns=",".join(columns), expected=EXPECTED)


def read_input(path: str | Path) -> InputTable:
    """Read one input file, or raise InputError saying why it cannot be used."""
    path = Path(path)
    if not path.is_file():
        raise InputError("file_missing", path=str(path))
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError("file_format_unknown", path=str(path))
    try:
        frame = reader(path)
    except InputError:
        raise
    except Exception as error:  # a damaged workbook or an unreadable file: say so, do not crash
        raise InputError("file_unreadable", path=str(path), reason=str(error)) from error
    form = detect_form([name for name in frame.columns if name != "line"], str(path))
    if frame.height == 0:
        raise InputError("no_rows", path=str(path))
    required, optional = FORMS[form]
    keep = [name for name in (*required, *optional) if name in frame.columns]
    frame = frame.select([*keep, "line"]).with_columns(pl.lit(path.name).alias("file"))
    missing_optional = [name for name in optional if name not in frame.columns]
    frame = frame.with_columns(
        pl.lit(None, dtype=pl.String).alias(name) for name in missing_optional
    )
    return InputTable(form, frame)
