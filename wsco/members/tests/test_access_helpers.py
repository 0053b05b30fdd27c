"""The members' access helpers called directly, on both sides of each rule."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from wsco.members.access import get_membership_for_administrator, may_read_organization_logo
from wsco.members.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from wsco.members.tests.membership_helpers import corporate, individual

pytestmark = pytest.mark.django_db


def test_only_an_organizations_membership_has_an_administrator():
    organization = OrganizationFactory()
    held = MembershipFactory(membership_type=corporate(), organization=organization)
    assert get_membership_for_administrator(held.profile.user, held.pk) == held

    own = MembershipFactory(membership_type=individual())
    with pytest.raises(Http404, match=r"^$"):
        get_membership_for_administrator(own.profile.user, own.pk)


def test_a_listed_organizations_logo_is_for_everyone_an_unlisted_ones_for_who_edits_it():
    # A current membership lists its organization; one with neither members nor people is not.
    listed = MembershipFactory(membership_type=corporate(), organization=OrganizationFactory())
    unlisted = OrganizationFactory()

    assert may_read_organization_logo(AnonymousUser(), listed.organization) is True
    assert may_read_organization_logo(AnonymousUser(), unlisted) is False
    assert may_read_organization_logo(UserFactory(), unlisted) is False
    assert may_read_organization_logo(UserFactory(is_staff=True), unlisted) is True
