"""Who a person is listed with: joining an organization is a request its administrator decides.

`Profile.organization` is the approved affiliation, the only one the directory and an
organization's page show. A person asks to join (`request_to_join`); the organization's
administrator, the person whose current membership of it they administer, approves or rejects
(the secretariat decides for an organization without one, and whenever the administrator is the
person asking). Leaving needs nobody's approval.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.core.email import queue_email
from wsco.members.models import (
    JOIN_REQUEST_WORKFLOW,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    Organization,
    Profile,
)
from wsco.members.notifications import notify_person
from wsco.members.services import profiles as profile_services
from wsco.members.services.memberships import staff_emails
from wsco.notifications.services import notify


def administrator_ids(organization: Organization) -> set[int]:
    """Return the user ids of whoever administers a current membership of `organization`."""
    return set(
        Membership.objects.current()
        .filter(organization=organization, profile__isnull=False)
        .values_list("profile__user_id", flat=True)
    )


def may_decide(user, join_request: JoinRequest) -> bool:
    """Say whether `user` decides requests to join its organization: administrator or staff.

    The no-party rule still applies: nobody decides their own request (the workflow refuses).
    """
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.pk in administrator_ids(join_request.organization)


def _set_organization(profile: Profile, organization: Organization | None) -> None:
    profile.organization = organization
    profile.save(update_fields=["organization", "updated_at"])
    profile_services.refresh_search_document(profile=profile)
    profile_services.announce_profile_change(profile_id=profile.pk)


@transaction.atomic
def request_to_join(*, profile: Profile, organization: Organization) -> JoinRequest | None:
    """Ask to be listed with `organization`; None when the person is listed with it already.

    A pending request to another organization is withdrawn: a person asks for one at a time.
    """
    if profile.organization_id == organization.pk:
        return None
    pending = JoinRequest.objects.filter(profile=profile, status=JoinRequestStatus.PENDING).first()
    if pending is not None:
        if pending.organization_id == organization.pk:
            return pending
        JOIN_REQUEST_WORKFLOW.take(pending, "withdraw", by=profile.user, decided_at=timezone.now())
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(profile=profile, organization=organization)
    except IntegrityError as error:
        # Two requests racing past the check above meet the one-pending-request constraint.
        raise ValidationError(_("You already have a request to join pending.")) from error
    _tell_deciders(join_request)
    return join_request


def _tell_deciders(join_request: JoinRequest) -> None:
    """Tell the administrators of a new request (their notifications), or email the secretariat."""
    organization = join_request.organization
    administrators = get_user_model().objects.filter(
        pk__in=administrator_ids(organization), is_active=True
    )
    context = {"join_request": join_request, "profile": join_request.profile}
    for administrator in administrators.order_by("email"):
        notify(
            recipient=administrator,
            kind="members.join_requested",
            about=f"members.joinrequest:{join_request.pk}",
            email_context=context,
            organization=organization.name,
        )
    if not administrators:
        recipients = staff_emails()
        if recipients:
            queue_email(to=recipients, template="members/email/join_requested", context=context)


def _decide(join_request: JoinRequest, step: str, *, by) -> JoinRequest:
    join_request = JOIN_REQUEST_WORKFLOW.lock(join_request, step, by=by)
    if by is not None and not may_decide(by, join_request):
        raise PermissionDenied(_("Only the organization's administrator decides this request."))
    return JOIN_REQUEST_WORKFLOW.advance(
        join_request, step, decided_at=timezone.now(), decided_by=by
    )


@transaction.atomic
def approve_join_request(*, join_request: JoinRequest, by) -> JoinRequest:
    """List the person with the organization; they are told by email."""
    join_request = _decide(join_request, "approve", by=by)
    _set_organization(join_request.profile, join_request.organization)
    _tell_decision(join_request)
    return join_request


@transaction.atomic
def reject_join_request(*, join_request: JoinRequest, by) -> JoinRequest:
    """Refuse the request; the person stays listed as before and is told by email."""
    join_request = _decide(join_request, "reject", by=by)
    _tell_decision(join_request)
    return join_request


def _tell_decision(join_request: JoinRequest) -> None:
    notify_person(
        join_request.profile,
        "members.join_request_decided",
        about=join_request,
        context={"join_request": join_request},
        organization=join_request.organization.name,
        approved=join_request.status == JoinRequestStatus.APPROVED,
    )


@transaction.atomic
def withdraw_join_request(*, join_request: JoinRequest, by) -> JoinRequest:
    """Withdraw one's own pending request."""
    if join_request.profile.user_id != by.pk:
        raise PermissionDenied(_("Only the person asking withdraws the request."))
    return JOIN_REQUEST_WORKFLOW.take(join_request, "withdraw", by=by, decided_at=timezone.now())


@transaction.atomic
def choose_organization(*, profile: Profile, organization: Organization | None):
    """Apply a person's choice of organization on their profile; return the request, if any.

    The same organization changes nothing; none leaves the present one (and withdraws a pending
    request) at once; another one is a request to join, and the person stays listed as before
    until it is approved.
    """
    if organization is not None:
        return request_to_join(profile=profile, organization=organization)
    pending = JoinRequest.objects.filter(profile=profile, status=JoinRequestStatus.PENDING).first()
    if pending is not None:
        withdraw_join_request(join_request=pending, by=profile.user)
    if profile.organization_id is not None:
        _set_organization(profile, None)
    return None


@transaction.atomic
def list_founder(*, profile: Profile, organization: Organization) -> JoinRequest:
    """List the person who just created `organization` with it, as an approved request.

    Nobody administers a new organization yet; its creator is its first person (and becomes
    its administrator when their organization membership is approved and paid).
    """
    pending = JoinRequest.objects.filter(profile=profile, status=JoinRequestStatus.PENDING).first()
    if pending is not None:
        withdraw_join_request(join_request=pending, by=profile.user)
    _set_organization(profile, organization)
    return JoinRequest.objects.create(
        profile=profile,
        organization=organization,
        status=JoinRequestStatus.APPROVED,
        decided_at=timezone.now(),
    )
