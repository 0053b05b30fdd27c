"""Account pages: settings and data, personal API tokens."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    """Account settings, data download and deletion."""
    return render(request, "accounts/settings.html")


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """Personal API tokens."""
    return render(request, "accounts/settings.html")
