"""A city's obligations: which acts in force oblige it, and whether its audits cover them."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from wsco.audits.models import AuditStatus, City
from wsco.audits.tests.records import AuditFactory, CityFactory
from wsco.standards import services
from wsco.standards.models import AppliesTo
from wsco.standards.queries import Coverage, obligations_for
from wsco.standards.tests.factories import StandardFactory, act, in_force, iso_37120

pytestmark = pytest.mark.django_db


def obliged(city, audits=()):
    return [row.adoption.title for row in obligations_for(city, list(audits))]


def test_a_population_threshold_obliges_from_its_figure_up():
    standard, _earlier, later = iso_37120()
    law = in_force(
        act(
            standard,
            edition=later,
            title="Cities from 100 000",
            applies_to=AppliesTo.MUNICIPALITIES_ABOVE,
            min_population=100_000,
        )
    )
    # Just inside and just outside the threshold.
    assert obliged(CityFactory(population=100_000)) == [law.title]
    assert obliged(CityFactory(population=99_999)) == []


def test_an_unknown_population_is_said_not_guessed():
    standard = StandardFactory()
    in_force(act(standard, applies_to=AppliesTo.MUNICIPALITIES_ABOVE, min_population=50_000))
    (row,) = obligations_for(CityFactory(population=None), [])
    assert row.population_unknown


def test_only_acts_in_force_today_oblige():
    standard = StandardFactory()
    act(standard, title="Proposed only")
    in_force(act(standard, title="Already"), on=date(2024, 6, 1))
    tomorrow = timezone.localdate() + timedelta(days=1)
    in_force(act(standard, title="From tomorrow"), on=tomorrow)
    repealed = in_force(act(standard, title="Repealed"))
    services.change_adoption_status(adoption=repealed, step="repeal", by=None)
    assert obliged(CityFactory()) == ["Already"]


def test_an_amended_act_still_obliges():
    adoption = in_force(act(StandardFactory(), title="Amended law"))
    services.change_adoption_status(adoption=adoption, step="amend", by=None)
    assert obliged(CityFactory()) == ["Amended law"]


def test_country_region_and_city_narrow_the_acts():
    standard = StandardFactory()
    city = CityFactory(country="RO", region="Nord-Vest")
    other = CityFactory(country="RO", region="Nord-Vest")
    in_force(act(standard, title="National"))
    in_force(act(standard, title="Regional", region="nord-vest"))
    in_force(act(standard, title="Elsewhere", region="Vest"))
    in_force(act(standard, title="Its own", city=city, applies_to=AppliesTo.NAMED_CITY))
    in_force(act(standard, title="Bulgarian", country="BG"))
    in_force(act(standard, title="Procurement", applies_to=AppliesTo.PUBLIC_PROCUREMENT))
    assert sorted(obliged(city)) == ["Its own", "National", "Regional"]
    assert sorted(obliged(other)) == ["National", "Regional"]


def test_coverage_follows_the_edition_the_act_names():
    standard, _earlier, later = iso_37120()
    city = CityFactory()
    in_force(act(standard, edition=later, title="2018 edition"))
    old_audit = AuditFactory(city=city, editions="ISO37120:2014", status=AuditStatus.PUBLISHED)
    (row,) = obligations_for(city, [old_audit])
    # An audit of the 2014 edition does not cover an act that names the 2018 one.
    assert row.coverage == Coverage.MISSING
    draft = AuditFactory(city=city, year=2024, editions="ISO37120:2018")
    (row,) = obligations_for(city, [old_audit, draft])
    assert (row.coverage, row.audit) == (Coverage.IN_PROGRESS, draft)
    published = AuditFactory(
        city=city, year=2023, editions="ISO37120:2018,ISO37122:2019", status=AuditStatus.PUBLISHED
    )
    (row,) = obligations_for(city, [old_audit, draft, published])
    assert (row.coverage, row.audit, row.done) == (Coverage.COVERED, published, True)


def test_a_standard_without_indicators_is_not_measured_by_an_audit():
    in_force(act(StandardFactory(reference="ISO 37101")))
    (row,) = obligations_for(CityFactory(), [])
    assert (row.coverage, row.done) == (Coverage.NOT_MEASURED, False)


@settings(max_examples=30, deadline=None)
@given(threshold=st.integers(1, 5_000_000), population=st.integers(0, 10_000_000))
def test_a_city_is_obliged_exactly_when_it_reaches_the_threshold(threshold, population):
    from wsco.standards.models import Adoption
    from wsco.standards.queries import _obliges

    rule = Adoption(applies_to=AppliesTo.MUNICIPALITIES_ABOVE, min_population=threshold)
    city = City(population=population)
    # A bigger city is obliged whenever a smaller one is (the rule never skips a size).
    assert _obliges(rule, city) is (population >= threshold)
