"""What the site-wide search (`wsco.core.site_search`) finds in the awards: editions and their
categories, and the announced winners.

Editions (one a year) and categories (a handful an edition) are few, and winners one per
category, so their names are matched directly, word by word, as the audited cities are, rather
than through a search index. Everything found is public: an edition and its categories from
the start; a winner only once its edition's results are announced (`Edition.is_announced`).
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wsco.awards.models import Award, Category, Edition, Placement
from wsco.awards.queries import NOMINEE_RELATIONS
from wsco.core.search import Query
from wsco.core.site_search import Provider, Result, excerpt

# The fields a word may be found in, per kind of row.
EDITION_FIELDS = ("title", "title_ro")
CATEGORY_FIELDS = ("name", "name_ro", "description", "description_ro")
WINNER_FIELDS = (
    "nomination__project__title",
    "nomination__profile__name",
    "nomination__organization__name",
    "nomination__city__name",
)


def _holding(query: Query, fields: tuple[str, ...]) -> Q:
    """Return the condition that every word of `query` is in one of `fields`."""
    condition = Q()
    for word in query.terms:
        either = Q()
        for name in fields:
            either |= Q(**{f"{name}__icontains": word})
        condition &= either
    return condition


def find_awards(user, query: Query, limit: int) -> tuple[list[Result], int]:
    """Return the editions and categories whose title, name or description hold `query`."""
    editions = Edition.objects.filter(_holding(query, EDITION_FIELDS)).order_by("-year")
    categories = (
        Category.objects.filter(_holding(query, CATEGORY_FIELDS))
        .select_related("edition")
        .order_by("-edition__year", "position", "pk")
    )
    total = editions.count() + categories.count()
    if not total:
        return [], 0
    results = [
        Result(
            title=edition.display_title,
            url=edition.get_absolute_url(),
            meta=edition.phase_label,
        )
        for edition in editions[:limit]
    ]
    results += [
        Result(
            title=f"{category.display_name} · {category.edition.year}",
            url=category.get_absolute_url(),
            snippet=excerpt(category.display_description, query),
            meta=category.edition.display_title,
        )
        for category in categories[: limit - len(results)]
    ]
    return results, total


def announced_winners():
    """Return the winners of the editions whose results are out."""
    return Placement.objects.filter(
        award=Award.WINNER,
        category__edition__announced_at__isnull=False,
        category__edition__announce_at__lte=timezone.now(),
    )


def find_winners(user, query: Query, limit: int) -> tuple[list[Result], int]:
    """Return the announced winners whose name (project, member, organization, city) holds it."""
    winners = (
        announced_winners()
        .filter(_holding(query, WINNER_FIELDS))
        .select_related(*[f"nomination__{name}" for name in NOMINEE_RELATIONS])
        .order_by("-category__edition__year", "category__position", "category_id")
    )
    total = winners.count()
    if not total:
        return [], 0
    results = []
    for placement in winners[:limit]:
        nomination = placement.nomination
        category = nomination.category
        results.append(
            Result(
                title=nomination.nominee_name,
                url=nomination.nominee_url or category.get_absolute_url(),
                meta=_("Winner: %(category)s, %(year)s")
                % {"category": category.display_name, "year": category.edition.year},
            )
        )
    return results, total


AWARDS = Provider(
    kind="awards",
    label=gettext_lazy("Awards"),
    icon="trophy",
    find=find_awards,
    see_all=lambda text: reverse("awards:list"),
    order=80,
)
WINNERS = Provider(
    kind="award_winners",
    label=gettext_lazy("Award winners"),
    icon="trophy",
    find=find_winners,
    see_all=lambda text: reverse("awards:list"),
    order=81,
)
