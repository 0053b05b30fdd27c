"""The audits demo: 12 cities, audits in every state, plausible values that drift, not jump."""

import io
from collections import defaultdict

import pytest

from wsco.accounts.models import Role, RoleGrant
from wsco.audits import demo
from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.models import Audit, AuditStatus, City, IndicatorResult, TeamRole
from wsco.core.demo import DemoContext
from wsco.members.tests.factories import MemberProfileFactory, UserFactory

# A city's value moves by at most 3 % a year (demo.Trend) and its population by about 1 %.
YEARLY_DRIFT_BOUND = 0.05


@pytest.fixture
def seeded(db):
    """Run the audits demo over the accounts the members demo would have made."""
    UserFactory(email="staff@demo.wsco.example", is_staff=True)
    official = MemberProfileFactory(user__email="city-official@demo.wsco.example").user
    auditor = MemberProfileFactory(user__email="auditor@demo.wsco.example").user
    RoleGrant.objects.create(user=official, role=Role.CITY_OFFICIAL)
    RoleGrant.objects.create(user=auditor, role=Role.AUDITOR)
    for _ in range(8):
        MemberProfileFactory()
    context = DemoContext(seed=2026, password="demo", stdout=io.StringIO())
    demo.seed(context)
    return context


def check_the_demo_has_twelve_cities_with_their_facts(seeded):
    cities = City.objects.all()
    assert cities.count() == 12
    names = set(cities.values_list("name", flat=True))
    assert {"Bucharest", "Cluj-Napoca", "Iași", "Timișoara", "Brașov", "Oradea"} <= names
    assert cities.exclude(country="RO").count() == 6
    assert not cities.filter(population=None).exists()
    assert not cities.filter(latitude=None).exists()
    assert not cities.filter(climate_zone="").exists()


def check_every_state_of_an_audit_is_in_the_demo(seeded):
    assert set(Audit.objects.values_list("status", flat=True)) == set(AuditStatus.values)


def check_published_audits_reach_different_levels(seeded):
    levels = set(Audit.objects.published().values_list("level", flat=True))
    assert {"Gold", "Silver", "Bronze"} <= levels


def check_the_demo_accounts_have_roles_on_the_audits(seeded):
    official = Audit.objects.filter(
        team__user__email="city-official@demo.wsco.example", team__role=TeamRole.OFFICIAL
    )
    auditor = Audit.objects.filter(
        team__user__email="auditor@demo.wsco.example", team__role=TeamRole.AUDITOR
    )
    assert official.exists()
    assert auditor.exists()
    assert "city_official" in seeded.accounts
    # Four eyes: every verified or published audit has two auditors.
    for audit in Audit.objects.filter(status__in=["verified", "published"]):
        assert len(audit.auditor_ids()) == 2, audit


def check_every_value_is_inside_its_range_in_the_catalogue(seeded):
    indicators = load_catalogue().indicators
    results = IndicatorResult.objects.exclude(value=None).values_list("indicator", "value")
    assert results
    for key, value in results:
        indicator = indicators[key]
        if indicator.range_min is not None:
            assert value >= indicator.range_min, (key, value)
        if indicator.range_max is not None:
            assert value <= indicator.range_max, (key, value)
    assert not IndicatorResult.objects.filter(outcome__in=["invalid", "warning"]).exists()


def check_a_city_s_values_drift_from_year_to_year_rather_than_jump(seeded):
    series = defaultdict(dict)
    published = IndicatorResult.objects.filter(audit__status=AuditStatus.PUBLISHED).exclude(
        value=None
    )
    for city, year, key, value in published.values_list(
        "audit__city__name", "audit__year", "indicator", "value"
    ):
        series[(city, key)][year] = value
    compared = 0
    for (city, key), by_year in series.items():
        for year, value in by_year.items():
            before = by_year.get(year - 1)
            if before is None or abs(before) < 1e-9:
                continue
            compared += 1
            assert abs(value / before - 1) <= YEARLY_DRIFT_BOUND, (city, key, year, before, value)
    assert compared > 1000


def test_the_demo_builds_its_cities_and_audits(seeded):
    """One run of the demo (it takes seconds), checked from every side."""
    check_the_demo_has_twelve_cities_with_their_facts(seeded)
    check_every_state_of_an_audit_is_in_the_demo(seeded)
    check_published_audits_reach_different_levels(seeded)
    check_the_demo_accounts_have_roles_on_the_audits(seeded)
    check_every_value_is_inside_its_range_in_the_catalogue(seeded)
    check_a_city_s_values_drift_from_year_to_year_rather_than_jump(seeded)


def test_the_demo_values_are_the_same_on_every_run():
    city = demo.CITIES[0]
    assert demo.entered_variables(city, 2023, "Gold") == demo.entered_variables(city, 2023, "Gold")
    assert demo.entered_variables(city, 2023, "Gold") != demo.entered_variables(
        demo.CITIES[1], 2023, "Gold"
    )
