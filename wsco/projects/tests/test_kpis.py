"""KPIs: the baseline from the city's latest published audit, actuals from later ones."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wsco.audits.models import Audit, AuditStatus, IndicatorResult
from wsco.projects.charts import plan_line
from wsco.projects.models import Kpi
from wsco.projects.services.kpis import add_kpi, fill_actuals, record_actual
from wsco.projects.tests.factories import project, published_audit

pytestmark = pytest.mark.django_db
CONSUMPTION = "ISO37120:2018/23.5"


def test_the_baseline_is_the_latest_published_value_of_the_city():
    made = project()
    published_audit(made.city, 2023, {CONSUMPTION: 180.0})
    latest = published_audit(made.city, 2024, {CONSUMPTION: 172.5})
    draft = Audit.objects.create(city=made.city, year=2025, status=AuditStatus.DRAFT)
    IndicatorResult.objects.create(
        audit=draft, indicator=CONSUMPTION, theme="water", value=1.0, outcome="ok"
    )
    kpi = add_kpi(project=made, indicator=CONSUMPTION, target="150", target_year=2030, by=made.lead)
    assert (kpi.baseline, kpi.baseline_year, kpi.baseline_audit_id) == (
        Decimal("172.5000"),
        2024,
        latest.pk,
    )


def test_without_a_published_audit_there_is_no_baseline():
    made = project(entity=True)
    kpi = add_kpi(project=made, indicator=CONSUMPTION, target="150", target_year=2030, by=made.lead)
    assert kpi.baseline is None
    assert kpi.baseline_year is None


def test_an_unknown_indicator_or_a_second_kpi_on_one_is_refused():
    made = project()
    with pytest.raises(ValidationError, match="not an indicator"):
        add_kpi(project=made, indicator="ISO37120:2018/99.9", target=1, target_year=2030, by=None)
    add_kpi(project=made, indicator=CONSUMPTION, target=1, target_year=2030, by=None)
    with pytest.raises(ValidationError, match="follows this indicator already"):
        add_kpi(project=made, indicator=CONSUMPTION, target=2, target_year=2031, by=None)
    assert Kpi.objects.count() == 1


def test_later_audits_fill_in_actuals_once_and_leave_the_teams_values():
    made = project()
    published_audit(made.city, 2024, {CONSUMPTION: 172.5})
    kpi = add_kpi(project=made, indicator=CONSUMPTION, target="150", target_year=2030, by=None)
    record_actual(kpi=kpi, year=2026, value="165", by=made.lead)
    published_audit(made.city, 2025, {CONSUMPTION: 168.0})
    published_audit(made.city, 2026, {CONSUMPTION: 160.0})
    assert fill_actuals(kpi) == 1  # 2025; 2026 has the team's value
    assert fill_actuals(kpi) == 0
    assert dict(kpi.actuals.values_list("year", "value")) == {
        2025: Decimal("168.0000"),
        2026: Decimal("165.0000"),
    }


def test_the_plan_runs_straight_from_the_baseline_to_the_target():
    kpi = Kpi(
        baseline=Decimal("172.5"), baseline_year=2024, target=Decimal("150"), target_year=2030
    )
    line = plan_line(kpi, list(range(2024, 2031)))
    # By hand: 22.5 down over 6 years, 3.75 a year: 172.5, 168.75, ..., 150.
    assert line[0] == Decimal("172.5")
    assert line[-1] == Decimal("150")
    assert line[2] == Decimal("165.0")
