"""The projects' charts, drawn by the platform's one chart module (`wsco.core.charts`).

A KPI's chart is a line of its actuals over the years from its baseline to its target year,
with the plan (a straight line from the baseline to the target) dashed beside it. The portfolio
has a stage funnel (how many projects stand at each stage) and the budget by theme, one series
per currency (amounts in different currencies are never added).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wsco.audits.engine.catalogue import load_catalogue
from wsco.core import charts
from wsco.core.themes import THEMES, THEMES_BY_SLUG
from wsco.projects.models import STAGES, Kpi, Project, Stage


def plan_line(kpi: Kpi, years: list[int]) -> list[Decimal | None]:
    """Return the plan's value each year: from the baseline to the target in equal steps.

    Without a baseline there is no line to draw, only the target in its year.
    """
    if kpi.baseline is None or kpi.baseline_year is None:
        return [kpi.target if year == kpi.target_year else None for year in years]
    span = kpi.target_year - kpi.baseline_year
    values: list[Decimal | None] = []
    for year in years:
        if year < kpi.baseline_year or year > kpi.target_year or span <= 0:
            values.append(kpi.target if year == kpi.target_year else None)
            continue
        share = Decimal(year - kpi.baseline_year) / span
        values.append(kpi.baseline + (kpi.target - kpi.baseline) * share)
    return values


def kpi_years(kpi: Kpi, actual_years: list[int]) -> list[int]:
    first = min([kpi.baseline_year or kpi.target_year, *actual_years])
    last = max([kpi.target_year, *actual_years])
    return list(range(first, last + 1))


@dataclass
class KpiRow:
    kpi: Kpi
    name: str
    unit: str
    actuals: list
    chart: SafeString


def kpi_chart(kpi: Kpi, actuals: dict[int, Decimal], name: str, unit: str) -> SafeString:
    """Return the KPI's chart: its actuals (the baseline year's value first) and the plan."""
    years = kpi_years(kpi, list(actuals))
    measured = dict(actuals)
    if kpi.baseline is not None and kpi.baseline_year is not None:
        measured.setdefault(kpi.baseline_year, kpi.baseline)
    values = [measured.get(year) for year in years]
    plan = plan_line(kpi, years)
    if any(value is not None and value < 0 for value in [*values, *plan]):
        return SafeString("")  # the chart draws values of zero or more; the table holds them
    return charts.trend_chart(
        title=_("Baseline, target and actuals"),
        description=_(
            "%(indicator)s: the baseline and actuals by year, towards the target of %(year)s."
        )
        % {"indicator": name, "year": kpi.target_year},
        years=years,
        values=values,
        name=_("Measured"),
        reference=plan,
        reference_name=_("the plan from the baseline to the target"),
        unit=unit,
        category_name=_("Year"),
        key=f"kpi-{kpi.pk}",
        empty_message=_("No value yet."),
    )


def kpi_rows(project: Project) -> list[KpiRow]:
    """Return each KPI of the project with its name, unit, actuals and chart."""
    catalogue = load_catalogue().indicators
    rows = []
    for kpi in project.kpis.prefetch_related("actuals"):
        known = catalogue.get(kpi.indicator)
        name = f"{known.number} {known.name}" if known else kpi.indicator
        unit = known.unit if known else ""
        actuals = {actual.year: actual.value for actual in kpi.actuals.all()}
        rows.append(
            KpiRow(
                kpi=kpi,
                name=name,
                unit=unit,
                actuals=sorted(kpi.actuals.all(), key=lambda actual: actual.year),
                chart=kpi_chart(kpi, actuals, name, unit),
            )
        )
    return rows


def stage_funnel(counts: dict[str, int]) -> SafeString:
    """Return a bar chart of how many projects stand at each stage, in the stages' order."""
    return charts.bar_chart(
        title=_("Projects by stage"),
        description=_(
            "How many of the projects shown stand at each stage, from vision to operation."
        ),
        category_name=_("Stage"),
        categories=[str(Stage(stage).label) for stage in STAGES],
        series=[charts.Series(name=_("Projects"), values=[counts[stage] for stage in STAGES])],
        key="stage-funnel",
    )


def budget_chart(totals: dict[str, dict[str, Decimal]]) -> SafeString:
    """Return the budget by theme as bars, one series per currency; themes without none."""
    themes = [theme for theme in THEMES if theme.slug in totals]
    currencies = sorted({currency for by in totals.values() for currency in by})
    if not themes:
        return SafeString("")
    return charts.bar_chart(
        title=_("Budget by theme"),
        description=_(
            "The budget of the projects shown, by theme and currency; a project on several "
            "themes counts under each."
        ),
        category_name=_("Theme"),
        categories=[str(THEMES_BY_SLUG[theme.slug].name) for theme in themes],
        series=[
            charts.Series(
                name=currency,
                values=[totals[theme.slug].get(currency, Decimal(0)) for theme in themes],
            )
            for currency in currencies
        ],
        money=True,
        key="budget-by-theme",
    )
