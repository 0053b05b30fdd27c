"""The home page, the privacy page, the health check, the stored files, the styleguide and the page
for a bad request."""

import time
from decimal import Decimal

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from wsco.accounts.access import staff_required
from wsco.core import avatars, charts, design, files, icons, site_search
from wsco.core import home as home_page
from wsco.core.forms import SiteSearchForm, StyleguideForm
from wsco.core.health import health_report
from wsco.core.ids import InvalidNumberError
from wsco.core.models import Theme
from wsco.core.page_cache import cached_response, current_tokens
from wsco.core.search import parse_query
from wsco.core.sorting import Sorting, SortOption
from wsco.core.steppers import StepperStep
from wsco.core.themes import THEMES


def home(request: HttpRequest) -> HttpResponse:
    """Say what WSCO is, lead to each part of its work with its figures, and show the latest.

    A visitor's copy comes from the page cache under the tokens of every data set it shows,
    rebuilt at least every `HOME_CACHE_SECONDS` (scheduled publications appear without a
    write); a signed-in person's header is their own, so theirs is built for them.
    """

    def render_page(extra_context: dict) -> HttpResponse:
        figures = home_page.figures()
        context = {
            "themes": Theme.objects.all(),
            "parts": [(part, figures.get(part.name, [])) for part in home_page.parts()],
            "latest": home_page.latest_activity(),
        }
        return render(request, "core/home.html", context | extra_context)

    data_sets = home_page.data_sets()
    if request.user.is_authenticated or not data_sets:
        return render_page({})
    window = int(time.time() // home_page.HOME_CACHE_SECONDS)
    variant = ":".join(["visitor", str(window), *current_tokens(data_sets[1:])])
    return cached_response(request, data_set=data_sets[0], variant=variant, render=render_page)


def privacy(request: HttpRequest) -> HttpResponse:
    """Say what the platform keeps about a person, and how to take it or delete it."""
    return render(request, "core/privacy.html")


# The styleguide's examples of a sortable table and of a stepper.
STYLEGUIDE_SORTS = Sorting(
    SortOption("name", "Name", ("name",), reversible=True),
    SortOption("members", "Members", ("members",), reversible=True),
    default="name",
)
STYLEGUIDE_ROWS = [
    {"name": "Primăria Cluj-Napoca", "status": "active", "members": 12},
    {"name": "Universitatea din București", "status": "pending", "members": 3},
    {"name": "Asociația Orașe Inteligente", "status": "rejected", "members": 7},
]


def _styleguide_examples(request: HttpRequest) -> dict:
    sort = STYLEGUIDE_SORTS.choose(request.GET.get("sort"))
    (field,) = sort.order_by
    rows = sorted(
        STYLEGUIDE_ROWS, key=lambda row: row[field.lstrip("-")], reverse=field.startswith("-")
    )
    steps = [
        StepperStep("submitted", _("Submitted"), "done"),
        StepperStep("in_review", _("In review"), "done"),
        StepperStep("accepted", _("Accepted"), "current"),
        StepperStep("published", _("Published"), "next"),
    ]
    tabs = [
        {"url": "#components", "label": _("Open"), "count": 4, "current": True},
        {"url": "#components", "label": _("Decided"), "count": 18, "current": False},
    ]
    return {
        "sort": sort,
        "rows": rows,
        "steps": steps,
        "tabs": tabs,
        "charts": _styleguide_charts(),
    }


# The styleguide's sample audit: a score for each theme (None: not audited), the peer median, a
# peer group and a trend with a year missing. Made-up numbers.
STYLEGUIDE_SCORES = [72, 65, 58, 81, 44, 69, 77, 52, None, 63, 88, 47, 55, 91, 38, None, 61, 70, 84]
STYLEGUIDE_MEDIANS = [64, 60, 61, 70, 50, 66, 71, 55, 58, 60, 79, 52, 57, 80, 49, 45, 59, 68, 75]
STYLEGUIDE_PEERS = {
    "Alba Iulia": "81.4",
    "Arad": "77.9",
    "Bacău": "69.2",
    "Brașov": "84.15",
    "Cluj-Napoca": "90.3",
    "Constanța": "79.0",
    "Craiova": "72.6",
    "Iași": "83.7",
    "Oradea": "86.05",
    "Sibiu": "88.2",
    "Suceava": "0",
    "Timișoara": "89.6",
}
STYLEGUIDE_YEARS = range(2017, 2027)
STYLEGUIDE_TREND = ["61.2", "64.8", None, "70.1", "73.5", "76.0", "79.4", None, "82.2", "84.15"]
STYLEGUIDE_TREND_MEDIAN = [
    "58.0",
    "60.5",
    "63.1",
    "66.4",
    "69.9",
    "72.0",
    "74.8",
    "77.3",
    "79.0",
    "81.5",
]


def _styleguide_charts() -> dict:
    def decimals(values):
        return [Decimal(value) if value is not None else None for value in values]

    households, median = _("Households"), _("Peer median")
    return {
        "profile": charts.theme_profile(
            title=_("Scores by theme"),
            description=_("The city's score in each of the 19 themes, from 0 to 100."),
            themes=[str(theme.name) for theme in THEMES],
            scores=STYLEGUIDE_SCORES,
            reference=STYLEGUIDE_MEDIANS,
            reference_name=median,
        ),
        "peers": charts.peer_bars(
            title=_("Households with a broadband connection"),
            description=_("The share of households in each city of the peer group."),
            cities=list(STYLEGUIDE_PEERS),
            values=decimals(STYLEGUIDE_PEERS.values()),
            highlight="Brașov",
            value_name=households,
            unit="%",
            better="higher",
        ),
        "trend": charts.trend_chart(
            title=_("Broadband over the years"),
            description=_("The share of households with a broadband connection, each year."),
            years=list(STYLEGUIDE_YEARS),
            values=decimals(STYLEGUIDE_TREND),
            name="Brașov",
            reference=decimals(STYLEGUIDE_TREND_MEDIAN),
            reference_name=median,
            value_name=households,
            unit="%",
        ),
        "empty": charts.trend_chart(
            title=_("Broadband over the years"),
            description="",
            years=[],
            values=[],
            name="Brașov",
            key="empty-trend",
        ),
    }


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Search everything the visitor may see, grouped by kind (`wsco.core.site_search`)."""
    form = SiteSearchForm(request.GET or None)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    query = parse_query(text)
    groups = site_search.search_everything(request.user, text) if query else []
    return render(
        request,
        "core/search.html",
        {
            "form": form,
            "text": text,
            "query": query,
            "groups": groups,
            "too_short": bool(text) and not query,
            # The empty state offers the themes, which every kind of object carries.
            "theme_links": [
                (theme, site_search.search_url(str(theme.name))) for theme in Theme.objects.all()
            ]
            if text and not groups
            else [],
        },
    )


@require_safe
@staff_required
def styleguide(request: HttpRequest) -> HttpResponse:
    """Show the design system as it renders: tokens, type, icons, themes and components."""
    checked = design.checked_pairs()
    colours = design.colour_tokens("light")
    all_tokens = design.tokens()["light"]
    form = StyleguideForm(data={"name": "", "email": "not-an-address"})
    form.is_valid()
    return render(
        request,
        "core/styleguide.html",
        {
            "colours": [
                (name, value, design.colour_tokens("dark")[name]) for name, value in colours.items()
            ],
            # Each pair in the light scheme beside itself in the dark one.
            "pairs": list(
                zip(
                    [pair for pair in checked if pair.scheme == "light"],
                    [pair for pair in checked if pair.scheme == "dark"],
                    strict=True,
                )
            ),
            "type_scale": [(n, v) for n, v in all_tokens.items() if n.startswith("text-")],
            "spacing": [(n, v) for n, v in all_tokens.items() if n.startswith("space-")],
            "icon_names": sorted(icons.INTERFACE_ICONS),
            "themes": Theme.objects.all(),
            "form": form,
            "page": Paginator(range(95), 10).page(3),
            "avatar_tones": range(1, avatars.TONES + 1),
        }
        | _styleguide_examples(request),
    )


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Answer the load balancer: 200 when the database, cache and task queue work, else 503."""
    report = health_report()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


@require_safe
def serve_file(request: HttpRequest, name: str) -> HttpResponse:
    """Send the stored file `name` if its owning app lets `request.user` read it; else 404."""
    found = files.find_owner(name)
    if found is None or not files.may_read(request.user, *found):
        raise Http404
    field, instance = found
    return files.file_response(request, field=field, instance=instance)


def old_media_url(request: HttpRequest, name: str) -> HttpResponse:
    """Send a link made when files were under /media/ to the file's address now."""
    return redirect(settings.MEDIA_URL + name, permanent=True)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Say what was wrong with a request: a malformed id or number, in the site's layout.

    Any other bad request (a bad Host header, a suspicious one) gets Django's bare page: its
    message is for the server's log, and the layout needs a request that is sound.
    """
    if not isinstance(exception, InvalidNumberError):
        return defaults.bad_request(request, exception)
    context = {"messages_of_error": exception.messages}
    return render(request, "400.html", context, status=400)
