"""What the standards library has on a theme (`wsco.core.theme_offers`): the standards on it.

The library is public, so every viewer sees the same standards.
"""

from django.db.models import Count
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wsco.core.theme_offers import Offer, OfferItem, everyone
from wsco.standards.models import Standard
from wsco.standards.services import STANDARDS

SUMMARY_WORDS = 30
STANDARD_THEMES = Standard.themes.through


def find_standards(themes: list[str], *, user, limit: int) -> list[OfferItem]:
    """Return the standards on any of `themes`, by reference."""
    on_themes = STANDARD_THEMES.objects.filter(theme__slug__in=themes).values("standard_id")
    rows = Standard.objects.filter(pk__in=on_themes).prefetch_related("themes")
    return [
        OfferItem(
            title=f"{standard.reference}: {standard.title}",
            url=standard.get_absolute_url(),
            text=Truncator(standard.summary).words(SUMMARY_WORDS),
            themes=tuple(
                slug for slug in themes if slug in {theme.slug for theme in standard.themes.all()}
            ),
        )
        for standard in rows[:limit]
    ]


def count_standards(user) -> dict[str, int]:
    """Return, per theme, how many standards are on it."""
    rows = STANDARD_THEMES.objects.values("theme__slug").annotate(number=Count("pk")).order_by()
    return {row["theme__slug"]: row["number"] for row in rows}


STANDARDS_OFFER = Offer(
    name="standards",
    title=_("Standards"),
    find=find_standards,
    count=count_standards,
    count_label=lambda n: npgettext("theme figure", "standard", "standards", n),
    icon="landmark",
    empty=_("No standard in the library is on %(themes)s yet."),
    action_label=_("See the standards library"),
    action_url=lambda themes: reverse("standards:standards"),
    audience=everyone,
    data_set=STANDARDS,
    order=60,
)
