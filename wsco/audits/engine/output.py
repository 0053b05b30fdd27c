"""Writing result tables as CSV, XLSX or JSON, chosen by the file's extension.

CSV and XLSX go through the platform's one spreadsheet writer, `wsco.core.spreadsheets`, which
keeps a city named like a formula (`=cmd|' /C calc'!A0`) from running as one.
"""

from pathlib import Path

import polars as pl

from wsco.audits.engine.messages import InputError
from wsco.core.spreadsheets import write_csv_table, write_xlsx_tables

WRITABLE = (".csv", ".xlsx", ".json")


def check_output_path(path: str | Path) -> Path:
    """Return `path` if its extension names a format the engine writes, else raise."""
    path = Path(path)
    if path.suffix.lower() not in WRITABLE:
        raise InputError("file_format_unknown", path=str(path))
    return path


def _flat(frame: pl.DataFrame) -> pl.DataFrame:
    """Join list columns (message codes) with commas so every format can hold them."""
    lists = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List)]
    return frame.with_columns(pl.col(name).list.join(",") for name in lists)


def write_table(
    frame: pl.DataFrame, path: str | Path, *, sheets: dict[str, pl.DataFrame] | None = None
) -> Path:
    """Write `frame` (and, in XLSX only, extra named sheets) to `path`."""
    path = check_output_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    flat = _flat(frame)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_csv_table(flat, path)
    elif suffix == ".json":
        flat.write_json(path)
    else:
        extra = {name: _flat(sheet) for name, sheet in (sheets or {}).items()}
        write_xlsx_tables({"results": flat, **extra}, path)
    return path
