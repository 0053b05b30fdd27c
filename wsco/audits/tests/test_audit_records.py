"""Cities, audits, their teams, the one way an audit changes state, and the engine's results."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from wsco.audits.access import can_enter_data, get_audit_for_user, readable_audits
from wsco.audits.models import Audit, AuditEvent, AuditStatus, IndicatorResult
from wsco.audits.services.audits import (
    add_team_member,
    create_audit,
    name_official,
    remove_team_member,
    take_step,
)
from wsco.audits.services.results import BASE_FILE, compute_audit, store_results
from wsco.audits.tests.records import (
    AuditFactory,
    CityFactory,
    auditor_on,
    enter,
    official_of,
    person,
)
from wsco.core.access import PartyToCase
from wsco.members.tests.factories import OrganizationFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def test_one_audit_per_city_year_and_editions():
    city, staff = CityFactory(name="Cluj-Napoca"), person(staff=True)
    create_audit(city=city, year=2025, by=staff)
    with pytest.raises(ValidationError, match="Cluj-Napoca already has an audit of 2025"):
        create_audit(city=city, year=2025, editions=["ISO37120:2018"], by=staff)
    # Another set of editions is another audit; so is another year.
    create_audit(city=city, year=2025, editions=["ISO37120:2018", "ISO37122:2019"], by=staff)
    create_audit(city=city, year=2024, by=staff)


def test_a_withdrawn_audit_leaves_room_for_a_new_one():
    city = CityFactory()
    official = official_of(city)
    audit = create_audit(city=city, year=2025, by=official)
    take_step(audit=audit, step="withdraw", by=official, comment="Wrong year")
    assert create_audit(city=city, year=2025, by=official).status == AuditStatus.DRAFT


def test_editions_are_kept_in_one_order_and_unknown_ones_refused():
    audit = create_audit(
        city=CityFactory(), year=2025, editions=["ISO37123:2019", "ISO37120:2018"], by=person()
    )
    assert audit.editions == "ISO37120:2018,ISO37123:2019"
    with pytest.raises(ValueError, match="ISO9999"):
        create_audit(city=CityFactory(), year=2025, editions=["ISO9999"], by=person())


def test_every_step_is_recorded_with_who_when_from_to_and_comment():
    city = CityFactory()
    official = official_of(city)
    audit = create_audit(city=city, year=2025, by=official)
    auditor, second, staff = auditor_on(audit), auditor_on(audit), person(staff=True)
    take_step(audit=audit, step="submit", by=official, comment="All themes entered")
    take_step(audit=audit, step="start_verification", by=auditor)
    take_step(audit=audit, step="verify", by=second)
    take_step(audit=audit, step="publish", by=staff)
    audit.refresh_from_db()
    assert audit.status == AuditStatus.PUBLISHED
    assert audit.submitted_at
    assert audit.verified_at
    assert audit.published_at
    history = list(AuditEvent.objects.filter(audit=audit).values_list("from_status", "to_status"))
    assert history == [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "verification"),
        ("verification", "verified"),
        ("verified", "published"),
    ]
    assert AuditEvent.objects.get(audit=audit, to_status="submitted").comment == (
        "All themes entered"
    )


def test_steps_out_of_order_are_refused_and_a_published_audit_is_never_withdrawn():
    city = CityFactory()
    official = official_of(city)
    audit = create_audit(city=city, year=2025, by=official)
    take_step(audit=audit, step="submit", by=official)
    with pytest.raises(ValidationError, match="Only a draft can be submitted"):
        take_step(audit=audit, step="submit", by=official)
    with pytest.raises(ValidationError, match="This audit is submitted"):
        take_step(audit=audit, step="publish", by=person(staff=True))
    take_step(audit=audit, step="start_verification", by=auditor_on(audit))
    take_step(audit=audit, step="verify", by=auditor_on(audit))
    take_step(audit=audit, step="publish", by=person(staff=True))
    with pytest.raises(ValidationError, match="correct it with a new version"):
        take_step(audit=audit, step="withdraw", by=official)


def test_the_city_never_decides_its_own_audit():
    municipality = OrganizationFactory(type="city_hall")
    city = CityFactory(municipality=municipality)
    official = official_of(city)
    audit = create_audit(city=city, year=2025, by=official)
    take_step(audit=audit, step="submit", by=official)
    with pytest.raises(PartyToCase, match="city official"):
        take_step(audit=audit, step="start_verification", by=official)
    # Someone of the municipality, even staff and even an auditor, is refused too.
    insider = person("auditor", staff=True)
    ProfileFactory._meta.model.objects.filter(user=insider).update(organization=municipality)
    with pytest.raises(PartyToCase, match="municipality"):
        take_step(audit=audit, step="start_verification", by=insider)


def test_an_auditor_must_be_independent_of_the_city():
    municipality = OrganizationFactory(type="city_hall", name="Primăria Oradea")
    city = CityFactory(municipality=municipality)
    audit = AuditFactory(city=city)
    insider = person("auditor")
    insider.profile.organization = municipality
    insider.profile.save()
    with pytest.raises(ValidationError, match="member of the city's municipality"):
        add_team_member(audit=audit, user=insider, role="auditor", by=person(staff=True))
    enterer = person("auditor")
    enter(audit, by=enterer, population="300000")
    with pytest.raises(ValidationError, match="entered the audit's data"):
        add_team_member(audit=audit, user=enterer, role="auditor", by=person(staff=True))
    with pytest.raises(ValidationError, match="auditor role"):
        add_team_member(audit=audit, user=person(), role="auditor", by=person(staff=True))


def test_officials_are_named_by_staff_or_the_municipalitys_administrators():
    city = CityFactory()
    with pytest.raises(PermissionDenied, match="name officials"):
        name_official(city=city, user=person(), by=person())
    assert name_official(city=city, user=person(), by=person(staff=True))


def test_unpublished_audits_reach_only_their_team_city_and_staff():
    city = CityFactory()
    official = official_of(city)
    audit = create_audit(city=city, year=2025, by=official)
    auditor = auditor_on(audit)
    stranger, staff = person(), person(staff=True)
    for allowed in (official, auditor, staff):
        assert get_audit_for_user(allowed, audit.pk) == audit
        assert audit in readable_audits(allowed)
    with pytest.raises(Http404):  # noqa: PT011 (a 404 says nothing, on purpose)
        get_audit_for_user(stranger, audit.pk)
    assert audit not in readable_audits(stranger)
    assert can_enter_data(official, audit)
    assert not can_enter_data(auditor, audit)


def test_the_engine_computes_an_audits_values_and_names_each_finding_by_its_row():
    audit = AuditFactory()
    # 5.1 unemployment rate = unemployed / labour force x 100 = 12,000 / 150,000 x 100 = 8 %.
    enter(audit, unemployed_persons="12,000", labour_force="150000", population="-5")
    run = store_results(audit)
    result = IndicatorResult.objects.get(audit=audit, indicator="ISO37120:2018/5.1")
    assert result.value == pytest.approx(8.0)
    assert result.outcome == "ok"
    population = audit.base_values.get(variable="population")
    codes = [row["message_codes"] for row in run.findings_for(BASE_FILE, population.pk)]
    assert codes == [["negative_value"]]
    assert IndicatorResult.objects.filter(audit=audit).count() == 128
    assert audit.level == "none"


def test_an_audit_without_values_has_every_indicator_missing():
    run = compute_audit(AuditFactory())
    assert set(run.results["status"].cast(str)) == {"missing"}


def test_the_citys_officials_are_read_in_one_query_once_per_audit(django_assert_num_queries):
    audit = AuditFactory()
    of_city = official_of(audit.city)
    on_team = person("city_official")
    add_team_member(audit=audit, user=on_team, role="official", by=person(staff=True))
    audit = Audit.objects.get(pk=audit.pk)  # a fresh instance, as a page reads it
    with django_assert_num_queries(1):
        assert audit.official_ids() == {of_city.pk, on_team.pk}
        assert audit.official_ids() == {of_city.pk, on_team.pk}  # read once per instance
    # A change of the team through the services is seen at once.
    third = person("city_official")
    add_team_member(audit=audit, user=third, role="official", by=person(staff=True))
    assert audit.official_ids() == {of_city.pk, on_team.pk, third.pk}
    remove_team_member(audit=audit, user=on_team, by=person(staff=True))
    assert audit.official_ids() == {of_city.pk, third.pk}
    # A city official named since is seen once the audit is read again.
    later = official_of(audit.city)
    audit.refresh_from_db()
    assert later.pk in audit.official_ids()
