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
