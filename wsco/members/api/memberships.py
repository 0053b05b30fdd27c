"""The memberships API: the caller's memberships, and the staff's review of applications."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from wsco.core.ids import Id
from wsco.core.paging import Pages
from wsco.core.text import CleanText
from wsco.members.models import (
    Application,
    ApplicationStatus,
    Membership,
    Profile,
)
from wsco.members.services import memberships as services

router = Router(tags=["memberships"])


class MembershipOut(Schema):
    id: int
    type: str = Field(..., alias="membership_type.name")
    kind: str = Field(..., alias="membership_type.kind")
    organization: str | None = Field(None, alias="organization.name")
    status: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    grace_ends_on: datetime.date | None
    fee_amount: Decimal
    fee_currency: str

    @staticmethod
    def resolve_grace_ends_on(membership: Membership) -> datetime.date | None:
        return membership.grace_ends_on()


class ApplicationOut(Schema):
    id: int
    applicant: str = Field(..., alias="profile.name")
    type: str = Field(..., alias="membership_type.name")
    organization: str | None = Field(None, alias="organization.name")
    status: str
    motivation: str
    staff_message: str
    renewal_of: int | None = Field(None, alias="renewal_of_id")
    submitted_at: datetime.datetime
    decided_at: datetime.datetime | None


class MyMembershipsOut(Schema):
    is_member: bool
    memberships: list[MembershipOut]
    covered_by: list[MembershipOut]
    applications: list[ApplicationOut]


class ApplicationFilter(Schema):
    status: ApplicationStatus | None = None


class MessageIn(Schema):
    message: CleanText


class ReasonIn(Schema):
    reason: CleanText


class ApprovalOut(Schema):
    application: ApplicationOut
    membership: MembershipOut


def _require_staff(request) -> None:
    if not request.auth.is_staff:
        raise HttpError(403, "Only the secretariat reviews applications.")


def _refused(error: ValidationError) -> HttpError:
    return HttpError(400, " ".join(error.messages))


APPLICATION_RELATED = ("profile", "membership_type", "organization")
MEMBERSHIP_RELATED = ("membership_type", "organization")


@router.get("/memberships/me", response=MyMembershipsOut, summary="My memberships")
def my_memberships(request):
    """Return the caller's memberships (held or administered), coverage and applications."""
    profile = Profile.objects.filter(user=request.auth).first()
    if profile is None:
        return {"is_member": False, "memberships": [], "covered_by": [], "applications": []}
    covered_by = (
        Membership.objects.current()
        .filter(seats__profile=profile)
        .filter(~Q(profile=profile))
        .select_related(*MEMBERSHIP_RELATED)
    )
    return {
        "is_member": profile.is_member,
        "memberships": profile.memberships.select_related(*MEMBERSHIP_RELATED).order_by(
            "-created_at"
        ),
        "covered_by": covered_by,
        "applications": profile.applications.select_related(*APPLICATION_RELATED).order_by(
            "-submitted_at"
        ),
    }


@router.get("/applications", response=list[ApplicationOut], summary="Applications (staff)")
@paginate(Pages)
def list_applications(request, filters: Query[ApplicationFilter]):
    """List applications, oldest first, optionally of one status (secretariat only)."""
    _require_staff(request)
    applications = Application.objects.select_related(*APPLICATION_RELATED).order_by(
        "submitted_at", "pk"
    )
    if filters.status:
        applications = applications.filter(status=filters.status)
    return applications


def _application(pk: int) -> Application:
    return get_object_or_404(Application.objects.select_related(*APPLICATION_RELATED), pk=pk)


@router.post(
    "/applications/{application_id}/approve",
    response=ApprovalOut,
    summary="Approve an application (staff)",
)
def approve(request, application_id: Id):
    """Approve an open application; it becomes a membership awaiting payment."""
    _require_staff(request)
    application = _application(application_id)
    try:
        membership = services.approve_application(application=application, by=request.auth)
    except ValidationError as error:
        raise _refused(error) from error
    return {"application": _application(application_id), "membership": membership}


@router.post(
    "/applications/{application_id}/reject",
    response=ApplicationOut,
    summary="Reject an application (staff)",
)
def reject(request, application_id: Id, payload: ReasonIn):
    """Reject an open application with a reason sent to the applicant."""
    _require_staff(request)
    try:
        services.reject_application(
            application=_application(application_id), reason=payload.reason, by=request.auth
        )
    except ValidationError as error:
        raise _refused(error) from error
    return _application(application_id)


@router.post(
    "/applications/{application_id}/request-information",
    response=ApplicationOut,
    summary="Ask the applicant for more information (staff)",
)
def request_information(request, application_id: Id, payload: MessageIn):
    """Ask the applicant a question; the application waits for their answer."""
    _require_staff(request)
    try:
        services.request_information(
            application=_application(application_id), message=payload.message, by=request.auth
        )
    except ValidationError as error:
        raise _refused(error) from error
    return _application(application_id)
