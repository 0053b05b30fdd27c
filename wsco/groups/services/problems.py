"""The problem register: signalling, endorsing, evidence, comments, steps, merging, solutions.

Every change of a problem's state goes through `PROBLEM_WORKFLOW` and writes a `ProblemEvent`
(who, when, from, to, why), which the problem's page shows as its history.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.core.text import clean_text
from wsco.groups.access import require_lead, require_member
from wsco.groups.models import (
    PROBLEM_WORKFLOW,
    SOLUTION_WORKFLOW,
    Comment,
    Evidence,
    Problem,
    ProblemEndorsement,
    ProblemEvent,
    ProblemStatus,
    Solution,
    SolutionEndorsement,
    WorkingGroup,
)
from wsco.groups.services.groups import require_active, theme_rows
from wsco.notifications.services import notify

# The steps the chair takes by hand on a problem's page; the others follow from what happens
# (a solution accepted, a meeting held, an answer recorded, a merge).
MANUAL_STEPS = ("analyse", "resolve", "dismiss", "reopen")


def take_problem_step(*, problem: Problem, step: str, by, comment: str = "", **fields) -> Problem:
    """Take `step` on `problem` and record it in its history; inside the caller's transaction."""
    problem = PROBLEM_WORKFLOW.lock(problem, step, by=by)
    before = problem.status
    PROBLEM_WORKFLOW.advance(problem, step, **fields)
    ProblemEvent.objects.create(
        problem=problem, from_status=before, to_status=problem.status, by=by, comment=comment
    )
    return problem


@transaction.atomic
def signal_problem(
    *,
    group: WorkingGroup,
    title: str,
    description: str,
    affected: str,
    severity: str,
    themes=(),
    by,
) -> Problem:
    """Signal a problem in `group` (its members); its history starts with the signal."""
    require_member(by, group)
    require_active(group)
    problem = Problem(
        group=group,
        title=title,
        description=description,
        affected=affected,
        severity=severity,
        signalled_by=by,
    )
    problem.full_clean()
    problem.save()
    problem.themes.set(theme_rows(themes) if themes else group.themes.all())
    ProblemEvent.objects.create(problem=problem, to_status=problem.status, by=by)
    return problem


@transaction.atomic
def change_problem_state(*, problem: Problem, step: str, by, reason: str = "") -> Problem:
    """Analyse, resolve, dismiss (with the reason) or reopen a problem (the group's leads)."""
    require_lead(by, problem.group)
    if step not in MANUAL_STEPS:
        raise ValidationError(
            _("This step follows from the group's work; it is not taken by hand.")
        )
    reason = clean_text(reason)
    fields = {}
    if step == "dismiss":
        if not reason:
            raise ValidationError({"reason": _("Say why the problem is dismissed.")})
        fields["dismissal_reason"] = reason
    if step == "reopen":
        fields["dismissal_reason"] = ""
    return take_problem_step(problem=problem, step=step, by=by, comment=reason, **fields)


def _active(problem: Problem) -> None:
    if problem.status == ProblemStatus.MERGED:
        raise ValidationError(
            _("This problem was merged into “%(title)s”; continue there.")
            % {"title": problem.merged_into.title},
            code="merged",
        )


def endorse_problem(*, problem: Problem, by) -> ProblemEndorsement:
    """Add `by`'s endorsement to a problem: one per member, a second one is refused."""
    require_member(by, problem.group)
    _active(problem)
    try:
        with transaction.atomic():
            return ProblemEndorsement.objects.create(problem=problem, user=by)
    except IntegrityError as error:
        raise ValidationError(
            _("You have already endorsed this problem."), code="endorsed"
        ) from error


def withdraw_endorsement(*, problem: Problem, by) -> int:
    """Take back `by`'s endorsement of a problem; return how many were removed (0 or 1)."""
    deleted, _rows = ProblemEndorsement.objects.filter(problem=problem, user=by).delete()
    return deleted


@transaction.atomic
def add_evidence(*, problem: Problem, title: str, url: str = "", file=None, by) -> Evidence:
    """Add a link or a file (checked by its content by `UploadField`) behind a problem."""
    require_member(by, problem.group)
    _active(problem)
    if not url and file is None:
        raise ValidationError({"url": _("Give a link or a file.")})
    evidence = Evidence(problem=problem, title=title, url=url, added_by=by)
    evidence.full_clean(exclude=["file"])
    if file is not None:
        evidence.file.save(getattr(file, "name", "evidence"), file, save=False)
    evidence.save()
    return evidence


def add_comment(*, problem: Problem, body: str, by, solution: Solution | None = None) -> Comment:
    """Comment on a problem or one of its solutions (Markdown, sanitised when shown)."""
    require_member(by, problem.group)
    _active(problem)
    body = clean_text(body)
    if not body:
        raise ValidationError({"body": _("Write a comment.")})
    if solution is not None and solution.problem_id != problem.pk:
        raise ValidationError(_("This solution belongs to another problem."))
    return Comment.objects.create(problem=problem, solution=solution, author=by, body=body)


@transaction.atomic
def merge_problems(*, duplicate: Problem, into: Problem, by) -> Problem:
    """Merge `duplicate` into `into`: its endorsements, comments, evidence and solutions follow.

    An endorsement of both stays one (a member endorses a problem once). The duplicate keeps its
    history and says where it went.
    """
    require_lead(by, duplicate.group)
    require_lead(by, into.group)
    if duplicate.pk == into.pk:
        raise ValidationError(_("A problem cannot be merged into itself."))
    _active(into)
    # Locked in the order of their ids, so that two merges never wait for each other.
    first, second = sorted([duplicate, into], key=lambda problem: problem.pk)
    PROBLEM_WORKFLOW.lock(first)
    PROBLEM_WORKFLOW.lock(second)
    _active(into)
    already = set(into.endorsements.values_list("user_id", flat=True))
    duplicate.endorsements.filter(user_id__in=already).delete()
    duplicate.endorsements.update(problem=into)
    duplicate.comments.update(problem=into)
    duplicate.evidence.update(problem=into)
    duplicate.solutions.update(problem=into)
    take_problem_step(
        problem=duplicate,
        step="merge",
        by=by,
        comment=_("Merged into “%(title)s”.") % {"title": into.title},
        merged_into=into,
    )
    ProblemEvent.objects.create(
        problem=into,
        from_status=into.status,
        to_status=into.status,
        by=by,
        comment=_("“%(title)s” merged into this problem.") % {"title": duplicate.title},
    )
    return into


@transaction.atomic
def propose_solution(*, problem: Problem, title: str, body: str, by, authors=()) -> Solution:
    """Propose a solution to a problem (a group member); `authors` join the proposer."""
    require_member(by, problem.group)
    _active(problem)
    if not problem.is_open:
        raise ValidationError(
            _("Solutions are proposed to open problems; this one is %(state)s.")
            % {"state": problem.get_status_display().lower()}
        )
    solution = Solution(problem=problem, title=title, body=body, proposed_by=by)
    solution.full_clean()
    solution.save()
    solution.authors.set({by, *authors})
    return solution


def endorse_solution(*, solution: Solution, by) -> SolutionEndorsement:
    """Add `by`'s endorsement to a solution: one per member."""
    require_member(by, solution.problem.group)
    try:
        with transaction.atomic():
            return SolutionEndorsement.objects.create(solution=solution, user=by)
    except IntegrityError as error:
        raise ValidationError(
            _("You have already endorsed this solution."), code="endorsed"
        ) from error


def _check_votes(votes_for, votes_against, abstentions) -> None:
    counts = [votes_for, votes_against, abstentions]
    if any(count is not None and count < 0 for count in counts):
        raise ValidationError(_("A vote count cannot be negative."))
    if votes_for is not None and votes_against is not None and votes_for <= votes_against:
        raise ValidationError(
            _(
                "The group accepts a solution by more votes for than against "
                "(%(f)s for, %(a)s against)."
            )
            % {"f": votes_for, "a": votes_against}
        )


@transaction.atomic
def accept_solution(
    *,
    solution: Solution,
    by,
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
    note: str = "",
) -> Solution:
    """Record the group's acceptance of a solution (the chair), with the vote count if any.

    One solution is accepted per problem (a constraint holds it); the problem moves to
    "solution proposed", the solution the group takes to decision makers.
    """
    problem = solution.problem
    require_lead(by, problem.group)
    _check_votes(votes_for, votes_against, abstentions)
    PROBLEM_WORKFLOW.lock(problem)
    solution = SOLUTION_WORKFLOW.lock(solution, "accept", by=by)
    if problem.solutions.filter(status="accepted").exists():
        raise ValidationError(_("The group has already accepted a solution to this problem."))
    SOLUTION_WORKFLOW.advance(
        solution,
        "accept",
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        decision_note=clean_text(note),
        accepted_by=by,
        accepted_at=timezone.now(),
    )
    if PROBLEM_WORKFLOW.allows(problem, "propose_solution"):
        take_problem_step(
            problem=problem,
            step="propose_solution",
            by=by,
            comment=_("The group accepted “%(title)s”.") % {"title": solution.title},
        )
    for author in solution.authors.all():
        notify(
            recipient=author,
            kind="groups.solution_accepted",
            title=solution.title,
            problem=problem.pk,
        )
    return solution


@transaction.atomic
def withdraw_solution(*, solution: Solution, by) -> Solution:
    """Withdraw a proposed solution: one of its authors, or the group's leads."""
    is_author = solution.authors.filter(pk=by.pk).exists()
    if not is_author:
        require_lead(by, solution.problem.group)
    return SOLUTION_WORKFLOW.take(solution, "withdraw", by=by)
