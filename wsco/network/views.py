"""Pages of the network: people to meet, requests, connections and threads, blocks and reports."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wsco.core.access import is_party
from wsco.core.ids import InvalidNumberError, parse_id
from wsco.core.paging import page_for_request
from wsco.core.sorting import Sorting, SortOption
from wsco.network import queries, services
from wsco.network.access import (
    get_blocked_profile,
    get_connection_for_user,
    get_dismissed_profile,
    get_introduction_for_user,
    get_member_profile,
    get_profile_to_meet,
    get_report_for_staff,
    is_network_member,
)
from wsco.network.explanations import render_reasons
from wsco.network.forms import (
    IntroductionRequestForm,
    MessageForm,
    ReportForm,
    ResolveReportForm,
    StaffIntroductionForm,
)
from wsco.network.models import Introduction, Report
from wsco.network.page_parts import member_data_sets, member_part

PAGE_SUGGESTIONS = 10
DISMISSED_SHOWN = 50
PANEL_SUGGESTIONS = 3
THREAD_MESSAGES = 100


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _suggestion_cards(profile, limit: int) -> list[dict]:
    """Return the member's suggestions that still hold, each with its reasons in words."""
    return [
        {
            "suggestion": suggestion,
            "person": suggestion.suggested,
            "reasons": render_reasons(suggestion.reasons),
        }
        for suggestion in queries.visible_suggestions(profile)[:limit]
    ]


def _network_state(user) -> str:
    """Return why a person sees no suggestions: not a member, no consent, or "ok"."""
    if not is_network_member(user):
        return "not_member"
    if not queries.is_recommendable(user.profile):
        return "no_consent"
    return "ok"


def people_to_meet_panel(request: HttpRequest) -> dict | None:
    """Give the home page's "People to meet" panel its context (members only)."""
    user = request.user
    if not is_network_member(user):
        return None
    state = _network_state(user)
    waiting = queries.received_requests(user.profile).count()
    cards = _suggestion_cards(user.profile, PANEL_SUGGESTIONS) if state == "ok" else []
    return {"state": state, "cards": cards, "waiting": waiting, "pending": waiting}


def people_to_meet_panel_data_sets(request: HttpRequest) -> list[str] | None:
    """The panel is kept until the member's network or the people it shows change."""
    if not is_network_member(request.user):
        return None  # No panel, and nothing to read to know it.
    return member_data_sets(request.user.profile.pk)


def _people_to_meet_body(request: HttpRequest, state: str, extra_context: dict) -> str:
    """Render the page's own part: requests waiting, suggestions, organizations, dismissals."""
    context = {"state": state, "cards": [], "organizations": [], "waiting": 0, "dismissed": []}
    if state != "not_member":
        profile = request.user.profile
        context["waiting"] = queries.received_requests(profile).count()
        context["dismissed"] = list(queries.dismissed_by(profile)[:DISMISSED_SHOWN])
    if state == "ok":
        cards = _suggestion_cards(profile, PAGE_SUGGESTIONS)
        context["cards"] = cards
        context["organizations"] = queries.organizations_to_meet(
            [card["suggestion"] for card in cards]
        )
    return render_to_string(
        "network/people_to_meet.html#body", context | extra_context, request=request
    )


@login_required
def people_to_meet(request: HttpRequest) -> HttpResponse:
    """Show the people (and organizations) the member should meet, with the reasons."""
    state = _network_state(request.user)
    context = {"state": state}
    render_body = partial(_people_to_meet_body, request, state)
    if state == "not_member":
        context["body"] = mark_safe(render_body({}))
    else:
        profile = request.user.profile
        # The member's own part is kept until their network or the people it shows change.
        context["body"] = mark_safe(
            member_part(request, piece="people", profile=profile, render=render_body, variant=state)
        )
        # Right after "Not interested": the notice that offers to undo it.
        try:
            just = parse_id(request.GET.get("dismissed"), field="dismissed")
        except InvalidNumberError:
            just = None
        context["just_dismissed"] = (
            queries.dismissed_by(profile).filter(dismissed_id=just).first() if just else None
        )
    return render(request, "network/people_to_meet.html", context)


@login_required
def request_introduction(request: HttpRequest, profile_id: int) -> HttpResponse:
    """Ask a member to meet, with a short message."""
    me = get_member_profile(request.user)
    person = get_profile_to_meet(request.user, profile_id)
    form = IntroductionRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_introduction(
                sender=me, recipient=person, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your request was sent to %(name)s.") % {"name": person.name}
            )
            return redirect("network:requests")
    status = 400 if form.errors else 200
    return render(
        request, "network/request_form.html", {"person": person, "form": form}, status=status
    )


@login_required
@require_POST
def dismiss_suggestion(request: HttpRequest, profile_id: int) -> HttpResponse:
    """Say "Not interested": the person is never suggested again."""
    me = get_member_profile(request.user)
    person = get_profile_to_meet(request.user, profile_id)
    services.dismiss_suggestion(profile=me, dismissed=person)
    if _is_htmx(request):
        # The card gives way to a notice with the button that undoes it.
        return render(request, "network/partials/dismissed.html", {"person": person})
    return redirect(f"{reverse('network:people_to_meet')}?dismissed={person.pk}")


@login_required
@require_POST
def restore_suggestion(request: HttpRequest, profile_id: int) -> HttpResponse:
    """Undo "Not interested": the person may be suggested again."""
    me = get_member_profile(request.user)
    person = get_dismissed_profile(request.user, profile_id)
    services.restore_suggestion(profile=me, dismissed=person)
    messages.success(request, _("%(name)s may be suggested to you again.") % {"name": person.name})
    return redirect("network:people_to_meet")


@login_required
def requests(request: HttpRequest) -> HttpResponse:
    """Show the requests waiting for the member's answer, and the ones they sent."""
    me = get_member_profile(request.user)
    sent = page_for_request(request, Paginator(queries.sent_requests(me), 20))
    return render(
        request,
        "network/requests.html",
        {
            "received": [(item, item.other(me)) for item in queries.received_requests(me)],
            "sent_page": sent,
            "sent": [(item, item.other(me)) for item in sent],
        },
    )


def _answer(request: HttpRequest, pk: int, action, success: str) -> HttpResponse:
    me = get_member_profile(request.user)
    introduction = get_introduction_for_user(request.user, pk)
    try:
        action(introduction=introduction, by=me)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success % {"name": introduction.other(me).name})
    return redirect("network:requests")


@login_required
@require_POST
def accept_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept an introduction."""
    return _answer(
        request,
        pk,
        services.accept_introduction,
        _("You accepted to meet %(name)s. Your contact details are now shared."),
    )


@login_required
@require_POST
def decline_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Decline an introduction."""
    return _answer(
        request, pk, services.decline_introduction, _("You declined %(name)s's request.")
    )


@login_required
@require_POST
def withdraw_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw one's own request."""
    return _answer(
        request, pk, services.withdraw_introduction, _("Your request to %(name)s was withdrawn.")
    )


@login_required
def connections(request: HttpRequest) -> HttpResponse:
    """Show the member's connections, with their contact details."""
    me = get_member_profile(request.user)
    page = page_for_request(request, Paginator(queries.connections_of(me), 30))

    def render_list(extra_context: dict) -> str:
        people = [(connection, connection.other(me)) for connection in page]
        context = {"page": page, "people": people, **extra_context}
        return render_to_string("network/connections.html#list", context, request=request)

    # The list is kept until the member's connections or the people they show change.
    listed = member_part(
        request,
        piece="connections",
        profile=me,
        render=render_list,
        variant=f"{page.number}?{request.GET.urlencode()}",
    )
    return render(request, "network/connections.html", {"list": mark_safe(listed)})


def _thread_context(connection, me, form) -> dict:
    latest = connection.messages.select_related("sender").order_by("-sent_at", "-pk")
    return {
        "connection": connection,
        "me": me,
        "other": connection.other(me),
        "thread": list(reversed(latest[:THREAD_MESSAGES])),
        "form": form,
    }


@login_required
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the message thread with a connection, and post to it (htmx or a plain form)."""
    me = get_member_profile(request.user)
    connection = get_connection_for_user(request.user, pk)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_message(connection=connection, sender=me, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error("body", error)
        else:
            if not _is_htmx(request):
                return redirect(connection)
            form = MessageForm()
    if _is_htmx(request):
        context = _thread_context(connection, me, form)
        return render(request, "network/partials/thread_body.html", context)
    if form.is_bound:
        context = _thread_context(connection, me, form)
        context["body"] = mark_safe(render_to_string("network/thread.html#body", context, request))
        return render(request, "network/thread.html", context, status=400)

    def render_body(extra_context: dict) -> str:
        context = _thread_context(connection, me, form) | extra_context
        return render_to_string("network/thread.html#body", context, request=request)

    # The thread as the member last saw it, until a message or what it shows changes.
    body = member_part(
        request, piece="thread", profile=me, render=render_body, variant=str(connection.pk)
    )
    context = {"other": connection.other(me), "body": mark_safe(body)}
    return render(request, "network/thread.html", context)


@login_required
def thread_messages(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the thread's messages alone, for the page to refresh them."""
    me = get_member_profile(request.user)
    connection = get_connection_for_user(request.user, pk)
    return render(request, "network/partials/messages.html", _thread_context(connection, me, None))


@login_required
def block(request: HttpRequest, profile_id: int) -> HttpResponse:
    """Ask to confirm, then block a member."""
    me = get_member_profile(request.user)
    person = get_profile_to_meet(request.user, profile_id)
    if request.method == "POST":
        services.block_member(blocker=me, blocked=person)
        messages.success(request, _("You blocked %(name)s.") % {"name": person.name})
        return redirect("network:blocked")
    return render(request, "network/block_confirm.html", {"person": person})


@login_required
def blocked(request: HttpRequest) -> HttpResponse:
    """List the people the member has blocked."""
    me = get_member_profile(request.user)
    return render(request, "network/blocked.html", {"blocks": list(queries.blocked_by(me))})


@login_required
@require_POST
def unblock(request: HttpRequest, profile_id: int) -> HttpResponse:
    """Lift a block."""
    me = get_member_profile(request.user)
    person = get_blocked_profile(request.user, profile_id)
    services.unblock_member(blocker=me, blocked=person)
    messages.success(request, _("You unblocked %(name)s.") % {"name": person.name})
    return redirect("network:blocked")


@login_required
def report(request: HttpRequest, profile_id: int) -> HttpResponse:
    """Report a member's abuse to the secretariat."""
    me = get_member_profile(request.user)
    person = get_profile_to_meet(request.user, profile_id)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.report_member(reporter=me, reported=person, **form.cleaned_data)
        messages.success(request, _("Thank you. The secretariat will look at your report."))
        return redirect("network:people_to_meet")
    status = 400 if form.errors else 200
    return render(
        request, "network/report_form.html", {"person": person, "form": form}, status=status
    )


def _require_staff(request: HttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied


# The resolved reports' table: the latest resolved first, or sorted by a column either way.
RESOLVED_REPORT_SORTS = Sorting(
    SortOption("latest", gettext_lazy("Latest resolved first"), ("-resolved_at", "-pk")),
    SortOption("reported", gettext_lazy("Reported"), ("reported__name", "pk"), reversible=True),
    SortOption("resolved", gettext_lazy("Resolved"), ("resolved_at", "pk"), reversible=True),
    default="latest",
)


@login_required
def staff_reports(request: HttpRequest) -> HttpResponse:
    """The secretariat's list of abuse reports: the open ones, then a table of resolved ones."""
    _require_staff(request)
    reports = Report.objects.select_related(
        "reporter", "reported", "reporter__organization", "reported__organization", "resolved_by"
    )
    open_reports = list(reports.filter(resolved_at__isnull=True).order_by("-created_at", "-pk"))
    for report in open_reports:
        report.viewer_is_party = is_party(request.user, report)
    sort = RESOLVED_REPORT_SORTS.choose(request.GET.get("sort"))
    resolved = reports.filter(resolved_at__isnull=False).order_by(*sort.order_by)
    return render(
        request,
        "network/staff_reports.html",
        {
            "open_reports": open_reports,
            "resolved": page_for_request(request, Paginator(resolved, 20)),
            "sort": sort,
            "network_member": is_network_member(request.user),
        },
    )


@login_required
@require_POST
def resolve_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a report with what the secretariat did."""
    found = get_report_for_staff(request.user, pk)
    form = ResolveReportForm(request.POST)
    if form.is_valid():
        try:
            services.resolve_report(
                report=found, by=request.user, resolution=form.cleaned_data["resolution"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The report is resolved."))
    else:
        messages.error(request, _("Say what the secretariat did before resolving the report."))
    return redirect("network:staff_reports")


@login_required
def staff_introduce(request: HttpRequest) -> HttpResponse:
    """The secretariat introduces two members to each other."""
    _require_staff(request)
    form = StaffIntroductionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.introduce_members(
                first=form.cleaned_data["first"],
                second=form.cleaned_data["second"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Both members have been sent the introduction."))
            return redirect("network:staff_introduce")
    status = 400 if form.errors else 200
    recent = Introduction.objects.filter(introduced_by__isnull=False).select_related(
        "sender", "recipient"
    )[:20]
    context = {
        "form": form,
        "recent": recent,
        "network_member": is_network_member(request.user),
    }
    return render(request, "network/staff_introduce.html", context, status=status)
