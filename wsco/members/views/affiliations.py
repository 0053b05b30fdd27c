"""Pages for requests to join an organization: deciding them, and withdrawing one's own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsco.core.access import is_party
from wsco.core.paging import page_for_request
from wsco.members.access import get_join_request_for_decider, get_join_request_for_person
from wsco.members.queries import requests_to_decide
from wsco.members.services import affiliations as services

REQUESTS_PAGE_SIZE = 25


@login_required
def join_requests(request: HttpRequest) -> HttpResponse:
    """The requests to join the organizations one administers (all of them, for staff)."""
    page = page_for_request(
        request, Paginator(requests_to_decide(request.user), REQUESTS_PAGE_SIZE)
    )
    for each in page:
        each.is_mine = is_party(request.user, each)  # refused by the no-party rule
    return render(request, "members/join_requests.html", {"page": page})


def _decide(request: HttpRequest, pk: int, decide, done: str) -> HttpResponse:
    join_request = get_join_request_for_decider(request.user, pk)
    try:
        decide(join_request=join_request, by=request.user)
    except ValidationError as error:  # decided already; a party is refused with a 403 page
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            done
            % {"name": join_request.profile.name, "organization": join_request.organization.name},
        )
    return redirect("members:join_requests")


@login_required
@require_POST
def approve_join_request(request: HttpRequest, pk: int) -> HttpResponse:
    """List the person with the organization."""
    return _decide(
        request,
        pk,
        services.approve_join_request,
        _("%(name)s is now listed with %(organization)s."),
    )


@login_required
@require_POST
def reject_join_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Refuse the request to join."""
    return _decide(
        request,
        pk,
        services.reject_join_request,
        _("The request of %(name)s to join %(organization)s is rejected."),
    )


@login_required
@require_POST
def withdraw_join_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw one's own pending request."""
    join_request = get_join_request_for_person(request.user, pk)
    try:
        services.withdraw_join_request(join_request=join_request, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your request to join is withdrawn."))
    return redirect("members:home")
