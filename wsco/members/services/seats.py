"""Seats on an organization's membership: offered by invitation, taken only when accepted.

An administrator invites an email address (whether or not anyone signed up with it); the
platform answers the same for every address and emails a link with a one-time key, of which only
the digest is stored. The person who owns the address signs in (or signs up), and accepting
creates the seat; they may decline instead, the administrator may revoke a pending invitation,
and an invitation not answered within `INVITATION_DAYS` expires. Lock order, as everywhere: a
membership before its seats and its invitations (docs/workflows.md).
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.accounts.models import hash_token
from wsco.core.email import queue_email
from wsco.members.models import (
    GRACE_DAYS,
    MEMBERSHIP_WORKFLOW,
    SEAT_INVITATION_WORKFLOW,
    Membership,
    MembershipStatus,
    Profile,
    Seat,
    SeatInvitation,
)
from wsco.members.notifications import notify_person
from wsco.members.services.memberships import sync_member_status

INVITATION_DAYS = 14
# The memberships that can still take people: awaiting payment (seats start with it) or active.
OPEN_MEMBERSHIP_STATUSES = (MembershipStatus.AWAITING_PAYMENT, MembershipStatus.ACTIVE)


class InvitationExpiredError(ValidationError):
    """Refusal of an invitation whose time ran out; it is marked expired all the same."""


def invitation_url(token: str) -> str:
    """Return the path of the page where the invitation with `token` is answered."""
    return reverse("members:seat_invitation", kwargs={"token": token})


def find_invitation(token: str) -> SeatInvitation | None:
    """Return the invitation whose key is `token`, or None."""
    return (
        SeatInvitation.objects.select_related(
            "membership__organization", "membership__membership_type", "membership__profile"
        )
        .filter(token_digest=hash_token(token))
        .first()
    )


def seats_taken(membership: Membership) -> int:
    """Return the seats `membership` uses: its seats, and its administrator's even before paying.

    The administrator is seated when the fee is paid, so an unpaid membership keeps one seat for
    them: a limit is never passed at payment.
    """
    seated = set(membership.seats.values_list("profile_id", flat=True))
    if membership.profile_id is not None:
        seated.add(membership.profile_id)
    return len(seated)


def seats_left(membership: Membership) -> int | None:
    """Return how many more people `membership` may cover (None: no limit)."""
    limit = membership.membership_type.seat_limit
    if limit is None:
        return None
    return max(limit - seats_taken(membership), 0)


def _check_takes_people(membership: Membership) -> None:
    """Refuse a membership that is not an organization's, or no longer runs."""
    if not membership.membership_type.for_organizations or membership.organization_id is None:
        raise ValidationError(_("Only an organization's membership covers other people."))
    if membership.status not in OPEN_MEMBERSHIP_STATUSES:
        raise ValidationError(_("This membership has ended: it covers nobody new."))


def _check_a_seat_is_free(membership: Membership) -> None:
    if seats_left(membership) == 0:
        raise ValidationError(
            _("All %(limit)s seats of this membership are taken.")
            % {"limit": membership.membership_type.seat_limit},
            code="seats_taken",
        )


@transaction.atomic
def invite_to_seat(
    *, membership: Membership, email: str, name: str = "", by, now: datetime.datetime | None = None
) -> SeatInvitation:
    """Offer a seat on `membership` to whoever owns `email`, and email them the link.

    Nothing here depends on whether `email` belongs to an account or a profile: the answer, the
    email and what is stored are the same for every address. The one-time key is on the
    returned invitation's `token` (never stored).
    """
    # Seat changes to one membership wait for each other (the limit below sees them all).
    membership = MEMBERSHIP_WORKFLOW.lock(membership)
    _check_takes_people(membership)
    _check_a_seat_is_free(membership)
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    address = email.strip().lower()
    try:
        with transaction.atomic():
            invitation = SeatInvitation.objects.create(
                membership=membership,
                email=address,
                name=name.strip(),
                token_digest=hash_token(token),
                invited_by=by,
                created_at=now,
                expires_at=now + datetime.timedelta(days=INVITATION_DAYS),
            )
    except IntegrityError as error:
        raise ValidationError(
            {"email": _("An invitation to this address is pending: revoke it to send another.")}
        ) from error
    invitation.token = token
    queue_email(
        to=address,
        template="members/email/seat_invitation",
        context={
            "invitation": invitation,
            "organization": membership.organization,
            "link": invitation_url(token),
        },
    )
    return invitation


def _periods_of(membership: Membership):
    """Return `membership` and the other unfinished periods of its organization."""
    return Membership.objects.filter(
        Q(pk=membership.pk)
        | Q(
            organization_id=membership.organization_id,
            profile_id=membership.profile_id,
            status__in=OPEN_MEMBERSHIP_STATUSES,
        )
    ).exclude(ends_on__lt=timezone.localdate() - datetime.timedelta(days=GRACE_DAYS))


def owns_invited_address(user, invitation: SeatInvitation) -> bool:
    """Say whether `user` signed in with the address `invitation` was sent to."""
    return user.is_authenticated and user.email.strip().lower() == invitation.email


def _check_owner(invitation: SeatInvitation, user) -> Profile:
    """Return the profile of `user` if they own the invited address; refuse anyone else."""
    if not (user.is_authenticated and user.is_active):
        raise ValidationError(_("Sign in to accept the invitation."), code="sign_in")
    if not owns_invited_address(user, invitation):
        raise ValidationError(
            _(
                "This invitation was sent to another address. Sign in with the address it was "
                "sent to."
            ),
            code="another_address",
        )
    profile = Profile.objects.select_related("organization").filter(user=user).first()
    if profile is None:
        raise ValidationError(
            _("Create your member profile first, then open the invitation again."),
            code="no_profile",
        )
    organization = invitation.membership.organization
    if profile.organization_id not in (None, organization.pk):
        raise ValidationError(
            _(
                "Your profile lists you with another organization, %(organization)s. Leave it "
                "on your profile first."
            )
            % {"organization": profile.organization.name},
            code="other_organization",
        )
    return profile


def _expire(invitation: SeatInvitation, now: datetime.datetime) -> None:
    """Mark a locked pending invitation expired (its time ran out)."""
    SEAT_INVITATION_WORKFLOW.advance(invitation, "expire", decided_at=now)


def _refuse_expired() -> None:
    raise InvitationExpiredError(
        _("This invitation has expired. Ask the organization's administrator for a new one."),
        code="expired",
    )


def accept_seat_invitation(
    *, invitation: SeatInvitation, user, now: datetime.datetime | None = None
) -> Seat:
    """Accept the invitation as `user`, who must own the invited address: the seat is created.

    The seat goes on every unfinished period of the membership (a paid renewal included). The
    membership's seat limit is checked again on the locked membership.
    """
    now = now or timezone.now()
    with transaction.atomic():
        membership = MEMBERSHIP_WORKFLOW.lock(invitation.membership)
        invitation = SEAT_INVITATION_WORKFLOW.lock(invitation, "accept")
        if not invitation.has_expired(now):
            return _take_seat(invitation, membership, user=user, now=now)
        _expire(invitation, now)
    _refuse_expired()


def _take_seat(invitation, membership, *, user, now) -> Seat:
    profile = _check_owner(invitation, user)
    _check_takes_people(membership)
    if membership.seats.filter(profile=profile).exists():
        raise ValidationError(_("You are already covered by this membership."), code="covered")
    _check_a_seat_is_free(membership)
    periods = list(_periods_of(membership))
    taken = set(
        Seat.objects.filter(membership__in=periods, profile=profile).values_list(
            "membership_id", flat=True
        )
    )
    Seat.objects.bulk_create(
        [
            Seat(membership=period, profile=profile, added_by=invitation.invited_by)
            for period in periods
            if period.pk not in taken
        ]
    )
    SEAT_INVITATION_WORKFLOW.advance(invitation, "accept", decided_at=now, accepted_by=user)
    sync_member_status(profiles=[profile])
    _tell_administrator(invitation, membership, accepted=True, name=profile.name)
    return membership.seats.get(profile=profile)


def decline_seat_invitation(
    *, invitation: SeatInvitation, now: datetime.datetime | None = None
) -> SeatInvitation:
    """Decline the invitation (whoever holds its link: no account is needed to say no)."""
    now = now or timezone.now()
    with transaction.atomic():
        invitation = SEAT_INVITATION_WORKFLOW.lock(invitation, "decline")
        if not invitation.has_expired(now):
            SEAT_INVITATION_WORKFLOW.advance(invitation, "decline", decided_at=now)
            _tell_administrator(
                invitation, invitation.membership, accepted=False, name=invitation.email
            )
            return invitation
        _expire(invitation, now)
    _refuse_expired()


@transaction.atomic
def revoke_seat_invitation(*, invitation: SeatInvitation, by) -> SeatInvitation:
    """Withdraw a pending invitation: its link no longer works."""
    return SEAT_INVITATION_WORKFLOW.take(invitation, "revoke", by=by, decided_at=timezone.now())


def expire_seat_invitations(*, now: datetime.datetime | None = None) -> int:
    """Mark expired every pending invitation whose time ran out; return how many."""
    now = now or timezone.now()
    return SEAT_INVITATION_WORKFLOW.advance_all(
        SeatInvitation.objects.filter(expires_at__lte=now), "expire", decided_at=now
    )


def _tell_administrator(invitation, membership, *, accepted: bool, name: str) -> None:
    if membership.profile_id is None:
        return
    notify_person(
        membership.profile,
        "members.seat_invitation_answered",
        about=invitation,
        context={"invitation": invitation, "membership": membership, "name": name},
        membership=membership.pk,
        accepted=accepted,
    )


@transaction.atomic
def remove_seat(*, seat: Seat, by) -> None:
    """Stop covering a person by the organization's membership (every unfinished period).

    The person is told by email.
    """
    membership = MEMBERSHIP_WORKFLOW.lock(seat.membership)
    if seat.profile_id == membership.profile_id:
        raise ValidationError(_("The administrator stays covered by the membership."))
    removed, _by_model = Seat.objects.filter(
        membership__in=_periods_of(membership), profile_id=seat.profile_id
    ).delete()
    if not removed:
        return
    sync_member_status(profiles=[seat.profile_id])
    notify_person(
        seat.profile,
        "members.seat_removed",
        about=membership,
        context={"membership": membership},
        organization=membership.organization.name,
    )
