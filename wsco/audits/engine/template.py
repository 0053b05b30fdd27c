"""The template a city fills in: every base variable of an edition, with unit and description."""

import polars as pl

from wsco.audits.engine.catalogue import Catalogue, load_catalogue


def template(
    standard: str, catalogue: Catalogue | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return (variables to fill in, the edition's indicators with their formulas).

    The first table is in the long input form (city, year, variable, value, source) with
    unit, description and the indicators that use each variable beside it; the reader ignores
    those extra columns, so a filled-in template is read back as it is.
    """
    catalogue = catalogue or load_catalogue()
    indicators = catalogue.for_standard(standard)
    used_by: dict[str, list[str]] = {}
    for indicator in indicators:
        for name in (indicator.numerator, indicator.denominator):
            if name:
                used_by.setdefault(name, []).append(indicator.number)
    variables = pl.DataFrame(
        [
            {
                "city": "",
                "year": "",
                "variable": name,
                "value": "",
                "source": "",
                "unit": catalogue.variables[name].unit,
                "description": catalogue.variables[name].description,
                "used_by": " ".join(dict.fromkeys(numbers)),
            }
            for name, numbers in sorted(used_by.items())
        ]
    )
    formulas = pl.DataFrame(
        [
            {
                "indicator": indicator.key,
                "theme": indicator.theme,
                "name": indicator.name,
                "type": indicator.type + ("?" if indicator.type_inferred else ""),
                "unit": indicator.unit,
                "formula": formula_text(
                    indicator.numerator, indicator.denominator, indicator.multiplier
                ),
            }
            for indicator in indicators
        ]
    )
    return variables, formulas


def formula_text(numerator: str | None, denominator: str | None, multiplier: float | None) -> str:
    """Write a formula as people read it: "homicides / population x 100000"."""
    if not numerator:
        return ""
    text = numerator if not denominator else f"{numerator} / {denominator}"
    if multiplier and multiplier != 1:
        text += f" x {multiplier:g}"
    return text
