"""The team's pages of a project: its details, team and partners, gates, milestones, money, KPIs,
documents, risks, updates and timeline. Each page shows its forms; each form posts to a URL of
its own and comes back to the page with what happened (or what was wrong, by field)."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsco.accounts.models import User
from wsco.audits.access import get_audit_for_user
from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.public import weakest_themes
from wsco.core.ids import InvalidNumberError, parse_id
from wsco.core.models import Theme
from wsco.members.models import Profile
from wsco.projects import charts, forms
from wsco.projects.access import (
    cities_for_new_project,
    get_project_for_manager,
    get_project_for_team,
    manages,
    organizations_for_new_project,
)
from wsco.projects.models import (
    FUNDING_WORKFLOW,
    MILESTONE_STATES,
    PROJECT_WORKFLOW,
    STAGES,
    Criterion,
    FundingSource,
    Gate,
    Invitation,
    Kpi,
    Milestone,
    TeamMember,
    Update,
)
from wsco.projects.queries import progress_of
from wsco.projects.services import gates as gate_services
from wsco.projects.services import kpis as kpi_services
from wsco.projects.services import milestones as milestone_services
from wsco.projects.services import money, partners
from wsco.projects.services import projects as project_services

TABS = [
    ("projects:edit", _("Details")),
    ("projects:team", _("Team")),
    ("projects:gates", _("Gates")),
    ("projects:milestones", _("Milestones")),
    ("projects:budget", _("Budget")),
    ("projects:kpis", _("KPIs")),
    ("projects:documents", _("Documents and risks")),
    ("projects:updates", _("Updates")),
    ("projects:timeline", _("Timeline")),
]


def _tabs(project, current: str) -> list[dict]:
    return [
        {
            "url": reverse(name, kwargs={"slug": project.slug}),
            "label": str(label),
            "current": name == current,
        }
        for name, label in TABS
    ]


def _page(request, project, tab: str, template: str, context: dict) -> HttpResponse:
    base = {
        "project": project,
        "tabs": _tabs(project, tab),
        "may_manage": manages(request.user, project),
    }
    return render(request, f"projects/team/{template}", base | context)


def _refused(request: HttpRequest, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            messages.error(request, f"{field}: {' '.join(errors)}")
        return
    messages.error(request, " ".join(error.messages))


def _form_refused(request: HttpRequest, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))


def _post(request, form, action: Callable, back: str, done: str) -> HttpResponse:
    """Take `action(cleaned_data)` if `form` is valid; back to `back` with what happened."""
    if not form.is_valid():
        _form_refused(request, form)
        return redirect(back)
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        _refused(request, error)
        return redirect(back)
    messages.success(request, done)
    return redirect(back)


def _back(project, name: str) -> str:
    return reverse(name, kwargs={"slug": project.slug})


# Starting and editing a project ------------------------------------------------------------


def _prefill(request) -> dict:
    """Return a new project's fields from `?audit=` (its city, weakest themes, weak indicators)
    or `?theme=`, for the reader who may see that audit."""
    initial: dict = {}
    audit_id = _audit_id(request.GET.get("audit"))
    if audit_id is not None:
        audit = get_audit_for_user(request.user, audit_id)
        weakest = weakest_themes(audit)
        initial = {
            "city": audit.city,
            "themes": list(Theme.objects.filter(slug__in=weakest)),
            "problem_indicators": _weak_indicators(audit, weakest),
            "problem": _("The audit of %(city)s, %(year)s is weakest in these themes.")
            % {"city": audit.city.name, "year": audit.year},
            "source_audit": audit.pk,
        }
    theme = request.GET.get("theme", "")
    if theme and not initial:
        initial["themes"] = list(Theme.objects.filter(slug=theme))
    return initial


def _audit_id(value) -> int | None:
    """Return the audit's id given in the address or the form, or None when there is none."""
    if value in (None, ""):
        return None
    try:
        return parse_id(value, field="audit")
    except InvalidNumberError as error:
        raise Http404 from error


def _weak_indicators(audit, themes: list[str], per_theme: int = 2) -> list[str]:
    """Return the audit's indicators of `themes` it could not report (missing or invalid)."""
    chosen: list[str] = []
    for theme in themes:
        chosen += list(
            audit.results.filter(theme=theme)
            .exclude(outcome__in=["ok", "warning"])
            .order_by("indicator")
            .values_list("indicator", flat=True)[:per_theme]
        )
    return chosen


@login_required
def new_project(request: HttpRequest) -> HttpResponse:
    """Start a project: from scratch, from a theme, or from an audit's gaps (pre-filled)."""
    cities = cities_for_new_project(request.user)
    organizations = organizations_for_new_project(request.user)
    if not cities.exists() and not organizations.exists():
        raise PermissionDenied
    initial = _prefill(request) if request.method == "GET" else {}
    form = forms.ProjectForm(
        request.POST or None, initial=initial, cities=cities, organizations=organizations
    )
    source = request.POST.get("source_audit") or initial.get("source_audit")
    if request.method == "POST" and form.is_valid():
        audit = None
        if _audit_id(source) is not None:
            audit = get_audit_for_user(request.user, _audit_id(source))
        try:
            project = project_services.create_project(
                by=request.user,
                source_audit=audit,
                problem_indicators=form.cleaned_data["problem_indicators"],
                themes=form.cleaned_data["themes"],
                **{name: form.cleaned_data[name] for name in forms.ProjectForm.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The project is created. It is private until you publish it.")
            )
            return redirect("projects:edit", slug=project.slug)
    return render(request, "projects/new.html", {"form": form, "source_audit": source or ""})


@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    """The project's details, editable by those who run it; its visibility."""
    project = get_project_for_team(request.user, slug)
    may_manage = manages(request.user, project)
    form = forms.ProjectForm(
        request.POST or None,
        instance=project,
        cities=cities_for_new_project(request.user) | _own(project, "city"),
        organizations=organizations_for_new_project(request.user) | _own(project, "organization"),
    )
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                project_services.edit_project(
                    project=project,
                    by=request.user,
                    themes=form.cleaned_data["themes"],
                    problem_indicators=form.cleaned_data["problem_indicators"],
                    **{name: form.cleaned_data[name] for name in forms.ProjectForm.Meta.fields},
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The project is saved."))
                return redirect("projects:edit", slug=project.slug)
    stages, progress = progress_of(project)
    return _page(
        request,
        project,
        "projects:edit",
        "edit.html",
        {
            "form": form,
            "visibility_form": forms.VisibilityForm(initial={"visibility": project.visibility}),
            "stages": stages,
            "progress": progress,
        },
    )


def _own(project, field: str):
    """Return the project's own city or entity as a queryset, so an edit keeps it choosable."""
    model = project._meta.get_field(field).related_model
    return model.objects.filter(pk=getattr(project, f"{field}_id") or 0)


@login_required
@require_POST
def visibility(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_manager(request.user, slug)
    form = forms.VisibilityForm(request.POST)
    return _post(
        request,
        form,
        lambda data: project_services.set_visibility(
            project=project, visibility=data["visibility"], by=request.user
        ),
        _back(project, "projects:edit"),
        _("The project's visibility is saved."),
    )


# Team and partners -----------------------------------------------------------------------


@login_required
def team(request: HttpRequest, slug: str) -> HttpResponse:
    """The team, the members the network recommends (with why), and invitations sent."""
    project = get_project_for_team(request.user, slug)
    if request.method == "POST":
        project = get_project_for_manager(request.user, slug)
        return _post(
            request,
            forms.TeamMemberForm(request.POST),
            lambda data: project_services.add_team_member(
                project=project, user=data["email"], role=data["role"], by=request.user
            ),
            _back(project, "projects:team"),
            _("The person is on the team."),
        )
    recommended = partners.recommend_partners(project) if manages(request.user, project) else []
    return _page(
        request,
        project,
        "projects:team",
        "team.html",
        {
            "members": project.team.select_related("user__profile"),
            "recommended": recommended,
            "invitations": project.invitations.select_related("profile"),
            "member_form": forms.TeamMemberForm(),
            "invite_form": forms.InviteForm(),
        },
    )


@login_required
@require_POST
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_manager(request.user, slug)
    form = forms.InviteForm(request.POST)

    def send(data):
        profile = Profile.objects.filter(pk=data["profile"], user__is_active=True).first()
        if profile is None:
            raise ValidationError(_("This member cannot be found."))
        reasons = next(
            (
                match.reasons
                for match in partners.recommend_partners(project)
                if match.profile.pk == profile.pk
            ),
            [],
        )
        partners.invite_to_team(
            project=project,
            profile=profile,
            role=data["role"],
            reasons=reasons,
            message=data["message"],
            by=request.user,
        )

    return _post(request, form, send, _back(project, "projects:team"), _("The invitation is sent."))


@login_required
@require_POST
def remove_member(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = get_project_for_manager(request.user, slug)
    member = get_object_or_404(TeamMember, project=project, pk=pk)
    try:
        project_services.remove_team_member(member=member, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The person is no longer on the team."))
    return redirect("projects:team", slug=project.slug)


@login_required
def invitations(request: HttpRequest) -> HttpResponse:
    """The invitations waiting for the signed-in person, and their projects."""
    mine = (
        TeamMember.objects.filter(user=request.user)
        .select_related("project__city", "project__organization")
        .order_by("-project__updated_at")
    )
    return render(
        request,
        "projects/invitations.html",
        {"invitations": partners.pending_invitations(request.user), "memberships": mine},
    )


def _invitation_for(user, pk: int) -> Invitation:
    """Return the invitation `pk` sent to `user`; 404 for anyone else (staff too)."""
    invitation = (
        Invitation.objects.select_related("project", "profile")
        .filter(pk=pk, profile__user=user)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


@login_required
@require_POST
def answer_invitation(request: HttpRequest, pk: int, answer: str) -> HttpResponse:
    invitation = _invitation_for(request.user, pk)
    answer_with = {
        "accept": partners.accept_invitation,
        "decline": partners.decline_invitation,
    }[answer]
    try:
        answer_with(invitation=invitation, by=request.user)
    except ValidationError as error:
        _refused(request, error)
        return redirect("projects:invitations")
    if answer == "accept":
        messages.success(request, _("You are on the team."))
        return redirect("projects:edit", slug=invitation.project.slug)
    messages.success(request, _("The invitation is declined."))
    return redirect("projects:invitations")


def accept_invitation(request, pk: int):
    return answer_invitation(request, pk, "accept")


def decline_invitation(request, pk: int):
    return answer_invitation(request, pk, "decline")


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
    return _page(
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
    return _post(
        request,
        forms.NewCriterionForm(request.POST),
        lambda data: gate_services.add_criterion(gate=gate, text=data["text"], by=request.user),
        _back(project, "projects:gates"),
        _("The criterion is added."),
    )


@login_required
@require_POST
def criterion(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = get_project_for_manager(request.user, slug)
    found = get_object_or_404(Criterion, gate__project=project, pk=pk)
    return _post(
        request,
        forms.CriterionForm(request.POST),
        lambda data: gate_services.update_criterion(
            criterion=found, evidence=data["evidence"], met=data["met"], by=request.user
        ),
        _back(project, "projects:gates"),
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
    return _post(
        request,
        forms.ReviewerForm(request.POST, candidates=candidates.distinct()),
        lambda data: gate_services.name_reviewer(gate=gate, user=data["user"], by=request.user),
        _back(project, "projects:gates"),
        _("The reviewer is named."),
    )


@login_required
@require_POST
def review(request: HttpRequest, slug: str, stage: str) -> HttpResponse:
    project = get_project_for_team(request.user, slug)
    gate = _gate(project, stage)
    if not gate.reviewers.filter(pk=request.user.pk).exists():
        raise PermissionDenied
    return _post(
        request,
        forms.ReviewForm(request.POST),
        lambda data: gate_services.review_gate(
            gate=gate, reviewer=request.user, decision=data["decision"], reason=data["reason"]
        ),
        _back(project, "projects:gates"),
        _("Your decision is recorded."),
    )


# Milestones ------------------------------------------------------------------------------


@login_required
def milestones(request: HttpRequest, slug: str) -> HttpResponse:
    """Milestones by stage with their progress and lateness; the plan's form."""
    project = get_project_for_team(request.user, slug)
    if request.method == "POST":
        project = get_project_for_manager(request.user, slug)
        return _post(
            request,
            forms.MilestoneForm(request.POST, project=project),
            lambda data: milestone_services.add_milestone(project=project, by=request.user, **data),
            _back(project, "projects:milestones"),
            _("The milestone is planned."),
        )
    stages, progress = progress_of(project)
    for row in stages:
        for milestone in row.milestones:
            milestone.state_label = str(MILESTONE_STATES[milestone.state()])
            milestone.late = milestone.is_late()
    return _page(
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
    return _post(
        request,
        forms.ProgressForm(request.POST),
        lambda data: milestone_services.update_milestone(
            milestone=found,
            by=request.user,
            progress=100 if data["done_on"] else data["progress"],
            done_on=data["done_on"],
        ),
        _back(project, "projects:milestones"),
        _("The milestone is saved."),
    )


# Money -------------------------------------------------------------------------------------


@login_required
def budget(request: HttpRequest, slug: str) -> HttpResponse:
    """The budget by year and line, the funding sources, and their totals per currency."""
    project = get_project_for_team(request.user, slug)
    if request.method == "POST":
        project = get_project_for_manager(request.user, slug)
        return _post(
            request,
            forms.BudgetLineForm(request.POST),
            lambda data: money.add_budget_line(project=project, by=request.user, **data),
            _back(project, "projects:budget"),
            _("The budget line is added."),
        )
    lines = list(project.budget_lines.all())
    sources = list(project.funding.all())
    for source in sources:
        source.next_steps = [
            step for step in ("apply", "grant", "receive") if FUNDING_WORKFLOW.allows(source, step)
        ]
    return _page(
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
    project = get_project_for_manager(request.user, slug)
    return _post(
        request,
        forms.FundingForm(request.POST, prefix="funding"),
        lambda data: money.add_funding(project=project, by=request.user, **data),
        _back(project, "projects:budget"),
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
        _refused(request, error)
    else:
        messages.success(request, _("The funding source is saved."))
    return redirect("projects:budget", slug=project.slug)


# KPIs --------------------------------------------------------------------------------------


@login_required
def kpis(request: HttpRequest, slug: str) -> HttpResponse:
    """The KPIs with their baseline, target and actuals, a chart each."""
    project = get_project_for_team(request.user, slug)
    if request.method == "POST":
        project = get_project_for_manager(request.user, slug)
        return _post(
            request,
            forms.KpiForm(request.POST),
            lambda data: kpi_services.fill_actuals(
                kpi_services.add_kpi(project=project, by=request.user, **data)
            ),
            _back(project, "projects:kpis"),
            _("The KPI is added."),
        )
    return _page(
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
    return _post(
        request,
        forms.ActualForm(request.POST),
        lambda data: kpi_services.record_actual(kpi=kpi, by=request.user, **data),
        _back(project, "projects:kpis"),
        _("The value is recorded."),
    )


# Documents, risks, updates, timeline -------------------------------------------------------


@login_required
def documents(request: HttpRequest, slug: str) -> HttpResponse:
    """The project's documents (for its team only) and its risk register."""
    project = get_project_for_team(request.user, slug)
    if request.method == "POST":
        project = get_project_for_manager(request.user, slug)
        form = forms.DocumentForm(request.POST, request.FILES)
        return _post(
            request,
            form,
            lambda data: project_services.add_document(
                project=project, title=data["title"], file=data["file"], by=request.user
            ),
            _back(project, "projects:documents"),
            _("The document is stored."),
        )
    risks = sorted(project.risks.select_related("owner__profile"), key=lambda r: -r.score)
    return _page(
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
    project = get_project_for_manager(request.user, slug)
    return _post(
        request,
        forms.RiskForm(request.POST, prefix="risk"),
        lambda data: project_services.add_risk(project=project, by=request.user, **data),
        _back(project, "projects:documents"),
        _("The risk is added."),
    )


@login_required
def updates(request: HttpRequest, slug: str) -> HttpResponse:
    """The project's updates, drafts included (for the team); the form to write one."""
    project = get_project_for_team(request.user, slug)
    if request.method == "POST":
        project = get_project_for_manager(request.user, slug)
        return _post(
            request,
            forms.UpdateForm(request.POST),
            lambda data: project_services.write_update(project=project, by=request.user, **data),
            _back(project, "projects:updates"),
            _("The draft is saved. Publish it when it is ready."),
        )
    return _page(
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
        _refused(request, error)
    else:
        messages.success(request, _("The update is published."))
    return redirect("projects:updates", slug=project.slug)


@login_required
def timeline(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything that happened to the project, newest first, with who and when."""
    project = get_project_for_team(request.user, slug)
    return _page(
        request,
        project,
        "projects:timeline",
        "timeline.html",
        {"events": project.timeline.select_related("by__profile")[:500]},
    )


def indicator_name(key: str) -> str:
    found = load_catalogue().indicators.get(key)
    return f"{found.number} {found.name}" if found else key
