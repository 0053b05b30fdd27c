"""The home page, the privacy page, the health check, the stored files, the styleguide and the page
for a bad request."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from wsco.accounts.access import staff_required
from wsco.core import avatars, design, files, icons
from wsco.core import home as home_page
from wsco.core.forms import StyleguideForm
from wsco.core.health import health_report
from wsco.core.ids import InvalidNumberError
from wsco.core.models import Theme


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
        },
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
