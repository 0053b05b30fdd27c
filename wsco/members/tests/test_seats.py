"""Organization memberships: the administrator's seat and the people they cover.

People are covered only by accepting an invitation (`seat` below goes through both steps);
the invitations themselves are tested in test_seat_invitations.py.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from wsco.members.models import (
    Application,
    Membership,
    MembershipStatus,
    Profile,
    Seat,
    SeatInvitation,
)
from wsco.members.services.memberships import (
    approve_application,
    record_payment,
    renew_membership,
    run_daily_membership_jobs,
    sync_member_status,
)
from wsco.members.services.seats import accept_seat_invitation, invite_to_seat, remove_seat
from wsco.members.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
)
from wsco.members.tests.membership_helpers import (
    corporate,
    individual,
    mail_to,
    signed_in,
)

pytestmark = pytest.mark.django_db


def active_corporate_membership(paid_on=None) -> Membership:
    """Return a paid corporate membership administered by a person of its organization."""
    organization = OrganizationFactory(name="Smart Grid SRL")
    administrator = ProfileFactory(organization=organization, name="Ana Admin")
    application = Application.objects.create(
        profile=administrator,
        membership_type=corporate(),
        organization=organization,
        motivation="x",
    )
    membership = approve_application(application=application, by=None)
    record_payment(
        membership=membership,
        amount=Decimal("1500.00"),
        currency="EUR",
        paid_on=paid_on or timezone.localdate(),
        method="invoice",
        by=None,
    )
    membership.refresh_from_db()
    return membership


def seat(membership: Membership, profile: Profile) -> Seat:
    """Invite `profile`'s address to `membership` and accept as them: the only way to a seat."""
    invitation = invite_to_seat(
        membership=membership, email=profile.user.email, by=membership.profile.user
    )
    return accept_seat_invitation(invitation=invitation, user=profile.user)


def test_paying_an_organization_membership_seats_its_administrator():
    membership = active_corporate_membership()
    assert list(membership.seats.values_list("profile__name", flat=True)) == ["Ana Admin"]
    assert Profile.objects.get(name="Ana Admin").is_member


def test_administrator_invites_a_colleague_who_accepts_and_is_then_removed(
    client, django_capture_on_commit_callbacks
):
    membership = active_corporate_membership()
    colleague = ProfileFactory(
        user=UserFactory(email="dan@example.org"), organization=membership.organization
    )
    signed_in(client, membership.profile.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/members/me/memberships/{membership.pk}/invitations/", {"email": "DAN@example.org"}
        )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert not colleague.is_member  # nothing before the colleague accepts
    (invitation_email,) = mail_to(mail.outbox, "dan@example.org")
    link = re.search(r"/members/invitations/[\w-]+/", invitation_email.body).group()
    signed_in(client, colleague.user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(link + "accept/").status_code == 302
    colleague.refresh_from_db()
    assert colleague.is_member
    signed_in(client, membership.profile.user)
    page = client.get("/members/me/")
    assert b"dan@example.org" in page.content
    seat = Seat.objects.get(profile=colleague)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/members/me/seats/{seat.pk}/remove/")
    colleague.refresh_from_db()
    assert not colleague.is_member
    assert not Seat.objects.filter(profile=colleague).exists()
    removed = mail_to(mail.outbox, "dan@example.org")[-1]
    assert "no longer covered by the membership of Smart Grid SRL" in removed.subject


def test_someone_without_a_profile_is_asked_to_create_it_before_accepting():
    membership = active_corporate_membership()
    newcomer = UserFactory(email="noprofile@example.org")
    invitation = invite_to_seat(membership=membership, email=newcomer.email, by=None)
    with pytest.raises(ValidationError, match="Create your member profile first"):
        accept_seat_invitation(invitation=invitation, user=newcomer)
    assert membership.seats.count() == 1
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_someone_of_another_organization_is_told_on_accepting():
    membership = active_corporate_membership()
    stranger = ProfileFactory(organization=OrganizationFactory(name="Other SA"))
    invitation = invite_to_seat(membership=membership, email=stranger.user.email, by=None)
    # The refusal goes to the invitee, about their own profile, not to the administrator.
    with pytest.raises(ValidationError, match="another organization, Other SA"):
        accept_seat_invitation(invitation=invitation, user=stranger.user)
    stranger.refresh_from_db()
    assert not stranger.is_member


def test_only_the_administrator_manages_the_seats(client):
    membership = active_corporate_membership()
    colleague = ProfileFactory(organization=membership.organization)
    signed_in(client, colleague.user)
    response = client.post(
        f"/members/me/memberships/{membership.pk}/invitations/", {"email": colleague.user.email}
    )
    assert response.status_code == 404
    assert client.get(f"/members/me/memberships/{membership.pk}/invitations/").status_code == 404
    assert not membership.invitations.exists()
    seat = membership.seats.get()
    assert client.post(f"/members/me/seats/{seat.pk}/remove/").status_code == 404
    assert membership.seats.count() == 1


def test_the_administrator_keeps_their_seat():
    membership = active_corporate_membership()
    with pytest.raises(ValidationError, match="administrator stays covered"):
        remove_seat(seat=membership.seats.get(), by=None)


def test_an_individual_membership_covers_nobody_else():
    membership = MembershipFactory(membership_type=individual())
    other = ProfileFactory()
    with pytest.raises(ValidationError, match="organization's membership"):
        invite_to_seat(membership=membership, email=other.user.email, by=None)
    assert not membership.invitations.exists()


def test_a_renewal_keeps_everyone_covered():
    today = timezone.localdate()
    membership = active_corporate_membership(paid_on=today - datetime.timedelta(days=340))
    colleague = ProfileFactory(organization=membership.organization)
    seat(membership, colleague)
    application = renew_membership(
        membership=membership, motivation="Renewal", by=membership.profile.user
    )
    renewal = application.memberships.get()
    record_payment(
        membership=renewal,
        amount=Decimal("1500.00"),
        currency="EUR",
        paid_on=today,
        method="invoice",
        by=None,
    )
    assert set(renewal.seats.values_list("profile_id", flat=True)) == {
        membership.profile_id,
        colleague.pk,
    }
    # Someone added now is covered by both periods, so the change of period loses nobody.
    newcomer = ProfileFactory(organization=membership.organization)
    seat(membership, newcomer)
    assert Seat.objects.filter(profile=newcomer).count() == 2


def test_people_covered_stop_being_members_when_the_membership_lapses():
    membership = active_corporate_membership()
    colleague = ProfileFactory(organization=membership.organization)
    seat(membership, colleague)
    run_daily_membership_jobs(today=membership.ends_on + datetime.timedelta(days=31))
    membership.refresh_from_db()
    colleague.refresh_from_db()
    assert membership.status == MembershipStatus.LAPSED
    assert not colleague.is_member
    assert not Profile.objects.get(pk=membership.profile_id).is_member


def test_member_status_follows_individual_memberships_and_seats():
    holder = ProfileFactory(is_member=False)
    MembershipFactory(profile=holder, membership_type=individual())
    seated_on_individual = ProfileFactory(is_member=True)
    # A seat on an individual membership makes nobody a member (only organizations have seats).
    Seat.objects.create(membership=holder.memberships.get(), profile=seated_on_individual)
    awaiting = ProfileFactory(is_member=True)
    MembershipFactory(profile=awaiting, status=MembershipStatus.AWAITING_PAYMENT)
    sync_member_status(profiles=[holder, seated_on_individual, awaiting])
    assert list(Profile.objects.order_by("pk").values_list("is_member", flat=True)) == [
        True,
        False,
        False,
    ]


def test_an_organization_membership_without_its_organization_covers_nobody():
    membership = MembershipFactory(membership_type=corporate(), organization=None)
    with pytest.raises(ValidationError, match="Only an organization's membership covers other"):
        invite_to_seat(
            membership=membership, email=ProfileFactory().user.email, by=membership.profile.user
        )
    assert not Seat.objects.exists()
    assert not SeatInvitation.objects.exists()


def test_an_individual_membership_naming_an_organization_covers_nobody_else():
    organization = OrganizationFactory()
    membership = MembershipFactory(membership_type=individual(), organization=organization)
    colleague = ProfileFactory(organization=organization)
    with pytest.raises(ValidationError, match="Only an organization's membership covers other"):
        invite_to_seat(
            membership=membership, email=colleague.user.email, by=membership.profile.user
        )
    assert not Seat.objects.exists()


def test_someone_added_while_the_renewal_awaits_payment_is_seated_once_on_each_period():
    today = timezone.localdate()
    membership = active_corporate_membership(paid_on=today - datetime.timedelta(days=340))
    application = renew_membership(
        membership=membership, motivation="Renewal", by=membership.profile.user
    )
    renewal = application.memberships.get()
    assert renewal.status == MembershipStatus.AWAITING_PAYMENT
    colleague = ProfileFactory(organization=membership.organization)
    # Both periods are unfinished: the colleague takes a seat on each at once.
    seat(membership, colleague)
    assert Seat.objects.filter(profile=colleague).count() == 2

    # The payment seats the renewed period's people on the renewal: the colleague's seat is
    # there already, and the payment goes through.
    record_payment(
        membership=renewal,
        amount=Decimal("1500.00"),
        currency="EUR",
        paid_on=today,
        method="invoice",
        by=None,
    )

    assert sorted(renewal.seats.values_list("profile_id", flat=True)) == sorted(
        [membership.profile_id, colleague.pk]
    )
