"""The steps the command line and the platform share: read, compute, level, score."""

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.engine.compute import DEFAULT_JUMP_THRESHOLD, compute, provenance
from wsco.audits.engine.inputs import read_input
from wsco.audits.engine.messages import InputError
from wsco.audits.engine.prepare import prepare_variables
from wsco.audits.engine.scoring import goalpost_scores, peer_scores, population_band
from wsco.audits.engine.written_numbers import parse_numbers

PEER_CHOICES = ["all", "population", "region", "list"]


@dataclass(frozen=True)
class Audit:
    """Indicator results, the input rows with findings, and the base values read."""

    results: pl.DataFrame
    input_rows: pl.DataFrame
    variables: pl.DataFrame | None

    def table(self) -> pl.DataFrame:
        """Return indicator rows followed by the input rows that carry a finding."""
        return pl.concat([provenance(self.results), self.input_rows], how="diagonal_relaxed")


def _results_form(frame: pl.DataFrame) -> pl.DataFrame:
    """Bring a results file written earlier back to typed columns, joined to the catalogue."""
    formulas = load_catalogue().formulas(
        list({key.split("/")[0] for key in load_catalogue().indicators})
    )
    frame = parse_numbers(frame, "value").with_columns(
        pl.col("value_number").alias("value"),
        pl.col("year").cast(pl.Int32, strict=False),
        pl.col("status").str.strip_chars(),
    )
    return frame.select(
        "city",
        "year",
        pl.col("indicator").cast(formulas.schema["indicator"], strict=False),
        "value",
        "status",
    ).join(formulas.drop("numerator_variable", "denominator_variable"), on="indicator", how="inner")


def audit_files(
    paths: list[str | Path],
    *,
    standards: list[str] | None = None,
    jump_threshold: float = DEFAULT_JUMP_THRESHOLD,
    on_file: object = None,
) -> Audit:
    """Read every file, compute and validate; results files are taken as they are."""
    tables: dict[str, list[pl.DataFrame]] = {}
    for path in paths:
        table = read_input(path)
        tables.setdefault(table.form, []).append(table.frame)
        if callable(on_file):
            on_file(path)
    stacked = {form: pl.concat(frames, how="diagonal") for form, frames in tables.items()}
    variables, reported = stacked.get("variables"), stacked.get("reported")
    parts, input_rows = [], []
    if variables is not None or reported is not None:
        computed, findings = compute(
            variables=variables,
            reported=reported,
            standards=standards,
            jump_threshold=jump_threshold,
        )
        parts.append(computed)
        input_rows.append(findings)
    if "results" in stacked:
        parts.append(_results_form(stacked["results"]))
    if not parts:
        raise InputError("no_input")
    results = pl.concat(parts, how="diagonal_relaxed")
    rows = pl.concat(input_rows, how="diagonal_relaxed") if input_rows else results.clear()
    return Audit(results, rows, variables)


def populations(variables: pl.DataFrame | None) -> pl.DataFrame:
    """Return each city's population per year from its base variables."""
    if variables is None:
        return pl.DataFrame(schema={"city": pl.String, "year": pl.Int32, "population": pl.Float64})
    catalogue = load_catalogue()
    values, _findings = prepare_variables(variables, catalogue)
    return values.kept([catalogue.variable_numbers()["population"]]).select(
        "city", "year", pl.col("value").alias("population")
    )


def read_key_value(path: str | Path, key: str, value: str) -> pl.DataFrame:
    """Read a small two-column file (city,region or theme,weight), or raise InputError."""
    table = read_input_plain(path)
    if key not in table.columns or value not in table.columns:
        raise InputError(
            "columns_unknown",
            path=str(path),
            columns=",".join(table.columns),
            expected=f"{key},{value}",
        )
    return table.select(pl.col(key).str.strip_chars(), pl.col(value).str.strip_chars(), "line")


def read_input_plain(path: str | Path) -> pl.DataFrame:
    """Read any CSV or XLSX as text columns with line numbers (no form required)."""
    from wsco.audits.engine.inputs import READERS

    path = Path(path)
    if not path.is_file():
        raise InputError("file_missing", path=str(path))
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError("file_format_unknown", path=str(path))
    return reader(path)


def read_goalposts(path: str | Path) -> pl.DataFrame:
    """Read goalposts (indicator,min,max,better), refusing rows that cannot be used."""
    table = read_input_plain(path)
    needed = ["indicator", "min", "max", "better"]
    # Equivalent with `<`: the table always has a `line` column beside the needed ones.
    present = set(needed) <= set(table.columns)  # pragma: no mutate
    if not present:
        raise InputError(
            "columns_unknown",
            path=str(path),
            columns=",".join(table.columns),
            expected=",".join(needed),
        )
    table = parse_numbers(
        parse_numbers(table.with_columns(pl.lit(str(path)).alias("file")), "min"), "max"
    )
    for row in table.iter_rows(named=True):
        problem = None
        if row["min_number"] is None or row["max_number"] is None:
            problem = "min and max must be numbers"
        elif row["min_number"] == row["max_number"]:
            problem = "min and max are equal"
        elif row["better"].strip().lower() not in ("higher", "lower"):
            problem = "better must be 'higher' or 'lower'"
        if problem:
            raise InputError("goalposts_invalid", path=str(path), line=row["line"], problem=problem)
    return table.select(
        pl.col("indicator").str.strip_chars(),
        pl.col("min_number").alias("min"),
        pl.col("max_number").alias("max"),
        pl.col("better").str.strip_chars().str.to_lowercase(),
    )


def read_weights(path: str | Path) -> dict[str, float]:
    """Read theme weights (theme,weight) into a dict, refusing negative or unreadable ones."""
    table = read_key_value(path, "theme", "weight").with_columns(pl.lit(str(path)).alias("file"))
    table = parse_numbers(table, "weight")
    weights = {}
    for row in table.iter_rows(named=True):
        if row["weight_number"] is None or row["weight_number"] < 0:
            raise InputError(
                "weights_invalid",
                path=str(path),
                line=row["line"],
                problem="weight must be a number of at least 0",
            )
        weights[row["theme"]] = row["weight_number"]
    return weights


def peer_groups(
    results: pl.DataFrame,
    *,
    peers: str,
    variables: pl.DataFrame | None = None,
    regions: pl.DataFrame | None = None,
    peer_list: list[str] | None = None,
) -> pl.DataFrame:
    """Add `peer_group`: everyone, a population band, a region, or a given list of cities."""
    if peers == "population":
        bands = populations(variables).with_columns(
            population_band(pl.col("population")).alias("peer_group")
        )
        return results.join(
            bands.select("city", "year", "peer_group"), on=["city", "year"], how="left"
        )
    if peers == "region" and regions is not None:
        # Two columns of one table: always of one length.
        mapping = dict(zip(regions["city"], regions["region"], strict=True))  # pragma: no mutate
        return results.with_columns(
            pl.col("city").replace_strict(mapping, default=None).alias("peer_group")
        )
    if peers == "list":
        chosen = peer_list or []
        return results.with_columns(
            pl.when(pl.col("city").is_in(chosen)).then(pl.lit("listed")).alias("peer_group")
        )
    return results.with_columns(pl.lit("all").alias("peer_group"))


def score(
    results: pl.DataFrame, goalposts: pl.DataFrame | None, **peer_options: object
) -> pl.DataFrame:
    """Return indicator rows with goalpost score, z-score, percentile rank and min-max score."""
    rows = results.filter(pl.col("indicator").is_not_null())
    if goalposts is not None:
        rows = goalpost_scores(rows, goalposts)
    return peer_scores(peer_groups(rows, **peer_options))
