"""KPIs: indicators of the engine's catalogue with a baseline, a target and actuals by year.

The baseline is the indicator's value in the latest published audit of the project's city,
when there is one; each later published audit fills in the actual of its year (a value the
team recorded for a year stays theirs).
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.models import AuditStatus, IndicatorResult
from wsco.projects.models import EventKind, Kpi, KpiActual, Project
from wsco.projects.services.timeline import record

PLACES = Decimal("0.0001")


def _decimal(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise ValidationError({field: _("Write a number.")}) from error
    if not number.is_finite():
        raise ValidationError({field: _("Write a number.")})
    return number.quantize(PLACES)


def published_values(project: Project, indicator: str) -> list[tuple[int, float, int]]:
    """Return (year, value, audit id) of `indicator` in each published audit of the city.

    Oldest first; of two published audits of one year (a correction), the later one.
    """
    if project.city_id is None:
        return []
    by_year: dict[int, tuple[int, float, int]] = {}
    for year, value, audit_id in (
        IndicatorResult.objects.filter(
            audit__city_id=project.city_id,
            audit__status=AuditStatus.PUBLISHED,
            indicator=indicator,
            value__isnull=False,
        )
        .order_by("audit__year", "audit__published_at", "audit__version")
        .values_list("audit__year", "value", "audit_id")
    ):
        by_year[year] = (year, value, audit_id)
    return list(by_year.values())


@transaction.atomic
def add_kpi(*, project: Project, indicator: str, target, target_year: int, by) -> Kpi:
    """Follow `indicator` on the project: its baseline from the city's latest published audit,
    its actuals from the later ones."""
    if indicator not in load_catalogue().indicators:
        raise ValidationError(
            {"indicator": _("%(key)s is not an indicator of the catalogue.") % {"key": indicator}}
        )
    values = published_values(project, indicator)
    baseline = values[-1] if values else None
    try:
        with transaction.atomic():
            kpi = Kpi.objects.create(
                project=project,
                indicator=indicator,
                target=_decimal(target, "target"),
                target_year=target_year,
                baseline=_decimal(baseline[1], "baseline") if baseline else None,
                baseline_year=baseline[0] if baseline else None,
                baseline_audit_id=baseline[2] if baseline else None,
            )
    except IntegrityError as error:
        raise ValidationError(
            {"indicator": _("The project follows this indicator already.")}
        ) from error
    record(project, EventKind.KPI, f"+ {indicator}", by=by)
    fill_actuals(kpi)
    return kpi


def record_actual(*, kpi: Kpi, year: int, value, by) -> KpiActual:
    """Record the KPI's value in `year` (replacing that year's value, if any)."""
    with transaction.atomic():
        actual, _created = KpiActual.objects.update_or_create(
            kpi=kpi,
            year=year,
            defaults={"value": _decimal(value, "value"), "audit": None, "recorded_by": by},
        )
        record(kpi.project, EventKind.KPI, f"{kpi.indicator} {year}: {actual.value}", by=by)
    return actual


def fill_actuals(kpi: Kpi) -> int:
    """Add an actual for each published audit after the baseline year that has none; return
    how many were added. Safe to run again: a year with a value is left as it is."""
    have = set(kpi.actuals.values_list("year", flat=True))
    after = kpi.baseline_year or 0
    rows = [
        KpiActual(kpi=kpi, year=year, value=_decimal(value, "value"), audit_id=audit_id)
        for year, value, audit_id in published_values(kpi.project, kpi.indicator)
        if year > after and year not in have
    ]
    KpiActual.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def fill_all_actuals() -> int:
    """Fill in every active KPI's actuals from the audits published since (the daily job)."""
    return sum(
        fill_actuals(kpi)
        for kpi in Kpi.objects.filter(project__city__isnull=False).select_related("project")
    )
