"""The members app's share of a person's data: export it, or erase it when the account goes.

What must outlive the person stays, without them: memberships and their payments are the
association's accounting records, so a membership's `profile` becomes empty and its amounts,
dates and payments stay as they were.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from wsco.accounts.models import User
from wsco.members.models import (
    Application,
    ApplicationEvent,
    Invoice,
    Membership,
    Payment,
    Profile,
    Seat,
    SeatInvitation,
)

DELETES = _(
    "Your member profile and photo, your membership applications with their history, "
    "your places on organizations' memberships, your requests to join organizations and "
    "the invitations sent to your address."
)
KEEPS = _(
    "Your memberships and their payments (type, dates, amounts), without your name or email: "
    "WSCO must keep its accounting records, as the law requires. The invoices issued to you "
    "stay as they were issued, with the name and address on them, for the same reason. "
    "Organizations stay too: they belong to the organization, not to you."
)


def _profile_of(user: User) -> Profile | None:
    return (
        Profile.objects.filter(user=user)
        .select_related("organization")
        .prefetch_related("themes_of_interest", "themes_of_expertise")
        .first()
    )


def _absolute(url: str) -> str:
    return f"{settings.SITE_URL}{url}" if url.startswith("/") else url


def _export_profile(profile: Profile) -> dict:
    return {
        "name": profile.name,
        "photo": _absolute(profile.photo.url) if profile.photo else None,
        "title": profile.title,
        "organization": profile.organization.name if profile.organization else None,
        "country": str(profile.country),
        "city": profile.city,
        "languages": profile.languages,
        "bio": profile.bio,
        "themes_of_interest": sorted(theme.slug for theme in profile.themes_of_interest.all()),
        "themes_of_expertise": sorted(theme.slug for theme in profile.themes_of_expertise.all()),
        "offers": profile.offers,
        "looks_for": profile.looks_for,
        "phone": profile.phone,
        "website": profile.website,
        "visibility": profile.visibility,
        "recommend_consent": profile.recommend_consent,
        "is_member": profile.is_member,
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
    }


def _export_application(application: Application, user: User) -> dict:
    return {
        "membership_type": application.membership_type.name,
        "organization": application.organization.name if application.organization else None,
        "motivation": application.motivation,
        "status": application.status,
        "staff_message": application.staff_message,
        "submitted_at": application.submitted_at,
        "decided_at": application.decided_at,
        # Who on the staff acted is theirs to keep; the person sees whether it was them.
        "events": [
            {
                "action": event.action,
                "message": event.message,
                "at": event.at,
                "by_you": event.by_id == user.pk,
            }
            for event in application.events.all()
        ],
    }


def _invoice_number(payment: Payment) -> str | None:
    try:
        return payment.invoice.number
    except Invoice.DoesNotExist:
        return None  # a payment recorded before invoices were issued


def _export_membership(membership: Membership) -> dict:
    return {
        "membership_type": membership.membership_type.name,
        "organization": membership.organization.name if membership.organization else None,
        "status": membership.status,
        "starts_on": membership.starts_on,
        "ends_on": membership.ends_on,
        "fee_amount": membership.fee_amount,
        "fee_currency": membership.fee_currency,
        "payments": [
            {
                "amount": payment.amount,
                "currency": payment.currency,
                "paid_on": payment.paid_on,
                "method": payment.method,
                "reference": payment.reference,
                "invoice": _invoice_number(payment),
            }
            for payment in membership.payments.all()
        ],
        # The people covered are their own data: the holder sees how many there are.
        "covered_people": len(membership.seats.all()),
    }


def _export_organization(organization) -> dict:
    return {
        "name": organization.name,
        "type": organization.type,
        "country": str(organization.country),
        "city": organization.city,
        "website": organization.website,
    }


def export_member_data(user: User) -> dict:
    """Return the person's profile, administered organizations, applications and memberships."""
    profile = _profile_of(user)
    invitations = [_export_invitation(invitation) for invitation in _invitations_to(user)]
    if profile is None:
        return {
            "profile": None,
            "organizations_administered": [],
            "applications": [],
            "memberships": [],
            "covered_by": [],
            "join_requests": [],
            "seat_invitations": invitations,
        }
    applications = (
        profile.applications.select_related("membership_type", "organization")
        .prefetch_related(Prefetch("events", ApplicationEvent.objects.order_by("at", "pk")))
        .order_by("submitted_at")
    )
    memberships = list(
        profile.memberships.select_related("membership_type", "organization")
        .prefetch_related(
            Prefetch("payments", queryset=Payment.objects.select_related("invoice")), "seats"
        )
        .order_by("created_at")
    )
    administered = {m.organization.pk: m.organization for m in memberships if m.organization}
    seats = (
        Seat.objects.filter(profile=profile)
        .select_related("membership__organization", "membership__membership_type")
        .order_by("added_at")
    )
    return {
        "profile": _export_profile(profile),
        "organizations_administered": [
            _export_organization(organization) for organization in administered.values()
        ],
        "applications": [_export_application(a, user) for a in applications],
        "memberships": [_export_membership(m) for m in memberships],
        "covered_by": [
            {
                "organization": seat.membership.organization.name
                if seat.membership.organization
                else None,
                "membership_type": seat.membership.membership_type.name,
                "starts_on": seat.membership.starts_on,
                "ends_on": seat.membership.ends_on,
                "added_at": seat.added_at,
            }
            for seat in seats
        ],
        "join_requests": [
            {
                "organization": join_request.organization.name,
                "status": join_request.status,
                "asked_at": join_request.created_at,
                "decided_at": join_request.decided_at,
            }
            for join_request in profile.join_requests.select_related("organization")
        ],
        "seat_invitations": invitations,
    }


def _invitations_to(user: User):
    """Return the seat invitations sent to the person's address (stored in lower case)."""
    return (
        SeatInvitation.objects.filter(email=user.email.strip().lower())
        .select_related("membership__organization", "membership__membership_type")
        .order_by("created_at", "pk")
    )


def _export_invitation(invitation: SeatInvitation) -> dict:
    organization = invitation.membership.organization
    return {
        "organization": organization.name if organization else None,
        "membership_type": invitation.membership.membership_type.name,
        "status": invitation.status,
        "sent_at": invitation.created_at,
        "expires_at": invitation.expires_at,
        "decided_at": invitation.decided_at,
    }


def erase_member_data(user: User) -> None:
    """Delete the person's profile, photo, applications, seats, requests to join and the
    invitations sent to them; keep memberships without them."""
    _invitations_to(user).delete()
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return
    # Memberships are the accounts' records: they stay, with their payments, holding no one.
    Membership.objects.filter(profile=profile).update(profile=None)
    Seat.objects.filter(profile=profile).delete()
    profile.applications.all().delete()
    if profile.photo:
        storage, name = profile.photo.storage, profile.photo.name
        # The file goes only once the deletion is committed, so a rollback keeps the photo.
        transaction.on_commit(lambda: storage.delete(name))
    profile.delete()
