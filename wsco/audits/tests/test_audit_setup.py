"""Naming a city's officials and opening audits on the web."""

import re

import pytest
from django.urls import reverse

from wsco.audits.models import Audit, CityOfficial
from wsco.audits.tests.records import AuditFactory, CityFactory, official_of, person
from wsco.members.models import MembershipKind
from wsco.members.tests.factories import (
    MemberProfileFactory,
    MembershipFactory,
    OrganizationFactory,
    membership_type,
)

pytestmark = pytest.mark.django_db


def municipality_admin(organization):
    """Return the administrator of `organization`'s current corporate membership."""
    membership = MembershipFactory(
        membership_type=membership_type(MembershipKind.CORPORATE),
        organization=organization,
        profile=MemberProfileFactory(),
    )
    return membership.profile.user


@pytest.fixture
def city():
    return CityFactory(municipality=OrganizationFactory())


def officials_url(city):
    return reverse("audits:officials", kwargs={"slug": city.slug})


@pytest.mark.parametrize("who", ["staff", "admin"])
def test_staff_and_the_municipalitys_admin_name_an_official_by_email(client, city, who):
    client.force_login(
        person(staff=True) if who == "staff" else municipality_admin(city.municipality)
    )
    member = person()
    response = client.post(officials_url(city), {"email": member.email})
    assert response.status_code == 302
    assert CityOfficial.objects.filter(city=city, user=member).exists()


def test_an_official_is_chosen_from_the_municipalitys_people(client, city):
    colleague = MemberProfileFactory(organization=city.municipality)
    client.force_login(person(staff=True))
    page = client.get(officials_url(city)).content.decode()
    assert colleague.name in page
    client.post(officials_url(city), {"person": str(colleague.user.pk)})
    assert CityOfficial.objects.filter(city=city, user=colleague.user).exists()


def test_an_unknown_email_is_named_on_the_form(client, city):
    client.force_login(person(staff=True))
    response = client.post(officials_url(city), {"email": "nobody@example.org"})
    assert "No member has this email address." in response.content.decode()
    assert not CityOfficial.objects.exists()


def test_an_official_is_removed(client, city):
    official = official_of(city)
    row = CityOfficial.objects.get(city=city, user=official)
    client.force_login(person(staff=True))
    client.post(officials_url(city), {"remove": row.pk})
    assert not CityOfficial.objects.filter(city=city).exists()


@pytest.mark.parametrize("who", ["official", "member", "other_admin"])
def test_others_may_not_name_officials(client, city, who):
    user = {
        "official": lambda: official_of(city),
        "member": lambda: person(),
        "other_admin": lambda: municipality_admin(OrganizationFactory()),
    }[who]()
    client.force_login(user)
    assert client.get(officials_url(city)).status_code == 403
    client.post(officials_url(city), {"email": user.email})
    assert CityOfficial.objects.filter(city=city).count() == (1 if who == "official" else 0)


def test_official_opens_an_audit_of_their_city_with_the_2018_edition_by_default(client, city):
    official = official_of(city)
    client.force_login(official)
    page = client.get(reverse("audits:new_audit")).content.decode()
    assert re.search(r'value="ISO37120:2018"[^>]*checked', page)
    response = client.post(
        reverse("audits:new_audit"),
        {"city": city.pk, "year": 2025, "editions": ["ISO37120:2018", "ISO37122:2019"]},
    )
    audit = Audit.objects.get(city=city)
    assert response.url == reverse("audits:entry", kwargs={"pk": audit.pk})
    assert (audit.year, audit.editions, audit.created_by) == (
        2025,
        "ISO37120:2018,ISO37122:2019",
        official,
    )


def test_a_second_audit_of_the_same_city_year_and_editions_is_refused_on_the_form(client, city):
    AuditFactory(city=city, year=2025)
    client.force_login(person(staff=True))
    response = client.post(
        reverse("audits:new_audit"), {"city": city.pk, "year": 2025, "editions": ["ISO37120:2018"]}
    )
    assert response.status_code == 200
    assert f"{city.name} already has an audit of 2025" in response.content.decode()
    assert Audit.objects.filter(city=city).count() == 1


def test_an_official_cannot_open_an_audit_of_another_city(client, city):
    client.force_login(official_of(city))
    other = CityFactory()
    client.post(
        reverse("audits:new_audit"), {"city": other.pk, "year": 2025, "editions": ["ISO37120:2018"]}
    )
    assert not Audit.objects.exists()


def test_a_member_who_acts_for_no_city_may_not_open_audits(client):
    client.force_login(person("city_official"))
    assert client.get(reverse("audits:new_audit")).status_code == 403


def test_officials_page_asks_as_many_queries_for_one_official_as_for_several(
    client, city, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff = person(staff=True)
    official_of(city)
    client.force_login(staff)
    with CaptureQueriesContext(connection) as one:
        client.get(officials_url(city))
    for _ in range(4):
        official_of(city)
    with django_assert_max_num_queries(len(one)):
        client.get(officials_url(city))
