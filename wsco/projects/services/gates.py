"""Gates: their checklists, named reviewers, and the decisions that move a project on.

A project is always at one stage, and only that stage's gate can be decided: there is no way
to review a later gate, so no gate is skipped. Each named reviewer decides with a reason; when
every named reviewer has decided in the round, the gate's outcome is the most cautious of
their decisions (stop over rework over go), so a project moves only when all of them say go.
A go needs every criterion of the checklist met. A rework opens the next round; a stop ends
the project where it stands, with its history kept.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.notifications.services import notify
from wsco.projects.models import (
    MANAGING_ROLES,
    PROJECT_WORKFLOW,
    Criterion,
    Decision,
    EventKind,
    Gate,
    ProjectStatus,
    Review,
    Stage,
    TeamRole,
    next_stage,
)
from wsco.projects.services.timeline import named, record

# The outcome of a round: the most cautious decision any reviewer took.
CAUTION = [Decision.STOP, Decision.REWORK, Decision.GO]
REVIEWING_ROLES = [TeamRole.REVIEWER, TeamRole.EXPERT]


def may_review(user, project) -> bool:
    """Say whether `user` may be named a reviewer: staff, or a reviewer or expert of the team."""
    return user.is_staff or project.team.filter(user=user, role__in=REVIEWING_ROLES).exists()


def _open_gate(gate: Gate) -> None:
    """Refuse a change to a gate that is not the one the project stands at, or decided."""
    project = gate.project
    if project.status != ProjectStatus.ACTIVE:
        raise ValidationError(
            _("This project is %(state)s.")
            % {"state": ProjectStatus(project.status).label.lower()},
            code="ended",
        )
    if gate.stage != project.stage:
        raise ValidationError(
            _("Only the gate of the current stage (%(stage)s) can be worked on.")
            % {"stage": Stage(project.stage).label},
            code="not_current",
        )


@transaction.atomic
def name_reviewer(*, gate: Gate, user, by) -> None:
    """Name `user` a reviewer of the gate: staff, or a reviewer or expert of the team."""
    PROJECT_WORKFLOW.lock(gate.project)
    if not may_review(user, gate.project):
        raise ValidationError(
            {"user": _("A reviewer is on the team as a gate reviewer or expert, or is staff.")},
            code="not_reviewer",
        )
    gate.reviewers.add(user)
    record(gate.project, EventKind.TEAM, f"{gate.get_stage_display()}: {named(user)}", by=by)
    notify(
        recipient=user,
        kind="projects.reviewer_named",
        about=f"projects.project:{gate.project_id}",
        project=gate.project.title,
        slug=gate.project.slug,
        stage=gate.stage,
    )


def add_criterion(*, gate: Gate, text: str, by) -> Criterion:
    """Add an item to the gate's checklist."""
    last = gate.criteria.order_by("-order").values_list("order", flat=True).first()
    return Criterion.objects.create(gate=gate, text=text, order=(last or 0) + 1)


def update_criterion(*, criterion: Criterion, evidence: str, met: bool, by, document=None):
    """Record the evidence for a criterion and whether it is met (met needs evidence)."""
    if met and not (evidence.strip() or document):
        raise ValidationError(
            {
                "evidence": _("Give the evidence that “%(criterion)s” is met.")
                % {"criterion": criterion.text}
            },
            code="no_evidence",
        )
    criterion.evidence, criterion.met, criterion.document = evidence, met, document
    criterion.save(update_fields=["evidence", "met", "document"])
    return criterion


def remove_criterion(*, criterion: Criterion, by) -> None:
    criterion.delete()


@transaction.atomic
def review_gate(*, gate: Gate, reviewer, decision: str, reason: str) -> Review:
    """Record a named reviewer's decision with its reason; settle the gate once all decided."""
    project = PROJECT_WORKFLOW.lock(gate.project)
    gate = Gate.objects.select_for_update().get(pk=gate.pk)
    gate.project = project
    _open_gate(gate)
    if not gate.reviewers.filter(pk=reviewer.pk).exists():
        raise ValidationError(_("Only the gate's named reviewers decide on it."), code="not_named")
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Choose go, rework or stop.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for your decision.")})
    if gate.reviews.filter(reviewer=reviewer, round=gate.round).exists():
        raise ValidationError(_("You have decided on this round already."), code="decided")
    if decision == Decision.GO:
        unmet = gate.criteria.filter(met=False).values_list("text", flat=True).first()
        if unmet is not None:
            raise ValidationError(
                {
                    "decision": _("“%(criterion)s” is not met yet: no go before it is.")
                    % {"criterion": unmet}
                },
                code="criterion_unmet",
            )
    try:
        with transaction.atomic():
            review = Review.objects.create(
                gate=gate, reviewer=reviewer, round=gate.round, decision=decision, reason=reason
            )
    except IntegrityError as error:
        raise ValidationError(
            _("You have decided on this round already."), code="decided"
        ) from error
    label = f"{gate.get_stage_display()}: {Decision(decision).label} – {reason}"
    record(project, EventKind.REVIEW, label, by=reviewer)
    _settle(gate, by=reviewer)
    return review


def _settle(gate: Gate, *, by) -> None:
    """Work out the round's outcome once every named reviewer has decided, and act on it."""
    named = set(gate.reviewers.values_list("pk", flat=True))
    decisions = dict(gate.reviews.filter(round=gate.round).values_list("reviewer_id", "decision"))
    if not named or not named <= set(decisions):
        return
    outcome = min(decisions.values(), key=CAUTION.index)
    project = gate.project
    gate.decision, gate.decided_at = outcome, timezone.now()
    if outcome == Decision.REWORK:
        gate.round += 1
    gate.save(update_fields=["decision", "decided_at", "round"])
    if outcome == Decision.GO:
        following = next_stage(gate.stage)
        if following is None:
            PROJECT_WORKFLOW.advance(project, "complete", status=ProjectStatus.COMPLETED)
            record(project, EventKind.COMPLETED, by=by)
        else:
            PROJECT_WORKFLOW.advance(project, f"pass_{gate.stage}", stage=following)
            record(project, EventKind.STAGE, str(Stage(following).label), by=by)
    elif outcome == Decision.STOP:
        PROJECT_WORKFLOW.advance(project, "stop", status=ProjectStatus.STOPPED)
        record(project, EventKind.STOPPED, by=by)
    for member in project.team.filter(role__in=MANAGING_ROLES).select_related("user"):
        notify(
            recipient=member.user,
            kind="projects.gate_decided",
            about=f"projects.project:{project.pk}",
            project=project.title,
            slug=project.slug,
            stage=gate.stage,
            decision=outcome,
        )
