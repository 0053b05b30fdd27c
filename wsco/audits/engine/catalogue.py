"""The indicator catalogue: one CSV per standard edition and the base variables they share."""

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from wsco.audits.engine.messages import InputError

CATALOGUE_DIRECTORY = Path(__file__).parent / "catalogue"

# Standard edition -> its catalogue file. Keys read "ISO37120:2018/5.1".
STANDARD_FILES = {
    "ISO37120:2014": "iso37120-2014.csv",
    "ISO37120:2018": "iso37120-2018.csv",
    "ISO37122:2019": "iso37122-2019.csv",
    "ISO37123:2019": "iso37123-2019.csv",
}
DEFAULT_STANDARD = "ISO37120:2018"


@dataclass(frozen=True)
class Variable:
    """A base variable a city enters once (population, labour force...)."""

    name: str
    unit: str
    can_be_negative: bool
    description: str
    # The plausible size of a quantity many rows share as their denominator (population, the
    # labour force...), from `base_ranges.csv`; None where the catalogue sets no range.
    range_min: float | None = None
    range_max: float | None = None


@dataclass(frozen=True)
class Indicator:
    """One indicator of one standard edition, with its formula over base variables."""

    key: str
    standard: str
    number: str
    theme: str
    name: str
    type: str
    type_inferred: bool
    unit: str
    numerator: str | None
    denominator: str | None
    multiplier: float | None
    better: str
    share: bool
    range_min: float | None
    range_max: float | None
    range_basis: str
    note: str
    source: str


def normalise_standard(text: str) -> str:
    """Return the canonical name ("ISO37120:2018") of a standard written loosely."""
    match = re.fullmatch(r"\s*(?:iso)?\s*(3712[023])\s*[:/_-]\s*((?:19|20)\d\d)\s*", text, re.I)
    canonical = f"ISO{match.group(1)}:{match.group(2)}" if match else text.strip()
    if canonical not in STANDARD_FILES:
        raise InputError("standard_unknown", standard=text, known=", ".join(STANDARD_FILES))
    return canonical


def _optional_float(text: str) -> float | None:
    """Read an optional number from a catalogue cell."""
    return float(text) if text.strip() else None


def _read_indicators(standard: str) -> list[Indicator]:
    """Read one standard edition's catalogue file."""
    path = CATALOGUE_DIRECTORY / STANDARD_FILES[standard]
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Indicator(
                key=f"{standard}/{row['number']}",
                standard=standard,
                number=row["number"],
                theme=row["theme"],
                name=row["name"],
                type=row["type"],
                type_inferred=row["type_inferred"] == "true",
                unit=row["unit"],
                numerator=row["numerator"] or None,
                denominator=row["denominator"] or None,
                multiplier=_optional_float(row["multiplier"]),
                better=row["better"],
                share=row["share"] == "true",
                range_min=_optional_float(row["range_min"]),
                range_max=_optional_float(row["range_max"]),
                range_basis=row["range_basis"],
                note=row["note"],
                source=row["source"],
            )
            for row in csv.DictReader(handle)
        ]


def _read_variables() -> dict[str, Variable]:
    """Read the base variables every edition shares, with the plausible range of shared bases."""
    with (CATALOGUE_DIRECTORY / "base_ranges.csv").open(newline="", encoding="utf-8") as handle:
        ranges = {row["variable"]: row for row in csv.DictReader(handle)}
    with (CATALOGUE_DIRECTORY / "variables.csv").open(newline="", encoding="utf-8") as handle:
        return {
            row["variable"]: Variable(
                row["variable"],
                row["unit"],
                row["can_be_negative"] == "true",
                row["description"],
                *(
                    _optional_float(ranges.get(row["variable"], {}).get(limit, ""))
                    for limit in ("range_min", "range_max")
                ),
            )
            for row in csv.DictReader(handle)
        }


@dataclass(frozen=True, eq=False)
class Catalogue:
    """Every indicator of every edition, and the base variables they are computed from."""

    indicators: dict[str, Indicator]
    variables: dict[str, Variable]

    def for_standard(self, standard: str) -> list[Indicator]:
        """Return the indicators of one edition, in catalogue order."""
        return [
            indicator for indicator in self.indicators.values() if indicator.standard == standard
        ]

    def formulas(self, standards: list[str]) -> pl.DataFrame:
        """Return one row per indicator of `standards`: its formula and validation limits."""
        numbers = self.variable_numbers()
        rows = [
            {
                "indicator": indicator.key,
                "standard": indicator.standard,
                "theme": indicator.theme,
                "type": indicator.type,
                "unit": indicator.unit,
                "numerator_variable": indicator.numerator,
                "denominator_variable": indicator.denominator,
                "numerator_id": numbers.get(indicator.numerator),
                "denominator_id": numbers.get(indicator.denominator),
                "multiplier": indicator.multiplier if indicator.multiplier is not None else 1.0,
                "better": indicator.better,
                "share": indicator.share,
                "range_min": indicator.range_min,
                "range_max": indicator.range_max,
            }
            for standard in standards
            for indicator in self.for_standard(standard)
        ]
        frame = pl.DataFrame(rows, schema=FORMULA_SCHEMA)
        # Enumerations: the grid repeats these for every city-year, as 4-byte codes, not text.
        return frame.with_columns(
            pl.col(name).cast(dtype) for name, dtype in self.enumerations().items()
        )

    @functools.cache  # noqa: B019 (one catalogue per process, cached by load_catalogue)
    def enumerations(self) -> dict[str, pl.Enum]:
        """Return one Enum type per descriptive formula column, over the whole catalogue."""
        everything = list(self.indicators.values())
        values = {
            "indicator": list(self.indicators),
            "standard": [indicator.standard for indicator in everything],
            "theme": [indicator.theme for indicator in everything],
            "type": [indicator.type for indicator in everything],
            "unit": [indicator.unit for indicator in everything],
            "better": [indicator.better for indicator in everything],
            "numerator_variable": list(self.variables),
            "denominator_variable": list(self.variables),
        }
        return {name: pl.Enum(list(dict.fromkeys(items))) for name, items in values.items()}

    def variable_numbers(self) -> dict[str, int]:
        """Number the base variables in catalogue order, for integer join keys."""
        return {name: number for number, name in enumerate(self.variables)}


FORMULA_SCHEMA = {
    "indicator": pl.String,
    "standard": pl.String,
    "theme": pl.String,
    "type": pl.String,
    "unit": pl.String,
    "numerator_variable": pl.String,
    "denominator_variable": pl.String,
    "numerator_id": pl.UInt64,
    "denominator_id": pl.UInt64,
    "multiplier": pl.Float64,
    "better": pl.String,
    "share": pl.Boolean,
    "range_min": pl.Float64,
    "range_max": pl.Float64,
}


@functools.cache
def load_catalogue() -> Catalogue:
    """Read the catalogue files once per process."""
    indicators = {
        indicator.key: indicator
        for standard in STANDARD_FILES
        for indicator in _read_indicators(standard)
    }
    return Catalogue(indicators, _read_variables())


def read_carry_over() -> pl.DataFrame:
    """Return the 2014 -> 2018 carry-over table (from, to, relation, comparable, note)."""
    return pl.read_csv(CATALOGUE_DIRECTORY / "carry_over_2014_2018.csv", infer_schema_length=0)


def read_sdg_links() -> pl.DataFrame:
    """Return the links between ISO 37120:2018 indicators and UN SDG 11 indicators."""
    return pl.read_csv(CATALOGUE_DIRECTORY / "sdg11_links.csv", infer_schema_length=0)
