"""The membership rules' limits, each tested on its last day inside and its first day outside.

Dates are worked out by hand from a period that runs 2025-07-01 to 2026-06-30.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wsco.members.models import GRACE_DAYS, Membership, MembershipStatus
from wsco.members.services.memberships import (
    RENEWAL_OPENS_DAYS,
    approve_application,
    can_renew,
    is_in_good_standing,
    lapse_memberships,
    record_payment,
)
from wsco.members.tests.factories import MembershipFactory, ProfileFactory, applicant

pytestmark = pytest.mark.django_db

day = datetime.date.fromisoformat


@pytest.fixture
def membership():
    return MembershipFactory(starts_on=day("2025-07-01"), ends_on=day("2026-06-30"))


@pytest.mark.parametrize(
    ("on", "current"),
    [
        ("2025-06-30", False),  # the day before it starts
        ("2025-07-01", True),  # its first day
        ("2026-06-30", True),  # its last day
        ("2026-07-30", True),  # 30 days later: the last day of grace
        ("2026-07-31", False),  # the first day past the grace period
    ],
)
def test_a_membership_is_current_from_its_start_to_the_end_of_its_grace(membership, on, current):
    assert GRACE_DAYS == 30
    assert is_in_good_standing(membership, on=day(on)) is current
    assert (membership in Membership.objects.current(day(on))) is current


@pytest.mark.parametrize(
    ("today", "lapsed"),
    [("2026-07-30", False), ("2026-07-31", True)],
    ids=["last day of grace", "the day after"],
)
def test_a_membership_lapses_the_day_after_its_grace(membership, today, lapsed):
    assert [m.pk for m in lapse_memberships(today=day(today))] == ([membership.pk] * lapsed)
    membership.refresh_from_db()
    expected = MembershipStatus.LAPSED if lapsed else MembershipStatus.ACTIVE
    assert membership.status == expected


@pytest.mark.parametrize(
    ("on", "renewable"),
    [
        ("2026-04-30", False),  # 61 days before the end
        ("2026-05-01", True),  # 60 days before: the renewal form opens
        ("2026-06-30", True),  # the last day
        ("2026-07-31", True),  # past the grace period: a lapsed member may renew too
    ],
)
def test_the_renewal_opens_60_days_before_the_end(membership, on, renewable):
    assert RENEWAL_OPENS_DAYS == 60
    assert (membership.ends_on - day("2026-05-01")).days == 60
    assert can_renew(membership, on=day(on)) is renewable


def test_a_membership_not_started_yet_is_not_renewed():
    membership = MembershipFactory(starts_on=day("2026-07-01"), ends_on=day("2026-07-30"))
    assert not can_renew(membership, on=day("2026-06-30"))
    assert can_renew(membership, on=day("2026-07-01"))


@pytest.mark.parametrize(
    ("days_from_today", "accepted"),
    [(0, True), (1, False)],
    ids=["paid today", "paid tomorrow"],
)
def test_a_payment_is_not_dated_in_the_future(days_from_today, accepted):
    membership = approve_application(application=applicant().applications.get(), by=None)
    paid_on = timezone.localdate() + datetime.timedelta(days=days_from_today)
    payment = {
        "amount": Decimal("120.00"),
        "currency": "EUR",
        "paid_on": paid_on,
        "method": "card",
        "by": None,
    }
    if accepted:
        record_payment(membership=membership, **payment)
    else:
        with pytest.raises(ValidationError, match="cannot be in the future"):
            record_payment(membership=membership, **payment)
    membership.refresh_from_db()
    assert (membership.status == MembershipStatus.ACTIVE) is accepted


@pytest.mark.parametrize("trait", ["awaiting_payment", "in_grace", "lapsed"])
def test_each_membership_state_makes_a_member_or_not(trait):
    """The factory's states are what the services say they are."""
    membership = MembershipFactory(profile=ProfileFactory(), **{trait: True})
    assert is_in_good_standing(membership) is (trait == "in_grace")
