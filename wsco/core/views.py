"""The home page, the privacy page, the health check, the stored files, the styleguide and the page
for a bad request."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from wsco.accounts.access import staff_required
from wsco.core import avatars, design, files, icons, site_search
from wsco.core import home as home_page
from wsco.core.forms import SiteSearchForm, StyleguideForm
from wsco.core.health import health_report
from wsco.core.ids import InvalidNumberError
from wsco.core.models import Theme
from wsco.core.search import parse_query
from wsco.core.sorting import Sorting, SortOption
from wsco.core.steppers import StepperStep


def home(request: HttpRequest) -> HttpResponse:
    """Say what WSCO is, lead to each part of its work with its figures, and show the latest."""
    figures = home_page.figures()
    return render(
        request,
        "core/home.html",
        {
            "themes": Theme.objects.all(),
            "parts": [(part, figures.get(part.name, [])) for part in home_page.parts()],
            "latest": home_page.latest_activity(),
        },
    )


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
    return {"sort": sort, "rows": rows, "steps": steps, "tabs": tabs}


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
