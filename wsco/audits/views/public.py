"""Public pages of the audits: the audited cities, a city, a comparison and the rankings.

Lists of published figures are built once and served from the page cache until an audit is
published or a city changes (`wsco.core.page_cache`, data set "audits").
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import ngettext

from wsco.audits import charts
from wsco.audits.access import get_city, readable_audits
from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.models import City, IndicatorResult, ThemeScore
from wsco.audits.public import (
    audited_cities,
    audited_countries,
    filter_cities,
    latest_published,
    level_label,
    ranked_years,
    rankings,
    theme_name,
    theme_rankings,
)
from wsco.audits.public_forms import CityFilterForm, CompareForm, RankingForm
from wsco.audits.services.benchmarks import AUDITS
from wsco.core.page_cache import cached_response
from wsco.core.paging import page_for_request
from wsco.core.themes import THEMES

CITIES_PAGE_SIZE = 24
# The indicators a city's page follows over the years, when the city reports them.
HEADLINE_INDICATORS = [
    "ISO37120:2018/5.1",  # unemployment rate
    "ISO37120:2018/12.1",  # average life expectancy
    "ISO37120:2018/15.1",  # violent crime rate
    "ISO37120:2018/16.1",  # municipal solid waste collected
]
HEADLINES_SHOWN = 3
# The audited cities named under the comparison's form, as a reminder of their keys.
CHOICES_SHOWN = 60


def _audience(user) -> str:
    """Return who a cached page is for: the lists are the same, the header differs."""
    if not user.is_authenticated:
        return "visitor"
    return "staff" if user.is_staff else "signed-in"


def cities(request: HttpRequest) -> HttpResponse:
    """The audited cities with their latest level: search by name, filter, pages."""

    def render_list(extra_context: dict) -> HttpResponse:
        form = CityFilterForm(
            request.GET or None, country_codes=[c for c, _n in audited_countries()]
        )
        filters = form.filters()
        rows = filter_cities(audited_cities(), **filters).order_by("name")
        page = page_for_request(request, Paginator(rows, CITIES_PAGE_SIZE))
        for city in page.object_list:
            city.level_text = level_label(city.latest_level)
        context = {"form": form, "page": page, "is_filtered": bool(filters)}
        return render(request, "audits/cities.html", context | extra_context)

    return cached_response(
        request, data_set=AUDITS, variant=_audience(request.user), render=render_list
    )


def _headlines(place: City, audits) -> list:
    """Return trend charts of the headline indicators the city has in two published years."""
    published = [audit.pk for audit in audits if audit.is_published]
    counted = {}
    for key in IndicatorResult.objects.filter(
        audit_id__in=published, indicator__in=HEADLINE_INDICATORS, value__isnull=False
    ).values_list("indicator", flat=True):
        counted[key] = counted.get(key, 0) + 1
    chosen = [key for key in HEADLINE_INDICATORS if counted.get(key, 0) > 1][:HEADLINES_SHOWN]
    return list(charts.trend_charts(place, chosen).values())


def _city_lead(place: City) -> str:
    """Return the line under a city's name: country, region, inhabitants."""
    parts = [str(place.country.name), place.region]
    if place.population:
        parts.append(
            ngettext("%(count)s inhabitant", "%(count)s inhabitants", place.population)
            % {"count": number_format(place.population, force_grouping=True)}
        )
    return " · ".join(part for part in parts if part)


def city(request: HttpRequest, slug: str) -> HttpResponse:
    """A city's facts and the audits of it the reader may see over the years, newest first.

    The public's page comes from the cache before any query; an unknown city is a 404 when
    the page is built (a 404 is never stored).
    """

    def render_city(extra_context: dict) -> HttpResponse:
        place = get_city(slug)
        audits = list(
            readable_audits(request.user)
            .filter(city=place)
            .select_related("score")
            .order_by("-year", "-version")
        )
        context = {
            "city": place,
            "lead": _city_lead(place),
            "audits": audits,
            "peers": place.peers.all(),
            "headlines": _headlines(place, audits),
        }
        return render(request, "audits/city.html", context | extra_context)

    if request.user.is_authenticated:
        # A signed-in reader may see unpublished audits of their own: built for them alone.
        return render_city({})
    return cached_response(request, data_set=AUDITS, variant="visitor", render=render_city)


def _compared(slugs: list[str]) -> tuple[list[dict], list[str]]:
    """Return each chosen city's latest published audit with its figures, and unknown slugs."""
    found = {audit.city.slug: audit for audit in latest_published().filter(city__slug__in=slugs)}
    unknown = [slug for slug in slugs if slug not in found]
    columns = []
    audits = [found[slug] for slug in slugs if slug in found]
    scores = {}
    for row in ThemeScore.objects.filter(audit__in=audits):
        scores[(row.audit_id, row.theme)] = row.score
    values = {}
    for row in IndicatorResult.objects.filter(audit__in=audits).values_list(
        "audit_id", "indicator", "value", "outcome"
    ):
        values[(row[0], row[1])] = row[2:]
    for audit in audits:
        columns.append({"audit": audit, "level": level_label(audit.level)})
    themes = [
        {"name": str(theme.name), "scores": [scores.get((a.pk, theme.slug)) for a in audits]}
        for theme in THEMES
        if any((a.pk, theme.slug) in scores for a in audits)
    ]
    indicators = sorted({key for (_pk, key) in values}, key=lambda key: key)
    catalogue = load_catalogue().indicators
    rows = [
        {
            "key": key,
            "name": catalogue[key].name if key in catalogue else "",
            "values": [values.get((a.pk, key)) for a in audits],
        }
        for key in indicators
    ]
    return [columns, themes, rows], unknown


def compare(request: HttpRequest) -> HttpResponse:
    """Up to five cities side by side: their latest published audits' levels, themes, values."""
    form = CompareForm(request.GET or None)
    context = {"form": form, "columns": [], "themes": [], "rows": [], "unknown": []}
    if form.is_bound and form.is_valid() and form.cleaned_data["cities"]:
        (columns, themes, rows), unknown = _compared(form.cleaned_data["cities"])
        context |= {"columns": columns, "themes": themes, "rows": rows, "unknown": unknown}
    context["choices"] = audited_cities().order_by("name").only("name", "slug")[:CHOICES_SHOWN]
    return render(request, "audits/compare.html", context)


def rankings_page(request: HttpRequest) -> HttpResponse:
    """The overall index of a year's published audits, with rank intervals, and per theme."""

    def render_rankings(extra_context: dict) -> HttpResponse:
        years = ranked_years()
        form = RankingForm(request.GET or None, years=years)
        year, theme = (years[0] if years else None), ""
        if form.is_bound and form.is_valid():
            year = form.cleaned_data["year"] or year
            theme = form.cleaned_data["theme"]
        context = {"form": form, "years": years, "year": year, "theme": theme}
        if year is not None:
            if theme:
                context["theme_label"] = theme_name(theme)
                context["theme_rows"] = theme_rankings(year, theme)
            else:
                context["rows"] = rankings(year)
        return render(request, "audits/rankings.html", context | extra_context)

    return cached_response(
        request, data_set=AUDITS, variant=_audience(request.user), render=render_rankings
    )
