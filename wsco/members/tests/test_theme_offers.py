"""The members app's offer on a theme: the listed organizations that work on it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from wsco.core.models import Theme
from wsco.members.models import OrganizationType
from wsco.members.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    current_member,
    profile_only,
)
from wsco.members.theme_offers import count_organizations, find_organizations

pytestmark = pytest.mark.django_db


def _on(organization, *slugs):
    organization.themes.add(*Theme.objects.filter(slug__in=slugs))
    return organization


@pytest.fixture
def organizations():
    """Organizations on water: one with a member, one with a membership, one unlisted."""
    with_member = _on(OrganizationFactory(name="Aqua Sensors"), "water", "energy")
    current_member(organization=with_member)
    with_membership = _on(
        OrganizationFactory(name="Brașov Water Utility", type=OrganizationType.CITY_HALL),
        "water",
    )
    MembershipFactory(organization=with_membership, profile=profile_only())
    # Only a hidden person, and no membership of its own: its page opens for nobody.
    unlisted = _on(OrganizationFactory(name="Unlisted Water Ltd"), "water")
    current_member(organization=unlisted, hidden=True)
    elsewhere = _on(OrganizationFactory(name="Grid Co"), "energy")
    current_member(organization=elsewhere)
    return {"listed": [with_member, with_membership], "unlisted": unlisted}


@pytest.mark.parametrize("viewer", ["visitor", "member", "staff"])
def test_only_listed_organizations_on_the_theme_are_offered(organizations, viewer):
    user = {
        "visitor": AnonymousUser,
        "member": lambda: current_member().user,
        "staff": lambda: UserFactory(is_staff=True),
    }[viewer]()
    items = find_organizations(["water"], user=user, limit=10)
    assert [item.title for item in items] == ["Aqua Sensors", "Brașov Water Utility"]
    assert count_organizations(user)["water"] == 2


def test_an_organization_is_a_card_with_its_type_place_and_the_themes_asked(organizations):
    first, second = find_organizations(["energy", "water"], user=AnonymousUser(), limit=10)[:2]
    assert first.url == organizations["listed"][0].get_absolute_url()
    assert first.themes == ("energy", "water")
    assert first.text == "Company · Bucharest, Romania"
    assert second.themes == ("water",)
    assert first.initials == "AS"


def test_the_limit_holds(organizations):
    assert len(find_organizations(["water"], user=AnonymousUser(), limit=1)) == 1
