"""Every write of an event's call for projects: submitting, assigning reviewers, scoring and
deciding. Reviews follow the magazine's and the project gates' rule: named reviewers, a due
date, and nobody party to the submission (its submitter, the project's team) reviews or
decides it (docs/workflows.md, "Nobody decides a case they are party to")."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.core.access import is_party, parties_of
from wsco.events import notifications, services
from wsco.events.models import (
    SUBMISSION_WORKFLOW,
    ProjectCall,
    SessionType,
    Submission,
    SubmissionReview,
)

PITCH_MINUTES = 20


def projects_of(user):
    """The programme's projects `user` may submit: those whose team they are on."""
    from wsco.projects.models import Project

    return Project.objects.filter(team__user=user).distinct().order_by("title")


@transaction.atomic
def submit_project(
    *, call: ProjectCall, by, pitch: str, themes, project=None, title="", summary="", now=None
) -> Submission:
    """Submit `project` (one the person works on), or a new one titled `title`, to `call`.

    A new project is created in the programme for the person's organization (a city hall or a
    company), with them leading its team. Refused once the call has closed or before it opens.
    """
    from wsco.projects.services.projects import create_project

    if not call.is_open(now):
        raise ValidationError(_("The call for projects is not open."))
    if not (pitch or "").strip():
        raise ValidationError({"pitch": _("Write the pitch: what the project is and needs.")})
    themes = list(themes)
    if project is None:
        organization = getattr(getattr(by, "profile", None), "organization", None)
        if organization is None:
            raise ValidationError(
                {"project": _("Choose one of your projects: a new one needs your organization.")}
            )
        if not title.strip():
            raise ValidationError({"title": _("Give the new project's title.")})
        project = create_project(
            title=title,
            summary=summary or title,
            by=by,
            themes=themes,
            organization=organization,
        )
    elif not projects_of(by).filter(pk=project.pk).exists():
        raise PermissionDenied(_("You submit only the projects whose team you are on."))
    if Submission.objects.filter(call=call, project=project).exists():
        raise ValidationError({"project": _("This project is submitted to the call already.")})
    submission = Submission.objects.create(call=call, project=project, submitted_by=by, pitch=pitch)
    submission.themes.set(themes)
    return submission


def assign_reviewer(*, submission: Submission, reviewer, due_on: datetime.date, by):
    """Ask `reviewer` to score `submission` by `due_on` (staff); never someone party to it."""
    if not by.is_staff:
        raise PermissionDenied(_("Only staff assign reviewers."))
    if is_party(reviewer, submission):
        raise ValidationError(
            {
                "reviewer": _("%(name)s cannot review this submission: they are %(role)s.")
                % {"name": reviewer, "role": parties_of(submission)[reviewer.pk]}
            }
        )
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date is in the past.")})
    review, created = SubmissionReview.objects.get_or_create(
        submission=submission, reviewer=reviewer, defaults={"due_on": due_on}
    )
    if not created:
        raise ValidationError({"reviewer": _("This reviewer is assigned already.")})
    notifications.review_assigned(review)
    return review


def score_submission(*, review: SubmissionReview, by, scores: dict, comment: str = "", today=None):
    """Record `by`'s scores (1 to 5 for every criterion of the call), until the due date."""
    today = today or timezone.localdate()
    if by.pk != review.reviewer_id:
        raise PermissionDenied(_("Only the assigned reviewer scores this submission."))
    if today > review.due_on:
        raise ValidationError(
            _("This review was due on %(day)s; ask the staff for more time.")
            % {"day": review.due_on.isoformat()}
        )
    criteria = review.submission.call.criteria_list()
    missing = [criterion for criterion in criteria if scores.get(criterion) not in range(1, 6)]
    if missing:
        raise ValidationError(
            _("Score every criterion from 1 to 5: %(criteria)s.") % {"criteria": ", ".join(missing)}
        )
    with transaction.atomic():
        # The submission may have been decided meanwhile, or its team changed.
        SUBMISSION_WORKFLOW.lock(review.submission, "review", by=by)
        SubmissionReview.objects.filter(pk=review.pk).update(
            scores={criterion: scores[criterion] for criterion in criteria},
            comment=comment,
            scored_at=timezone.now(),
        )
    review.refresh_from_db()
    return review


def decide_submission(
    *, submission: Submission, by, accept: bool, message: str = "", room="", starts_at=None
) -> Submission:
    """Accept `submission`, making it a pitch session in `room` at `starts_at`, or decline it;
    staff, never a party; the submitter is emailed the message."""
    if not by.is_staff:
        raise PermissionDenied(_("Only staff decide on submissions."))
    with transaction.atomic():
        locked = SUBMISSION_WORKFLOW.lock(submission, "accept" if accept else "decline", by=by)
        session = None
        if accept:
            if not room or starts_at is None:
                raise ValidationError(_("Give the pitch's room and time."))
            session = services.save_session(
                event=locked.call.event,
                by=by,
                title=_("Project pitch: %(title)s") % {"title": locked.project.title},
                session_type=SessionType.PITCH,
                room=room,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=PITCH_MINUTES),
                abstract=locked.pitch,
                speakers=[locked.submitted_by],
                themes=list(locked.themes.all()),
            )
        SUBMISSION_WORKFLOW.advance(
            locked,
            "accept" if accept else "decline",
            decided_by=by,
            decided_at=timezone.now(),
            decision_message=message,
            session=session,
        )
        notifications.submission_decided(locked, accepted=accept)
    return locked
