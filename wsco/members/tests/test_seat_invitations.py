"""Seats by invitation: consent, the same answer for every address, and each way an offer ends."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wsco.members.models import (
    InvitationStatus,
    Membership,
    Profile,
    Seat,
    SeatInvitation,
)
from wsco.members.services.seats import (
    INVITATION_DAYS,
    InvitationExpiredError,
    accept_seat_invitation,
    decline_seat_invitation,
    expire_seat_invitations,
    find_invitation,
    invite_to_seat,
    revoke_seat_invitation,
    seats_left,
)
from wsco.members.tests.factories import (
    MemberProfileFactory,
    MembershipFactory,
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
    membership_type,
)
from wsco.members.tests.membership_helpers import corporate, count_queries, mail_to, signed_in

pytestmark = pytest.mark.django_db

LINK = re.compile(r"/members/invitations/([\w-]+)/")
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+"')


def organization_membership(seat_limit=None, **fields) -> Membership:
    """Return a current corporate membership of "Tram Works", administered by Ana Admin."""
    organization = OrganizationFactory(name="Tram Works")
    kind = corporate()
    kind.seat_limit = seat_limit
    kind.save()
    administrator = MemberProfileFactory(
        name="Ana Admin", organization=organization, user__email="ana@tram.example"
    )
    return MembershipFactory(
        membership_type=kind, organization=organization, profile=administrator, **fields
    )


def invite(membership, email="dan@example.org", **fields) -> SeatInvitation:
    return invite_to_seat(membership=membership, email=email, by=membership.profile.user, **fields)


def invitations_url(membership) -> str:
    return reverse("members:seat_invitations", kwargs={"pk": membership.pk})


# The same answer for every address ----------------------------------------------------------


def _send_as_administrator(client, membership, email, capture):
    """Send an invitation from the form; return what the administrator and the invitee got."""
    signed_in(client, membership.profile.user)
    mail.outbox.clear()
    with capture(execute=True):
        response = client.post(invitations_url(membership), {"email": email, "name": "Dana"})
    page = client.get(response["Location"])
    stored = SeatInvitation.objects.get(email=email)
    (sent,) = mail.outbox

    def neutral(text: str) -> str:
        # The address itself, the key, the row's id and the form's CSRF key differ by design.
        text = CSRF.sub(r"\1CSRF", LINK.sub("LINK", text.replace(email, "EMAIL")))
        text = text.replace(f"/members/me/invitations/{stored.pk}/", "/members/me/invitations/PK/")
        # The row's confirmation dialog is named after its id too.
        return text.replace(f"revoke-invitation-{stored.pk}", "revoke-invitation-PK")

    return {
        "status": response.status_code,
        "location": response["Location"],
        "page": neutral(page.content.decode()),
        "stored": (stored.status, stored.name, stored.expires_at - stored.created_at),
        "email": (sent.to == [email], neutral(sent.subject), neutral(sent.body)),
    }


def test_the_form_answers_the_same_for_a_known_an_unknown_and_a_hidden_address(
    client, django_capture_on_commit_callbacks
):
    membership = organization_membership()
    known = ProfileFactory(user__email="known@example.org", organization=OrganizationFactory())
    hidden = ProfileFactory(
        hidden=True, user__email="hidden@example.org", organization=OrganizationFactory()
    )
    answers = {}
    for email in (known.user.email, "nobody@example.org", hidden.user.email):
        answers[email] = _send_as_administrator(
            client, membership, email, django_capture_on_commit_callbacks
        )
        # Revoked, so that the next address's page lists one pending invitation too.
        revoke_seat_invitation(invitation=SeatInvitation.objects.get(email=email), by=None)
    first, *others = answers.values()
    for other in others:
        assert other == first
    assert first["status"] == 302
    assert "An invitation was sent to EMAIL." in first["page"]
    # Nothing of the people behind the addresses shows: not a name, not an organization.
    for profile in (known, hidden):
        assert profile.name not in first["page"]
        assert profile.organization.name not in first["page"]
    assert first["email"][0] is True


def test_sending_an_invitation_costs_the_same_queries_whoever_owns_the_address():
    membership = organization_membership()
    ProfileFactory(user__email="known@example.org")
    ProfileFactory(hidden=True, user__email="hidden@example.org")
    counts = {
        email: count_queries(
            lambda email=email: invite(Membership.objects.get(pk=membership.pk), email)
        )
        for email in ("known@example.org", "nobody@example.org", "hidden@example.org")
    }
    assert len(set(counts.values())) == 1, counts


def test_the_invitation_email_holds_a_one_time_link_and_only_its_digest_is_stored(
    django_capture_on_commit_callbacks,
):
    membership = organization_membership()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(membership, " Dan@Example.org ")
    (sent,) = mail.outbox
    assert sent.to == ["dan@example.org"]
    assert "Tram Works invites you" in sent.subject
    token = LINK.search(sent.body).group(1)
    assert token == invitation.token
    stored = SeatInvitation.objects.get()
    assert token not in stored.token_digest
    assert find_invitation(token) == stored
    assert find_invitation(token[:-1] + ("A" if token[-1] != "A" else "B")) is None


def test_one_pending_invitation_per_address():
    membership = organization_membership()
    first = invite(membership, "dan@example.org")
    with pytest.raises(ValidationError, match="pending: revoke it to send another"):
        invite(membership, "DAN@example.org")
    revoke_seat_invitation(invitation=first, by=membership.profile.user)
    invite(membership, "dan@example.org")
    assert SeatInvitation.objects.filter(status=InvitationStatus.PENDING).count() == 1


def test_a_bad_address_is_refused_on_the_form(client):
    membership = organization_membership()
    signed_in(client, membership.profile.user)
    response = client.post(invitations_url(membership), {"email": "not an address"})
    assert response.status_code == 400
    assert b"Enter a valid email address." in response.content
    assert not SeatInvitation.objects.exists()


def test_an_ended_membership_invites_nobody():
    membership = organization_membership(lapsed=True)
    with pytest.raises(ValidationError, match="This membership has ended"):
        invite(membership)
    assert not SeatInvitation.objects.exists()


# Consent -------------------------------------------------------------------------------------


def test_no_seat_before_the_person_accepts():
    membership = organization_membership()
    person = ProfileFactory(user__email="dan@example.org", organization=membership.organization)
    invite(membership)
    person.refresh_from_db()
    assert not Seat.objects.filter(profile=person).exists()
    assert not person.is_member
    page = Client().get(membership.organization.get_absolute_url())
    assert person.name.encode() not in page.content


def test_accepting_seats_the_person_and_tells_the_administrator(
    django_capture_on_commit_callbacks,
):
    membership = organization_membership()
    person = ProfileFactory(
        name="Dan Tram", user__email="dan@example.org", organization=membership.organization
    )
    invitation = invite(membership)
    with django_capture_on_commit_callbacks(execute=True):
        seat = accept_seat_invitation(invitation=invitation, user=person.user)
    assert (seat.membership, seat.profile) == (membership, person)
    invitation.refresh_from_db()
    assert (invitation.status, invitation.accepted_by) == ("accepted", person.user)
    person.refresh_from_db()
    assert person.is_member
    (told,) = mail_to(mail.outbox, "ana@tram.example")
    assert "Dan Tram accepted your invitation" in told.body


def test_a_hidden_profile_stays_hidden_once_it_accepts():
    membership = organization_membership()
    hidden = ProfileFactory(
        hidden=True, name="Hidden Person", user__email="h@example.org", organization=None
    )
    accept_seat_invitation(invitation=invite(membership, "h@example.org"), user=hidden.user)
    hidden.refresh_from_db()
    assert (hidden.is_member, hidden.visibility, hidden.organization) == (True, "hidden", None)
    viewer = signed_in(Client(), MemberProfileFactory().user)
    assert b"Hidden Person" not in viewer.get(reverse("members:directory")).content
    assert b"Hidden Person" not in viewer.get(membership.organization.get_absolute_url()).content
    assert viewer.get(hidden.get_absolute_url()).status_code == 404


def test_someone_else_cannot_accept_and_the_offer_stays_open(client):
    membership = organization_membership()
    invitation = invite(membership)
    stranger = MemberProfileFactory(user__email="eve@example.org")
    with pytest.raises(ValidationError, match="sent to another address"):
        accept_seat_invitation(invitation=invitation, user=stranger.user)
    signed_in(client, stranger.user)
    response = client.post(reverse("members:accept_invitation", args=[invitation.token]))
    assert response.status_code == 403
    assert b"sent to another address" in response.content
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert not Seat.objects.filter(profile=stranger).exists()


def test_accepting_needs_a_signed_in_account():
    membership = organization_membership()
    invitation = invite(membership)
    with pytest.raises(ValidationError, match="Sign in to accept"):
        accept_seat_invitation(invitation=invitation, user=AnonymousUser())


def test_an_inactive_account_of_the_address_cannot_accept():
    membership = organization_membership()
    person = ProfileFactory(user__email="dan@example.org", user__is_active=False)
    with pytest.raises(ValidationError, match="Sign in to accept"):
        accept_seat_invitation(invitation=invite(membership), user=person.user)
    assert not Seat.objects.exists()


def test_the_link_is_used_once():
    membership = organization_membership()
    person = ProfileFactory(user__email="dan@example.org")
    invitation = invite(membership)
    accept_seat_invitation(invitation=invitation, user=person.user)
    again = find_invitation(invitation.token)
    with pytest.raises(ValidationError, match=r"This invitation is accepted\."):
        accept_seat_invitation(invitation=again, user=person.user)
    with pytest.raises(ValidationError, match=r"This invitation is accepted\."):
        decline_seat_invitation(invitation=again)
    assert Seat.objects.filter(profile=person).count() == 1


def test_someone_covered_already_is_told_so():
    membership = organization_membership()
    person = ProfileFactory(user__email="dan@example.org")
    accept_seat_invitation(invitation=invite(membership), user=person.user)
    second = invite(membership)
    with pytest.raises(ValidationError, match="already covered by this membership"):
        accept_seat_invitation(invitation=second, user=person.user)
    second.refresh_from_db()
    assert second.status == "pending"


def test_the_administrator_s_own_seat_waits_for_the_payment_and_is_not_taken_twice():
    membership = organization_membership(awaiting_payment=True)
    person = ProfileFactory(user__email="dan@example.org")
    accept_seat_invitation(invitation=invite(membership), user=person.user)
    assert list(membership.seats.values_list("profile_id", flat=True)) == [person.pk]
    person.refresh_from_db()
    assert not person.is_member  # a member once the fee is paid


# Expiry, revoking, declining -----------------------------------------------------------------


def test_an_invitation_works_until_its_last_second_and_then_expires():
    membership = organization_membership()
    person = ProfileFactory(user__email="dan@example.org")
    sent_at = timezone.now()
    invitation = invite(membership, now=sent_at)
    expires_at = sent_at + datetime.timedelta(days=INVITATION_DAYS)
    assert invitation.expires_at == expires_at
    with pytest.raises(InvitationExpiredError, match="This invitation has expired"):
        accept_seat_invitation(invitation=invitation, user=person.user, now=expires_at)
    invitation.refresh_from_db()
    assert (invitation.status, invitation.decided_at) == ("expired", expires_at)
    assert not Seat.objects.exists()

    second = invite(membership, now=sent_at)
    just_inside = expires_at - datetime.timedelta(seconds=1)
    accept_seat_invitation(invitation=second, user=person.user, now=just_inside)
    second.refresh_from_db()
    assert second.status == "accepted"


def test_an_expired_invitation_cannot_be_declined_either():
    membership = organization_membership()
    invitation = invite(membership)
    later = invitation.expires_at + datetime.timedelta(minutes=1)
    with pytest.raises(InvitationExpiredError, match="has expired"):
        decline_seat_invitation(invitation=invitation, now=later)
    invitation.refresh_from_db()
    assert invitation.status == "expired"


def test_the_daily_job_marks_expired_the_invitations_nobody_answered():
    membership = organization_membership()
    now = timezone.now()
    old = invite(membership, "old@example.org", now=now - datetime.timedelta(days=15))
    fresh = invite(membership, "fresh@example.org", now=now - datetime.timedelta(days=13))
    answered = invite(membership, "done@example.org", now=now - datetime.timedelta(days=20))
    decline_seat_invitation(invitation=answered, now=now - datetime.timedelta(days=19))
    assert expire_seat_invitations(now=now) == 1
    states = dict(SeatInvitation.objects.values_list("pk", "status"))
    assert states == {old.pk: "expired", fresh.pk: "pending", answered.pk: "declined"}
    assert expire_seat_invitations(now=now) == 0


def test_a_revoked_invitation_no_longer_works(client):
    membership = organization_membership()
    person = ProfileFactory(user__email="dan@example.org")
    invitation = invite(membership)
    signed_in(client, membership.profile.user)
    response = client.post(reverse("members:revoke_invitation", args=[invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "revoked"
    with pytest.raises(ValidationError, match=r"This invitation is revoked\."):
        accept_seat_invitation(invitation=invitation, user=person.user)
    page = Client().get(reverse("members:seat_invitation", args=[invitation.token]))
    assert b"This invitation is revoked" in page.content
    assert b"Accept" not in page.content
    assert list(client.get(invitations_url(membership)).context["page"]) == []


def test_declining_needs_no_account_and_tells_the_administrator(
    django_capture_on_commit_callbacks,
):
    membership = organization_membership()
    invitation = invite(membership)
    visitor = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(reverse("members:decline_invitation", args=[invitation.token]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert not Seat.objects.exists()
    (told,) = mail_to(mail.outbox, "ana@tram.example")
    assert "dan@example.org" in told.body
    assert "declined" in told.subject


# Seat limits ---------------------------------------------------------------------------------


def test_the_seat_limit_counts_the_administrator_and_is_checked_again_on_accepting():
    # A limit of 2: the administrator's seat and one more, worked out by hand.
    membership = organization_membership(seat_limit=2)
    assert seats_left(membership) == 1
    first, second = ProfileFactory(user__email="a@example.org"), ProfileFactory()
    offer_one = invite(membership, "a@example.org")
    offer_two = invite(membership, second.user.email)  # a seat is free when it is sent
    accept_seat_invitation(invitation=offer_one, user=first.user)
    assert seats_left(membership) == 0
    with pytest.raises(ValidationError, match=r"All 2 seats of this membership are taken\."):
        accept_seat_invitation(invitation=offer_two, user=second.user)
    with pytest.raises(ValidationError, match=r"All 2 seats of this membership are taken\."):
        invite(membership, "third@example.org")
    offer_two.refresh_from_db()
    assert offer_two.status == "pending"
    assert not Seat.objects.filter(profile=second).exists()


def test_no_limit_means_no_limit():
    membership = organization_membership(seat_limit=None)
    assert seats_left(membership) is None
    for _index in range(3):
        person = ProfileFactory()
        accept_seat_invitation(invitation=invite(membership, person.user.email), user=person.user)
    assert membership.seats.count() == 3


# Pages ---------------------------------------------------------------------------------------


def test_the_invitation_page_says_what_to_do_to_each_person(client):
    membership = organization_membership()
    invitation = invite(membership)
    url = reverse("members:seat_invitation", args=[invitation.token])
    visitor = client.get(url)
    assert visitor.status_code == 200
    assert b"Tram Works invites you" in visitor.content
    assert f"/accounts/login/?next=%2Fmembers%2Finvitations%2F{invitation.token}".encode() in (
        visitor.content
    )
    owner = UserFactory(email="dan@example.org")
    signed_in(client, owner)
    no_profile = client.get(url)
    assert b"Create my profile" in no_profile.content
    ProfileFactory(user=owner)
    assert b"Accept</button>" in client.get(url).content
    assert client.get(reverse("members:seat_invitation", args=["not-a-key"])).status_code == 404


def test_the_profile_page_brings_the_invitee_back_to_the_invitation(client):
    membership = organization_membership()
    invitation = invite(membership)
    signed_in(client, UserFactory(email="dan@example.org"))
    back = reverse("members:seat_invitation", args=[invitation.token])
    response = client.post(
        reverse("members:edit_profile"),
        {"name": "Dan", "country": "RO", "visibility": "members", "next": back},
    )
    assert response["Location"] == back
    elsewhere = client.post(
        reverse("members:edit_profile"),
        {"name": "Dan", "country": "RO", "visibility": "members", "next": "https://evil.example/"},
    )
    assert elsewhere["Location"] == Profile.objects.get(name="Dan").get_absolute_url()


def test_the_invitations_page_has_an_empty_state_and_a_full_state(client):
    membership = organization_membership(seat_limit=1)
    signed_in(client, membership.profile.user)
    page = client.get(invitations_url(membership))
    assert b"No invitation awaits an answer." in page.content
    # A limit of 1 is the administrator's own seat: nobody else can be invited.
    assert b"Every seat of this membership is taken" in page.content
    assert b"Send the invitation" not in page.content


def test_the_invitations_page_costs_the_same_queries_with_one_or_several(client):
    membership = organization_membership()
    invite(membership, "first@example.org")
    signed_in(client, membership.profile.user)
    client.get(invitations_url(membership))  # A first page counts the bell's count, then kept.
    one = count_queries(lambda: client.get(invitations_url(membership)))
    for index in range(4):
        invite(membership, f"more{index}@example.org")
    response = client.get(invitations_url(membership))
    assert len(response.context["page"]) == 5
    assert count_queries(lambda: client.get(invitations_url(membership))) == one


def test_an_individual_membership_has_no_invitations_page(client):
    holder = MemberProfileFactory()
    membership = MembershipFactory(profile=holder, membership_type=membership_type())
    signed_in(client, holder.user)
    assert client.get(invitations_url(membership)).status_code == 404


# Edges the rules have ----------------------------------------------------------------------------


def test_the_key_carries_256_bits():
    # token_urlsafe(32): 32 random bytes, 43 characters of base 64 (32 * 8 / 6, rounded up).
    assert len(invite(organization_membership()).token) == 43


def test_a_seated_administrator_is_counted_once():
    # A limit of 2, the administrator seated (as after the payment): one seat left, by hand.
    membership = organization_membership(seat_limit=2)
    Seat.objects.create(membership=membership, profile=membership.profile)
    assert seats_left(membership) == 1


def test_an_organization_membership_without_its_organization_invites_nobody():
    membership = organization_membership()
    membership.organization = None
    membership.save()
    with pytest.raises(ValidationError, match="Only an organization's membership"):
        invite(membership)


def test_a_membership_cancelled_after_the_invitation_seats_nobody():
    from wsco.members.services.memberships import cancel_membership

    membership = organization_membership()
    person = ProfileFactory(user__email="dan@example.org")
    invitation = invite(membership)
    cancel_membership(membership=membership, by=None)
    with pytest.raises(ValidationError, match="This membership has ended"):
        accept_seat_invitation(invitation=invitation, user=person.user)
    assert not Seat.objects.exists()


def test_a_person_seated_on_the_next_period_only_gets_the_missing_seat():
    membership = organization_membership()
    renewal = MembershipFactory(
        membership_type=membership.membership_type,
        organization=membership.organization,
        profile=membership.profile,
        awaiting_payment=True,
    )
    person = ProfileFactory(user__email="dan@example.org")
    Seat.objects.create(membership=renewal, profile=person)
    accept_seat_invitation(invitation=invite(membership), user=person.user)
    assert set(Seat.objects.filter(profile=person).values_list("membership_id", flat=True)) == {
        membership.pk,
        renewal.pk,
    }


def test_declining_returns_the_declined_invitation():
    declined = decline_seat_invitation(invitation=invite(organization_membership()))
    assert (declined.status, declined.decided_at is not None) == ("declined", True)
