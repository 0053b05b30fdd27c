"""Nominating, editing, withdrawing and screening nominations."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.accounts.models import Role
from wsco.awards.models import (
    NOMINATION_WORKFLOW,
    Category,
    Nomination,
    NomineeKind,
)
from wsco.awards.services.jury import sync_exclusions
from wsco.members.models import Membership
from wsco.notifications.services import notify

# The code of the refusal of a nominee already nominated in the category: the page then offers
# to second the nomination that exists.
ALREADY_NOMINATED = "already_nominated"

# The fields a nominator may change until the deadline.
EDITABLE_FIELDS = ("statement", "links", "material")


def _is_current_member_organization(organization) -> bool:
    return (
        organization is not None
        and Membership.objects.current().filter(organization=organization).exists()
    )


def _nominee_is_member(kind: str, nominee) -> bool:
    """Say whether the nominee, or who owns it, is a current member."""
    if kind == NomineeKind.MEMBER:
        return nominee.is_member
    if kind == NomineeKind.ORGANIZATION:
        return _is_current_member_organization(nominee)
    if kind == NomineeKind.CITY:
        return _is_current_member_organization(nominee.municipality)
    if _is_current_member_organization(nominee.organization):
        return True
    return nominee.team.filter(user__profile__is_member=True).exists()


def is_self_nomination(user, kind: str, nominee) -> bool:
    """Say whether `user` is nominating themselves, their organization or their project."""
    if kind == NomineeKind.MEMBER:
        return nominee.user_id == user.pk
    if kind == NomineeKind.PROJECT:
        return nominee.team.filter(user=user).exists()
    profile = getattr(user, "profile", None)
    organization_id = profile.organization_id if profile else None
    if kind == NomineeKind.ORGANIZATION:
        return organization_id is not None and organization_id == nominee.pk
    return organization_id is not None and organization_id == nominee.municipality_id


def check_eligibility(*, category: Category, nominee, by) -> None:
    """Refuse, naming the rule, a nominee the category's rules do not admit from `by`."""
    kind = category.nominee_kind
    if not by.has_role(Role.MEMBER):
        raise PermissionDenied(_("Only current members nominate for the awards."))
    if not category.self_nomination and is_self_nomination(by, kind, nominee):
        raise ValidationError({"nominee": _("This category does not take self-nominations.")})
    if category.membership_required and not _nominee_is_member(kind, nominee):
        raise ValidationError({"nominee": _("This category is for current members only.")})
    if kind == NomineeKind.PROJECT:
        started = timezone.localdate(nominee.created_at)
        if category.eligible_from and started < category.eligible_from:
            raise ValidationError(
                {"nominee": _("The project started before the category's eligible period.")}
            )
        if category.eligible_until and started > category.eligible_until:
            raise ValidationError(
                {"nominee": _("The project started after the category's eligible period.")}
            )


def require_open(category: Category) -> None:
    if not category.edition.nominations_open():
        raise ValidationError(_("Nominations for this edition are closed."))


def nominate(
    *, category: Category, nominee, by, statement: str, links: str = "", material=None
) -> Nomination:
    """Put `nominee` forward in `category`, for `by`, while nominations are open."""
    require_open(category)
    if not statement.strip():
        raise ValidationError({"statement": _("Say why the nominee deserves the award.")})
    check_eligibility(category=category, nominee=nominee, by=by)
    nomination = Nomination(
        category=category,
        nominator=by,
        statement=statement,
        links=links,
        **{category.nominee_field: nominee},
    )
    if material:
        nomination.material = material
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError:
        raise ValidationError(
            {
                "nominee": ValidationError(
                    _("This nominee is already nominated in this category."),
                    code=ALREADY_NOMINATED,
                )
            }
        ) from None
    return nomination


def edit_nomination(*, nomination: Nomination, by, **changes) -> Nomination:
    """Change a nomination's statement, links or file, until nominations close."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    if by.pk != nomination.nominator_id:
        raise PermissionDenied(_("Only the nominator edits a nomination."))
    require_open(nomination.category)
    with transaction.atomic():
        NOMINATION_WORKFLOW.lock(nomination, "edit", by=by)
        for field, value in changes.items():
            setattr(nomination, field, value)
        nomination.full_clean(exclude=["nominator", "category"])
        NOMINATION_WORKFLOW.advance(nomination, "edit", **changes)
    return nomination


def withdraw_nomination(*, nomination: Nomination, by) -> Nomination:
    """Withdraw a nomination awaiting screening (its nominator, until nominations close)."""
    if by.pk != nomination.nominator_id:
        raise PermissionDenied(_("Only the nominator withdraws a nomination."))
    require_open(nomination.category)
    with transaction.atomic():
        return NOMINATION_WORKFLOW.take(nomination, "withdraw", by=by)


def screen_nomination(*, nomination: Nomination, eligible: bool, reason: str, by) -> Nomination:
    """Record staff's screening: eligible or not, with the reason the nominator will read."""
    if not by.is_staff:
        raise PermissionDenied(_("Only staff screen nominations."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason; the nominator will read it.")})
    if nomination.category.edition.phase_at(timezone.now()) in ("deliberation", "announced"):
        raise ValidationError(_("The jury has finished; screening is closed."))
    step_name = "declare_eligible" if eligible else "declare_ineligible"
    with transaction.atomic():
        NOMINATION_WORKFLOW.lock(nomination, step_name, by=by)
        NOMINATION_WORKFLOW.advance(
            nomination,
            step_name,
            screening_reason=reason,
            screened_by=by,
            screened_at=timezone.now(),
        )
        if eligible:
            sync_exclusions(category=nomination.category)
        notify(
            recipient=nomination.nominator,
            kind="awards.screened",
            about=f"awards.nomination:{nomination.pk}",
            pk=nomination.pk,
            nominee=nomination.nominee_name,
            eligible=eligible,
        )
        for secondment in nomination.secondments.select_related("seconder"):
            notify(
                recipient=secondment.seconder,
                kind="awards.seconded_screened",
                about=f"awards.nomination:{nomination.pk}",
                nominee=nomination.nominee_name,
                eligible=eligible,
            )
    return nomination


def nomination_deadline(category: Category) -> datetime.datetime:
    return category.edition.nominations_close_at
