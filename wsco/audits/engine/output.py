"""Writing result tables as CSV, XLSX or JSON, chosen by the file's extension."""

from pathlib import Path

import polars as pl

from wsco.audits.engine.messages import InputError

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


def _write_xlsx(frames: dict[str, pl.DataFrame], path: Path) -> None:
    """Write each frame to its own sheet, headers first."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, frame in frames.items():
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(frame.columns)
        for row in frame.iter_rows():
            sheet.append(list(row))
    workbook.save(path)


def write_table(
    frame: pl.DataFrame, path: str | Path, *, sheets: dict[str, pl.DataFrame] | None = None
) -> Path:
    """Write `frame` (and, in XLSX only, extra named sheets) to `path`."""
    path = check_output_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    flat = _flat(frame)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        flat.write_csv(path)
    elif suffix == ".json":
        flat.write_json(path)
    else:
        extra = {name: _flat(sheet) for name, sheet in (sheets or {}).items()}
        _write_xlsx({"results": flat, **extra}, path)
    return path
