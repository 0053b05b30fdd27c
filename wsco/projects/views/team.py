"""The team's pages of a project: starting and editing it, its team, partners and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsco.audits.access import get_audit_for_user
from wsco.audits.public import weakest_themes
from wsco.core.ids import InvalidNumberError, parse_id
from wsco.core.models import Theme
from wsco.members.models import Profile
from wsco.projects import forms
from wsco.projects.access import (
    cities_for_new_project,
    get_project_for_manager,
    get_project_for_team,
    manages,
    organizations_for_new_project,
)
from wsco.projects.models import (
    Invitation,
    TeamMember,
)
from wsco.projects.queries import progress_of
from wsco.projects.services import partners
from wsco.projects.services import projects as project_services
from wsco.projects.views.common import (
    page_url,
    post_form,
    say_refused,
    team_page,
)

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
    return team_page(
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
    return post_form(
        request,
        form,
        lambda data: project_services.set_visibility(
            project=project, visibility=data["visibility"], by=request.user
        ),
        page_url(project, "projects:edit"),
        _("The project's visibility is saved."),
    )


# Team and partners -----------------------------------------------------------------------


@login_required
def team(request: HttpRequest, slug: str) -> HttpResponse:
    """The team, the members the network recommends (with why), and invitations sent."""
    project = get_project_for_team(request.user, slug)
    if request.method == "POST":
        project = get_project_for_manager(request.user, slug)
        return post_form(
            request,
            forms.TeamMemberForm(request.POST),
            lambda data: project_services.add_team_member(
                project=project, user=data["email"], role=data["role"], by=request.user
            ),
            page_url(project, "projects:team"),
            _("The person is on the team."),
        )
    recommended = partners.recommend_partners(project) if manages(request.user, project) else []
    return team_page(
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

    return post_form(
        request, form, send, page_url(project, "projects:team"), _("The invitation is sent.")
    )


@login_required
@require_POST
def remove_member(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = get_project_for_manager(request.user, slug)
    member = get_object_or_404(TeamMember, project=project, pk=pk)
    try:
        project_services.remove_team_member(member=member, by=request.user)
    except ValidationError as error:
        say_refused(request, error)
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
        say_refused(request, error)
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
