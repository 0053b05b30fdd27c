"""Who may see and do what around an event; the only way views reach its objects.

A published event, its agenda and its speakers are public. A registration, its ticket and the
person's agenda are for the attendee; the attendees, their meetings and the check-in are never
public: people to meet are shown to confirmed attendees only, the registrations list, payments
and the door to staff (docs/events.md).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from wsco.events.models import Event, Meeting, Registration, RegistrationStatus, Session


def get_event_for_user(user, slug: str) -> Event:
    """Return the event `slug` if `user` may see it; 404 otherwise (a draft is unknown)."""
    return get_object_or_404(Event.objects.open_to(user).select_related("series"), slug=slug)


def get_event_for_staff(user, slug: str) -> Event:
    event = get_event_for_user(user, slug)
    if not user.is_staff:
        raise PermissionDenied(_("Only staff manage an event's registrations and its door."))
    return event


def registration_of(user, event: Event) -> Registration | None:
    """Return `user`'s registration to `event`, if they have one."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.select_related("ticket_type", "event")
        .filter(event=event, user=user)
        .first()
    )


def get_registration_for_attendee(user, event: Event) -> Registration:
    """Return `user`'s registration to `event`; 404 when they have none."""
    registration = registration_of(user, event)
    if registration is None:
        raise Http404(_("You are not registered to this event."))
    return registration


def get_attendance(user, event: Event) -> Registration:
    """Return `user`'s confirmed registration; refuse anyone else (people and meetings are for
    the event's confirmed attendees)."""
    registration = registration_of(user, event)
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        raise PermissionDenied(_("Only the event's confirmed attendees meet other attendees."))
    return registration


def get_registration_for_staff(user, event: Event, registration_id: int) -> Registration:
    if not user.is_staff:
        raise PermissionDenied(_("Only staff manage registrations."))
    return get_object_or_404(
        Registration.objects.select_related("user__profile", "ticket_type", "invoice"),
        pk=registration_id,
        event=event,
    )


def get_meeting_for_invitee(user, event: Event, meeting_id: int) -> Meeting:
    """Return the meeting `meeting_id` of `event` that `user` was asked to; 404 otherwise."""
    return get_object_or_404(Meeting, pk=meeting_id, event=event, invitee_id=user.pk)


def get_session_for_user(user, event: Event, session_id: int) -> Session:
    return get_object_or_404(Session, pk=session_id, event=event)


def get_registration_by_token(event: Event, token: str) -> Registration:
    """Return the registration whose personal calendar `token` is; 404 for any other."""
    return get_object_or_404(
        Registration.objects.select_related("event", "user"),
        event=event,
        calendar_token=token,
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED],
    )


def get_call(event: Event):
    """Return `event`'s call for projects; 404 when it has none."""
    from wsco.events.models import ProjectCall

    return get_object_or_404(ProjectCall.objects.select_related("event"), event=event)


def get_submission_for_reader(user, event: Event, submission_id: int):
    """Return a submission to its assigned reviewers and staff; 404 to anyone else (nobody
    learns what was submitted by guessing numbers)."""
    from wsco.events.models import Submission

    submission = get_object_or_404(
        Submission.objects.select_related("call__event", "project", "submitted_by__profile"),
        pk=submission_id,
        call__event=event,
    )
    if not (user.is_staff or submission.reviews.filter(reviewer_id=user.pk).exists()):
        raise Http404
    return submission


def get_submission_for_staff(user, event: Event, submission_id: int):
    if not user.is_staff:
        raise PermissionDenied(_("Only staff manage the call's submissions."))
    return get_submission_for_reader(user, event, submission_id)
