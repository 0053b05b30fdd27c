"""Partners: the members the network recommends for a project, and invitations to its team."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.members.models import Profile
from wsco.notifications.services import notify
from wsco.projects.models import (
    INVITATION_WORKFLOW,
    EventKind,
    Invitation,
    InvitationStatus,
    Project,
    TeamMember,
    TeamRole,
)
from wsco.projects.services.timeline import named, record

RECOMMENDED = 6


def recommend_partners(project: Project, *, limit: int = RECOMMENDED) -> list:
    """Return the members best placed to work on the project, with the engine's reasons.

    The network's engine reads the project's themes and what it says it needs; people on the
    team or with an invitation waiting are left out.
    """
    from wsco.network.services import suggest_people_for  # NumPy: loaded on first use

    on_team = TeamMember.objects.filter(project=project).values_list("user_id", flat=True)
    waiting = project.invitations.filter(status=InvitationStatus.PENDING).values_list(
        "profile_id", flat=True
    )
    excluded = set(Profile.objects.filter(user_id__in=on_team).values_list("pk", flat=True))
    return suggest_people_for(
        themes=project.themes.all(),
        text=f"{project.title}\n{project.summary}\n{project.problem}",
        limit=limit,
        exclude=excluded | set(waiting),
    )


def invite_to_team(
    *, project: Project, profile: Profile, role: str, by, reasons=(), message: str = ""
) -> Invitation:
    """Invite a member to join the team with `role`; they accept or decline."""
    if role not in TeamRole.values or role == TeamRole.LEAD:
        raise ValidationError({"role": _("Choose an expert, partner or reviewer role.")})
    if not Profile.objects.visible_to(by).filter(pk=profile.pk).exists():
        raise ValidationError(_("This member cannot be found."), code="not_visible")
    if project.team.filter(user_id=profile.user_id).exists():
        raise ValidationError(_("This person is on the team already."), code="on_team")
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                project=project,
                profile=profile,
                role=role,
                reasons=[str(reason) for reason in reasons],
                message=message,
                invited_by=by,
            )
            notify(
                recipient=profile.user,
                kind="projects.invited",
                about=f"projects.invitation:{invitation.pk}",
                project=project.title,
                role=role,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("This person has an invitation waiting already."), code="invited"
        ) from error
    return invitation


def _answer(invitation: Invitation, step: str, *, by) -> Invitation:
    if invitation.profile.user_id != by.pk:
        raise ValidationError(_("Only the person invited answers."), code="not_invited")
    invitation = INVITATION_WORKFLOW.take(invitation, step, answered_at=timezone.now())
    if invitation.invited_by is not None:
        notify(
            recipient=invitation.invited_by,
            kind="projects.invitation_answered",
            about=f"projects.invitation:{invitation.pk}",
            project=invitation.project.title,
            slug=invitation.project.slug,
            answer=invitation.status,
        )
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: Invitation, by) -> Invitation:
    """Accept: the person joins the team with the role they were invited for."""
    invitation = _answer(invitation, "accept", by=by)
    TeamMember.objects.get_or_create(
        project=invitation.project,
        user=by,
        defaults={"role": invitation.role, "added_by": invitation.invited_by},
    )
    record(invitation.project, EventKind.TEAM, f"+ {named(by)}", by=by)
    return invitation


@transaction.atomic
def decline_invitation(*, invitation: Invitation, by) -> Invitation:
    """Decline: nothing changes on the team, and the inviter is told."""
    return _answer(invitation, "decline", by=by)


def pending_invitations(user):
    """Return the invitations waiting for `user`'s answer."""
    return (
        Invitation.objects.filter(profile__user=user, status=InvitationStatus.PENDING)
        .select_related("project")
        .order_by("-invited_at")
    )
