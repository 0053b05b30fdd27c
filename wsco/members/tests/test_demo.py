import io

import pytest
from django.db.models import Count, F

from wsco.core.demo import DemoContext
from wsco.members import demo
from wsco.members.models import (
    ApplicationStatus,
    JoinRequest,
    Membership,
    MembershipStatus,
    Organization,
    OrganizationType,
    Profile,
    SeatInvitation,
)

pytestmark = pytest.mark.django_db


def test_demo_is_believable():
    demo.seed(DemoContext(seed=1, password="demo-password", stdout=io.StringIO()))
    assert Profile.objects.count() >= 300
    assert Organization.objects.count() >= 40
    assert set(Organization.objects.values_list("type", flat=True)) == set(OrganizationType.values)
    countries = set(Profile.objects.values_list("country", flat=True))
    assert "RO" in countries
    assert len(countries) >= 5
    assert set(Membership.objects.values_list("status", flat=True)) == set(MembershipStatus.values)
    open_states = {ApplicationStatus.SUBMITTED, ApplicationStatus.INFO_REQUESTED}
    assert open_states <= set(
        Profile.objects.values_list("applications__status", flat=True).distinct()
    )
    # The stored member flag agrees with the memberships: every listed member holds one.
    members = Profile.objects.filter(is_member=True)
    assert members.count() > 200
    assert not members.annotate(held=Count("memberships") + Count("seats")).filter(held=0).exists()
    # Every affiliation is an approved request; some requests and invitations await an answer.
    affiliated = Profile.objects.filter(organization__isnull=False)
    assert affiliated.count() == JoinRequest.objects.filter(status="approved").count()
    assert not affiliated.exclude(
        join_requests__status="approved", join_requests__organization=F("organization")
    ).exists()
    assert JoinRequest.objects.filter(status="pending").count() == 8
    assert SeatInvitation.objects.filter(status="pending").count() == 6


def test_demo_people_have_unique_names_and_an_organization_administrator():
    context = DemoContext(seed=1, password="demo-password", stdout=io.StringIO())
    demo.seed(context)
    names = list(Profile.objects.values_list("name", flat=True))
    assert len(names) == len(set(names)) == demo.PEOPLE + len(demo.ROLE_ACCOUNTS)
    invited = set(SeatInvitation.objects.values_list("name", flat=True))
    assert len(invited) == 6
    assert not invited & set(names)
    # The administrator's account holds their city hall's membership, not one of their own.
    administrator = Profile.objects.get(user__email="org-admin@demo.wsco.example")
    membership = Membership.objects.get(profile=administrator)
    assert membership.organization == administrator.organization
    assert administrator.organization.name == "Primăria Municipiului Cluj-Napoca"
    assert administrator.is_member
    # `make run` prints each role's account with what it can do.
    text = context.accounts_text()
    assert "organization admin  org-admin@demo.wsco.example" in text
    assert "administers Cluj-Napoca's membership" in text


def test_names_are_handed_out_once_and_run_out_loudly():
    import random

    names = demo.Names(random.Random(1), taken=["Ion Rusu"])
    handed = [names("MD") for _ in range(35)]
    assert len(set(handed)) == 35
    assert "Ion Rusu" not in handed
    with pytest.raises(ValueError, match="no more names for MD"):
        names("MD")
