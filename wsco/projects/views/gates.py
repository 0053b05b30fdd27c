"""The gates of a project: checklists with their evidence, named reviewers, their decisions."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsco.accounts.models import User
from wsco.projects import forms
from wsco.projects.access import (
    get_project_for_manager,
    get_project_for_team,
)
from wsco.projects.models import (
    PROJECT_WORKFLOW,
    STAGES,
    Criterion,
    Gate,
)
from wsco.projects.services import gates as gate_services
from wsco.projects.views.common import (
    page_url,
    post_form,
    team_page,
)

# Gates -------------------------------------------------------------------------------------


def _gate(project, stage: str) -> Gate:
    if stage not in STAGES:
        raise Http404
    return get_object_or_404(Gate, project=project, stage=stage)


@login_required
def gates(request: HttpRequest, slug: str) -> HttpResponse:
    """The six gates: each checklist with its evidence, the reviewers and their decisions."""
    project = get_project_for_team(request.user, slug)
    rows = list(
        project.gates.prefetch_related("criteria", "reviewers__profile", "reviews__reviewer")
    )
    rows.sort(key=lambda gate: STAGES.index(gate.stage))
    candidates = User.objects.filter(
        project_roles__project=project,
        project_roles__role__in=gate_services.REVIEWING_ROLES,
    ).select_related("profile")
    for gate in rows:
        gate.is_current = gate.stage == project.stage and project.is_active
        gate.named = {user.pk for user in gate.reviewers.all()}
        gate.may_review = gate.is_current and request.user.pk in gate.named
        gate.reviewed = {
            review.reviewer_id for review in gate.reviews.all() if review.round == gate.round
        }
    return team_page(
        request,
        project,
        "projects:gates",
        "gates.html",
        {
            "gates": rows,
            "review_form": forms.ReviewForm(),
            "reviewer_form": forms.ReviewerForm(candidates=candidates),
            "criterion_form": forms.NewCriterionForm(),
            "stopped": not project.is_active,
            "may_stop": PROJECT_WORKFLOW.allows(project, "stop"),
        },
    )


@login_required
@require_POST
def add_criterion(request: HttpRequest, slug: str, stage: str) -> HttpResponse:
    project = get_project_for_manager(request.user, slug)
    gate = _gate(project, stage)
    return post_form(
        request,
        forms.NewCriterionForm(request.POST),
        lambda data: gate_services.add_criterion(gate=gate, text=data["text"], by=request.user),
        page_url(project, "projects:gates"),
        _("The criterion is added."),
    )


@login_required
@require_POST
def criterion(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = get_project_for_manager(request.user, slug)
    found = get_object_or_404(Criterion, gate__project=project, pk=pk)
    return post_form(
        request,
        forms.CriterionForm(request.POST),
        lambda data: gate_services.update_criterion(
            criterion=found, evidence=data["evidence"], met=data["met"], by=request.user
        ),
        page_url(project, "projects:gates"),
        _("The criterion is saved."),
    )


@login_required
@require_POST
def name_reviewer(request: HttpRequest, slug: str, stage: str) -> HttpResponse:
    project = get_project_for_manager(request.user, slug)
    gate = _gate(project, stage)
    candidates = User.objects.filter(project_roles__project=project) | User.objects.filter(
        is_staff=True
    )
    return post_form(
        request,
        forms.ReviewerForm(request.POST, candidates=candidates.distinct()),
        lambda data: gate_services.name_reviewer(gate=gate, user=data["user"], by=request.user),
        page_url(project, "projects:gates"),
        _("The reviewer is named."),
    )


@login_required
@require_POST
def review(request: HttpRequest, slug: str, stage: str) -> HttpResponse:
    project = get_project_for_team(request.user, slug)
    gate = _gate(project, stage)
    if not gate.reviewers.filter(pk=request.user.pk).exists():
        raise PermissionDenied
    return post_form(
        request,
        forms.ReviewForm(request.POST),
        lambda data: gate_services.review_gate(
            gate=gate, reviewer=request.user, decision=data["decision"], reason=data["reason"]
        ),
        page_url(project, "projects:gates"),
        _("Your decision is recorded."),
    )
