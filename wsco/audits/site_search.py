"""What the site-wide search (`wsco.core.site_search`) finds in the audits: audited cities.

Only cities with a published audit are found, and they open on their public page, so a draft
audit never shows in the search. Cities are few (one per audited place), so the name is
matched directly rather than through a search index.
"""

from django.utils.translation import gettext_lazy as _

from wsco.audits.public import audited_cities, level_label
from wsco.core.search import Query
from wsco.core.site_search import Provider, Result, list_url


def find_cities(user, query: Query, limit: int) -> tuple[list[Result], int]:
    """Return the audited cities whose name holds every word of `query`."""
    cities = audited_cities()
    for word in query.terms:
        cities = cities.filter(name__icontains=word)
    total = cities.count()
    results = [
        Result(
            title=city.name,
            url=city.get_absolute_url(),
            meta=" · ".join(
                part
                for part in (
                    city.country.name,
                    str(city.latest_year or ""),
                    level_label(city.latest_level),
                )
                if part and part != "–"
            ),
            snippet="",
        )
        for city in cities.order_by("name")[:limit]
    ]
    return results, total


CITIES = Provider(
    kind="cities",
    label=_("Audited cities"),
    icon="landmark",
    find=find_cities,
    see_all=list_url("audits:cities"),
    order=60,
)
