"""Reads of the members app that other places reuse: the directory, and access to its pages."""

from django.db.models import BooleanField, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wsco.core.models import Theme
from wsco.core.page_cache import kept_for_a_while
from wsco.core.search import CappedMatches, parse_query, search
from wsco.core.sorting import Sorting, SortOption
from wsco.core.themes import THEMES_BY_SLUG
from wsco.members.directory_changes import ALL, MEMBERS_LIST, PUBLIC_LIST, list_facets
from wsco.members.models import (
    JoinRequest,
    JoinRequestStatus,
    Membership,
    Organization,
    OrganizationType,
    Profile,
    Visibility,
    sees_members_only_profiles,
)

# Country lists change when someone joins from a new country: a few minutes late is fine, and
# it spares the directory a DISTINCT over every listed profile on each request.
COUNTRIES_CACHE_SECONDS = 300
# Lists count their matches up to this many; past it they say "more than 1 000" (a common
# word matches a third of the directory, and counting it all costs as much as listing it).
COUNT_LIMIT = 1000


# The directory's orders (`?sort=`). By name is what people scan a list by, and the index
# `members_profile_listed_name` gives it without sorting; the others sort the matches. People
# without an organization come last by organization, on both databases.
DIRECTORY_SORTS = Sorting(
    SortOption("name", _("Name"), ("name",)),
    SortOption("newest", _("Newest members"), ("-created_at", "-pk")),
    SortOption(
        "organization",
        _("Organization"),
        (F("organization__name").asc(nulls_last=True), "name", "pk"),
    ),
    default="name",
)


def directory_counts() -> dict[str, int]:
    """Return how many listed members, organizations with members, and countries there are."""
    listed = Profile.objects.listed()
    counts = listed.aggregate(
        members=Count("pk"),
        countries=Count("country", distinct=True),
        organizations=Count("organization", distinct=True, filter=Q(organization__isnull=False)),
    )
    return counts | {"organizations": counts["organizations"] or Organization.objects.count()}


def _themes_prefetch(lookup: str) -> Prefetch:
    return Prefetch(lookup, queryset=Theme.objects.all())


# What a card shows beside the profile and its organization: its themes.
CARD_PREFETCHES = (_themes_prefetch("themes_of_interest"), _themes_prefetch("themes_of_expertise"))


def with_card_data(profiles: QuerySet) -> QuerySet:
    """Return `profiles` with what a directory card shows fetched in a fixed number of queries."""
    return profiles.select_related("organization").prefetch_related(*CARD_PREFETCHES)


# The profile table, as the filters written in SQL name it.
PROFILES = Profile._meta.db_table


def _condition(sql: str, params: list) -> RawSQL:
    """Return a condition on the directory's profiles written as SQL.

    The directory's filters are built on every page it rebuilds: in the ORM, a theme's
    EXISTS over two tables with the theme's id as a subquery took 2.2 ms of Python to build
    and compile at 100 000 members, against the 1 ms its query takes. The SQL names the
    profile table unaliased, as the search's conditions do (`wsco.core.search`).
    """
    return RawSQL(sql, params, output_field=BooleanField())


def _with_theme(queryset: QuerySet, slug: str, *, dense: bool) -> QuerySet:
    """Narrow profiles to those with theme `slug` as an interest or as an expertise.

    With `dense` (many match, or a country narrows the rows first), each profile is probed
    on the (profile, theme) indexes as another index is walked, which stops at a page;
    otherwise the holders are gathered first, which counts fast and suits a narrow match.
    The theme's id is read once (a scalar subquery), not joined at every probe.
    """
    theme = f'(SELECT "id" FROM "{Theme._meta.db_table}" WHERE "slug" = %s)'
    holders = [
        f'SELECT "profile_id" FROM "{through._meta.db_table}" WHERE "theme_id" = {theme}'
        for through in (Profile.themes_of_interest.through, Profile.themes_of_expertise.through)
    ]
    if dense:
        # One EXISTS over both tables: two EXISTS joined by OR are run by PostgreSQL as two
        # hashes of every holder of the theme, built before the first row (5.8 ms against
        # 2.4 ms for "water" at 100 000 members).
        held = " UNION ALL ".join(f'{sql} AND "profile_id" = "{PROFILES}"."id"' for sql in holders)
        return queryset.filter(_condition(f"EXISTS ({held})", [slug, slug]))
    held = " OR ".join(f'"{PROFILES}"."id" IN ({sql})' for sql in holders)
    return queryset.filter(_condition(f"({held})", [slug, slug]))


def _with_type(queryset: QuerySet, kind: str, *, dense: bool) -> QuerySet:
    """Narrow profiles to the people of an organization of type `kind`."""
    organizations = f'SELECT "id" FROM "{Organization._meta.db_table}" WHERE "type" = %s'
    if dense:
        # Many match: each row of the name-ordered walk asks for its organization's type, so
        # that the walk stops at a page ("apa" among the city halls: 0.3 ms against 80 ms for
        # gathering the people of every city hall and sorting them).
        of_kind = f'{organizations} AND "id" = "{PROFILES}"."organization_id"'
        return queryset.filter(_condition(f"EXISTS ({of_kind})", [kind]))
    # The organizations of a type (a few hundred rows) as a set each row is looked up in:
    # cheaper than joining every profile to its organization before the other filters.
    of_kind = f'"{PROFILES}"."organization_id" IN ({organizations})'
    return queryset.filter(_condition(of_kind, [kind]))


def directory_profiles(
    user,
    *,
    q: str = "",
    theme: str = "",
    type: str = "",
    country: str = "",
    sort: str = "",
    dense: bool = False,
) -> QuerySet:
    """Return the profiles `user` may see that match the directory's search and filters.

    The order is `sort`'s (`DIRECTORY_SORTS`; anything else: by name), searched or not: never
    by relevance, which would have to score every match of a common word, a third of the
    directory for "energy". Say `dense` when more than `COUNT_LIMIT` match: the same rows,
    found by a plan that stops at a page. The profiles come with their organization; the
    cards fetch the themes only for those they render (`cards.cached_per_profile`).
    """
    profiles = Profile.objects.visible_to(user)
    if theme:
        # A country narrows the list to an eighth, walked by its index in name order: probing
        # each of those rows for the theme beats gathering the theme's holders (a sixth of
        # the directory) and looking each one up.
        profiles = _with_theme(profiles, theme, dense=dense or bool(country))
    if type:
        profiles = _with_type(profiles, type, dense=dense)
    if country:
        profiles = profiles.filter(country=country)
    profiles = profiles.order_by(*DIRECTORY_SORTS.choose(sort).order_by)
    narrowed = bool(type or country)
    return search(profiles, q, dense=dense, narrowed=narrowed).select_related("organization")


def directory_matches(user, *, sort: str = "", **filters) -> CappedMatches:
    """Return the directory's matches for `user` and `filters`, counted up to `COUNT_LIMIT`.

    The directory page and `/api/v1/members` take their pages from it: the plan for many
    matches once they pass the limit (`dense`), and the unfiltered list, the whole directory,
    counted rather than read (`many`). That a match passed the limit is kept under its name
    (`_match_name`), so that rebuilt pages do not count it again.
    """
    return CappedMatches(
        lambda: directory_profiles(user, sort=sort, **filters),
        COUNT_LIMIT,
        dense=lambda: directory_profiles(user, sort=sort, dense=True, **filters),
        many=not filters,
        remember=_match_name(user, **filters),
    )


def _match_name(user, *, q: str = "", theme: str = "", type: str = "", country: str = "") -> str:
    """Return a name for the profiles `directory_profiles` matches, whatever their order: the
    list `user` sees (public profiles, or the members-only ones too), the filters and the
    words looked up."""
    shown = "members" if sees_members_only_profiles(user) else "public"
    words = " ".join(parse_query(q).terms)
    return f"members:{shown}:{theme}:{type}:{country}:{words}"


def unseen_members_count(user) -> int:
    """Return how many listed members `user` does not see: those visible to members only.

    The home page counts every listed member; a visitor sees only the public profiles. The
    index on (is_member, visibility, name) answers the count without reading the table; 0 for
    those who see them all.
    """
    if sees_members_only_profiles(user):
        return 0
    # Counted at most every few minutes, as the countries are: a rough figure in a note,
    # against a count of a third of the directory on every rebuilt page.
    return kept_for_a_while(
        "members:unseen-count",
        COUNTRIES_CACHE_SECONDS,
        lambda: Profile.objects.filter(is_member=True, visibility=Visibility.MEMBERS).count(),
    )


def directory_audience(user) -> str:
    """Return who `user` is to the directory's cached pages: all that makes theirs differ.

    What a page lists depends on whether members-only profiles show; its header and buttons
    on whether someone is signed in and is staff.
    """
    if not user.is_authenticated:
        return "visitor"
    if user.is_staff:
        return "staff"
    return "member" if sees_members_only_profiles(user) else "signed-in"


def directory_list_facets(user, query, *, countries=None) -> list[str]:
    """Return the facets of the directory's cached list page for `query` (its GET parameters).

    One per filter the page applies (`directory_changes.list_facets`). A filter value the page
    would drop as invalid leaves the page unfiltered in that dimension, so it depends on
    `ALL` as well: the page then ends with every change, as an unfiltered page does.
    `countries`: the country codes the filter accepts (by default the visible members').
    """
    valid = {
        "theme": lambda: THEMES_BY_SLUG.keys(),
        "type": lambda: OrganizationType.values,
        "country": lambda: directory_countries(user) if countries is None else countries,
    }
    filters, dropped = {}, False
    for dimension, allowed in valid.items():
        value = query.get(dimension, "")
        if value and value in allowed():
            filters[dimension] = value
        elif value:
            dropped = True
    shown_list = MEMBERS_LIST if sees_members_only_profiles(user) else PUBLIC_LIST
    facets = list_facets(shown_list, filters)
    return [*facets, ALL] if dropped and ALL not in facets else facets


def directory_countries(user) -> list[str]:
    """Return the codes of the countries of the listed members `user` may see."""
    # Two audiences see two lists (as `ProfileQuerySet.visible_to` decides): cache both.
    key = "members:directory-countries:" + (
        "members" if sees_members_only_profiles(user) else "public"
    )
    return kept_for_a_while(
        key,
        COUNTRIES_CACHE_SECONDS,
        lambda: sorted(
            Profile.objects.visible_to(user).order_by().values_list("country", flat=True).distinct()
        ),
    )


def listed_organizations() -> QuerySet:
    """Return the organizations with a current membership or at least one listed person."""
    return Organization.objects.filter(
        Exists(Profile.objects.listed().filter(organization=OuterRef("pk")))
        | Exists(Membership.objects.current().filter(organization=OuterRef("pk")))
    )


def directory_organizations(*, q: str = "", type: str = "", country: str = "") -> QuerySet:
    """Return the listed organizations that match the search and filters, by name."""
    organizations = listed_organizations()
    if type:
        organizations = organizations.filter(type=type)
    if country:
        organizations = organizations.filter(country=country)
    return search(organizations, q).prefetch_related(_themes_prefetch("themes"))


def organization_countries() -> list[str]:
    """Return the codes of the countries of listed organizations."""
    return kept_for_a_while(
        "members:organization-countries",
        COUNTRIES_CACHE_SECONDS,
        lambda: sorted(
            listed_organizations().order_by().values_list("country", flat=True).distinct()
        ),
    )


def organization_people(organization: Organization, user) -> QuerySet:
    """Return the people of `organization` that `user` may see in the directory."""
    return with_card_data(Profile.objects.visible_to(user).filter(organization=organization))


def get_profile_for_user(user, pk: int, *, include_own: bool = True) -> Profile:
    """Return the profile `pk` if `user` may see it in the directory, or raise Http404.

    With `include_own`, a person also reaches their own profile when it is not listed (to see
    it as others will). Staff see hidden profiles only in the admin.
    """
    profiles = with_card_data(Profile.objects.select_related("user"))
    own = Q(user=user) if include_own and user.is_authenticated else Q(pk__in=[])
    visible = Profile.objects.visible_to(user).filter(pk=OuterRef("pk"))
    found = profiles.filter(own | Exists(visible), pk=pk).first()
    if found is None:
        raise Http404
    return found


def get_organization_for_user(user, slug: str) -> Organization:
    """Return the organization `slug` if it is listed, or `user` may edit it; else Http404."""
    organization = Organization.objects.prefetch_related("themes").filter(slug=slug).first()
    if organization is None:
        raise Http404
    if listed_organizations().filter(pk=organization.pk).exists():
        return organization
    if can_edit_organization(user, organization):
        return organization
    raise Http404


def can_edit_organization(user, organization: Organization) -> bool:
    """Say whether `user` may edit `organization`: staff, or its membership's administrator."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return (
        Membership.objects.current().filter(organization=organization, profile__user=user).exists()
    )


def requests_to_decide(user) -> QuerySet:
    """Return the pending requests to join that `user` decides: all of them for staff, else
    those of the organizations whose current membership they administer."""
    pending = JoinRequest.objects.filter(status=JoinRequestStatus.PENDING)
    if not user.is_staff:
        administered = Membership.objects.current().filter(
            organization=OuterRef("organization"), profile__user=user
        )
        pending = pending.filter(Exists(administered))
    # The page shows each person by `people.show`, which reads their organization too.
    return pending.select_related(
        "profile__user", "profile__organization", "organization"
    ).order_by("created_at", "pk")
