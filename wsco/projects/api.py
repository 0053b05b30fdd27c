"""The projects' API: the portfolio with the pages' filters, and one project.

Published projects for everybody; a private one only for its team and staff (a 404 for
others). Lists for callers without a session or token come from the page cache until a
project changes.
"""

from datetime import datetime
from decimal import Decimal
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from wsco.accounts.auth import optional_auth
from wsco.core.page_cache import cached_response, stored_response
from wsco.core.paging import Page, PageQuery, page_of
from wsco.core.text import CleanText
from wsco.projects.access import get_project_for_user
from wsco.projects.models import Decision, FundingKind, Project, Stage
from wsco.projects.queries import filter_projects, portfolio, progress_of
from wsco.projects.services import money
from wsco.projects.services.timeline import PROJECTS

router = Router(tags=["projects"])


class ProjectSummaryOut(Schema):
    slug: str
    title: str
    summary: str
    city: str | None
    owner: str
    country: str
    themes: list[str]
    stage: str
    status: str
    updated_at: datetime
    url: str

    @staticmethod
    def resolve_city(project: Project) -> str | None:
        return project.city.slug if project.city_id else None

    @staticmethod
    def resolve_owner(project: Project) -> str:
        return project.owner_name

    @staticmethod
    def resolve_country(project: Project) -> str:
        place = project.city if project.city_id else project.organization
        return place.country.code or ""

    @staticmethod
    def resolve_themes(project: Project) -> list[str]:
        return [theme.slug for theme in project.themes.all()]

    @staticmethod
    def resolve_url(project: Project) -> str:
        return settings.SITE_URL + project.get_absolute_url()


class ProjectMoneyOut(Schema):
    currency: str
    amount: Decimal


class ProjectKpiOut(Schema):
    indicator: str
    baseline: Decimal | None
    baseline_year: int | None
    target: Decimal
    target_year: int
    actuals: dict[int, Decimal]


class ProjectDetailOut(ProjectSummaryOut):
    description: str
    progress: int
    gates_passed: list[str]
    budget: list[ProjectMoneyOut]
    funding: list[ProjectMoneyOut]
    kpis: list[ProjectKpiOut]

    @staticmethod
    def resolve_budget(project: Project) -> list[dict]:
        return _totals(project.budget_lines.all())

    @staticmethod
    def resolve_funding(project: Project) -> list[dict]:
        return _totals(project.funding.all())

    @staticmethod
    def resolve_kpis(project: Project) -> list[dict]:
        return [
            {
                "indicator": kpi.indicator,
                "baseline": kpi.baseline,
                "baseline_year": kpi.baseline_year,
                "target": kpi.target,
                "target_year": kpi.target_year,
                "actuals": {actual.year: actual.value for actual in kpi.actuals.all()},
            }
            for kpi in project.kpis.prefetch_related("actuals")
        ]


def _totals(rows) -> list[dict]:
    """Return the totals of `rows` per currency (never added across currencies)."""
    return [
        {"currency": currency, "amount": amount}
        for currency, amount in money.totals_by_currency(rows).items()
    ]


class ProjectPageOut(Page):
    items: list[ProjectSummaryOut]


class ProjectFilters(PageQuery):
    city: CleanText = Field("", max_length=170, description="A city's slug.")
    country: CleanText = Field("", max_length=2, description="A country's ISO code (RO).")
    theme: CleanText = Field("", max_length=40, description="A theme's slug.")
    stage: Stage | None = Field(None, description="A stage.")
    funding: FundingKind | None = Field(None, description="A kind of funding.")


def _public(request: HttpRequest) -> bool:
    return not request.user.is_authenticated and "HTTP_AUTHORIZATION" not in request.META


def _stored_first(run):
    """Serve the public's stored list before django-ninja authenticates and parses the query.

    A stored list was built for the same path and query for the same audience (the public), so
    it passed both then; a caller with a session or a token goes the whole way, as ever.
    """

    @wraps(run)
    def first_from_cache(request: HttpRequest, *args, **kwargs):
        if _public(request):
            stored = stored_response(request, data_set=PROJECTS, variant="api")
            if stored is not None:
                return stored
        return run(request, *args, **kwargs)

    return first_from_cache


@router.get("/projects", response=ProjectPageOut, auth=optional_auth)
@decorate_view(_stored_first)
def list_projects(request: HttpRequest, filters: Query[ProjectFilters]):
    """List the published projects, latest changed first, filtered as the portfolio is."""

    def build() -> dict:
        projects = filter_projects(
            portfolio(),
            city=filters.city,
            country=filters.country.upper(),
            theme=filters.theme,
            stage=filters.stage.value if filters.stage else "",
            funding=filters.funding.value if filters.funding else "",
        )
        return page_of(projects.order_by("-updated_at", "pk"), filters)

    def render(_extra_context: dict) -> HttpResponse:
        from wsco.api import api  # It imports this module's router.

        data = ProjectPageOut.model_validate(build()).model_dump(mode="json")
        return api.create_response(request, data, status=200)

    if not _public(request):
        return build()
    return cached_response(request, data_set=PROJECTS, variant="api", render=render)


@router.get("/projects/{slug}", response=ProjectDetailOut, auth=optional_auth)
def get_project(request: HttpRequest, slug: CleanText):
    """Return one project the caller may see: its progress, gates passed, money and KPIs."""
    project = get_project_for_user(request.user, slug)
    _stages, project.progress = progress_of(project)
    project.gates_passed = list(
        project.gates.filter(decision=Decision.GO).values_list("stage", flat=True)
    )
    return project
