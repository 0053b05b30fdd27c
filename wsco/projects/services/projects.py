"""Writes to a project itself: creating and editing it, its team, documents, risks and updates."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.models import Audit, City
from wsco.core.models import Theme
from wsco.core.search import document
from wsco.members.models import Organization
from wsco.projects.gates_catalogue import DEFAULT_CRITERIA
from wsco.projects.models import (
    STAGES,
    UPDATE_WORKFLOW,
    Criterion,
    Document,
    EventKind,
    Gate,
    Project,
    Risk,
    TeamMember,
    TeamRole,
    Update,
    Visibility,
)
from wsco.projects.services.timeline import named, record

SLUG_LENGTH = 100


def unique_slug(title: str) -> str:
    """Return a slug made of `title` that no project has yet ("tram-line", "tram-line-2")."""
    base = slugify(title)[:SLUG_LENGTH] or "project"
    taken = set(Project.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def check_indicators(keys: Iterable[str]) -> list[str]:
    """Return `keys` if each is an indicator of the engine's catalogue; refuse the first unknown."""
    known = load_catalogue().indicators
    keys = list(dict.fromkeys(keys))
    for key in keys:
        if key not in known:
            raise ValidationError(
                {
                    "problem_indicators": _("%(key)s is not an indicator of the catalogue.")
                    % {"key": key}
                },
                code="unknown_indicator",
            )
    return keys


@transaction.atomic
def create_project(
    *,
    title: str,
    summary: str,
    by,
    themes: Iterable[Theme],
    city: City | None = None,
    organization: Organization | None = None,
    description: str = "",
    problem: str = "",
    problem_indicators: Iterable[str] = (),
    source_audit: Audit | None = None,
) -> Project:
    """Create a private project led by `by`, with the six gates and their default checklists."""
    themes = list(themes)
    if city is None and organization is None:
        raise ValidationError({"city": _("Choose the city or the public entity that owns it.")})
    if not themes:
        raise ValidationError({"themes": _("Choose at least one theme.")})
    project = Project.objects.create(
        slug=unique_slug(title),
        title=title,
        summary=summary,
        description=description,
        city=city,
        organization=organization,
        problem=problem,
        problem_indicators=check_indicators(problem_indicators),
        source_audit=source_audit,
        created_by=by,
    )
    project.themes.set(themes)
    index_project(project)
    TeamMember.objects.create(project=project, user=by, role=TeamRole.LEAD, added_by=by)
    for stage in STAGES:
        gate = Gate.objects.create(project=project, stage=stage)
        Criterion.objects.bulk_create(
            Criterion(gate=gate, text=str(text), order=order)
            for order, text in enumerate(DEFAULT_CRITERIA[stage])
        )
    record(project, EventKind.CREATED, project.title, by=by)
    return project


def index_project(project: Project) -> None:
    """Keep the project's search document in step with its title, summary and owner."""
    project.search_document = document(project.title, project.summary, project.owner_name)
    project.save(update_fields=["search_document"])


EDITABLE = ("title", "summary", "description", "problem", "city", "organization")


@transaction.atomic
def edit_project(*, project: Project, by, themes: Iterable[Theme] | None = None, **changes):
    """Change a project's details (not its stage: only its gates move it)."""
    unknown = set(changes) - set(EDITABLE) - {"problem_indicators"}
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    if "problem_indicators" in changes:
        changes["problem_indicators"] = check_indicators(changes["problem_indicators"])
    for name, value in changes.items():
        setattr(project, name, value)
    if project.city_id is None and project.organization_id is None:
        raise ValidationError({"city": _("Choose the city or the public entity that owns it.")})
    project.save(update_fields=[*changes, "updated_at"])
    index_project(project)
    if themes is not None:
        themes = list(themes)
        if not themes:
            raise ValidationError({"themes": _("Choose at least one theme.")})
        project.themes.set(themes)
    record(project, EventKind.EDITED, by=by)
    return project


@transaction.atomic
def set_visibility(*, project: Project, visibility: str, by) -> Project:
    """Publish the project in the portfolio, or make it private to its team again."""
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Choose published or private.")})
    if project.visibility == visibility:
        return project
    project.visibility = visibility
    project.save(update_fields=["visibility", "updated_at"])
    kind = EventKind.PUBLISHED if visibility == Visibility.PUBLISHED else EventKind.UNPUBLISHED
    record(project, kind, by=by)
    return project


def add_team_member(*, project: Project, user, role: str, by) -> TeamMember:
    """Put `user` on the project's team with `role`; refuse someone already on it."""
    if role not in TeamRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    try:
        with transaction.atomic():
            member = TeamMember.objects.create(project=project, user=user, role=role, added_by=by)
            record(project, EventKind.TEAM, f"+ {named(user)} ({member.get_role_display()})", by=by)
    except IntegrityError as error:
        raise ValidationError(
            {"user": _("This person is on the team already.")}, code="on_team"
        ) from error
    return member


@transaction.atomic
def remove_team_member(*, member: TeamMember, by) -> None:
    """Take a person off the team; the last lead stays (a project always has one)."""
    if (
        member.role == TeamRole.LEAD
        and not member.project.team.filter(role=TeamRole.LEAD).exclude(pk=member.pk).exists()
    ):
        raise ValidationError(_("A project keeps at least one lead."), code="last_lead")
    record(member.project, EventKind.TEAM, f"− {named(member.user)}", by=by)
    member.delete()


def add_document(*, project: Project, title: str, file, by) -> Document:
    """Store a document of the project (checked by the uploads module on save)."""
    document = Document(project=project, title=title, uploaded_by=by)
    document.file.save(file.name, file, save=False)
    document.save()
    return document


def add_risk(*, project: Project, by, **fields) -> Risk:
    """Add a risk to the project's register (likelihood and impact from 1 to 5)."""
    risk = Risk(project=project, **fields)
    risk.full_clean()
    risk.save()
    return risk


def write_update(*, project: Project, title: str, body: str, by) -> Update:
    """Write a draft update; only the team sees it until it is published."""
    return Update.objects.create(project=project, title=title, body=body, author=by)


@transaction.atomic
def publish_update(*, update: Update, by) -> Update:
    """Publish a draft update: it joins the project's page and the feed."""
    update = UPDATE_WORKFLOW.take(update, "publish", published_at=timezone.now())
    record(update.project, EventKind.UPDATE, update.title, by=by)
    return update
