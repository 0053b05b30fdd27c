"""The library's and the register's pages, a city's obligations, and following.

The public's pages come from the page cache (data set "standards") until a standard, an edition
or an act changes; a signed-in reader's pages are built for them (their follow buttons).
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_countries import countries

from wsco.audits.access import readable_audits
from wsco.audits.services.benchmarks import AUDITS
from wsco.core import theme_offers
from wsco.core.page_cache import cached_response, current_tokens
from wsco.core.paging import page_for_request
from wsco.core.spreadsheets import stream_csv
from wsco.core.theme_offers import offers_for
from wsco.courses.changes import COURSES
from wsco.courses.queries import courses_teaching
from wsco.standards import access, queries, services
from wsco.standards.forms import AdoptionFilterForm
from wsco.standards.services import STANDARDS

ACTS_PAGE_SIZE = 50
AUDITS_SHOWN = 10
OFFERS_SHOWN = 3


def _cached(request: HttpRequest, render_page, *, also: tuple[str, ...] = ()) -> HttpResponse:
    """Serve the public's copy of a page from the cache; build a signed-in reader's afresh.

    `also` names other data sets the page shows: their tokens join the cached copy's key.
    """
    if request.user.is_authenticated:
        return render_page({})
    variant = ":".join(["visitor", *current_tokens(list(also))]) if also else "visitor"
    return cached_response(request, data_set=STANDARDS, variant=variant, render=render_page)


def standards(request: HttpRequest) -> HttpResponse:
    """The library: every standard with its current edition, themes and countries adopting it."""

    def render_page(extra_context: dict) -> HttpResponse:
        rows = list(queries.standards_with_editions())
        context = {"standards": rows}
        return render(request, "standards/standards.html", context | extra_context)

    return _cached(request, render_page)


def standard(request: HttpRequest, slug: str) -> HttpResponse:
    """A standard: editions, indicators by theme, changes, countries, audits, courses, offers."""

    def render_page(extra_context: dict) -> HttpResponse:
        found = access.get_standard(slug)
        editions = list(found.editions.select_related("replaced_by").order_by("-year"))
        shown = next((e for e in editions if e.catalogue_key and e.is_current), None) or next(
            (e for e in editions if e.catalogue_key), None
        )
        acts = queries.adoptions().filter(standard=found)
        themes = [theme.slug for theme in found.themes.all()]
        audits = queries.audits_using(found).order_by("-year", "city__name")
        context = {
            "standard": found,
            "editions": editions,
            "shown_edition": shown,
            "indicator_themes": queries.indicators_by_theme(shown) if shown else [],
            "changes": queries.changes_between_editions(editions),
            "countries": queries.countries_with_counts(acts),
            "audits": list(audits[:AUDITS_SHOWN]),
            "audits_count": audits.count(),
            "courses": courses_teaching(found.reference, *(str(e) for e in editions)),
            "offers": offers_for(themes, user=request.user, limit=OFFERS_SHOWN) if themes else [],
            "theme_names": queries.theme_names(themes),
            "following": found.pk in queries.follows_of(request.user)["standards"],
            "may_follow": access.may_follow(request.user),
        }
        return render(request, "standards/standard.html", context | extra_context)

    # The page lists the audits that use the standard, the courses that teach it and what the
    # other apps offer on its themes: a publication, a course's change, or a change to what an
    # offer shows, ends its copy too.
    offered = {offer.data_set for offer in theme_offers.offers() if offer.data_set}
    return _cached(request, render_page, also=(AUDITS, *sorted(offered | {COURSES})))


def _filtered(request: HttpRequest):
    form = AdoptionFilterForm(request.GET or None, years=queries.years_of_acts())
    filters = form.filters()
    return form, filters, queries.filter_adoptions(queries.adoptions(), **filters)


def legislation(request: HttpRequest) -> HttpResponse:
    """The register: the acts in a table, filtered, and the countries with their counts."""

    def render_page(extra_context: dict) -> HttpResponse:
        form, filters, rows = _filtered(request)
        rows = rows.order_by("country", "-act_date", "-pk")
        page = page_for_request(request, Paginator(rows, ACTS_PAGE_SIZE))
        context = {
            "form": form,
            "is_filtered": bool(filters),
            "page": page,
            "countries": queries.countries_with_counts(rows),
            "query": request.GET.urlencode(),
        }
        return render(request, "standards/legislation.html", context | extra_context)

    return _cached(request, render_page)


def country(request: HttpRequest, code: str) -> HttpResponse:
    """A country's acts over time, oldest first, with their status and what they oblige."""
    if access.country_code(code) != code:
        return redirect("standards:country", code=access.country_code(code))

    def render_page(extra_context: dict) -> HttpResponse:
        rows = queries.adoptions().filter(country=code).order_by("act_date", "adopted_on", "pk")
        context = {
            "code": code,
            "name": countries.name(code),
            "acts": list(rows),
            "following": code in queries.follows_of(request.user)["countries"],
            "may_follow": access.may_follow(request.user),
        }
        return render(request, "standards/country.html", context | extra_context)

    return _cached(request, render_page)


def adoption(request: HttpRequest, pk: int) -> HttpResponse:
    """An act: what it adopts, where, what it obliges, its status with dates, and its history."""
    found = access.get_adoption(pk)
    events = found.events.select_related("by__profile") if request.user.is_staff else []
    context = {"adoption": found, "events": events}
    return render(request, "standards/adoption.html", context)


# The CSV's columns, in order.
CSV_HEADER = [
    "country",
    "region",
    "city",
    "standard",
    "edition",
    "title",
    "act_number",
    "act_date",
    "official_url",
    "applies_to",
    "min_population",
    "status",
    "proposed_on",
    "adopted_on",
    "in_force_on",
    "amended_on",
    "repealed_on",
    "wsco_took_part",
    "demo_example",
    "url",
]


def _date(day) -> str:
    return day.isoformat() if day else ""


def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The register as CSV, with the page's filters (through the one spreadsheet writer)."""
    _form, _filters, rows = _filtered(request)

    def lines():
        yield CSV_HEADER
        for act in rows.order_by("country", "act_date", "pk").iterator(chunk_size=500):
            yield [
                act.country.code,
                act.region,
                act.city.name if act.city else "",
                act.standard.reference,
                str(act.edition) if act.edition else "",
                act.title,
                act.act_number,
                _date(act.act_date),
                act.official_url,
                act.applies_to,
                act.min_population,
                act.status,
                _date(act.proposed_on),
                _date(act.adopted_on),
                _date(act.in_force_on),
                _date(act.amended_on),
                _date(act.repealed_on),
                "yes" if act.wsco_took_part else "no",
                "yes" if act.is_demo else "no",
                request.build_absolute_uri(act.get_absolute_url()),
            ]

    response = StreamingHttpResponse(stream_csv(lines()), content_type="text/csv; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="wsco-legislation-{day}.csv"'
    return response


@login_required
def obligations(request: HttpRequest, slug: str) -> HttpResponse:
    """A city's checklist, for its officials: the standards the law obliges it to apply."""
    city = access.get_city_for_official(request.user, slug)
    audits = list(readable_audits(request.user).filter(city=city))
    rows = queries.obligations_for(city, audits)
    context = {
        "city": city,
        "obligations": rows,
        "done": sum(1 for row in rows if row.done),
    }
    return render(request, "standards/obligations.html", context)


@login_required
@require_POST
def follow_standard(request: HttpRequest, slug: str) -> HttpResponse:
    """Follow a standard, or stop following it (`stop` in the form)."""
    access.require_follower(request.user)
    found = access.get_standard(slug)
    if request.POST.get("stop"):
        services.unfollow(user=request.user, standard=found)
    else:
        services.follow(user=request.user, standard=found)
    return redirect(found.get_absolute_url())


@login_required
@require_POST
def follow_country(request: HttpRequest, code: str) -> HttpResponse:
    """Follow a country's acts, or stop following them (`stop` in the form)."""
    access.require_follower(request.user)
    code = access.country_code(code)
    if request.POST.get("stop"):
        services.unfollow(user=request.user, country=code)
    else:
        services.follow(user=request.user, country=code)
    return redirect("standards:country", code=code)
