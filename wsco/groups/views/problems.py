"""The problem register's pages: the list with its chart, a problem, and what members do there."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsco.core.charts import Series, bar_chart
from wsco.core.markdown import render_markdown
from wsco.core.paging import page_for_request
from wsco.groups import queries
from wsco.groups.access import (
    get_problem_for_user,
    get_solution_for_user,
    is_group_member,
    leads,
    require_lead,
)
from wsco.groups.forms import (
    AcceptForm,
    CommentForm,
    EvidenceForm,
    MergeForm,
    ProblemFilterForm,
    SolutionForm,
    StepForm,
)
from wsco.groups.models import PROBLEM_WORKFLOW, Problem, Solution, SolutionStatus
from wsco.groups.papers import publish_paper as make_paper
from wsco.groups.services import problems as services
from wsco.groups.views.common import act

PAGE_SIZE = 20


def status_chart(counts):
    """Return the counts by status as a bar chart (SVG and its table)."""
    return bar_chart(
        title=_("Problems by status"),
        description=_("How many problems of the register are at each step."),
        category_name=_("Status"),
        categories=[label for _status, label, _count in counts],
        series=[Series(name=_("Problems"), values=[count for *_rest, count in counts])],
    )


def problem_list(request):
    """Every problem the viewer may see, filtered by theme, status and group, counted by status."""
    form = ProblemFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    visible = Problem.objects.visible_to(request.user)
    chosen = queries.filter_problems(
        visible,
        theme=filters.get("theme"),
        group=filters.get("group"),
        status=filters.get("status", ""),
    )
    # The chart counts by status within the theme and group chosen, whatever the status filter.
    counted = queries.filter_problems(
        visible, theme=filters.get("theme"), group=filters.get("group")
    )
    rows = queries.with_counts(chosen).prefetch_related("themes").order_by("-created_at", "-pk")
    page = page_for_request(request, Paginator(rows, PAGE_SIZE))
    context = {
        "form": form,
        "page": page,
        "chart": status_chart(queries.status_counts(counted)),
        "is_filtered": any(filters.values()) if filters else False,
    }
    return render(request, "groups/problems.html", context)


def problem_detail(request, pk: int):
    """A problem with its whole history, evidence, discussion, solutions and answers."""
    problem = get_problem_for_user(request.user, pk)
    group = problem.group
    member = is_group_member(request.user, group) or (
        request.user.is_authenticated and request.user.is_staff
    )
    is_lead = leads(request.user, group)
    solutions = problem.solutions.prefetch_related(
        "authors__profile", "comments__author__profile"
    ).annotate(endorsement_count=Count("endorsements"))
    for solution in solutions:
        solution.body_html = render_markdown(solution.body)
        solution.discussion = [
            (comment, render_markdown(comment.body)) for comment in solution.comments.all()
        ]
    # The page holds several forms with fields of the same name: each its own ids, so that
    # each label names its own field.
    context = {
        "problem": problem,
        "group": group,
        "description": render_markdown(problem.description),
        "history": queries.problem_history(problem, user=request.user),
        "evidence": problem.evidence.all(),
        "comments": [
            (comment, render_markdown(comment.body))
            for comment in problem.comments.filter(solution=None).select_related("author__profile")
        ],
        "solutions": solutions,
        "answers": problem.answers.select_related("meeting"),
        "endorsements": problem.endorsements.count(),
        "endorsed": request.user.is_authenticated
        and problem.endorsements.filter(user=request.user).exists(),
        "is_member": member,
        "is_lead": is_lead,
        "may_propose": member and problem.is_open,
        "steps": [name for name in services.MANUAL_STEPS if PROBLEM_WORKFLOW.allows(problem, name)],
        "evidence_form": EvidenceForm(auto_id="evidence-%s"),
        "comment_form": CommentForm(auto_id="comment-%s"),
        "solution_form": SolutionForm(auto_id="propose-%s"),
        "step_form": StepForm(auto_id="step-%s"),
        "merge_form": MergeForm(problem=problem, auto_id="merge-%s") if is_lead else None,
        "accept_form": AcceptForm(),
        "has_accepted": any(each.status == SolutionStatus.ACCEPTED for each in solutions),
    }
    return render(request, "groups/problem.html", context)


@login_required
@require_POST
def endorse(request, pk: int):
    problem = get_problem_for_user(request.user, pk)
    if request.POST.get("withdraw"):
        return act(
            request,
            lambda: services.withdraw_endorsement(problem=problem, by=request.user),
            _("Your endorsement is withdrawn."),
            problem,
        )
    return act(
        request,
        lambda: services.endorse_problem(problem=problem, by=request.user),
        _("You endorse this problem."),
        problem,
    )


@login_required
@require_POST
def add_evidence(request, pk: int):
    problem = get_problem_for_user(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES)
    return act(
        request,
        lambda: services.add_evidence(problem=problem, by=request.user, **form.cleaned_data),
        _("Evidence added."),
        problem,
        form=form,
    )


@login_required
@require_POST
def comment(request, pk: int):
    problem = get_problem_for_user(request.user, pk)
    form = CommentForm(request.POST)

    def run():
        solution_id = form.cleaned_data.get("solution")
        solution = (
            get_object_or_404(Solution, pk=solution_id, problem=problem) if solution_id else None
        )
        services.add_comment(
            problem=problem, body=form.cleaned_data["body"], solution=solution, by=request.user
        )

    return act(request, run, _("Comment added."), problem, form=form)


@login_required
@require_POST
def change_state(request, pk: int):
    problem = get_problem_for_user(request.user, pk)
    require_lead(request.user, problem.group)
    form = StepForm(request.POST)
    return act(
        request,
        lambda: services.change_problem_state(
            problem=problem,
            step=form.cleaned_data["step"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        ),
        _("The problem's state is changed."),
        problem,
        form=form,
    )


@login_required
@require_POST
def merge(request, pk: int):
    problem = get_problem_for_user(request.user, pk)
    require_lead(request.user, problem.group)
    form = MergeForm(request.POST, problem=problem)
    # On success the page to go back to is the problem merged into.
    back = form.cleaned_data["into"] if form.is_valid() else problem
    return act(
        request,
        lambda: services.merge_problems(duplicate=problem, into=back, by=request.user),
        _("The problems are merged."),
        back,
        form=form,
    )


@login_required
@require_POST
def propose(request, pk: int):
    problem = get_problem_for_user(request.user, pk)
    form = SolutionForm(request.POST)
    return act(
        request,
        lambda: services.propose_solution(problem=problem, by=request.user, **form.cleaned_data),
        _("Your solution is proposed to the group."),
        problem,
        form=form,
    )


@login_required
@require_POST
def endorse_solution(request, pk: int):
    solution = get_solution_for_user(request.user, pk)
    return act(
        request,
        lambda: services.endorse_solution(solution=solution, by=request.user),
        _("You endorse this solution."),
        solution.problem,
    )


@login_required
@require_POST
def accept_solution(request, pk: int):
    solution = get_solution_for_user(request.user, pk)
    require_lead(request.user, solution.problem.group)
    form = AcceptForm(request.POST)
    return act(
        request,
        lambda: services.accept_solution(solution=solution, by=request.user, **form.cleaned_data),
        _("The group's acceptance is recorded."),
        solution.problem,
        form=form,
    )


@login_required
@require_POST
def publish_paper(request, pk: int):
    solution = get_solution_for_user(request.user, pk)
    require_lead(request.user, solution.problem.group)
    return act(
        request,
        lambda: make_paper(solution=solution, by=request.user),
        _("The position paper is published."),
        solution.problem,
    )


def impact(request):
    """The problems that reached a decision maker's answer or a resolution, with the answer."""
    rows = queries.impact_problems(request.user)
    page = page_for_request(request, Paginator(rows, PAGE_SIZE))
    return render(request, "groups/impact.html", {"page": page})
