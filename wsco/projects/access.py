"""Who may see and do what on a project; views reach projects only through these helpers.

A published project is public; a private one reaches only its team and staff: anyone else gets
a 404, as if it did not exist. Its managers (its lead and city officials, and staff) change it;
its documents, drafts and invitations stay with the team even once it is published.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from wsco.audits.models import City
from wsco.members.models import Organization
from wsco.projects.models import MANAGING_ROLES, Project


def is_on_team(user, project: Project) -> bool:
    return user.is_authenticated and project.team.filter(user=user).exists()


def works_on(user, project: Project) -> bool:
    """Say whether `user` works on the project: staff or its team."""
    return user.is_authenticated and (user.is_staff or is_on_team(user, project))


def manages(user, project: Project) -> bool:
    """Say whether `user` runs the project: staff, its lead or a city official on its team."""
    return user.is_authenticated and (
        user.is_staff or project.team.filter(user=user, role__in=MANAGING_ROLES).exists()
    )


def can_read(user, project: Project) -> bool:
    return project.is_published or works_on(user, project)


def get_project_for_user(user, slug: str) -> Project:
    """Return project `slug` if `user` may see it; 404 for anyone else."""
    project = (
        Project.objects.select_related("city", "organization", "source_audit")
        .filter(slug=slug)
        .first()
    )
    if project is None or not can_read(user, project):
        raise Http404
    return project


def _allowing(user, slug: str, allowed) -> Project:
    project = get_project_for_user(user, slug)
    if not allowed(user, project):
        raise PermissionDenied
    return project


def get_project_for_team(user, slug: str) -> Project:
    """Return project `slug` for its team and staff: 403 for its other readers, 404 for others."""
    return _allowing(user, slug, works_on)


def get_project_for_manager(user, slug: str) -> Project:
    """Return project `slug` for those who run it: 403 for its other readers, 404 for others."""
    return _allowing(user, slug, manages)


def may_read_document(user, document) -> bool:
    """Say whether `user` may download a project's document: its team and staff."""
    return works_on(user, document.project)


def cities_for_new_project(user) -> QuerySet[City]:
    """Return the cities `user` may start a project for: all for staff, their own for officials."""
    if not user.is_authenticated:
        return City.objects.none()
    if user.is_staff:
        return City.objects.all()
    return City.objects.filter(official_rows__user=user)


def organizations_for_new_project(user) -> QuerySet[Organization]:
    """Return the public entities `user` may start a project for: staff all, others their own."""
    from wsco.audits.models import PUBLIC_ENTITY_TYPES

    public = Organization.objects.filter(type__in=PUBLIC_ENTITY_TYPES)
    if not user.is_authenticated:
        return public.none()
    if user.is_staff:
        return public
    return public.filter(people__user=user)


def may_start_project(user) -> bool:
    return cities_for_new_project(user).exists() or organizations_for_new_project(user).exists()
