"""What the members app has on a theme (`wsco.core.theme_offers`): the organizations on it.

The organizations are the listed ones (a current membership or a listed person), whose page
opens for everyone, so every viewer gets the same answer.
"""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wsco.core import avatars
from wsco.core.theme_offers import Offer, OfferItem, everyone
from wsco.members.directory_changes import DIRECTORY
from wsco.members.models import Organization
from wsco.members.queries import listed_organizations

ORGANIZATION_THEMES = Organization.themes.through


def _place(organization: Organization) -> str:
    country = str(organization.country.name) if organization.country else ""
    return ", ".join(part for part in (organization.city, country) if part)


def find_organizations(themes: list[str], *, user, limit: int) -> list[OfferItem]:
    """Return the listed organizations working on any of `themes`, by name."""
    on_themes = ORGANIZATION_THEMES.objects.filter(theme__slug__in=themes).values("organization_id")
    organizations = (
        listed_organizations()
        .filter(pk__in=on_themes)
        .prefetch_related("themes")
        .order_by("name", "pk")[:limit]
    )
    return [
        OfferItem(
            title=organization.name,
            url=organization.get_absolute_url(),
            text=" · ".join(
                part for part in (organization.get_type_display(), _place(organization)) if part
            ),
            image=organization.logo.url if organization.logo else "",
            initials=avatars.initials(organization.name),
            tone=avatars.tone(f"organization:{organization.pk}"),
            themes=tuple(theme.slug for theme in organization.themes.all() if theme.slug in themes),
        )
        for organization in organizations
    ]


def count_organizations(user) -> dict[str, int]:
    """Return, per theme, how many listed organizations work on it."""
    rows = (
        ORGANIZATION_THEMES.objects.filter(organization__in=listed_organizations())
        .values("theme__slug")
        .annotate(number=Count("organization_id"))
        .order_by()
    )
    return {row["theme__slug"]: row["number"] for row in rows}


ORGANIZATIONS = Offer(
    name="organizations",
    title=_("Organizations working on it"),
    find=find_organizations,
    count=count_organizations,
    count_label=lambda n: npgettext("theme figure", "organization", "organizations", n),
    icon="building",
    empty=_("No organization has said it works on %(themes)s yet."),
    action_label=_("Browse the organizations"),
    action_url=lambda themes: reverse("members:organizations"),
    audience=everyone,
    data_set=DIRECTORY,
    order=20,
)
