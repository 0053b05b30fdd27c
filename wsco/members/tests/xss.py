"""What the every-field XSS sweep needs from the members app (see wsco/core/tests/xss_sweep.py).

The people who look at the pages are current members of one organization ("member" and
"other") and a staff member; "member" administers the organization's membership, which covers
"other", and "other" has an application waiting for an answer.
"""

import datetime

from django.utils import timezone

from wsco.members.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Invoice,
    InvoiceSequence,
    JoinRequest,
    Membership,
    MembershipKind,
    MembershipStatus,
    MembershipType,
    Organization,
    Payment,
    Profile,
    Reminder,
    Seat,
    SeatInvitation,
    Visibility,
)
from wsco.members.services.invoices import issue_invoice
from wsco.members.services.profiles import (
    refresh_organization_search_document,
    refresh_search_document,
)
from wsco.members.services.seats import invite_to_seat
from wsco.members.tests.factories import (
    MemberProfileFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    membership_type,
)


def _current_member(world):
    """Return the user of a public profile in the world's organization, with a membership.

    The membership ends within the month, so that its renewal page opens.
    """
    profile = MemberProfileFactory(visibility=Visibility.PUBLIC, organization=world[Organization])
    MembershipFactory(
        profile=profile, starts_on=timezone.localdate() - datetime.timedelta(days=340)
    )
    return profile.user


def _individual_membership(world) -> dict:
    profile = world.person("member").profile
    return {"pk": profile.memberships.filter(organization__isnull=True).first().pk}


def _organization_membership(world) -> Membership:
    return MembershipFactory(
        organization=world[Organization],
        profile=world.person("member").profile,
        membership_type=membership_type(MembershipKind.CORPORATE),
    )


def _application(world) -> Application:
    application = Application.objects.create(
        profile=world.person("other").profile,
        membership_type=membership_type(),
        organization=world[Organization],
        motivation="Cities.",
        status=ApplicationStatus.INFO_REQUESTED,
        staff_message="Tell us more.",
    )
    # An unpaid membership waits for its payment on the staff's page.
    MembershipFactory(
        profile=world.person("other").profile,
        application=application,
        status=MembershipStatus.AWAITING_PAYMENT,
        starts_on=None,
        ends_on=None,
    )
    return application


def _payment(world) -> Payment:
    return Payment.objects.create(
        membership=world[Membership],
        amount=10,
        currency="EUR",
        paid_on=timezone.localdate(),
        method=Payment.Method.BANK_TRANSFER,
        reference="Bank reference",
    )


def _invitation(world) -> SeatInvitation:
    """A pending invitation to the organization's membership; its key stays on the object."""
    return invite_to_seat(
        membership=world[Membership],
        email="invitee@example.org",
        name="Dana Invitee",
        by=world.person("member"),
    )


def _join_request(world) -> JoinRequest:
    """A request to join the organization, from a member of no organization yet."""
    asking = MemberProfileFactory(visibility=Visibility.PUBLIC)
    return JoinRequest.objects.create(profile=asking, organization=world[Organization])


def _refresh_search_documents(world) -> None:
    for profile in Profile.objects.all():
        refresh_search_document(profile=profile)
    for organization in Organization.objects.all():
        refresh_organization_search_document(organization=organization)


PEOPLE = {
    "member": _current_member,
    "other": _current_member,
    "staff": lambda world: UserFactory(is_staff=True, is_superuser=True),
}
BUILDERS = {
    Organization: lambda world: OrganizationFactory(website="https://wsco.example"),
    Profile: lambda world: world.person("member").profile,
    MembershipType: lambda world: MembershipType.objects.order_by("pk").first(),
    Application: _application,
    ApplicationEvent: lambda world: ApplicationEvent.objects.create(
        application=world[Application], action=ApplicationEvent.Action.INFO_REQUESTED
    ),
    Membership: _organization_membership,
    Seat: lambda world: Seat.objects.create(
        membership=world[Membership], profile=world.person("other").profile
    ),
    Payment: _payment,
    Reminder: lambda world: Reminder.objects.create(
        membership=world[Membership], days_before_end=30
    ),
    SeatInvitation: _invitation,
    JoinRequest: _join_request,
    Invoice: lambda world: issue_invoice(payment=world[Payment]),
    InvoiceSequence: lambda world: InvoiceSequence.objects.get(year=world[Invoice].year),
}
AFTER_FILL = [_refresh_search_documents]
URL_KWARGS = {
    "members:organization": lambda world: {"slug": world[Organization].slug},
    "members:edit_organization": lambda world: {"slug": world[Organization].slug},
    "members:profile": lambda world: {"pk": world[Profile].pk},
    "members:application": lambda world: {"pk": world[Application].pk},
    "members:renew": _individual_membership,
    "members:record_payment": lambda world: {
        "pk": Membership.objects.filter(status=MembershipStatus.AWAITING_PAYMENT).first().pk
    },
    "members:seat_invitations": lambda world: {"pk": world[Membership].pk},
    "members:seat_invitation": lambda world: {"token": world[SeatInvitation].token},
    "api-1.0.0:get_member": lambda world: {"member_id": world[Profile].pk},
    "api-1.0.0:get_organization": lambda world: {"slug": world[Organization].slug},
}
NOT_PAGES = {
    # The export is a CSV file, checked cell by cell in wsco/members/tests/test_directory.py.
    "members:directory_export": "a CSV file, not a page",
    "join:choose": "a redirect to the sign-up or the application form, showing nothing",
    # Its text is escaped by the template; test_pdf_renderer.py renders it with hostile text.
    "members:invoice_pdf": "a PDF file, not a page",
}
