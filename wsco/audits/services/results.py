"""Hand an audit's values to the engine and keep what it works out.

The engine (`wsco.audits.engine`) is the one place where indicators are computed, validated and
levelled: this module only turns the rows a city entered into the engine's input frames and the
engine's results back into rows. Inputs are named `base:<pk>` and `reported:<pk>` (the engine's
file and line), so each finding leads back to the row it is about.
"""

import functools
import json
from dataclasses import dataclass

import polars as pl
from django.db import transaction
from django.utils import translation

from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.engine.compute import PARAMETERS, compute
from wsco.audits.engine.levels import NO_LEVEL, levels
from wsco.audits.models import Audit, AuditStatus, BaseValue, IndicatorResult, ReportedValue
from wsco.core.themes import THEMES

BASE_FILE = "base"
REPORTED_FILE = "reported"
# The city's name in the engine's frames: one city-year per audit, and its previous year.
CITY = "city"


# The 2014 edition's theme names that the 2018 taxonomy renamed.
THEMES_OF_2014 = {
    "Environment": "environment",
    "Fire and emergency response": "safety",
    "Shelter": "housing",
    "Telecommunication and innovation": "telecommunication",
    "Water and sanitation": "water",
}


@functools.cache
def _theme_slugs() -> dict[str, str]:
    # Built once: the English names are the catalogue's, whatever language is active.
    with translation.override("en"):
        return {str(theme.name): theme.slug for theme in THEMES}


def theme_slug(name: str) -> str:
    """Return the platform's theme (a slug of `wsco.core.themes`) for a catalogue theme name."""
    return _theme_slugs().get(name) or THEMES_OF_2014.get(name, "")


@dataclass(frozen=True)
class EngineRun:
    """What the engine made of one audit: indicator results and the input rows' findings."""

    results: pl.DataFrame
    findings: pl.DataFrame

    def findings_for(self, file: str, pk: int) -> list[dict]:
        """Return the findings about one entered row (`file` BASE_FILE or REPORTED_FILE)."""
        if self.findings.is_empty():
            return []
        return self.findings.filter(pl.col("row") == f"{file}:{pk}").to_dicts()


def _previous_published(audit: Audit) -> Audit | None:
    """The city's published audit of the year before, for the engine's year-on-year checks."""
    return (
        Audit.objects.published()
        .filter(city_id=audit.city_id, editions=audit.editions, year=audit.year - 1)
        .order_by("-version")
        .first()
    )


def _variables_frame(audits: list[Audit]) -> pl.DataFrame | None:
    rows = BaseValue.objects.filter(audit__in=audits).values_list(
        "audit__year", "variable", "value", "source", "pk"
    )
    rows = list(rows)
    if not rows:
        return None
    years, variables, values, sources, pks = zip(*rows, strict=True)
    return pl.DataFrame(
        {
            "city": [CITY] * len(rows),
            "year": [str(year) for year in years],
            "variable": list(variables),
            "value": list(values),
            "source": list(sources),
            "line": list(pks),
            "file": [BASE_FILE] * len(rows),
        },
        schema_overrides={"line": pl.Int64},
    )


def _reported_frame(audits: list[Audit]) -> pl.DataFrame | None:
    rows = list(
        ReportedValue.objects.filter(audit__in=audits).values_list(
            "audit__year", "indicator", "numerator", "denominator", "value", "source", "pk"
        )
    )
    if not rows:
        return None
    years, indicators, numerators, denominators, values, sources, pks = zip(*rows, strict=True)
    return pl.DataFrame(
        {
            "city": [CITY] * len(rows),
            "year": [str(year) for year in years],
            "indicator": list(indicators),
            "numerator": [text or None for text in numerators],
            "denominator": [text or None for text in denominators],
            "value": [text or None for text in values],
            "source": list(sources),
            "line": list(pks),
            "file": [REPORTED_FILE] * len(rows),
        },
        schema_overrides={"line": pl.Int64},
    )


def compute_audit(audit: Audit) -> EngineRun:
    """Run the engine on the audit's values (with the year before, for its jump checks)."""
    audits = [audit]
    previous = _previous_published(audit)
    if previous is not None:
        audits.append(previous)
    variables, reported = _variables_frame(audits), _reported_frame(audits)
    if variables is None and reported is None:
        variables = pl.DataFrame(
            schema={
                "city": pl.String,
                "year": pl.String,
                "variable": pl.String,
                "value": pl.String,
                "source": pl.String,
                "line": pl.Int64,
                "file": pl.String,
            }
        )
    results, findings = compute(
        variables=variables,
        reported=reported,
        standards=audit.edition_list,
        with_parameters=True,
    )
    year = pl.col("year") == audit.year
    results = results.filter(year)
    if results.is_empty():
        results = _nothing_entered(audit)
    return EngineRun(results, findings.filter(year | pl.col("year").is_null()))


def _nothing_entered(audit: Audit) -> pl.DataFrame:
    """Every indicator of the audit's editions, missing: what an audit with no values shows."""
    formulas = load_catalogue().formulas(audit.edition_list)
    return formulas.select(
        pl.lit(CITY).alias("city"),
        pl.lit(audit.year, dtype=pl.Int32).alias("year"),
        "indicator",
        "standard",
        "theme",
        "type",
        "unit",
        "better",
        pl.lit(None, dtype=pl.Float64).alias("value"),
        pl.lit("missing").alias("status"),
        pl.lit(None, dtype=pl.Float64).alias("reported_value"),
        pl.lit(["inputs_missing"]).alias("message_codes"),
        _inputs_missing().alias(PARAMETERS),
    )


def _inputs_missing() -> pl.Expr:
    """The message of an indicator with no value entered: its variables are missing."""
    missing = pl.concat_str(
        "numerator_variable", "denominator_variable", separator=", ", ignore_nulls=True
    )
    message = pl.struct(
        pl.lit("inputs_missing").alias("code"),
        pl.struct(pl.col("indicator"), missing.alias("missing")).alias("params"),
    )
    return pl.concat_str(pl.lit("["), message.struct.json_encode(), pl.lit("]"))


def stored_messages(text: str | None) -> list[dict]:
    """Return the engine's messages of a result (its `message_parameters`) as they are kept."""
    return [
        {"code": message["code"], "params": message.get("params") or {}}
        for message in json.loads(text or "[]")
    ]


def audit_levels(audit: Audit, run: EngineRun) -> dict[str, str]:
    """Return the level the audit's results reach for each of its editions."""
    found: dict[str, str] = {}
    for edition in audit.edition_list:
        table = levels(run.results, edition)
        found[edition] = table["level"][0] if table.height else NO_LEVEL
    return found


def store_results(audit: Audit, run: EngineRun | None = None) -> EngineRun:
    """Work the audit's indicators out again and keep them, with its levels.

    A published audit is frozen: its results are what they were when it was published.
    """
    if audit.status == AuditStatus.PUBLISHED:
        raise ValueError("A published audit's results are frozen.")
    run = run or compute_audit(audit)
    texts = ["indicator", "theme", "status", "currency"]
    numbers = ["value", "computed_value"]
    results = run.results
    for name in ["computed_value", "currency", PARAMETERS]:
        if name not in results.columns:  # an audit with nothing entered, or an older run
            results = results.with_columns(pl.lit(None).alias(name))
    rows = results.select(
        *(pl.col(name).cast(pl.String) for name in texts), *numbers, "message_codes", PARAMETERS
    ).to_dicts()
    found = audit_levels(audit, run)
    with transaction.atomic():
        IndicatorResult.objects.filter(audit=audit).delete()
        IndicatorResult.objects.bulk_create(
            IndicatorResult(
                audit=audit,
                indicator=row["indicator"],
                theme=theme_slug(row["theme"]),
                value=row["value"],
                computed_value=row["computed_value"],
                currency=row["currency"] or "",
                outcome=row["status"],
                message_codes=list(row["message_codes"] or []),
                messages=stored_messages(row[PARAMETERS]),
            )
            for row in rows
        )
        Audit.objects.filter(pk=audit.pk).update(
            levels=found, level=found.get(audit.edition_list[0], NO_LEVEL)
        )
    audit.levels, audit.level = found, found.get(audit.edition_list[0], NO_LEVEL)
    return run
