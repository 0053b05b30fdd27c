"""The public portfolio: published projects with filters and charts, a project's page, the feed.

The portfolio is built once per audience, language and query and served from the page cache
until a project, its money or its updates change (`wsco.core.page_cache`, data set
"projects"). A private project is never in it, whoever reads: its team reaches it from
"My projects".
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_countries import countries

from wsco.core.feeds import SafeFeed
from wsco.core.markdown import render_markdown
from wsco.core.page_cache import cached_response
from wsco.core.paging import page_for_request
from wsco.projects import charts
from wsco.projects.access import get_project_for_user, manages, works_on
from wsco.projects.forms import PortfolioForm
from wsco.projects.models import (
    PUBLIC_EVENT_KINDS,
    Decision,
    Project,
    Update,
    UpdateStatus,
)
from wsco.projects.queries import (
    budget_by_theme,
    filter_projects,
    progress_of,
    stage_counts,
)
from wsco.projects.queries import (
    portfolio as portfolio_projects,
)
from wsco.projects.services import money
from wsco.projects.services.timeline import PROJECTS

PAGE_SIZE = 24


def _audience(user) -> str:
    """Return who a cached page is for: the list is the same, the header differs."""
    if not user.is_authenticated:
        return "visitor"
    return "staff" if user.is_staff else "signed-in"


def filter_choices() -> tuple[list, list]:
    """Return the cities and countries that have a published project, for the filters."""
    cities = list(
        Project.objects.published()
        .filter(city__isnull=False)
        .order_by("city__name")
        .values_list("city__slug", "city__name")
        .distinct()
    )
    codes = set(
        Project.objects.published().exclude(city=None).values_list("city__country", flat=True)
    ) | set(
        Project.objects.published()
        .filter(city=None)
        .values_list("organization__country", flat=True)
    )
    named = sorted(((code, countries.name(code)) for code in codes if code), key=lambda p: p[1])
    return cities, named


def portfolio(request: HttpRequest) -> HttpResponse:
    """Published projects, filtered by city, country, theme, stage and funding, with charts."""

    def render_list(extra_context: dict) -> HttpResponse:
        cities, country_choices = filter_choices()
        form = PortfolioForm(request.GET or None, cities=cities, countries=country_choices)
        filters = form.filters()
        projects = filter_projects(portfolio_projects(), **filters)
        page = page_for_request(
            request, Paginator(projects.order_by("-updated_at", "pk"), PAGE_SIZE)
        )
        context = {
            "form": form,
            "page": page,
            "is_filtered": bool(filters),
            "funnel": charts.stage_funnel(stage_counts(projects)),
            "budget_chart": charts.budget_chart(budget_by_theme(projects)),
        }
        return render(request, "projects/portfolio.html", context | extra_context)

    return cached_response(
        request, data_set=PROJECTS, variant=_audience(request.user), render=render_list
    )


def project(request: HttpRequest, slug: str) -> HttpResponse:
    """A project: its stage and progress, gates passed, KPIs, money, updates and timeline.

    The public's page comes from the cache; the team and staff get theirs built for them (a
    private project, and the links to the team's pages).
    """

    def render_project(extra_context: dict) -> HttpResponse:
        found = get_project_for_user(request.user, slug)
        stages, progress = progress_of(found)
        gates = found.gates.filter(decision__in=[Decision.GO, Decision.STOP]).order_by("decided_at")
        context = {
            "project": found,
            "description": render_markdown(found.description),
            "themes": found.themes.order_by("clause"),
            "stages": stages,
            "progress": progress,
            "gates": gates,
            "kpis": charts.kpi_rows(found),
            "budget_totals": money.totals_by_currency(found.budget_lines.all()),
            "funding": found.funding.all(),
            "funding_totals": money.totals_by_currency(found.funding.all()),
            "updates": found.updates.filter(status=UpdateStatus.PUBLISHED).order_by(
                "-published_at"
            ),
            "events": found.timeline.filter(kind__in=PUBLIC_EVENT_KINDS)[:30],
            "on_team": works_on(request.user, found),
            "may_manage": manages(request.user, found),
        }
        return render(request, "projects/project.html", context | extra_context)

    if request.user.is_authenticated:
        return render_project({})
    return cached_response(request, data_set=PROJECTS, variant="visitor", render=render_project)


class UpdatesFeed(SafeFeed):
    """The published updates of published projects, newest first (Atom)."""

    def title(self):
        return _("WSCO projects: updates")

    def link(self):
        from django.urls import reverse

        return reverse("projects:portfolio")

    def description(self):
        return _("News from the smart-city projects published on the platform.")

    def items(self):
        return (
            Update.objects.filter(status=UpdateStatus.PUBLISHED, project__visibility="published")
            .select_related("project")
            .order_by("-published_at", "-pk")[:30]
        )

    def item_title(self, item: Update) -> str:
        return f"{item.project.title}: {item.title}"

    def item_description(self, item: Update) -> str:
        return render_markdown(item.body)

    def item_link(self, item: Update) -> str:
        return item.project.get_absolute_url() + f"#update-{item.pk}"

    def item_pubdate(self, item: Update):
        return item.published_at
