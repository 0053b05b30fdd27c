"""The notification centre, marking read, and the settings of each kind's channels."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsco.core.paging import page_for_request
from wsco.notifications import queries, services
from wsco.notifications.access import get_notification_for_user
from wsco.notifications.forms import PreferencesForm

PAGE_SIZE = 20


@login_required
def centre(request: HttpRequest) -> HttpResponse:
    """List the person's notifications, unread first, each linking to what it is about."""
    page = page_for_request(request, Paginator(queries.notifications_of(request.user), PAGE_SIZE))
    return render(
        request,
        "notifications/centre.html",
        {"page": page, "notifications": list(page), "unread": queries.unread_count(request.user)},
    )


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read; back to the centre."""
    notification = get_notification_for_user(request.user, pk)
    services.mark_read(notification=notification, by=request.user)
    return redirect("notifications:centre")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    """Mark every notification read."""
    count = services.mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All your notifications are marked read."))
    return redirect("notifications:centre")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """Show and save how the person hears of each kind: in the centre, by email."""
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        preferences=services.preferences_of(request.user),
    )
    if request.method == "POST" and form.is_valid():
        services.set_preferences(user=request.user, choices=form.choices())
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
