"""Benchmark the audit engine on a country's communes: pipeline, row-by-row pandas, bare floor.

3,200 localities (every commune of a country the size of Romania) x 10 years x every
ISO 37120:2018 base variable. Contenders: the bare floor (values only), compute (values,
validation and messages), the whole pipeline (compute, levels, goalpost and peer scores, index
with Monte Carlo rank intervals) and a row-by-row pandas baseline. Each contender runs in a
fresh process that first builds the same input, so its peak memory is its own: the peak
resident size above the size at the start.
Prints a table and ends with one line of JSON.

    python benchmarks/audit_engine.py [--localities 3200] [--years 10] [--repeats 3]

A last set of runs times the pipeline's steps one by one (compute, levels, goalpost scores,
peer scores, index) to show where its time goes.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.runner import (
    DEV_INSTALL,
    RUNTIME_INSTALL,
    exit_loudly,
    missing_package,
    require,
    run_in_fresh_process,
)

try:
    import numpy as np
    import polars as pl

    from wsco.audits.engine.catalogue import load_catalogue
    from wsco.audits.engine.composite import IndexSettings, composite_index
    from wsco.audits.engine.compute import compute
    from wsco.audits.engine.levels import levels
    from wsco.audits.engine.scoring import goalpost_scores, peer_scores
except ModuleNotFoundError as error:
    raise missing_package(error, install=RUNTIME_INSTALL) from None

STANDARD = "ISO37120:2018"
MISSING_SHARE = 0.005  # half a percent of base values left out, as real returns have gaps
MONTE_CARLO_DRAWS = 100


def synthetic_input(localities: int, years: int, seed: int = 0) -> pl.DataFrame:
    """Return long-form base values whose indicators fall in their plausible ranges, with gaps.

    Every whole (population, labour force, budgets...) is drawn first; each numerator is then
    set from its denominator so that its indicator lands inside the catalogue's range.
    """
    generator = np.random.default_rng(seed)
    formulas = (
        load_catalogue().formulas([STANDARD]).filter(pl.col("numerator_variable").is_not_null())
    )
    names = sorted(
        set(formulas["numerator_variable"]) | set(formulas["denominator_variable"].drop_nulls())
    )
    population = np.exp(generator.uniform(np.log(1_000), np.log(2_000_000), localities))
    growth = (1 + 0.01 * np.arange(years))[None, :]
    columns = {
        name: population[:, None] * growth * generator.uniform(0.05, 0.5, (localities, 1))
        for name in names
    }
    columns["population"] = population[:, None] * growth
    for row in formulas.iter_rows(named=True):
        numerator, denominator = row["numerator_variable"], row["denominator_variable"]
        low = row["range_min"] if row["range_min"] is not None else 0.0
        high = row["range_max"] if row["range_max"] is not None else low + 100.0
        target = generator.uniform(
            low + 0.1 * (high - low), low + 0.8 * (high - low), (localities, 1)
        )
        whole = columns[denominator] if denominator else 1.0
        columns[numerator] = whole * target / row["multiplier"] * growth**0
    noise = {name: np.exp(generator.normal(0, 0.02, (localities, years))) for name in columns}
    cities = np.repeat([f"commune-{number:04d}" for number in range(localities)], years)
    year_values = np.tile(np.arange(2015, 2015 + years), localities)
    frames = [
        pl.DataFrame(
            {
                "city": cities,
                "year": year_values,
                "variable": name,
                "value": (np.broadcast_to(values, (localities, years)) * noise[name]).ravel(),
            }
        )
        for name, values in columns.items()
    ]
    frame = pl.concat(frames).with_columns(pl.col("year").cast(pl.Int32))
    keep = generator.random(frame.height) >= MISSING_SHARE
    return frame.filter(pl.Series(keep)).with_columns(
        pl.lit("communes.csv").alias("file"),
        (pl.int_range(pl.len()) + 2).alias("line"),
        pl.lit(None, dtype=pl.String).alias("source"),
    )


def goalposts_for(formulas: pl.DataFrame) -> pl.DataFrame:
    """Return goalposts for every directed indicator: 0 to the plausible maximum or 100."""
    return formulas.filter(pl.col("better").is_in(["higher", "lower"])).select(
        "indicator",
        pl.lit(0.0).alias("min"),
        pl.col("range_max").fill_null(100.0).alias("max"),
        "better",
    )


def _step(stages: dict[str, float] | None, name: str, work: Callable[[], Any]) -> Any:
    """Run `work`; when a breakdown is asked for, record its seconds in `stages[name]`."""
    start = time.perf_counter()
    value = work()
    if stages is not None:
        stages[name] = time.perf_counter() - start
    return value


def run_pipeline(frame: pl.DataFrame, stages: dict[str, float] | None = None) -> int:
    """Compute, validate, level and score: the whole engine as the command line runs it."""
    results, _findings = _step(
        stages, "compute", lambda: compute(variables=frame, standards=[STANDARD])
    )
    _step(stages, "levels", lambda: levels(results, STANDARD))
    formulas = load_catalogue().formulas([STANDARD])
    with_goalposts = _step(
        stages,
        "goalpost scores",
        lambda: goalpost_scores(results, goalposts_for(formulas)).with_columns(
            pl.lit("all").alias("peer_group")
        ),
    )
    scored = _step(stages, "peer scores", lambda: peer_scores(with_goalposts))
    _step(
        stages,
        "index",
        lambda: composite_index(
            scored,
            IndexSettings("goalposts"),
            draws=MONTE_CARLO_DRAWS,
            normalisations=["goalposts", "minmax", "percentile"],
        ),
    )
    return results.height


def run_compute(frame: pl.DataFrame) -> int:
    """Compute and validate only: every indicator with status and messages, no scores."""
    results, _findings = compute(variables=frame, standards=[STANDARD])
    return results.height


def run_floor(frame: pl.DataFrame) -> int:
    """The indicator values alone: one vectorised join of numerators and denominators, a divide."""
    formulas = (
        load_catalogue().formulas([STANDARD]).filter(pl.col("numerator_variable").is_not_null())
    )
    formulas = formulas.with_columns(
        pl.col("numerator_variable", "denominator_variable").cast(pl.String)
    )
    values = frame.lazy().select("city", "year", "variable", "value")
    result = (
        values.join(
            formulas.lazy().select(
                "indicator", "numerator_variable", "denominator_variable", "multiplier"
            ),
            left_on="variable",
            right_on="numerator_variable",
        )
        .join(
            values.rename({"variable": "denominator_variable", "value": "denominator"}),
            on=["city", "year", "denominator_variable"],
            how="left",
        )
        .select(
            "city",
            "year",
            "indicator",
            (pl.col("value") / pl.col("denominator").fill_null(1.0) * pl.col("multiplier")).alias(
                "indicator_value"
            ),
        )
        .collect()
    )
    return result.height


def run_pandas_rows(frame: pl.DataFrame) -> int:
    """A plain row-by-row pandas implementation: dictionaries and loops, the same checks."""
    import pandas

    table = pandas.DataFrame(
        frame.select("city", "year", "variable", "value").to_dict(as_series=False)
    )
    formulas = pandas.DataFrame(load_catalogue().formulas([STANDARD]).to_dict(as_series=False))
    values: dict[tuple, float] = {}
    for row in table.itertuples(index=False):
        values[(row.city, row.year, row.variable)] = row.value
    city_years = sorted({(city, year) for city, year, _variable in values})
    rows = []
    for city, year in city_years:
        for formula in formulas.itertuples(index=False):
            numerator = values.get((city, year, formula.numerator_variable))
            denominator = (
                values.get((city, year, formula.denominator_variable), 1.0)
                if formula.denominator_variable
                else 1.0
            )
            if numerator is None or denominator is None:
                rows.append((city, year, formula.indicator, None, "missing"))
            elif denominator == 0:
                rows.append((city, year, formula.indicator, None, "invalid"))
            else:
                value = numerator / denominator * formula.multiplier
                status = "invalid" if formula.share and value > 100 else "ok"
                if status == "ok" and formula.range_max is not None and value > formula.range_max:
                    status = "warning"
                rows.append((city, year, formula.indicator, value, status))
    return len(pandas.DataFrame(rows, columns=["city", "year", "indicator", "value", "status"]))


def _resident_kilobytes() -> int:
    """Return this process's current resident size in kilobytes."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


CONTENDERS: dict[str, Callable[[pl.DataFrame], int]] = {
    "floor": run_floor,
    "compute": run_compute,
    "pipeline": run_pipeline,
    "pandas_rows": run_pandas_rows,
}


def _measure_in_child(name: str, localities: int, years: int, pipe: object) -> None:
    """Build the input, then run one contender once; send (seconds, peak MB above start, rows)."""
    frame = synthetic_input(localities, years)
    load_catalogue()
    start_memory = _resident_kilobytes()
    start = time.perf_counter()
    rows = CONTENDERS[name](frame)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pipe.send((seconds, max(peak - start_memory, 0) / 1024, rows))
    pipe.close()


def _stages_in_child(localities: int, years: int, pipe: object) -> None:
    """Build the input, then run the pipeline once; send the seconds of each of its steps."""
    frame = synthetic_input(localities, years)
    load_catalogue()
    stages: dict[str, float] = {}
    run_pipeline(frame, stages)
    pipe.send(stages)
    pipe.close()


def _in_fresh_processes(target: Callable, arguments: tuple, repeats: int) -> list:
    """Run `target(*arguments, pipe)` in `repeats` fresh processes; return what each sent.

    A child that dies before sending stops the benchmark with its exit status or signal.
    """
    return [run_in_fresh_process(target, arguments) for _repeat in range(repeats)]


def measure_stages(localities: int, years: int, repeats: int) -> dict[str, float]:
    """Return the median seconds of each pipeline step, each run in a fresh process."""
    runs = _in_fresh_processes(_stages_in_child, (localities, years), repeats)
    return {name: statistics.median(run[name] for run in runs) for name in runs[0]}


def measure(name: str, localities: int, years: int, repeats: int) -> dict:
    """Return median wall time, median peak memory and output rows over fresh processes.

    A fresh (spawned) process per run keeps each peak memory figure to one contender; the
    input is built in the process before the clock starts, the same for every contender.
    """
    runs = _in_fresh_processes(_measure_in_child, (name, localities, years), repeats)
    return {
        "seconds": statistics.median(run[0] for run in runs),
        "peak_mb": statistics.median(run[1] for run in runs),
        "rows": runs[0][2],
        "runs": [round(run[0], 3) for run in runs],
    }


@exit_loudly
def main() -> None:
    """Generate the input, measure the three contenders, print a table and one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--localities", type=int, default=3200)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--baseline-repeats", type=int, default=3)
    arguments = parser.parse_args()
    require(["pandas"], install=DEV_INSTALL)  # The row-by-row baseline.
    frame = synthetic_input(arguments.localities, arguments.years)
    sizes = (arguments.localities, arguments.years)
    figures = {
        "floor": measure("floor", *sizes, arguments.repeats),
        "compute": measure("compute", *sizes, arguments.repeats),
        "pipeline": measure("pipeline", *sizes, arguments.repeats),
        "pandas_rows": measure("pandas_rows", *sizes, arguments.baseline_repeats),
    }
    # Where the pipeline's time goes, step by step (separate runs, so it does not add up to
    # the pipeline's own figure exactly).
    stages = measure_stages(*sizes, arguments.repeats)
    print(
        f"{arguments.localities} localities x {arguments.years} years, "
        f"{frame.height:,} base values, {os.cpu_count()} cores, polars {pl.__version__}"
    )
    print(f"{'contender':<14}{'median s':>10}{'peak MB':>10}{'rows':>12}  runs")
    for name, figure in figures.items():
        print(
            f"{name:<14}{figure['seconds']:>10.2f}{figure['peak_mb']:>10.0f}"
            f"{figure['rows']:>12,}  {figure['runs']}"
        )
    print(
        "pipeline steps (median s): "
        + ", ".join(f"{name} {seconds:.2f}" for name, seconds in stages.items())
    )
    pipeline, floor, baseline = figures["pipeline"], figures["floor"], figures["pandas_rows"]
    ratios = {
        "compute_over_floor": figures["compute"]["seconds"] / floor["seconds"],
        "pipeline_over_floor": pipeline["seconds"] / floor["seconds"],
        "pandas_over_pipeline": baseline["seconds"] / pipeline["seconds"],
    }
    print(
        f"compute / floor: {ratios['compute_over_floor']:.2f}; "
        f"pipeline / floor: {ratios['pipeline_over_floor']:.2f} (target <= 3); "
        f"pandas rows / pipeline: {ratios['pandas_over_pipeline']:.1f} (target >= 10); "
        f"pipeline {pipeline['seconds']:.2f} s (target < 5)"
    )
    print(
        json.dumps(
            {
                "localities": arguments.localities,
                "years": arguments.years,
                "base_values": frame.height,
                "standard": STANDARD,
                "monte_carlo_draws": MONTE_CARLO_DRAWS,
                "cores": os.cpu_count(),
                **{
                    name: {
                        key: round(value, 3) if isinstance(value, float) else value
                        for key, value in figure.items()
                    }
                    for name, figure in figures.items()
                },
                **{name: round(value, 2) for name, value in ratios.items()},
                "pipeline_stages": {name: round(value, 3) for name, value in stages.items()},
            }
        )
    )


if __name__ == "__main__":
    main()
