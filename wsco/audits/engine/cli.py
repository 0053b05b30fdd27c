"""`wsco audit ...`: template, compute, level and score from the command line."""

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from wsco.audits.engine.catalogue import STANDARD_FILES, normalise_standard
from wsco.audits.engine.composite import IndexSettings, composite_index
from wsco.audits.engine.compute import DEFAULT_JUMP_THRESHOLD
from wsco.audits.engine.levels import levels
from wsco.audits.engine.messages import InputError
from wsco.audits.engine.output import check_output_path, write_table
from wsco.audits.engine.pipeline import (
    PEER_CHOICES,
    audit_files,
    read_goalposts,
    read_input_plain,
    read_key_value,
    read_weights,
    score,
)
from wsco.audits.engine.scoring import AGGREGATIONS, NORMALISATIONS, trends
from wsco.audits.engine.template import template

# Inputs larger than this many bytes get a progress bar.
LARGE_INPUT_BYTES = 5_000_000
SUMMARY_ROWS = 15


def _parser() -> argparse.ArgumentParser:
    """Build the `wsco audit` argument parser."""
    parser = argparse.ArgumentParser(prog="wsco audit", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    template_command = commands.add_parser("template", help="write the template a city fills in")
    template_command.add_argument("--standard", required=True, help="e.g. ISO37120:2018")
    template_command.add_argument("--output", required=True, help="template.csv or template.xlsx")

    for name, help_text in (
        ("compute", "compute and validate every indicator"),
        ("level", "certification level per city and year"),
        ("score", "goalpost scores, peer z-scores, percentile ranks, index and rank intervals"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("files", nargs="+", metavar="FILE", help="CSV or XLSX inputs")
        command.add_argument("--output", required=True, help="OUT.csv, OUT.xlsx or OUT.json")
        command.add_argument(
            "--standard",
            action="append",
            required=name == "level",
            help="edition to compute (repeatable): " + ", ".join(STANDARD_FILES),
        )
        command.add_argument(
            "--jump-threshold",
            type=float,
            default=DEFAULT_JUMP_THRESHOLD,
            help="flag year-on-year changes above this share (default 0.5 = 50 %%)",
        )
    score_command = commands.choices["score"]
    score_command.add_argument("--goalposts", required=True, help="indicator,min,max,better")
    score_command.add_argument("--peers", choices=PEER_CHOICES, default="all")
    score_command.add_argument("--regions", help="city,region file (with --peers region)")
    score_command.add_argument("--peer-list", help="file with a city column (with --peers list)")
    score_command.add_argument("--normalisation", choices=NORMALISATIONS, default="goalposts")
    score_command.add_argument("--aggregation", choices=AGGREGATIONS, default="arithmetic")
    score_command.add_argument("--weights", help="theme,weight file (default: equal themes)")
    score_command.add_argument("--draws", type=int, default=1000, help="Monte Carlo draws")
    score_command.add_argument("--seed", type=int, default=0)
    score_command.add_argument("--index-output", help="write the index and rank intervals here")
    score_command.add_argument("--trends-output", help="write trends across years here")
    return parser


@contextmanager
def _progress(console: Console, paths: list[str]) -> Iterator[Callable[[str], None]]:
    """Show a progress bar over the steps when the inputs are large; yield a step callback."""
    size = sum(Path(path).stat().st_size for path in paths if Path(path).is_file())
    with Progress(console=console, transient=True, disable=size < LARGE_INPUT_BYTES) as progress:
        task = progress.add_task("audit", total=len(paths) + 2)

        def step(description: str) -> None:
            progress.update(task, advance=1, description=description)

        yield step


def _status_table(results: pl.DataFrame) -> Table:
    """Count results by standard and status for the terminal."""
    counts = (
        results.filter(pl.col("indicator").is_not_null())
        .with_columns(
            pl.col("indicator")
            .cast(pl.String)
            .str.extract(r"^([^/]+)/")
            .fill_null("")
            .alias("edition")
        )
        .group_by("edition", "status")
        .len()
        .sort("edition", "status")
    )
    table = Table(title="Indicators by status")
    for column in ("edition", "status", "rows"):
        table.add_column(column)
    for edition, status, count in counts.iter_rows():
        table.add_row(edition, status, str(count))
    return table


def _frame_table(frame: pl.DataFrame, title: str) -> Table:
    """Show the first rows of a frame as a terminal table."""
    table = Table(title=title)
    for column in frame.columns:
        table.add_column(column)
    for row in frame.head(SUMMARY_ROWS).iter_rows():
        table.add_row(
            *[
                "" if value is None else f"{value:.4g}" if isinstance(value, float) else str(value)
                for value in row
            ]
        )
    return table


def _standards(arguments: argparse.Namespace) -> list[str] | None:
    """Return the editions named on the command line, in canonical form."""
    return [normalise_standard(text) for text in arguments.standard] if arguments.standard else None


def _template(arguments: argparse.Namespace, console: Console) -> None:
    """Write the fill-in template of one edition."""
    standard = normalise_standard(arguments.standard)
    # Equivalent if left out: write_table checks the same path before it writes; this only
    # refuses it before the template is built.
    check_output_path(arguments.output)  # pragma: no mutate
    variables, formulas = template(standard)
    write_table(variables, arguments.output, sheets={"indicators": formulas})
    console.print(
        f"{arguments.output}: {variables.height} variables for {formulas.height} indicators"
        f" of {standard}"
    )


def _compute(arguments: argparse.Namespace, console: Console) -> None:
    """Compute and validate every indicator of the input files."""
    check_output_path(arguments.output)
    with _progress(console, arguments.files) as step:
        audit = audit_files(
            arguments.files,
            standards=_standards(arguments),
            jump_threshold=arguments.jump_threshold,
            on_file=lambda path: step(f"read {path}"),
        )
        step("computed")
        table = audit.table()
        write_table(table, arguments.output)
        step("written")
    console.print(_status_table(table))
    problems = audit.results.filter(pl.col("status").is_in(["invalid", "warning"]))
    problems = pl.concat([problems, audit.input_rows], how="diagonal_relaxed")
    if problems.height:
        console.print(
            _frame_table(
                problems.select("status", "message"), f"First problems (of {problems.height})"
            )
        )
    console.print(f"{arguments.output}: {table.height} rows")


def _level(arguments: argparse.Namespace, console: Console) -> None:
    """Write the level of each city and year for each edition asked for."""
    check_output_path(arguments.output)
    standards = _standards(arguments) or []
    with _progress(console, arguments.files) as step:
        audit = audit_files(
            arguments.files,
            standards=standards,
            jump_threshold=arguments.jump_threshold,
            on_file=lambda path: step(f"read {path}"),
        )
        frame = pl.concat([levels(audit.results, standard) for standard in standards])
        step("levelled")
        write_table(frame, arguments.output)
        step("written")
    console.print(
        _frame_table(
            frame.select("city", "year", "standard", "core", "supporting", "level"), "Levels"
        )
    )
    console.print(f"{arguments.output}: {frame.height} rows")


def _score(arguments: argparse.Namespace, console: Console) -> None:
    """Score every indicator and, when asked, write the index and the trends."""
    for path in (arguments.output, arguments.index_output, arguments.trends_output):
        if path:
            check_output_path(path)
    goalposts = read_goalposts(arguments.goalposts)
    regions = read_key_value(arguments.regions, "city", "region") if arguments.regions else None
    peer_list = (
        read_input_plain(arguments.peer_list)["city"].str.strip_chars().to_list()
        if arguments.peer_list
        else None
    )
    weights = read_weights(arguments.weights) if arguments.weights else {}
    with _progress(console, arguments.files) as step:
        audit = audit_files(
            arguments.files,
            standards=_standards(arguments),
            jump_threshold=arguments.jump_threshold,
            on_file=lambda path: step(f"read {path}"),
        )
        scored = score(
            audit.results,
            goalposts,
            peers=arguments.peers,
            variables=audit.variables,
            regions=regions,
            peer_list=peer_list,
        )
        step("scored")
        write_table(scored, arguments.output)
        settings = IndexSettings(arguments.normalisation, arguments.aggregation, weights)
        index = composite_index(
            scored,
            settings,
            draws=arguments.draws,
            seed=arguments.seed,
            normalisations=_draw_methods(settings),
        )
        if arguments.index_output:
            write_table(index, arguments.index_output)
        if arguments.trends_output:
            write_table(trends(scored), arguments.trends_output)
        step("written")
    console.print(
        _frame_table(index.sort("year", "rank", nulls_last=True), "Index and rank interval")
    )
    console.print(f"{arguments.output}: {scored.height} rows")


def _draw_methods(settings: IndexSettings) -> list[str]:
    """Return the normalisations the Monte Carlo draws from: the chosen one and its peers."""
    return list(dict.fromkeys([settings.normalisation, "goalposts", "minmax", "percentile"]))


COMMANDS = {"template": _template, "compute": _compute, "level": _level, "score": _score}


def main(argv: list[str]) -> int:
    """Run `wsco audit` with `argv`; return the exit code (0 ok, 2 unusable input)."""
    console = Console(stderr=False)
    try:
        arguments = _parser().parse_args(argv)
    except SystemExit as exit_request:
        return int(exit_request.code or 0)
    try:
        COMMANDS[arguments.command](arguments, console)
    except InputError as error:
        print(f"wsco audit: error: {error}", file=sys.stderr)
        return 2
    return 0
