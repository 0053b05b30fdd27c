"""The events' pages: the list, an event and its agenda, registration, the ticket, the
personal agenda, people to meet and meetings, feedback, calendar files, and the staff's door,
registrations, payments and agenda builder."""

import datetime
import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wsco.accounts.access import staff_required
from wsco.core.markdown import render_markdown
from wsco.core.models import Theme
from wsco.events import calls, queries, services
from wsco.events.access import (
    get_attendance,
    get_call,
    get_event_for_staff,
    get_event_for_user,
    get_meeting_for_invitee,
    get_registration_by_token,
    get_registration_for_attendee,
    get_registration_for_staff,
    get_session_for_user,
    get_submission_for_reader,
    get_submission_for_staff,
    registration_of,
)
from wsco.events.forms import (
    AssignReviewerForm,
    CheckInForm,
    DecisionForm,
    FeedbackForm,
    MeetingRequestForm,
    PaymentForm,
    RegisterForm,
    SessionForm,
    SubmissionForm,
    score_form,
)
from wsco.events.models import (
    EVENT_WORKFLOW,
    Event,
    Registration,
    RegistrationStatus,
    Session,
    Submission,
    TicketType,
)
from wsco.members.invoice_pdf import invoice_pdf


def _refused(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def event_list(request):
    """Upcoming and past events, each with its series."""
    upcoming, past = queries.upcoming_and_past(request.user)
    return render(request, "events/list.html", {"upcoming": upcoming, "past": past})


def _tickets_for(user, event):
    tickets = list(TicketType.objects.filter(event=event).select_related("event"))
    return [ticket for ticket in tickets if services.may_take(user, ticket)]


def event_detail(request, slug: str):
    """An event: what, when, where, its public agenda by day and room, and registration."""
    event = get_event_for_user(request.user, slug)
    registration = registration_of(request.user, event)
    tickets = _tickets_for(request.user, event) if request.user.is_authenticated else []
    return render(
        request,
        "events/event.html",
        {
            "event": event,
            "description": render_markdown(event.description),
            "agenda": queries.agenda_by_day(event),
            "registration": registration,
            "form": RegisterForm(ticket_types=tickets) if tickets else None,
            "ticket_types": TicketType.objects.filter(event=event),
            "state_steps": state_steps(event) if request.user.is_staff else [],
        },
    )


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, slug: str):
    event = get_event_for_user(request.user, slug)
    return _calendar_response(queries.event_calendar(event), f"{event.slug}.ics")


def agenda_ics(request, slug: str):
    event = get_event_for_user(request.user, slug)
    return _calendar_response(queries.agenda_calendar(event), f"{event.slug}-agenda.ics")


def personal_ics(request, slug: str, token: str):
    """A person's agenda with their meetings, at a secret address a calendar app subscribes to."""
    event = get_event_for_user(request.user, slug)
    registration = get_registration_by_token(event, token)
    response = _calendar_response(
        queries.personal_calendar(registration), f"{event.slug}-my-agenda.ics"
    )
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_POST
def register(request, slug: str):
    event = get_event_for_user(request.user, slug)
    tickets = _tickets_for(request.user, event)
    form = RegisterForm(request.POST, ticket_types=tickets)
    if not form.is_valid():
        messages.error(request, _("Choose a ticket you may take."))
        return redirect(event)
    ticket = next(
        ticket for ticket in tickets if str(ticket.pk) == form.cleaned_data["ticket_type"]
    )
    try:
        registration = services.register(event=event, ticket_type=ticket, user=request.user)
    except ValidationError as error:
        _refused(request, error)
        return redirect(event)
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(request, _("You are registered. Your ticket is below."))
    else:
        messages.success(request, _("The event is full: you are on the waitlist."))
    return redirect("events:ticket", slug=event.slug)


@login_required
def ticket(request, slug: str):
    """The attendee's ticket with its QR code, or their place on the waitlist or offer."""
    event = get_event_for_user(request.user, slug)
    registration = get_registration_for_attendee(request.user, event)
    return render(
        request,
        "events/ticket.html",
        {
            "event": event,
            "registration": registration,
            "cancellable": timezone.now() <= services.cancellation_deadline(event),
            "deadline": services.cancellation_deadline(event),
        },
    )


@login_required
def ticket_qr(request, slug: str):
    """The QR code of the attendee's ticket, as a PNG (segno), for the ticket page."""
    event = get_event_for_user(request.user, slug)
    registration = get_registration_for_attendee(request.user, event)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise Http404(_("This registration has no valid ticket."))
    buffer = io.BytesIO()
    segno.make(registration.ticket_code, error="m").save(buffer, kind="png", scale=8, border=2)
    response = HttpResponse(buffer.getvalue(), content_type="image/png")
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_POST
def cancel(request, slug: str):
    event = get_event_for_user(request.user, slug)
    registration = get_registration_for_attendee(request.user, event)
    try:
        services.cancel_registration(registration=registration, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


@login_required
@require_POST
def accept_offer(request, slug: str):
    event = get_event_for_user(request.user, slug)
    registration = get_registration_for_attendee(request.user, event)
    try:
        services.accept_offer(registration=registration, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The seat is yours. Your ticket is below."))
    return redirect("events:ticket", slug=event.slug)


@login_required
def my_agenda(request, slug: str):
    """The attendee's agenda: the sessions and their agreed meetings; requests to answer."""
    event = get_event_for_user(request.user, slug)
    registration = get_registration_for_attendee(request.user, event)
    meetings = list(queries.meetings_of(event, request.user))
    return render(
        request,
        "events/my.html",
        {
            "event": event,
            "registration": registration,
            "items": queries.personal_items(event, request.user),
            "to_answer": [
                meeting
                for meeting in meetings
                if meeting.invitee_id == request.user.pk and meeting.status == "requested"
            ],
            "asked": [
                meeting
                for meeting in meetings
                if meeting.requester_id == request.user.pk and meeting.status == "requested"
            ],
            "calendar_url": request.build_absolute_uri(
                f"/events/{event.slug}/calendar/{registration.calendar_token}.ics"
            ),
            "feedback_open": [
                session for session in event.sessions.all() if session.ends_at <= timezone.now()
            ]
            if registration.status == RegistrationStatus.CONFIRMED
            else [],
        },
    )


def _slot_choices(event):
    return [
        (
            slot.isoformat(),
            timezone.localtime(slot, event.zone).strftime("%Y-%m-%d %H:%M"),
        )
        for slot in services.meeting_slots(event)
    ]


@login_required
def people_to_meet(request, slug: str):
    """The event's other attendees ranked by shared themes, to ask for a meeting (attendees)."""
    event = get_event_for_user(request.user, slug)
    get_attendance(request.user, event)
    ranked = queries.people_to_meet(event, request.user)
    form = MeetingRequestForm(
        people=[(row.user_id, row.user.profile.name) for row, _score in ranked],
        slots=_slot_choices(event),
    )
    return render(request, "events/people.html", {"event": event, "ranked": ranked, "form": form})


@login_required
@require_POST
def request_meeting(request, slug: str):
    event = get_event_for_user(request.user, slug)
    get_attendance(request.user, event)
    ranked = queries.people_to_meet(event, request.user, limit=10_000)
    people = {row.user_id: row.user for row, _score in ranked}
    form = MeetingRequestForm(
        request.POST,
        people=[(user_id, str(user_id)) for user_id in people],
        slots=_slot_choices(event),
    )
    if not form.is_valid():
        messages.error(request, _("Choose a person and one of the event's meeting slots."))
        return redirect("events:people", slug=event.slug)
    try:
        services.request_meeting(
            event=event,
            requester=request.user,
            invitee=people[form.cleaned_data["invitee"]],
            starts_at=datetime.datetime.fromisoformat(form.cleaned_data["slot"]),
            message=form.cleaned_data["message"],
        )
    except ValidationError as error:
        _refused(request, error)
        return redirect("events:people", slug=event.slug)
    messages.success(request, _("Your request is sent; the meeting is on once they accept."))
    return redirect("events:my", slug=event.slug)


@login_required
@require_POST
def answer_meeting(request, slug: str, meeting_id: int):
    event = get_event_for_user(request.user, slug)
    meeting = get_meeting_for_invitee(request.user, event, meeting_id)
    accept = request.POST.get("answer") == "accept"
    try:
        services.answer_meeting(meeting=meeting, by=request.user, accept=accept)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request, _("The meeting is in both your agendas.") if accept else _("Declined.")
        )
    return redirect("events:my", slug=event.slug)


@login_required
def feedback(request, slug: str, session_id: int):
    """The feedback form of one session, once it has ended (its attendees)."""
    event = get_event_for_user(request.user, slug)
    get_attendance(request.user, event)
    session = get_session_for_user(request.user, event, session_id)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.leave_feedback(
                session=session,
                user=request.user,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("events:my", slug=event.slug)
    return render(
        request,
        "events/feedback.html",
        {
            "event": event,
            "session": session,
            "form": form,
            "open": session.ends_at <= timezone.now(),
        },
    )


# -- Staff ----------------------------------------------------------------------------------


@staff_required
def check_in(request, slug: str):
    """The door: type or scan a ticket's code; a second use is refused with the first time."""
    event = get_event_for_staff(request.user, slug)
    form = CheckInForm(request.POST or None)
    result, refusal = None, None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.check_in(event=event, code=form.cleaned_data["code"], by=request.user)
        except ValidationError as error:
            refusal = " ".join(error.messages)
        form = CheckInForm()
    checked = Registration.objects.filter(event=event, checked_in_at__isnull=False).count()
    return render(
        request,
        "events/check_in.html",
        {"event": event, "form": form, "result": result, "refusal": refusal, "checked": checked},
    )


# The steps staff take from the event's page, with what the button says.
STATE_STEPS = {
    "publish": _lazy("Publish"),
    "open_registration": _lazy("Open registration"),
    "close_registration": _lazy("Close registration"),
    "mark_held": _lazy("Mark as held"),
    "archive": _lazy("Archive"),
}


def state_steps(event) -> list[tuple[str, str]]:
    """The state steps the event's page offers staff now."""
    return [
        (name, label) for name, label in STATE_STEPS.items() if EVENT_WORKFLOW.allows(event, name)
    ]


@staff_required
@require_POST
def change_state(request, slug: str):
    """Take one step of the event's workflow (staff): publish, open or close registration..."""
    event = get_event_for_staff(request.user, slug)
    step_name = request.POST.get("step", "")
    if step_name not in STATE_STEPS:
        messages.error(request, _("Choose one of the steps offered."))
        return redirect(event)
    try:
        services.change_event_state(event=event, step_name=step_name, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request, _("The event is now %(state)s.") % {"state": event.get_status_display()}
        )
    return redirect(event)


@staff_required
@require_POST
def issue_certificates(request, slug: str):
    """Issue attendance certificates to everyone checked in at a held event (staff)."""
    event = get_event_for_staff(request.user, slug)
    try:
        issued = services.issue_attendance_certificates(event=event, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s attendance certificate issued.",
                "%(count)s attendance certificates issued.",
                issued,
            )
            % {"count": issued},
        )
    return redirect("events:registrations", slug=event.slug)


@staff_required
def registrations(request, slug: str):
    """Every registration of the event, with its state, payment and check-in (staff)."""
    event = get_event_for_staff(request.user, slug)
    rows = (
        Registration.objects.filter(event=event)
        .select_related("user__profile", "ticket_type", "invoice")
        .order_by("status", "registered_at", "pk")
    )
    return render(request, "events/registrations.html", {"event": event, "rows": rows})


@staff_required
def record_payment(request, slug: str, registration_id: int):
    event = get_event_for_staff(request.user, slug)
    registration = get_registration_for_staff(request.user, event, registration_id)
    form = PaymentForm(request.POST or None, initial={"amount": registration.ticket_type.price})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_payment(
                registration=registration,
                amount=form.cleaned_data["amount"],
                reference=form.cleaned_data["reference"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The payment is recorded and its invoice issued."))
            return redirect("events:registrations", slug=event.slug)
    return render(
        request,
        "events/payment.html",
        {"event": event, "registration": registration, "form": form},
    )


@login_required
def invoice(request, slug: str, registration_id: int):
    """The invoice of a ticket's payment, as PDF: to its attendee and staff."""
    event = get_event_for_user(request.user, slug)
    if request.user.is_staff:
        registration = get_registration_for_staff(request.user, event, registration_id)
    else:
        registration = get_registration_for_attendee(request.user, event)
        if registration.pk != registration_id:
            raise Http404
    if registration.invoice is None:
        raise Http404(_("This ticket has no invoice yet."))
    response = HttpResponse(invoice_pdf(registration.invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{registration.invoice.number}.pdf"'
    response["Cache-Control"] = "private, no-cache"
    return response


# The session's own fields the form shows as they are; speakers and themes are relations.
SESSION_FIELDS = [
    "title",
    "session_type",
    "room",
    "starts_at",
    "ends_at",
    "guest_speakers",
    "abstract",
]


@staff_required
def add_session(request, slug: str, session_id: int | None = None):
    """The agenda builder: add a session, or change one (`session_id`); a room or speaker in
    two places at once is refused."""
    event = get_event_for_staff(request.user, slug)
    session = _session_of(event, session_id) if session_id is not None else None
    # Times typed in the form are the event's local times.
    with timezone.override(event.zone):
        initial = None
        if session is not None:
            initial = {name: getattr(session, name) for name in SESSION_FIELDS}
        form = SessionForm(request.POST or None, initial=initial, session=session)
        if request.method == "POST" and form.is_valid():
            try:
                services.save_session(
                    event=event, by=request.user, session=session, **form.cleaned_data
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("The session is on the agenda."))
                return redirect(event)
        context = {"event": event, "form": form, "session": session}
        return render(request, "events/add_session.html", context)


def _session_of(event: Event, session_id: int) -> Session:
    session = event.sessions.filter(pk=session_id).first()
    if session is None:
        raise Http404(_("This event has no such session."))
    return session


@staff_required
@require_POST
def remove_session(request, slug: str, session_id: int):
    """Take a session off the agenda, unless people left feedback on it."""
    event = get_event_for_staff(request.user, slug)
    session = _session_of(event, session_id)
    try:
        services.remove_session(session=session, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("events:edit_session", slug=event.slug, session_id=session_id)
    messages.success(request, _("The session is off the agenda."))
    return redirect(event)


# -- The call for projects ------------------------------------------------------------------


def _field_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def call(request, slug: str):
    """The call for projects: what it asks, until when; a submission form while it is open."""
    event = get_event_for_user(request.user, slug)
    project_call = get_call(event)
    form = SubmissionForm(
        request.POST or None,
        projects=calls.projects_of(request.user),
        themes=Theme.objects.order_by("slug"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            calls.submit_project(
                call=project_call,
                by=request.user,
                project=data["project"],
                title=data["title"],
                summary=data["summary"],
                pitch=data["pitch"],
                themes=data["themes"],
            )
        except ValidationError as error:
            _field_errors(form, error)
        else:
            messages.success(request, _("Your project is submitted; reviewers score it next."))
            return redirect("events:call", slug=event.slug)
    mine = Submission.objects.filter(call=project_call, submitted_by=request.user).select_related(
        "project"
    )
    return render(
        request,
        "events/call.html",
        {"event": event, "call": project_call, "form": form, "mine": mine},
    )


@staff_required
def submissions(request, slug: str):
    """The call's submissions with their reviews' averages (staff)."""
    event = get_event_for_staff(request.user, slug)
    project_call = get_call(event)
    rows = (
        Submission.objects.filter(call=project_call)
        .select_related("project", "submitted_by__profile")
        .prefetch_related("reviews__reviewer")
    )
    return render(
        request, "events/submissions.html", {"event": event, "call": project_call, "rows": rows}
    )


@login_required
def submission(request, slug: str, submission_id: int):
    """A submission: its pitch; the reviewer's score form; the staff's reviewers and decision."""
    event = get_event_for_user(request.user, slug)
    item = get_submission_for_reader(request.user, event, submission_id)
    review = item.reviews.filter(reviewer_id=request.user.pk).first()
    criteria = item.call.criteria_list()
    form = score_form(criteria)(request.POST or None) if review else None
    if request.method == "POST" and review and form.is_valid():
        scores = {
            criterion: form.cleaned_data[f"score_{index}"]
            for index, criterion in enumerate(criteria)
        }
        try:
            calls.score_submission(
                review=review, by=request.user, scores=scores, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            _field_errors(form, error)
        else:
            messages.success(request, _("Your scores are recorded."))
            return redirect("events:submission", slug=event.slug, submission_id=item.pk)
    return render(
        request,
        "events/submission.html",
        {
            "event": event,
            "submission": item,
            "review": review,
            "form": form,
            "reviews": item.reviews.select_related("reviewer__profile")
            if request.user.is_staff
            else [],
            "assign_form": AssignReviewerForm(reviewers=_reviewers())
            if request.user.is_staff
            else None,
            "decision_form": DecisionForm() if request.user.is_staff else None,
        },
    )


def _reviewers():
    from wsco.accounts.models import User

    return User.objects.filter(is_active=True, profile__is_member=True).select_related("profile")


@staff_required
@require_POST
def assign_reviewer(request, slug: str, submission_id: int):
    event = get_event_for_staff(request.user, slug)
    item = get_submission_for_staff(request.user, event, submission_id)
    form = AssignReviewerForm(request.POST, reviewers=_reviewers())
    if form.is_valid():
        try:
            calls.assign_reviewer(
                submission=item,
                reviewer=form.cleaned_data["reviewer"],
                due_on=form.cleaned_data["due_on"],
                by=request.user,
            )
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("The reviewer is asked."))
    else:
        messages.error(request, _("Choose a reviewer and a due date."))
    return redirect("events:submission", slug=event.slug, submission_id=item.pk)


@staff_required
@require_POST
def decide(request, slug: str, submission_id: int):
    event = get_event_for_staff(request.user, slug)
    item = get_submission_for_staff(request.user, event, submission_id)
    with timezone.override(event.zone):
        form = DecisionForm(request.POST)
        valid = form.is_valid()
    if not valid:
        messages.error(request, _("Choose to accept or decline."))
        return redirect("events:submission", slug=event.slug, submission_id=item.pk)
    data = form.cleaned_data
    try:
        calls.decide_submission(
            submission=item,
            by=request.user,
            accept=data["decision"] == "accept",
            message=data["message"],
            room=data["room"],
            starts_at=data["starts_at"],
        )
    except ValidationError as error:
        _refused(request, error)
        return redirect("events:submission", slug=event.slug, submission_id=item.pk)
    messages.success(request, _("Decided; the submitter is told."))
    return redirect("events:submissions", slug=event.slug)
