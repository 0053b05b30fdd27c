"""The events' kinds of notification, and the functions the services call to send them.

Attendees are told when their registration is confirmed (the email carries the ticket's QR
code), when they are put on the waitlist, when a seat is offered to them (until when) and when
that offer expired, when their registration is cancelled, and 7 days and 1 day before the event;
a member asked for a meeting is told who asks; submitters hear of the decision on their project,
and reviewers that a project waits for their scores. `EventsConfig.ready()` registers the kinds.

The kinds that had an email of their own keep it as their email template (`email_context`
passes the objects it shows; they are not stored), so the person gets it once, through `notify`.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wsco.formats import day_text
from wsco.notifications.kinds import Kind
from wsco.notifications.services import notify

EMAIL = "notifications/email/notification"


def _event(params: dict) -> str:
    return reverse("events:event", kwargs={"slug": params["slug"]})


def _ticket(params: dict) -> str:
    return reverse("events:ticket", kwargs={"slug": params["slug"]})


def _my_agenda(params: dict) -> str:
    return reverse("events:my", kwargs={"slug": params["slug"]})


def _reminder(params: dict) -> str:
    return (
        ngettext(
            "%(event)s starts tomorrow",
            "%(event)s starts in %(days)s days",
            params["days"],
        )
        % params
    )


def _decided(params: dict) -> str:
    if params["accepted"]:
        return _("“%(project)s” is accepted: you pitch it at %(event)s") % params
    return _("“%(project)s” is not accepted at %(event)s this time") % params


KINDS = [
    Kind(
        name="events.registration_confirmed",
        label=gettext_lazy("Your registration to an event is confirmed (with your ticket)"),
        title=lambda params: _("Your registration to %(event)s is confirmed") % params,
        link=_ticket,
        email_template="events/email/registration_confirmed",
        order=600,
    ),
    Kind(
        name="events.registration_waitlisted",
        label=gettext_lazy("You are put on an event's waitlist"),
        title=lambda params: _("You are on the waitlist of %(event)s") % params,
        link=_ticket,
        email_template="events/email/registration_waitlisted",
        order=601,
    ),
    Kind(
        name="events.seat_offered",
        label=gettext_lazy("A seat at an event is offered to you from the waitlist"),
        title=lambda params: (
            _("A seat at %(event)s is offered to you until %(expires)s (%(zone)s)") % params
        ),
        link=_ticket,
        email_template="events/email/seat_offered",
        order=602,
    ),
    Kind(
        name="events.offer_expired",
        label=gettext_lazy("A seat offered to you expired unanswered"),
        title=lambda params: (
            _("The seat offered to you at %(event)s went to the next person waiting") % params
        ),
        link=_event,
        email_template=EMAIL,
        order=603,
    ),
    Kind(
        name="events.registration_cancelled",
        label=gettext_lazy("Your registration to an event is cancelled"),
        title=lambda params: _("Your registration to %(event)s is cancelled") % params,
        link=_event,
        email_template=EMAIL,
        order=604,
    ),
    Kind(
        name="events.reminder",
        label=gettext_lazy("An event you registered to starts in a week, and tomorrow"),
        title=_reminder,
        link=_my_agenda,
        email_template="events/email/reminder",
        order=605,
    ),
    Kind(
        name="events.meeting_requested",
        label=gettext_lazy("An attendee asks to meet you at an event"),
        title=lambda params: _("%(name)s would like to meet you at %(event)s") % params,
        link=_my_agenda,
        email_template="events/email/meeting_requested",
        order=606,
    ),
    Kind(
        name="events.submission_decided",
        label=gettext_lazy("Your project submitted to a call is accepted or declined"),
        title=_decided,
        link=lambda params: reverse("events:call", kwargs={"slug": params["slug"]}),
        email_template="events/email/submission_decided",
        order=607,
    ),
    Kind(
        name="events.review_assigned",
        label=gettext_lazy("A project submitted to a call waits for your review"),
        title=lambda params: _("Please score “%(project)s” for %(event)s by %(day)s") % params,
        link=lambda params: reverse(
            "events:submission",
            kwargs={"slug": params["slug"], "submission_id": params["submission"]},
        ),
        email_template="events/email/review_assigned",
        order=608,
    ),
]


def _tell_attendee(registration, kind: str, email_context: dict | None = None, **params) -> None:
    """Tell the attendee of `registration` of an event of `kind` about its event."""
    event = registration.event
    notify(
        recipient=registration.user,
        kind=kind,
        about=f"events.registration:{registration.pk}",
        email_context={"event": event, "registration": registration, **(email_context or {})},
        event=event.title,
        slug=event.slug,
        **params,
    )


def registration_confirmed(registration, *, qr_text: str) -> None:
    """Tell the attendee their seat is theirs; the email carries the ticket's QR code."""
    _tell_attendee(
        registration,
        "events.registration_confirmed",
        email_context={
            "qr_text": qr_text,
            "ticket_url": _ticket({"slug": registration.event.slug}),
        },
    )


def registration_waitlisted(registration) -> None:
    """Tell the person the event is full and they wait for a seat."""
    _tell_attendee(
        registration,
        "events.registration_waitlisted",
        email_context={"ticket_url": _ticket({"slug": registration.event.slug})},
    )


def seat_offered(registration) -> None:
    """Tell the person a seat is held for them until the offer's deadline (the event's zone)."""
    event = registration.event
    expires = timezone.localtime(registration.offer_expires_at, event.zone)
    _tell_attendee(
        registration,
        "events.seat_offered",
        email_context={"expires": expires, "ticket_url": _ticket({"slug": event.slug})},
        expires=expires.strftime("%Y-%m-%d %H:%M"),
        zone=event.time_zone,
    )


def offer_expired(registration) -> None:
    """Tell the person the seat offered to them went to the next one waiting."""
    _tell_attendee(registration, "events.offer_expired")


def registration_cancelled(registration) -> None:
    """Tell the attendee their registration is cancelled (by them or by staff)."""
    _tell_attendee(registration, "events.registration_cancelled")


def reminder(registration, *, days: int) -> None:
    """Remind the attendee that their event starts in `days` days."""
    _tell_attendee(registration, "events.reminder", days=days)


def meeting_requested(meeting) -> None:
    """Tell the invitee who asks to meet them, and in which event."""
    event = meeting.event
    notify(
        recipient=meeting.invitee,
        kind="events.meeting_requested",
        about=f"events.meeting:{meeting.pk}",
        email_context={"event": event, "meeting": meeting, "requester": str(meeting.requester)},
        name=str(meeting.requester),
        event=event.title,
        slug=event.slug,
    )


def submission_decided(submission, *, accepted: bool) -> None:
    """Tell the submitter whether their project is accepted, with the staff's message."""
    event = submission.call.event
    notify(
        recipient=submission.submitted_by,
        kind="events.submission_decided",
        about=f"events.submission:{submission.pk}",
        email_context={"event": event, "submission": submission},
        accepted=accepted,
        project=submission.project.title,
        event=event.title,
        slug=event.slug,
    )


def review_assigned(review) -> None:
    """Tell the reviewer which project waits for their scores, and by when."""
    submission = review.submission
    event = submission.call.event
    notify(
        recipient=review.reviewer,
        kind="events.review_assigned",
        about=f"events.submissionreview:{review.pk}",
        email_context={"event": event, "submission": submission, "review": review},
        project=submission.project.title,
        event=event.title,
        slug=event.slug,
        submission=submission.pk,
        day=day_text(review.due_on),
    )
