"""Pages for seats: the administrator's invitations, and the invitee's answer to one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsco.core.paging import page_for_request
from wsco.members.access import (
    get_invitation_for_administrator,
    get_membership_for_administrator,
    get_seat_for_administrator,
)
from wsco.members.forms.membership import SeatInvitationForm
from wsco.members.models import InvitationStatus, Profile
from wsco.members.services import seats as services

INVITATIONS_PAGE_SIZE = 25


# The administrator's side -------------------------------------------------------------------


def _render_invitations(request, membership, *, form=None, status=200) -> HttpResponse:
    now = timezone.now()
    pending = membership.invitations.filter(
        status=InvitationStatus.PENDING, expires_at__gt=now
    ).order_by("-created_at", "-pk")
    context = {
        "membership": membership,
        "form": form or SeatInvitationForm(),
        "page": page_for_request(request, Paginator(pending, INVITATIONS_PAGE_SIZE)),
        "seats_left": services.seats_left(membership),
    }
    return render(request, "members/seats/invitations.html", context, status=status)


@login_required
def invitations(request: HttpRequest, pk: int) -> HttpResponse:
    """The pending invitations of a membership one administers, and the form to send one.

    The answer to a sent invitation is the same whatever the address: whether someone signed
    up with it is never shown here.
    """
    membership = get_membership_for_administrator(request.user, pk)
    if request.method != "POST":
        return _render_invitations(request, membership)
    form = SeatInvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invite_to_seat(
                membership=membership,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, ValidationError(error.messages))
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("members:seat_invitations", pk=membership.pk)
    return _render_invitations(request, membership, form=form, status=400)


@login_required
@require_POST
def revoke_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a pending invitation of a membership one administers."""
    invitation = get_invitation_for_administrator(request.user, pk)
    try:
        services.revoke_seat_invitation(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
        )
    return redirect("members:seat_invitations", pk=invitation.membership_id)


@login_required
@require_POST
def remove_seat(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop covering a person by the organization's membership; they are told by email."""
    seat = get_seat_for_administrator(request.user, pk)
    try:
        services.remove_seat(seat=seat, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is no longer covered.") % {"name": seat.profile.name})
    return redirect("members:home")


# The invitee's side -------------------------------------------------------------------------


def _render_invitation(request, token, invitation, *, error=None, status=200) -> HttpResponse:
    user = request.user
    here = services.invitation_url(token)
    context = {
        "invitation": invitation,
        "token": token,
        "error": error,
        "expired": invitation is not None and invitation.has_expired(),
        "is_owner": invitation is not None and services.owns_invited_address(user, invitation),
        "has_profile": user.is_authenticated and Profile.objects.filter(user=user).exists(),
        "sign_in_url": reverse("account_login") + "?" + urlencode({"next": here}),
        "sign_up_url": reverse("account_signup") + "?" + urlencode({"next": here}),
        "profile_url": reverse("members:edit_profile") + "?" + urlencode({"next": here}),
    }
    return render(request, "members/seats/invitation.html", context, status=status)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation's link opens: who invites, and accepting or declining.

    Anyone holding the link sees it (the key is the proof the email reached them); accepting
    needs the account of the invited address.
    """
    found = services.find_invitation(token)
    return _render_invitation(request, token, found, status=200 if found else 404)


@login_required
@require_POST
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Take the seat offered, as the owner of the invited address."""
    found = services.find_invitation(token)
    if found is None:
        return _render_invitation(request, token, None, status=404)
    try:
        seat = services.accept_seat_invitation(invitation=found, user=request.user)
    except ValidationError as error:
        status = 403 if error.code == "another_address" else 400
        return _render_invitation(
            request, token, found, error=" ".join(error.messages), status=status
        )
    messages.success(
        request,
        _("You are now covered by the membership of %(organization)s.")
        % {"organization": seat.membership.organization.name},
    )
    return redirect("members:home")


@require_POST
def decline_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Say no to the seat offered (no account needed)."""
    found = services.find_invitation(token)
    if found is None:
        return _render_invitation(request, token, None, status=404)
    try:
        services.decline_seat_invitation(invitation=found)
    except ValidationError as error:
        return _render_invitation(request, token, found, error=" ".join(error.messages), status=400)
    messages.success(request, _("You declined the invitation; nothing else is needed."))
    return redirect("members:seat_invitation", token=token)
