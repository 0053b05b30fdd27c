"""The audits' API: audited cities, audits and their results (open data, CC BY 4.0).

Published audits are there for everybody; an unpublished one only for those who may read it
(`access.readable_audits`: its team, the city's officials, staff). Lists of published figures
for callers without a session or token come from the page cache until the next publication.
"""

from datetime import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from wsco.accounts.auth import optional_auth
from wsco.audits.access import get_audit_for_user, get_city, readable_audits
from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.models import Audit, City
from wsco.audits.public import audited_cities, level_label
from wsco.audits.services.benchmarks import AUDITS
from wsco.core.ids import Id
from wsco.core.page_cache import cached_response, stored_response
from wsco.core.paging import Page, PageQuery, page_of
from wsco.core.text import CleanText

router = Router(tags=["audits"])


class CityOut(Schema):
    slug: str
    name: str
    country: str
    region: str
    population: int | None
    latest_year: int | None = None
    latest_level: str = ""
    url: str

    @staticmethod
    def resolve_country(city: City) -> str:
        return city.country.code

    @staticmethod
    def resolve_latest_level(city: City) -> str:
        level = getattr(city, "latest_level", "") or ""
        return "" if level_label(level) == "–" else level

    @staticmethod
    def resolve_url(city: City) -> str:
        return settings.SITE_URL + city.get_absolute_url()


class AuditOut(Schema):
    id: int
    city: str
    city_name: str
    year: int
    editions: list[str]
    version: int
    status: str
    level: str
    levels: dict[str, str]
    published_at: datetime | None
    index: float | None = None
    rank: int | None = None
    rank_low: int | None = None
    rank_high: int | None = None
    url: str

    @staticmethod
    def resolve_city(audit: Audit) -> str:
        return audit.city.slug

    @staticmethod
    def resolve_city_name(audit: Audit) -> str:
        return audit.city.name

    @staticmethod
    def resolve_editions(audit: Audit) -> list[str]:
        return audit.edition_list

    @staticmethod
    def resolve_level(audit: Audit) -> str:
        return "" if level_label(audit.level) == "–" else audit.level

    @staticmethod
    def _score(audit: Audit, name: str):
        score = getattr(audit, "score", None) if audit.is_published else None
        return getattr(score, name) if score is not None else None

    @staticmethod
    def resolve_index(audit: Audit):
        return AuditOut._score(audit, "index")

    @staticmethod
    def resolve_rank(audit: Audit):
        return AuditOut._score(audit, "rank")

    @staticmethod
    def resolve_rank_low(audit: Audit):
        return AuditOut._score(audit, "rank_low")

    @staticmethod
    def resolve_rank_high(audit: Audit):
        return AuditOut._score(audit, "rank_high")

    @staticmethod
    def resolve_url(audit: Audit) -> str:
        return settings.SITE_URL + audit.get_absolute_url()


class CityDetail(CityOut):
    area_km2: float | None
    audits: list[AuditOut]

    @staticmethod
    def resolve_area_km2(city: City) -> float | None:
        return float(city.area_km2) if city.area_km2 is not None else None

    @staticmethod
    def resolve_audits(city: City) -> list:
        return city.audits_shown


class IndicatorResultOut(Schema):
    indicator: str
    name: str
    theme: str
    value: float | None
    unit: str
    status: str


class AuditResultsOut(Schema):
    """An audit's results: every indicator of its editions (a bounded list, not paged)."""

    audit: int
    license: str = "CC-BY-4.0"
    results: list[IndicatorResultOut]


class CityPage(Page):
    items: list[CityOut]


class AuditPage(Page):
    items: list[AuditOut]


class AuditFilters(PageQuery):
    city: CleanText = Field("", max_length=170, description="A city's slug.")
    year: int | None = Field(None, ge=1990, le=2100, description="A data year.")


def _public(request: HttpRequest) -> bool:
    """Say whether the caller sees only what is published (no session, no token)."""
    return not request.user.is_authenticated and "HTTP_AUTHORIZATION" not in request.META


def _stored(request: HttpRequest) -> HttpResponse | None:
    """Return the public's stored answer for this path before any query, or None.

    Only published audits' answers are stored for the public, and a published audit stays
    published (a correction is a new version), so a stored answer needs no check again.
    """
    if not _public(request):
        return None
    return stored_response(request, data_set=AUDITS, variant="api")


def _json(request: HttpRequest, schema, build) -> HttpResponse:
    """Return `build()` as JSON through `schema`, from the page cache for the public."""

    def render(_extra_context: dict) -> HttpResponse:
        from wsco.api import api  # It imports this module's router.

        data = schema.model_validate(build()).model_dump(mode="json")
        return api.create_response(request, data, status=200)

    if not _public(request):
        return render({})
    return cached_response(request, data_set=AUDITS, variant="api", render=render)


@router.get("/cities", response=CityPage, auth=optional_auth)
def list_cities(request: HttpRequest, pages: Query[PageQuery]):
    """List the audited cities (with a published audit), by name, with their latest level."""
    return _json(request, CityPage, lambda: page_of(audited_cities().order_by("name"), pages))


@router.get("/cities/{slug}", response=CityDetail, auth=optional_auth)
def get_city_detail(request: HttpRequest, slug: CleanText):
    """Return a city's facts and the audits of it the caller may read, newest first."""
    city = get_city(slug)
    audits = list(
        readable_audits(request.user)
        .filter(city=city)
        .select_related("score")
        .order_by("-year", "-version")
    )
    published = [audit for audit in audits if audit.is_published]
    city.latest_year = published[0].year if published else None
    city.latest_level = published[0].level if published else ""
    city.audits_shown = audits
    return city


@router.get("/audits", response=AuditPage, auth=optional_auth)
def list_audits(request: HttpRequest, filters: Query[AuditFilters]):
    """List the audits the caller may read: published ones, and their own team's; staff all."""

    def build():
        audits = readable_audits(request.user).select_related("score")
        if filters.city:
            audits = audits.filter(city__slug=filters.city)
        if filters.year:
            audits = audits.filter(year=filters.year)
        return page_of(audits.order_by("-year", "city__name", "-version", "pk"), filters)

    return _json(request, AuditPage, build)


@router.get("/audits/{int:audit_id}", response=AuditOut, auth=optional_auth)
def get_audit(request: HttpRequest, audit_id: Id):
    """Return one audit, if the caller may read it (404 otherwise)."""
    audit = get_audit_for_user(request.user, audit_id)
    return Audit.objects.select_related("city", "score").get(pk=audit.pk)


@router.get("/audits/{int:audit_id}/results", response=AuditResultsOut, auth=optional_auth)
def get_results(request: HttpRequest, audit_id: Id):
    """Return each indicator of the audit as the engine worked it out: value, unit, status."""
    stored = _stored(request)
    if stored is not None:
        return stored
    audit = get_audit_for_user(request.user, audit_id)

    def build():
        catalogue = load_catalogue().indicators
        rows = []
        for indicator, theme, value, outcome in audit.results.order_by("indicator").values_list(
            "indicator", "theme", "value", "outcome"
        ):
            known = catalogue.get(indicator)
            rows.append(
                {
                    "indicator": indicator,
                    "name": known.name if known else "",
                    "theme": theme,
                    "value": value,
                    "unit": known.unit if known else "",
                    "status": outcome,
                }
            )
        return {"audit": audit.pk, "results": rows}

    if not audit.is_published:
        return build()
    return _json(request, AuditResultsOut, build)
