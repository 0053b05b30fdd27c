"""The theme taxonomy as rows, and the shape every app's history of a record takes."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wsco.core.icons import THEME_ICONS
from wsco.core.themes import THEMES_BY_SLUG


class ThemeQuerySet(models.QuerySet):
    def by_slugs(self, slugs):
        """Return the themes with the given slugs."""
        return self.filter(slug__in=list(slugs))


class Theme(models.Model):
    """One of the 19 ISO 37120:2018 themes; rows are created by a migration from `themes.py`."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    clause = models.PositiveSmallIntegerField(_("ISO 37120:2018 clause"), unique=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["clause"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return str(self.name)

    @property
    def name(self):
        """Return the theme's translated name."""
        info = THEMES_BY_SLUG.get(self.slug)
        return info.name if info else self.slug

    @property
    def icon(self) -> str:
        """Return the name of the theme's icon in the sprite (`wsco.core.icons`)."""
        return THEME_ICONS.get(self.slug, "globe")


class HistoryEntry(models.Model):
    """One step in a record's history: who took it and when; subclasses say of what and what."""

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


def status_change_fields(choices):
    """Return the `from_status` and `to_status` fields of a step between a workflow's states."""
    return (
        models.CharField(
            pgettext_lazy("a step between states", "from"),
            max_length=20,
            choices=choices,
            blank=True,
        ),
        models.CharField(
            pgettext_lazy("a step between states", "to"), max_length=20, choices=choices
        ),
    )
