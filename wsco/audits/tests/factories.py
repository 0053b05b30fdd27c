"""Small input frames for engine tests, in the forms the engine reads from files."""

import polars as pl

from wsco.audits.engine.compute import provenance


def variables_frame(
    rows: list[tuple[str, object, str, object]], file: str = "city.csv"
) -> pl.DataFrame:
    """Return base-variable rows (city, year, variable, value) as read from `file`, line 2 on."""
    return pl.DataFrame(
        {
            "city": [row[0] for row in rows],
            "year": [str(row[1]) for row in rows],
            "variable": [row[2] for row in rows],
            "value": [None if row[3] is None else str(row[3]) for row in rows],
            "source": [None] * len(rows),
            "line": list(range(2, len(rows) + 2)),
            "file": [file] * len(rows),
        },
        schema={
            "city": pl.String,
            "year": pl.String,
            "variable": pl.String,
            "value": pl.String,
            "source": pl.String,
            "line": pl.Int64,
            "file": pl.String,
        },
    )


def reported_frame(rows: list[tuple], file: str = "reported.csv") -> pl.DataFrame:
    """Return reported rows (city, year, indicator, numerator, denominator, value), line 2 on."""
    names = ["city", "year", "indicator", "numerator", "denominator", "value"]
    columns = {
        name: [None if row[index] is None else str(row[index]) for row in rows]
        for index, name in enumerate(names)
    }
    frame = pl.DataFrame(columns, schema=dict.fromkeys(names, pl.String))
    return frame.with_columns(
        pl.lit(None, dtype=pl.String).alias("source"),
        pl.Series("line", list(range(2, len(rows) + 2)), dtype=pl.Int64),
        pl.lit(file).alias("file"),
    )


def result_for(results: pl.DataFrame, city: str, year: int, indicator: str) -> dict:
    """Return the one result row of a city, year and indicator."""
    rows = provenance(results).filter(
        (pl.col("city") == city) & (pl.col("year") == year) & (pl.col("indicator") == indicator)
    )
    assert rows.height == 1, rows
    return rows.row(0, named=True)
