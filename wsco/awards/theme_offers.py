"""What the awards have on a theme (`wsco.core.theme_offers`): the categories of the current
and past editions, newest edition first.

An edition counts from the day its nominations open (an upcoming one is not shown yet); its
categories are public, so every viewer gets the same answer.
"""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wsco.awards.changes import AWARDS
from wsco.awards.models import Category
from wsco.core.theme_offers import Offer, OfferItem, everyone


def shown_categories():
    """Return the categories of the editions whose nominations have opened."""
    return Category.objects.filter(edition__nominations_open_at__lte=timezone.now())


def find_categories(themes: list[str], *, user, limit: int) -> list[OfferItem]:
    """Return the award categories on any of `themes`, newest edition first."""
    categories = (
        shown_categories()
        .filter(themes__slug__in=themes)
        .distinct()
        .select_related("edition")
        .prefetch_related("themes")
        .order_by("-edition__year", "position", "pk")[:limit]
    )
    items = []
    for category in categories:
        held = {theme.slug for theme in category.themes.all()}
        edition = category.edition
        items.append(
            OfferItem(
                title=f"{category.display_name} · {edition.year}",
                url=category.get_absolute_url(),
                text=f"{edition.display_title} · {edition.phase_label}",
                themes=tuple(slug for slug in themes if slug in held),
            )
        )
    return items


def count_categories(user) -> dict[str, int]:
    rows = (
        Category.themes.through.objects.filter(category__in=shown_categories().values("pk"))
        .values("theme__slug")
        .annotate(number=Count("category_id"))
        .order_by()
    )
    return {row["theme__slug"]: row["number"] for row in rows}


AWARD_CATEGORIES = Offer(
    name="awards",
    title=_("Awards"),
    find=find_categories,
    count=count_categories,
    count_label=lambda n: npgettext("theme figure", "award category", "award categories", n),
    icon="trophy",
    empty=_("No award category on %(themes)s yet."),
    action_label=_("See every edition of the awards"),
    action_url=lambda themes: reverse("awards:list"),
    audience=everyone,
    data_set=AWARDS,
    order=80,
)
