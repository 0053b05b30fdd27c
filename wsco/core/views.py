"""The home page, the privacy page and the health check."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

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
    """Answer the load balancer: the database answers a query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
