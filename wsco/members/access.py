"""The helpers that fetch a members' object for a user; views reach protected objects only here."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from wsco.members import people
from wsco.members.models import (
    Application,
    Invoice,
    JoinRequest,
    Membership,
    Organization,
    Profile,
    Seat,
    SeatInvitation,
)
from wsco.members.queries import can_edit_organization, listed_organizations
from wsco.members.services.affiliations import may_decide


def get_application_for_user(user, pk: int) -> Application:
    """Return application `pk` if `user` is its applicant or staff; 404 for anyone else."""
    applications = Application.objects.select_related(
        "profile__user", "membership_type", "organization", "renewal_of"
    )
    if not user.is_staff:
        applications = applications.filter(profile__user=user)
    application = applications.filter(pk=pk).first()
    if application is None:
        raise Http404
    return application


def get_membership_for_holder(user, pk: int) -> Membership:
    """Return membership `pk` held (or administered) by `user`; 404 for anyone else."""
    membership = (
        Membership.objects.select_related("membership_type", "organization", "profile")
        .filter(pk=pk, profile__user=user)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def get_membership_for_administrator(user, pk: int) -> Membership:
    """Return organization membership `pk` if `user` administers it; 404 for anyone else."""
    membership = get_membership_for_holder(user, pk)
    if not membership.membership_type.for_organizations:
        raise Http404
    return membership


def get_seat_for_administrator(user, pk: int) -> Seat:
    """Return seat `pk` on a membership `user` administers; 404 for anyone else."""
    seat = (
        Seat.objects.select_related("membership__membership_type", "profile")
        .filter(pk=pk, membership__profile__user=user)
        .first()
    )
    if seat is None:
        raise Http404
    return seat


def get_invitation_for_administrator(user, pk: int) -> SeatInvitation:
    """Return seat invitation `pk` on a membership `user` administers; 404 for anyone else."""
    invitation = (
        SeatInvitation.objects.select_related("membership__membership_type")
        .filter(pk=pk, membership__profile__user=user)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def get_join_request_for_decider(user, pk: int) -> JoinRequest:
    """Return join request `pk` if `user` decides it (its organization's administrator, or
    staff); 404 for anyone else."""
    join_request = (
        JoinRequest.objects.select_related("profile__user", "organization").filter(pk=pk).first()
    )
    if join_request is None or not may_decide(user, join_request):
        raise Http404
    return join_request


def get_join_request_for_person(user, pk: int) -> JoinRequest:
    """Return join request `pk` if `user` made it; 404 for anyone else."""
    join_request = (
        JoinRequest.objects.select_related("profile__user", "organization")
        .filter(pk=pk, profile__user=user)
        .first()
    )
    if join_request is None:
        raise Http404
    return join_request


def get_invoice_for_user(user, pk: int) -> Invoice:
    """Return invoice `pk` if `user` paid it (the membership's holder or administrator) or is
    staff; 404 for anyone else."""
    invoices = Invoice.objects.select_related("payment__membership")
    if not user.is_staff:
        invoices = invoices.filter(payment__membership__profile__user=user)
    invoice = invoices.filter(pk=pk).first()
    if invoice is None:
        raise Http404
    return invoice


def require_staff(user) -> None:
    """Refuse anyone but the secretariat."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        raise PermissionDenied


# Who may download the app's stored files (registered with wsco.core.files in apps.py).


def may_read_profile_photo(user, profile: Profile) -> bool:
    """Say whether `user` may see a profile's photo: whoever the person's visibility lets see
    it wherever it is shown (`people.sees_details`: its owner, staff, everyone for a public
    profile, current members for a members-only one)."""
    return people.sees_details(user, profile)


def may_read_organization_logo(user, organization: Organization) -> bool:
    """Say whether `user` may see an organization's logo: whoever may see its page."""
    if listed_organizations().filter(pk=organization.pk).exists():
        return True
    return can_edit_organization(user, organization)
