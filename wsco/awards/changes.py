"""The awards' data set of the page cache: the pages that list award categories (a theme's page)
are built again after any change to an edition, a category or a category's themes. A phase
changes with the clock, not a write: the theme pages' own cache bounds how late it shows."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from wsco.awards.models import Category, Edition
from wsco.core.page_cache import mark_changed

AWARDS = "awards"


def awards_changed(**signal_arguments) -> None:
    """Mark the awards changed (a receiver of save, delete and theme changes)."""
    mark_changed(AWARDS)


def connect() -> None:
    for model in (Edition, Category):
        name = model._meta.model_name
        post_save.connect(awards_changed, sender=model, dispatch_uid=f"award-{name}-saved")
        post_delete.connect(awards_changed, sender=model, dispatch_uid=f"award-{name}-deleted")
    m2m_changed.connect(
        awards_changed, sender=Category.themes.through, dispatch_uid="award-category-themes"
    )
