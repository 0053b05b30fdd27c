"""The project's work: milestones, budget and funding, KPIs, documents and risks, updates and
the timeline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsco.projects import charts, forms
from wsco.projects.access import (
    get_project_for_manager,
    get_project_for_team,
    manages,
)
from wsco.projects.models import (
    FUNDING_WORKFLOW,
    MILESTONE_STATES,
    FundingSource,
    Kpi,
    Milestone,
    Update,
)
from wsco.projects.queries import progress_of
from wsco.projects.services import kpis as kpi_services
from wsco.projects.services import milestones as milestone_services
from wsco.projects.services import money
from wsco.projects.services import projects as project_services
from wsco.projects.views.common import (
    add_through,
    page_url,
    post_form,
    say_refused,
    team_page,
)

# Milestones ------------------------------------------------------------------------------


@login_required
def milestones(request: HttpRequest, slug: str) -> HttpResponse:
    """Milestones by stage with their progress and lateness; the plan's form."""
    project = get_project_for_team(request.user, slug)
    if request.method == "POST":
        return add_through(
            request,
            slug,
            forms.MilestoneForm(request.POST, project=project),
            milestone_services.add_milestone,
            "projects:milestones",
            _("The milestone is planned."),
        )
    stages, progress = progress_of(project)
    for row in stages:
        for milestone in row.milestones:
            milestone.state_label = str(MILESTONE_STATES[milestone.state()])
            milestone.late = milestone.is_late()
    return team_page(
        request,
        project,
        "projects:milestones",
        "milestones.html",
        {
            "stages": stages,
            "progress": progress,
            "form": forms.MilestoneForm(project=project),
            "progress_form": forms.ProgressForm(),
        },
    )


@login_required
@require_POST
def milestone(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = get_project_for_team(request.user, slug)
    found = get_object_or_404(Milestone, project=project, pk=pk)
    if not (manages(request.user, project) or found.owner_id == request.user.pk):
        raise PermissionDenied
    return post_form(
        request,
        forms.ProgressForm(request.POST),
        lambda data: milestone_services.update_milestone(
            milestone=found,
            by=request.user,
            progress=100 if data["done_on"] else data["progress"],
            done_on=data["done_on"],
        ),
        page_url(project, "projects:milestones"),
        _("The milestone is saved."),
    )


# Money -------------------------------------------------------------------------------------


@login_required
def budget(request: HttpRequest, slug: str) -> HttpResponse:
    """The budget by year and line, the funding sources, and their totals per currency."""
    project = get_project_for_team(request.user, slug)
    if request.method == "POST":
        return add_through(
            request,
            slug,
            forms.BudgetLineForm(request.POST),
            money.add_budget_line,
            "projects:budget",
            _("The budget line is added."),
        )
    lines = list(project.budget_lines.all())
    sources = list(project.funding.all())
    for source in sources:
        source.next_steps = [
            step for step in ("apply", "grant", "receive") if FUNDING_WORKFLOW.allows(source, step)
        ]
    return team_page(
        request,
        project,
        "projects:budget",
        "budget.html",
        {
            "lines": lines,
            "sources": sources,
            "budget_totals": money.totals_by_currency(lines),
            "funding_totals": money.totals_by_currency(sources),
            "budget_form": forms.BudgetLineForm(),
            "funding_form": forms.FundingForm(prefix="funding"),
        },
    )


@login_required
@require_POST
def add_funding(request: HttpRequest, slug: str) -> HttpResponse:
    return add_through(
        request,
        slug,
        forms.FundingForm(request.POST, prefix="funding"),
        money.add_funding,
        "projects:budget",
        _("The funding source is added."),
    )


@login_required
@require_POST
def advance_funding(request: HttpRequest, slug: str, pk: int, step: str) -> HttpResponse:
    project = get_project_for_manager(request.user, slug)
    source = get_object_or_404(FundingSource, project=project, pk=pk)
    if step not in FUNDING_WORKFLOW.steps:
        raise Http404
    try:
        money.advance_funding(source=source, step=step, by=request.user)
    except ValidationError as error:
        say_refused(request, error)
    else:
        messages.success(request, _("The funding source is saved."))
    return redirect("projects:budget", slug=project.slug)


# KPIs --------------------------------------------------------------------------------------


@login_required
def kpis(request: HttpRequest, slug: str) -> HttpResponse:
    """The KPIs with their baseline, target and actuals, a chart each."""
    project = get_project_for_team(request.user, slug)
    if request.method == "POST":
        return add_through(
            request,
            slug,
            forms.KpiForm(request.POST),
            kpi_services.add_kpi,
            "projects:kpis",
            _("The KPI is added."),
        )
    return team_page(
        request,
        project,
        "projects:kpis",
        "kpis.html",
        {
            "kpis": charts.kpi_rows(project),
            "form": forms.KpiForm(),
            "actual_form": forms.ActualForm(),
        },
    )


@login_required
@require_POST
def record_actual(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = get_project_for_manager(request.user, slug)
    kpi = get_object_or_404(Kpi, project=project, pk=pk)
    return post_form(
        request,
        forms.ActualForm(request.POST),
        lambda data: kpi_services.record_actual(kpi=kpi, by=request.user, **data),
        page_url(project, "projects:kpis"),
        _("The value is recorded."),
    )


# Documents, risks, updates, timeline -------------------------------------------------------


@login_required
def documents(request: HttpRequest, slug: str) -> HttpResponse:
    """The project's documents (for its team only) and its risk register."""
    project = get_project_for_team(request.user, slug)
    if request.method == "POST":
        return add_through(
            request,
            slug,
            forms.DocumentForm(request.POST, request.FILES),
            project_services.add_document,
            "projects:documents",
            _("The document is stored."),
        )
    risks = sorted(project.risks.select_related("owner__profile"), key=lambda r: -r.score)
    return team_page(
        request,
        project,
        "projects:documents",
        "documents.html",
        {
            "documents": project.documents.all(),
            "risks": risks,
            "form": forms.DocumentForm(),
            "risk_form": forms.RiskForm(prefix="risk"),
        },
    )


@login_required
@require_POST
def add_risk(request: HttpRequest, slug: str) -> HttpResponse:
    return add_through(
        request,
        slug,
        forms.RiskForm(request.POST, prefix="risk"),
        project_services.add_risk,
        "projects:documents",
        _("The risk is added."),
    )


@login_required
def updates(request: HttpRequest, slug: str) -> HttpResponse:
    """The project's updates, drafts included (for the team); the form to write one."""
    project = get_project_for_team(request.user, slug)
    if request.method == "POST":
        return add_through(
            request,
            slug,
            forms.UpdateForm(request.POST),
            project_services.write_update,
            "projects:updates",
            _("The draft is saved. Publish it when it is ready."),
        )
    return team_page(
        request,
        project,
        "projects:updates",
        "updates.html",
        {"updates": project.updates.select_related("author__profile"), "form": forms.UpdateForm()},
    )


@login_required
@require_POST
def publish_update(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = get_project_for_manager(request.user, slug)
    update = get_object_or_404(Update, project=project, pk=pk)
    try:
        project_services.publish_update(update=update, by=request.user)
    except ValidationError as error:
        say_refused(request, error)
    else:
        messages.success(request, _("The update is published."))
    return redirect("projects:updates", slug=project.slug)


@login_required
def timeline(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything that happened to the project, newest first, with who and when."""
    project = get_project_for_team(request.user, slug)
    return team_page(
        request,
        project,
        "projects:timeline",
        "timeline.html",
        {"events": project.timeline.select_related("by__profile")[:500]},
    )
