"""Write every CSV and XLSX file the platform makes, so that no cell is ever run as a formula.

Spreadsheet programs take a cell that begins with `=`, `+`, `-` or `@` for a formula, and some
do so after a leading tab or carriage return too (OWASP, "CSV injection"): a city named
`=cmd|' /C calc'!A0` would run a command on the computer of whoever opens the file. Every CSV
and XLSX file the platform or its command line writes is written here; a test fails when any
other module writes one (`wsco/core/tests/test_spreadsheets.py`).

- Text that begins with one of those characters is neutralised. In CSV it gets a leading single
  quote (`'=cmd|...`), which spreadsheets show and never evaluate. In XLSX the text is kept as
  it is, in a string cell marked "quote prefix" (what Excel itself stores when someone types a
  leading apostrophe): it is shown as written and stays text even when the cell is edited.
- Numbers stay numbers. Numeric columns and values (integers, decimals, floats, negative ones
  included) are written unquoted in CSV and as number cells in XLSX.
- The type decides, not the look: `"-5"` in a text column is text, and is neutralised like any
  other text. A negative number is only ever written by giving a number.
- Every text field of a CSV file is quoted, so that a program splitting on another separator
  (`;` in much of Europe) cannot cut a field into a new cell that begins with `=`.
- Nothing is ever written as a formula: the platform writes none, not even in the audit
  templates (their `formula` column describes a formula in words).

This module imports no Django, so the audit engine's command line uses it as well; Polars is
imported only by the functions that take frames. Frames are neutralised column by column with
Polars expressions, never cell by cell in Python.
"""

from __future__ import annotations

import csv
import numbers
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

# The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_START_PATTERN = r"^[=+\-@\t\r]"
QUOTE = "'"
# Characters XML 1.0 cannot hold, which openpyxl refuses: they are dropped from XLSX text.
XML_ILLEGAL_PATTERN = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"


def neutralise(text: str) -> str:
    """Return `text` with a leading single quote when a spreadsheet would run it as a formula."""
    return QUOTE + text if text.startswith(FORMULA_STARTS) else text


def neutralised(expression: pl.Expr) -> pl.Expr:
    """Return `expression`'s text, each value as `neutralise` gives it, under the same name."""
    import polars as pl

    return (
        pl.when(expression.str.contains(FORMULA_START_PATTERN))
        .then(pl.concat_str(pl.lit(QUOTE), expression))
        .otherwise(expression)
        .name.keep()
    )


def restored(expression: pl.Expr) -> pl.Expr:
    """Return the expression of `expression`'s text without the quote `neutralise` put before it.

    For reading back a CSV file written here: the engine reads its own results again, and a
    city keeps its name through every step.
    """
    return expression.str.replace(r"^'([=+\-@\t\r])", "$1")


def _text_columns(frame: pl.DataFrame) -> list[str]:
    """Return the columns of `frame` that hold text a spreadsheet could take for a formula.

    An enumeration is one only when one of its fixed categories begins like a formula, which
    is cheaper to ask than to look at each row.
    """
    import polars as pl

    def may_hold_formulas(dtype: pl.DataType) -> bool:
        if isinstance(dtype, pl.Enum):
            return any(category.startswith(FORMULA_STARTS) for category in dtype.categories)
        return dtype == pl.String or dtype == pl.Categorical

    return [name for name, dtype in frame.schema.items() if may_hold_formulas(dtype)]


def _columns_matching(frame: pl.DataFrame, pattern: str) -> list[str]:
    """Return the text columns of `frame` where some value matches `pattern`, in one pass.

    Only those columns are rewritten: a column is copied when it needs to be, not always.
    """
    import polars as pl

    names = _text_columns(frame)
    if not names:
        return []
    found = frame.select(
        pl.col(name).cast(pl.String).str.contains(pattern).any() for name in names
    ).row(0)
    return [name for name, matches in zip(names, found, strict=True) if matches]


def _with_safe_headers(frame: pl.DataFrame) -> pl.DataFrame:
    """Return `frame` with its column names neutralised (they are cells of the first row)."""
    return frame.rename({name: neutralise(name) for name in frame.columns})


def write_csv_table(frame: pl.DataFrame, path: str | Path) -> None:
    """Write `frame` to `path` as CSV: text neutralised and quoted, numbers as they are."""
    import polars as pl

    names = _columns_matching(frame, FORMULA_START_PATTERN)
    safe = frame.with_columns(neutralised(pl.col(name).cast(pl.String)) for name in names)
    _with_safe_headers(safe).write_csv(path, quote_style="non_numeric")


def write_xlsx_tables(sheets: dict[str, pl.DataFrame], path: str | Path) -> None:
    """Write each frame of `sheets` to its own sheet of an XLSX workbook, headers first.

    Text is written as string cells, those that begin like a formula with the quote prefix;
    numbers as number cells. Rows are appended as they are unless Polars has marked one as
    holding such text, so only those rows are looked at cell by cell.
    """
    import polars as pl
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, frame in sheets.items():
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([_xlsx_cell(sheet, name) for name in frame.columns])
        illegal = _columns_matching(frame, XML_ILLEGAL_PATTERN)
        frame = frame.with_columns(
            pl.col(illegal).cast(pl.String).str.replace_all(XML_ILLEGAL_PATTERN, "")
        )
        names = _columns_matching(frame, FORMULA_START_PATTERN)
        if not names:
            for row in frame.iter_rows():
                sheet.append(row)
            continue
        marked = frame.select(
            pl.any_horizontal(
                pl.col(name).cast(pl.String).str.contains(FORMULA_START_PATTERN).fill_null(False)
                for name in names
            )
        ).to_series()
        for row, formula_like in zip(frame.iter_rows(), marked, strict=True):
            sheet.append([_xlsx_cell(sheet, value) for value in row] if formula_like else row)
    workbook.save(path)


def _xlsx_cell(sheet: object, value: object) -> object:
    """Return `value` for an XLSX row: as it is, or a quote-prefixed string cell."""
    if not (isinstance(value, str) and value.startswith(FORMULA_STARTS)):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    # openpyxl takes a text beginning with "=" for a formula; this cell is text, always.
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


class _Echo:
    """A file-like object that hands back what is written, for streaming CSV lines."""

    def write(self, value: str) -> str:
        return value


def _csv_value(value: object) -> object:
    """Return `value` for a CSV row: numbers as they are, anything else as neutralised text."""
    if value is None:
        return ""
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return value
    return neutralise(str(value))


def stream_csv(rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """Yield `rows` (a header first, if wanted) as CSV lines, for a streaming HTTP response.

    Text is neutralised and quoted; numbers are written unquoted.
    """
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_NONNUMERIC)
    for row in rows:
        yield writer.writerow([_csv_value(value) for value in row])
