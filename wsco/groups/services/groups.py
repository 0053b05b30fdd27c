"""Groups and their members: creating a group, joining by request or invitation, leaving."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wsco.core.models import Theme
from wsco.groups.access import require_lead
from wsco.groups.models import (
    GROUP_WORKFLOW,
    MEMBERSHIP_WORKFLOW,
    GroupMembership,
    MemberRole,
    MemberStatus,
    WorkingGroup,
)
from wsco.notifications.services import notify


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "group"
    slug, number = base, 2
    while WorkingGroup.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def theme_rows(themes) -> list[Theme]:
    """Return `themes` (slugs or `Theme` rows) as rows."""
    slugs = [getattr(theme, "slug", theme) for theme in themes]
    return list(Theme.objects.filter(slug__in=slugs))


def _require_platform_member(user) -> None:
    # Working groups are a benefit of membership: current members (and staff) take part.
    if not (user.is_staff or user.has_role("member")):
        raise PermissionDenied(_("Working groups are open to current WSCO members."))


@transaction.atomic
def create_group(*, name: str, type: str, mandate: str, chair, themes=(), visibility="public", by):
    """Create a group chaired by `chair` (staff only)."""
    if not by.is_staff:
        raise PermissionDenied(_("Only staff create working groups."))
    group = WorkingGroup(
        name=name, slug=_unique_slug(name), type=type, mandate=mandate, visibility=visibility
    )
    group.full_clean()
    group.save()
    group.themes.set(theme_rows(themes))
    GroupMembership.objects.create(
        group=group,
        user=chair,
        role=MemberRole.CHAIR,
        status=MemberStatus.ACTIVE,
        decided_by=by,
        decided_at=timezone.now(),
    )
    return group


def leaders_of(group: WorkingGroup) -> list:
    """Return the users who chair or co-chair `group`."""
    return [
        membership.user
        for membership in group.memberships.filter(
            status=MemberStatus.ACTIVE, role__in=[MemberRole.CHAIR, MemberRole.CO_CHAIR]
        ).select_related("user")
    ]


def require_active(group: WorkingGroup) -> None:
    """Refuse to work in a closed group."""
    if not group.is_active:
        raise ValidationError(_("This group is closed."), code="group_closed")


@transaction.atomic
def request_to_join(*, group: WorkingGroup, user, message: str = "") -> GroupMembership:
    """Ask to join `group`; its chair and co-chairs decide (they are told)."""
    _require_platform_member(user)
    require_active(group)
    existing = GroupMembership.objects.filter(group=group, user=user).first()
    if existing is not None:
        membership = MEMBERSHIP_WORKFLOW.lock(existing, "ask_again")
        MEMBERSHIP_WORKFLOW.advance(membership, "ask_again", message=message)
    else:
        try:
            with transaction.atomic():
                membership = GroupMembership.objects.create(
                    group=group, user=user, status=MemberStatus.REQUESTED, message=message
                )
        except IntegrityError as error:  # a second request raced this one
            raise ValidationError(_("You have already asked to join."), code="asked") from error
    for leader in leaders_of(group):
        notify(recipient=leader, kind="groups.join_requested", group=group.name, slug=group.slug)
    return membership


@transaction.atomic
def decide_request(*, membership: GroupMembership, approve: bool, by) -> GroupMembership:
    """Approve or decline a request to join (the chair, a co-chair or staff)."""
    require_lead(by, membership.group)
    name = "approve" if approve else "decline_request"
    membership = MEMBERSHIP_WORKFLOW.lock(membership, name, by=by)
    MEMBERSHIP_WORKFLOW.advance(membership, name, decided_by=by, decided_at=timezone.now())
    notify(
        recipient=membership.user,
        kind="groups.join_decided",
        group=membership.group.name,
        slug=membership.group.slug,
        approved=approve,
    )
    return membership


@transaction.atomic
def invite_member(*, group: WorkingGroup, user, by, role: str = MemberRole.MEMBER):
    """Invite `user` to `group` (a chair, co-chair or staff); they accept or decline."""
    require_lead(by, group)
    require_active(group)
    _require_platform_member(user)
    if role == MemberRole.CHAIR:
        raise ValidationError(_("A group has one chair; invite a co-chair instead."))
    existing = GroupMembership.objects.filter(group=group, user=user).first()
    if existing is not None:
        membership = MEMBERSHIP_WORKFLOW.lock(existing, "invite_again")
        MEMBERSHIP_WORKFLOW.advance(membership, "invite_again", invited_by=by, role=role)
    else:
        membership = GroupMembership.objects.create(
            group=group, user=user, status=MemberStatus.INVITED, role=role, invited_by=by
        )
    notify(recipient=user, kind="groups.invited", group=group.name, slug=group.slug)
    return membership


@transaction.atomic
def answer_invitation(*, membership: GroupMembership, accept: bool, by) -> GroupMembership:
    """Accept or decline an invitation: only the person invited answers it."""
    if by.pk != membership.user_id:
        raise PermissionDenied(_("Only the person invited answers an invitation."))
    name = "accept" if accept else "decline_invitation"
    membership = MEMBERSHIP_WORKFLOW.lock(membership, name)
    return MEMBERSHIP_WORKFLOW.advance(membership, name, decided_at=timezone.now())


@transaction.atomic
def leave_group(*, membership: GroupMembership, by) -> GroupMembership:
    """Leave a group; the chair hands the chair over first."""
    if by.pk != membership.user_id:
        raise PermissionDenied(_("Only the member leaves a group."))
    if membership.role == MemberRole.CHAIR:
        raise ValidationError(_("The chair cannot leave; staff name another chair first."))
    membership = MEMBERSHIP_WORKFLOW.lock(membership, "leave")
    return MEMBERSHIP_WORKFLOW.advance(membership, "leave", decided_at=timezone.now())


@transaction.atomic
def set_group_state(*, group: WorkingGroup, close: bool, by) -> WorkingGroup:
    """Close a group, or open it again (the chair, a co-chair or staff)."""
    require_lead(by, group)
    return GROUP_WORKFLOW.take(group, "close" if close else "reopen", by=by)
