"""Benchmark writing the audit engine's results as CSV and XLSX, with hostile city names.

The table is what `wsco audit compute` writes for the engine benchmark's communes (3,200
localities x 10 years x every ISO 37120:2018 indicator, about four million rows), computed once.
A tenth of the communes are renamed to a formula (`=cmd|' /C calc'!A0`), so the writer has
cells to neutralise in every column that repeats the city (city, message). CSV is written for
the whole table; XLSX, whose sheets hold at most 1,048,576 rows, for the first
`--xlsx-localities` communes. Prints a table and ends with one line of JSON.

    python benchmarks/spreadsheets.py [--localities 3200] [--years 10] [--xlsx-localities 20]
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.runner import RUNTIME_INSTALL, missing_package

try:
    import polars as pl

    from benchmarks.audit_engine import STANDARD, synthetic_input
    from wsco.audits.engine.compute import compute
    from wsco.audits.engine.output import write_table
    from wsco.audits.engine.pipeline import Audit
except ModuleNotFoundError as error:
    raise missing_package(error, install=RUNTIME_INSTALL) from None

HOSTILE_SHARE = 10  # one commune in ten gets a formula for a name


def hostile_input(localities: int, years: int) -> pl.DataFrame:
    """Return the engine benchmark's input with every tenth commune named as a formula."""
    frame = synthetic_input(localities, years)
    number = pl.col("city").str.slice(-4).cast(pl.Int32)
    return frame.with_columns(
        pl.when(number % HOSTILE_SHARE == 0)
        .then(pl.concat_str(pl.lit("=cmd|' /C calc'!A0 "), pl.col("city")))
        .otherwise(pl.col("city"))
        .alias("city")
    )


def results_table(localities: int, years: int) -> pl.DataFrame:
    """Return the table `compute` writes: indicator rows, then input rows with findings."""
    results, input_rows = compute(variables=hostile_input(localities, years), standards=[STANDARD])
    return Audit(results, input_rows, None).table()


def timed_writes(table: pl.DataFrame, path: Path, repeats: int) -> tuple[list, list]:
    """Write `table` to `path` `repeats` times; return the wall and the CPU seconds of each.

    CPU seconds (every thread of the process) are the steadier figure on a shared machine,
    where the wall clock also counts the time other processes held the cores.
    """
    walls, cpus = [], []
    for _repeat in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        write_table(table, path)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def main() -> None:
    """Compute the table once, time the CSV and XLSX writes, print a table and one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--localities", type=int, default=3200)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--xlsx-localities", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    table = results_table(arguments.localities, arguments.years)
    small = results_table(arguments.xlsx_localities, arguments.years)
    figures = {}
    with tempfile.TemporaryDirectory() as directory:
        for name, frame, path in (
            ("csv", table, Path(directory) / "results.csv"),
            ("xlsx", small, Path(directory) / "results.xlsx"),
        ):
            walls, cpus = timed_writes(frame, path, arguments.repeats)
            figures[name] = {
                "rows": frame.height,
                "seconds": round(statistics.median(walls), 3),
                "cpu_seconds": round(statistics.median(cpus), 3),
                "rows_per_cpu_second": round(frame.height / statistics.median(cpus)),
                "megabytes": round(path.stat().st_size / 1e6, 1),
                "runs": [round(run, 3) for run in walls],
            }
    print(f"{'file':<6}{'rows':>12}{'median s':>10}{'CPU s':>8}{'rows/CPU s':>12}{'MB':>8}  runs")
    for name, figure in figures.items():
        print(
            f"{name:<6}{figure['rows']:>12,}{figure['seconds']:>10.2f}{figure['cpu_seconds']:>8.2f}"
            f"{figure['rows_per_cpu_second']:>12,}{figure['megabytes']:>8.1f}  {figure['runs']}"
        )
    print(
        json.dumps(
            {
                "benchmark": "spreadsheets",
                "localities": arguments.localities,
                "years": arguments.years,
                "xlsx_localities": arguments.xlsx_localities,
                "polars": pl.__version__,
                **figures,
            }
        )
    )


if __name__ == "__main__":
    main()
