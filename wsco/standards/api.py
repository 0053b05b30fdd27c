"""The standards' API: the library and the register of adoptions (public, read-only).

Schemas are named `Standard...`/`Adoption...` apart from every other app's (one OpenAPI document).
"""

from datetime import date

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from wsco.accounts.auth import optional_auth
from wsco.core.links import web_url
from wsco.core.paging import Page, PageQuery, page_of
from wsco.core.text import CleanText
from wsco.standards import access, queries
from wsco.standards.models import Adoption, AdoptionStatus, Edition, Standard

router = Router(tags=["standards"])


class StandardEditionOut(Schema):
    edition: str
    year: int
    published_on: date | None
    status: str
    replaced_by: str | None
    catalogue: str = Field("", description="The audit engine's catalogue key, if any.")

    @staticmethod
    def resolve_edition(edition: Edition) -> str:
        return str(edition)

    @staticmethod
    def resolve_replaced_by(edition: Edition) -> str | None:
        return str(edition.replaced_by) if edition.replaced_by_id else None

    @staticmethod
    def resolve_catalogue(edition: Edition) -> str:
        return edition.catalogue_key


class StandardOut(Schema):
    slug: str
    reference: str
    title: str
    summary: str
    themes: list[str]
    editions: list[StandardEditionOut]
    countries: int = Field(0, description="Countries with an act adopting it.")
    url: str

    @staticmethod
    def resolve_themes(standard: Standard) -> list[str]:
        return [theme.slug for theme in standard.themes.all()]

    @staticmethod
    def resolve_editions(standard: Standard) -> list:
        return list(standard.editions.all())

    @staticmethod
    def resolve_url(standard: Standard) -> str:
        return settings.SITE_URL + standard.get_absolute_url()


class StandardPage(Page):
    items: list[StandardOut]


class AdoptionOut(Schema):
    id: int
    country: str
    region: str
    city: str | None
    title: str
    act_number: str
    act_date: date | None
    official_url: str
    standard: str
    edition: str | None
    applies_to: str
    min_population: int | None
    obligations: str
    status: str
    proposed_on: date | None
    adopted_on: date | None
    in_force_on: date | None
    amended_on: date | None
    repealed_on: date | None
    wsco_took_part: bool
    sources: list[str]
    demo_example: bool
    url: str

    @staticmethod
    def resolve_country(adoption: Adoption) -> str:
        return adoption.country.code

    @staticmethod
    def resolve_city(adoption: Adoption) -> str | None:
        return adoption.city.slug if adoption.city_id else None

    @staticmethod
    def resolve_standard(adoption: Adoption) -> str:
        return adoption.standard.slug

    @staticmethod
    def resolve_edition(adoption: Adoption) -> str | None:
        return str(adoption.edition) if adoption.edition_id else None

    @staticmethod
    def resolve_official_url(adoption: Adoption) -> str:
        return web_url(adoption.official_url)

    @staticmethod
    def resolve_sources(adoption: Adoption) -> list[str]:
        return adoption.source_list

    @staticmethod
    def resolve_demo_example(adoption: Adoption) -> bool:
        return adoption.is_demo

    @staticmethod
    def resolve_url(adoption: Adoption) -> str:
        return settings.SITE_URL + adoption.get_absolute_url()


class AdoptionPage(Page):
    items: list[AdoptionOut]


class AdoptionFilters(PageQuery):
    country: CleanText = Field("", max_length=2, description="A country's ISO 3166 code.")
    standard: CleanText = Field("", max_length=80, description="A standard's slug.")
    status: AdoptionStatus | None = Field(None, description="The act's status.")
    year: int | None = Field(None, ge=1947, le=2100, description="The year of the act.")


@router.get("/standards", response=StandardPage, auth=optional_auth)
def list_standards(request: HttpRequest, pages: Query[PageQuery]):
    """List the standards of the library, by reference, with their editions."""
    return page_of(queries.standards_with_editions(), pages)


@router.get("/standards/{slug}", response=StandardOut, auth=optional_auth)
def get_standard(request: HttpRequest, slug: CleanText):
    """Return one standard with its editions."""
    return queries.standards_with_editions().filter(pk=access.get_standard(slug).pk).get()


@router.get("/adoptions", response=AdoptionPage, auth=optional_auth)
def list_adoptions(request: HttpRequest, filters: Query[AdoptionFilters]):
    """List the acts adopting the standards, by country and date, filtered."""
    standard = None
    if filters.standard:
        standard = Standard.objects.filter(slug=filters.standard).first()
        if standard is None:
            return page_of(Adoption.objects.none(), filters)
    rows = queries.filter_adoptions(
        queries.adoptions(),
        standard=standard,
        status=filters.status or "",
        year=filters.year,
        country=filters.country.upper(),
    )
    return page_of(rows.order_by("country", "act_date", "pk"), filters)
