"""The home page, the privacy page, the health check, the stored files and the page for a bad
request."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from wsco.core import files
from wsco.core.health import health_report
from wsco.core.ids import InvalidNumberError
from wsco.core.models import Theme
from wsco.members.queries import directory_counts


def home(request: HttpRequest) -> HttpResponse:
    """Say what WSCO is and invite visitors to join."""
    return render(
        request,
        "core/home.html",
        {"themes": Theme.objects.all(), "counts": directory_counts()},
    )


def privacy(request: HttpRequest) -> HttpResponse:
    """Say what the platform keeps about a person, and how to take it or delete it."""
    return render(request, "core/privacy.html")


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
