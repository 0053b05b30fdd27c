"""The members API: the directory's members and organizations, as the pages show them.

The same visibility rules as the pages: visitors see public profiles of current members;
members and staff also members-only ones. No email address or phone number is ever returned.
"""

import re
from functools import wraps
from typing import Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import ValidationError

from wsco.accounts.auth import optional_auth
from wsco.core.ids import Id
from wsco.core.links import web_url
from wsco.core.page_cache import cached_response, stored_response
from wsco.core.paging import Page, PageQuery, page_of
from wsco.core.search import CappedMatches
from wsco.core.text import CleanText
from wsco.core.themes import THEMES
from wsco.members import people, queries
from wsco.members.cards import KEY_COLUMNS, cached_per_profile
from wsco.members.directory_changes import ALL, DIRECTORY_LISTS
from wsco.members.forms.profiles import DirectoryFilterForm
from wsco.members.models import Organization, OrganizationType, Profile

router = Router(tags=["members"])
COUNTRY_CODE = re.compile("[A-Z]{2}")


class ThemeOut(Schema):
    slug: str
    name: str

    @staticmethod
    def resolve_name(theme) -> str:
        return str(theme.name)


class OrganizationSummary(Schema):
    slug: str
    name: str
    type: str


def _shown(profile: Profile, context) -> people.Person:
    """Return what of `profile` the caller may see (the lists hold only profiles they may)."""
    return people.show(profile, context["request"].user)


class MemberOut(Schema):
    id: int
    name: str
    title: str
    organization: OrganizationSummary | None
    city: str
    country: str
    photo: str | None
    themes_of_interest: list[ThemeOut]
    themes_of_expertise: list[ThemeOut]
    url: str

    @staticmethod
    def resolve_country(profile: Profile) -> str:
        return profile.country.code

    @staticmethod
    def resolve_photo(profile: Profile, context) -> str | None:
        return _shown(profile, context).photo_url or None

    @staticmethod
    def resolve_themes_of_interest(profile: Profile) -> list:
        return list(profile.themes_of_interest.all())

    @staticmethod
    def resolve_themes_of_expertise(profile: Profile) -> list:
        return list(profile.themes_of_expertise.all())

    @staticmethod
    def resolve_url(profile: Profile) -> str:
        return settings.SITE_URL + profile.get_absolute_url()


class MemberDetail(MemberOut):
    languages: list[str]
    bio: str
    offers: str
    looks_for: str
    website: str

    @staticmethod
    def resolve_bio(profile: Profile, context) -> str:
        return _shown(profile, context).bio

    @staticmethod
    def resolve_website(profile: Profile, context) -> str:
        return web_url(_shown(profile, context).website)


class OrganizationOut(Schema):
    slug: str
    name: str
    type: str
    country: str
    city: str
    website: str
    logo: str | None
    themes: list[ThemeOut]
    url: str

    @staticmethod
    def resolve_country(organization: Organization) -> str:
        return organization.country.code

    @staticmethod
    def resolve_website(organization: Organization) -> str:
        return web_url(organization.website)

    @staticmethod
    def resolve_logo(organization: Organization) -> str | None:
        return organization.logo.url if organization.logo else None

    @staticmethod
    def resolve_themes(organization: Organization) -> list:
        return list(organization.themes.all())

    @staticmethod
    def resolve_url(organization: Organization) -> str:
        return settings.SITE_URL + organization.get_absolute_url()


class OrganizationDetail(OrganizationOut):
    description: str


class DirectoryPage(Page):
    count: int = Field(description="How many match, counted up to 1 000 (see count_is_capped).")
    count_is_capped: bool = Field(description="True when more than `count` match.")


class MemberPage(DirectoryPage):
    items: list[MemberOut]


class OrganizationPage(DirectoryPage):
    items: list[OrganizationOut]


# What the directory's filter form takes, so that the OpenAPI document says it.
SEARCH_MAX_LENGTH = DirectoryFilterForm.base_fields["q"].max_length
ThemeSlug = Literal[("", *(theme.slug for theme in THEMES))]
OrganizationTypeValue = Literal[("", *OrganizationType.values)]


class OrganizationFilters(PageQuery):
    q: CleanText = Field(
        "",
        max_length=SEARCH_MAX_LENGTH,
        description="Words to find (ANDed); words under 3 letters are ignored.",
    )
    type: OrganizationTypeValue = Field("", description="An organization type.")
    country: CleanText = Field("", max_length=2, description="An ISO 3166-1 alpha-2 country code.")


DirectorySort = Literal[tuple(queries.DIRECTORY_SORTS.keys())]


class MemberFilters(OrganizationFilters):
    theme: ThemeSlug = Field("", description="A theme slug, as an interest or an expertise.")
    sort: DirectorySort = Field(
        "name",
        description="The order: by name, the newest members first, or by organization "
        "(people without one last).",
    )


def _checked_filters(filters: Schema, *, with_theme: bool) -> dict[str, str]:
    """Validate the filters with the directory's form; a bad value is a 422 naming the field."""
    data = filters.dict(exclude={*PageQuery.model_fields, "sort"})
    form = DirectoryFilterForm(data, country_codes=[data["country"]], with_theme=with_theme)
    if not form.is_valid():
        raise ValidationError(
            [
                {"type": error.code or "invalid", "loc": ["query", field], "msg": error.messages[0]}
                for field, errors in form.errors.as_data().items()
                for error in errors
            ]
        )
    return {name: value for name, value in form.cleaned_data.items() if value}


def _page(rows, filters: PageQuery, *, columns=()) -> dict:
    """Return one page of `rows` (a QuerySet, or `search.CappedMatches`), counted up to the
    limit. `columns`: read only these of the page's rows (as `values_list`)."""
    matches = rows if isinstance(rows, CappedMatches) else CappedMatches(rows, queries.COUNT_LIMIT)
    found = matches.rows()
    page = page_of(found.values_list(*columns) if columns else found, filters, count=matches.count)
    return page | {"count_is_capped": matches.is_capped}


def _variant(request: HttpRequest) -> str:
    return f"api:{queries.directory_audience(request.user)}"


def _facets(request: HttpRequest) -> list[str]:
    """Return the facets of the cached list at this path (the organizations': `ALL`)."""
    if not request.path.endswith("/members"):
        return [ALL]
    # The API filters on any country code given; one no member has lists nobody, until one has.
    country = request.GET.get("country", "")
    countries = [country] if COUNTRY_CODE.fullmatch(country) else []
    return queries.directory_list_facets(request.user, request.GET, countries=countries)


def _member_items(request: HttpRequest, profiles) -> list[dict]:
    """Return each profile as `MemberOut`, each kept until what it shows changes (as cards are).

    Reading a profile through the schema's resolvers costs more than the rest of a page.
    """
    context = {"request": request}
    return cached_per_profile(
        request,
        profiles,
        kind="api-member",
        render=lambda profile: MemberOut.model_validate(profile, context=context).model_dump(),
    )


def _cached_page(
    request: HttpRequest, schema: type[DirectoryPage], build, items=None
) -> HttpResponse:
    """Return `build()`'s page as JSON, from the cache while what it lists has not changed.

    The filters are checked in `build`: a path the cache holds was checked when it was built.
    `items(request, rows)`, if given, turns the page's rows into the schema's items.
    """

    def render_page(_extra_context: dict) -> HttpResponse:
        from wsco.api import api  # It imports this module's router.

        page = build()
        rows = page["items"]
        context = {"request": request}
        if items is None:
            data = schema.model_validate(page, context=context).model_dump()
        else:
            data = schema.model_validate(page | {"items": []}, context=context).model_dump()
            data["items"] = items(request, rows)
        return api.create_response(request, data, status=200)

    return cached_response(
        request,
        data_set=DIRECTORY_LISTS,
        variant=_variant(request),
        render=render_page,
        facets=_facets(request),
    )


def _stored_first(run):
    """Serve a page the cache holds before django-ninja authenticates and parses the query.

    A stored page was built for the same path by the same audience, so it passed both checks
    then. What they cost (about 0.2 ms) is near half of a cached request's time; a miss pays
    one more cache round trip instead, beside the tens of milliseconds of building the page.
    A caller with a token is looked up by the endpoint's own authentication, as ever.
    """

    @wraps(run)
    def first_from_cache(request: HttpRequest, *args, **kwargs):
        if "HTTP_AUTHORIZATION" not in request.META:
            stored = stored_response(
                request,
                data_set=DIRECTORY_LISTS,
                variant=_variant(request),
                facets=_facets(request),
            )
            if stored is not None:
                return stored
        return run(request, *args, **kwargs)

    return first_from_cache


def _members_page(request: HttpRequest, filters: MemberFilters) -> dict:
    checked = _checked_filters(filters, with_theme=True)
    # The page's rows as their cards' keys: the items are kept (`_member_items`), and only
    # those missing read their profiles whole.
    matches = queries.directory_matches(request.user, sort=filters.sort, **checked)
    return _page(matches, filters, columns=KEY_COLUMNS)


@router.get("/members", response=MemberPage, auth=optional_auth)
@decorate_view(_stored_first)
def list_members(request: HttpRequest, filters: Query[MemberFilters]):
    """List the members the caller may see, filtered and searched like the directory."""
    return _cached_page(
        request, MemberPage, lambda: _members_page(request, filters), items=_member_items
    )


@router.get("/members/{int:member_id}", response=MemberDetail, auth=optional_auth)
def get_member(request: HttpRequest, member_id: Id):
    """Return one member's profile, if the caller may see it (404 otherwise)."""
    return queries.get_profile_for_user(request.user, member_id, include_own=False)


@router.get("/organizations", response=OrganizationPage, auth=optional_auth)
@decorate_view(_stored_first)
def list_organizations(request: HttpRequest, filters: Query[OrganizationFilters]):
    """List the organizations with members, filtered and searched like the directory."""
    return _cached_page(
        request,
        OrganizationPage,
        lambda: _page(
            queries.directory_organizations(**_checked_filters(filters, with_theme=False)),
            filters,
        ),
    )


@router.get("/organizations/{slug}", response=OrganizationDetail, auth=optional_auth)
def get_organization(request: HttpRequest, slug: CleanText):
    """Return one listed organization."""
    return queries.get_organization_for_user(request.user, slug)
