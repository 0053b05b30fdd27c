"""The awards' data set of the page cache: the pages that list award categories (a theme's page)
are built again after any change to an edition, a category or a category's themes. A phase
changes with the clock, not a write: the theme pages' own cache bounds how late it shows.

The placements members' profile pages show (`profile.AWARDS`) are a data set of their own,
`PLACEMENTS`, ended by a placement's write, and a change to a placed nomination, its project
or the project's team (whose people show the placement); editions and categories end them
through `AWARDS`."""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save

from wsco.awards.models import Category, Edition, Nomination, Placement
from wsco.core.page_cache import mark_changed
from wsco.projects.models import Project, TeamMember

AWARDS = "awards"
PLACEMENTS = "awards:placements"


def awards_changed(**signal_arguments) -> None:
    """Mark the awards changed (a receiver of save, delete and theme changes)."""
    mark_changed(AWARDS)


def placements_changed(**signal_arguments) -> None:
    """Mark the placements changed (a receiver of a placement's save and delete)."""
    mark_changed(PLACEMENTS)


# What a placement shows of each model, as (the placements' lookup, the instance's field).
_PLACED_BY = {
    Nomination: ("nomination_id", "pk"),
    Project: ("nomination__project_id", "pk"),
    TeamMember: ("nomination__project_id", "project_id"),
}


def _placed_changed(sender, instance, **_signal_arguments) -> None:
    """Mark the placements changed when a placed nomination, its project or team changes."""
    if not settings.PAGE_CACHE_SECONDS:
        return  # Nothing is kept: no query to find whether it was placed.
    lookup, field = _PLACED_BY[sender]
    if Placement.objects.filter(**{lookup: getattr(instance, field)}).exists():
        mark_changed(PLACEMENTS)


def connect() -> None:
    for model in (Edition, Category):
        name = model._meta.model_name
        post_save.connect(awards_changed, sender=model, dispatch_uid=f"award-{name}-saved")
        post_delete.connect(awards_changed, sender=model, dispatch_uid=f"award-{name}-deleted")
    m2m_changed.connect(
        awards_changed, sender=Category.themes.through, dispatch_uid="award-category-themes"
    )
    post_save.connect(placements_changed, sender=Placement, dispatch_uid="award-placement-saved")
    post_delete.connect(placements_changed, sender=Placement, dispatch_uid="award-placement-gone")
    for model in _PLACED_BY:
        name = model._meta.model_name
        post_save.connect(_placed_changed, sender=model, dispatch_uid=f"award-placed-{name}-saved")
        post_delete.connect(_placed_changed, sender=model, dispatch_uid=f"award-placed-{name}-gone")
