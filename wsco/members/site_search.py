"""What the site-wide search (`wsco.core.site_search`) finds in the members app.

People are found among the profiles the searcher may see in the directory
(`ProfileQuerySet.visible_to`: a visitor never finds a hidden or members-only profile) and are
shown through `wsco.members.people`; organizations among the listed ones, as in the directory.
Both come by name, as the directory lists them, and a common word is served by the plan that
stops at a page (`dense`), as there.
"""

from django.utils.translation import gettext_lazy as _

from wsco.core.search import Query
from wsco.core.site_search import Provider, Result, excerpt, first_matches, list_url
from wsco.members import people, queries
from wsco.members.models import Profile


def _line(*parts) -> str:
    return " · ".join(str(part) for part in parts if part)


def find_people(user, query: Query, limit: int) -> tuple[list[Result], int]:
    """Return the people `user` may see in the directory whose profile holds `query`."""
    found, total = first_matches(
        Profile.objects.visible_to(user).select_related("organization"), query, limit
    )
    results = []
    for profile in found:
        person = people.show(profile, user)
        organization = person.organization.name if person.organization else ""
        results.append(
            Result(
                title=person.name,
                url=person.profile_url,
                meta=_line(person.title, organization, person.city, person.country_name),
                snippet=excerpt(person.bio, query),
            )
        )
    return results, total


def find_organizations(user, query: Query, limit: int) -> tuple[list[Result], int]:
    """Return the listed organizations whose description, place or themes hold `query`."""
    found, total = first_matches(queries.listed_organizations(), query, limit)
    results = [
        Result(
            title=organization.name,
            url=organization.get_absolute_url(),
            meta=_line(
                organization.get_type_display(), organization.city, organization.country.name
            ),
            snippet=excerpt(organization.description, query),
        )
        for organization in found
    ]
    return results, total


PEOPLE = Provider(
    kind="people",
    label=_("People"),
    icon="user",
    find=find_people,
    see_all=list_url("members:directory"),
    order=10,
)
ORGANIZATIONS = Provider(
    kind="organizations",
    label=_("Organizations"),
    icon="building",
    find=find_organizations,
    see_all=list_url("members:organizations"),
    order=20,
)
