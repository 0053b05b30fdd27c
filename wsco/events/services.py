"""Every write of the events app: the agenda, registrations and their seats, the waitlist,
payments, check-in, meetings, feedback, reminders and attendance certificates.

Seats: a registration that holds a seat (confirmed, or offered from the waitlist) counts on the
event's and on its ticket type's `seats_taken`. Every change of those counts happens with the
event row locked first (`select_for_update`; on SQLite the IMMEDIATE transaction lets one writer
in at a time), so the count read under the lock is exact, and the check constraints
`event_not_overbooked` and `ticket_type_not_overbooked` refuse whatever a missed lock would let
through (docs/events.md).
"""

import datetime
import io
from decimal import Decimal

import segno
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.events import notifications
from wsco.events.models import (
    EVENT_WORKFLOW,
    MEETING_WORKFLOW,
    REGISTRATION_WORKFLOW,
    Event,
    EventStatus,
    Feedback,
    Meeting,
    Registration,
    RegistrationStatus,
    Reminder,
    Session,
    SlotBooking,
    TicketType,
)

CERTIFICATE_KIND = "event_attendance"
MEETING_MINUTES = 30
REMINDER_DAYS = (7, 1)


# -- The event's state ----------------------------------------------------------------------


def change_event_state(*, event: Event, step_name: str, by) -> Event:
    """Take `step_name` of the event's workflow (staff): publish, open or close registration..."""
    if not by.is_staff:
        raise PermissionDenied(_("Only staff change an event's state."))
    with transaction.atomic():
        return EVENT_WORKFLOW.take(event, step_name, by=by)


# -- The agenda -----------------------------------------------------------------------------


def _clash_message(session: Session, *, event: Event, what: str) -> str:
    local = timezone.localtime(session.starts_at, event.zone)
    return _("%(what)s is already in “%(title)s” (%(room)s, %(time)s) at that time.") % {
        "what": what,
        "title": session.title,
        "room": session.room,
        "time": local.strftime("%Y-%m-%d %H:%M"),
    }


def _require_free(
    *, event: Event, room: str, starts_at, ends_at, speakers, guests: set[str], exclude=None
) -> None:
    """Refuse a room or a speaker already somewhere else between `starts_at` and `ends_at`."""
    overlapping = Session.objects.filter(
        event=event, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).prefetch_related("speakers")
    if exclude is not None:
        overlapping = overlapping.exclude(pk=exclude)
    speaker_ids = {speaker.pk for speaker in speakers}
    for other in overlapping:
        if other.room.casefold() == room.casefold():
            raise ValidationError(
                {
                    "room": _clash_message(
                        other, event=event, what=_("The room %(room)s") % {"room": room}
                    )
                }
            )
        shared = [speaker for speaker in other.speakers.all() if speaker.pk in speaker_ids]
        if shared:
            raise ValidationError(
                {"speakers": _clash_message(other, event=event, what=str(shared[0]))}
            )
        shared_guests = guests & other.guest_names()
        if shared_guests:
            raise ValidationError(
                {
                    "guest_speakers": _clash_message(
                        other, event=event, what=sorted(shared_guests)[0].title()
                    )
                }
            )


def save_session(
    *,
    event: Event,
    by,
    title: str,
    room: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    session_type: str = "talk",
    abstract: str = "",
    speakers=(),
    guest_speakers: str = "",
    themes=(),
    session: Session | None = None,
) -> Session:
    """Add a session to `event`'s agenda, or change `session` (staff).

    Refused when it ends before it starts, falls outside the event, or puts its room or one of
    its speakers in two places at once. The event row is locked while the agenda is read, so
    two sessions saved at the same moment cannot both take one room.
    """
    if not by.is_staff:
        raise PermissionDenied(_("Only staff build the agenda."))
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("A session must end after it starts.")})
    speakers = list(speakers)
    draft = Session(guest_speakers=guest_speakers)
    with transaction.atomic():
        locked = EVENT_WORKFLOW.lock(event)
        if starts_at < locked.starts_at or ends_at > locked.ends_at:
            raise ValidationError(
                {"starts_at": _("A session takes place between the event's start and end.")}
            )
        _require_free(
            event=locked,
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            speakers=speakers,
            guests=draft.guest_names(),
            exclude=session.pk if session else None,
        )
        fields = {
            "title": title,
            "room": room,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "session_type": session_type,
            "abstract": abstract,
            "guest_speakers": guest_speakers,
        }
        if session is None:
            session = Session.objects.create(event=locked, **fields)
        else:
            Session.objects.filter(pk=session.pk).update(**fields)
            session.refresh_from_db()
        session.speakers.set(speakers)
        session.themes.set(themes)
    return session


def remove_session(*, session: Session, by) -> None:
    """Take `session` off the agenda (staff); refused once people left feedback on it, which
    would be lost with it. An accepted pitch's submission stays accepted, without a session."""
    if not by.is_staff:
        raise PermissionDenied(_("Only staff build the agenda."))
    with transaction.atomic():
        EVENT_WORKFLOW.lock(session.event)
        if session.feedback.exists():
            raise ValidationError(
                _("People left feedback on “%(title)s”: it stays on the agenda.")
                % {"title": session.title}
            )
        session.delete()


# -- Registration ---------------------------------------------------------------------------


def _lock_seats(event: Event, ticket_type_id: int) -> tuple[Event, TicketType]:
    """Lock the event's row, then its ticket type's (always in that order)."""
    locked = EVENT_WORKFLOW.lock(event)
    ticket = TicketType.objects.select_for_update().get(pk=ticket_type_id, event=locked)
    return locked, ticket


def _take_seat(event_id: int, ticket_type_id: int) -> None:
    Event.objects.filter(pk=event_id).update(seats_taken=F("seats_taken") + 1)
    TicketType.objects.filter(pk=ticket_type_id).update(seats_taken=F("seats_taken") + 1)


def _give_back_seat(event_id: int, ticket_type_id: int) -> None:
    Event.objects.filter(pk=event_id).update(seats_taken=F("seats_taken") - 1)
    TicketType.objects.filter(pk=ticket_type_id).update(seats_taken=F("seats_taken") - 1)


def _has_seat(event: Event, ticket: TicketType) -> bool:
    return event.seats_taken < event.capacity and ticket.seats_taken < ticket.capacity


def _speaks_at(user, event: Event) -> bool:
    return Session.objects.filter(event=event, speakers=user).exists()


# Who may take each kind of ticket: a member's price is for current members, a speaker's for
# the agenda's speakers, a city official's for people holding that role; the rest are open
# (a press ticket's accreditation is checked at the door).
TICKET_RULES = {
    "member": lambda user, event: user.has_role("member"),
    "non_member": lambda user, event: True,
    "speaker": _speaks_at,
    "press": lambda user, event: True,
    "city_official": lambda user, event: user.has_role("city_official"),
}


def may_take(user, ticket_type: TicketType) -> bool:
    """Say whether `user` may register with `ticket_type` (`TICKET_RULES`)."""
    return user.is_authenticated and TICKET_RULES[ticket_type.kind](user, ticket_type.event)


def register(*, event: Event, ticket_type: TicketType, user) -> Registration:
    """Register `user` to `event` with `ticket_type`: confirmed while seats are left, else on
    the waitlist. Refused when registration is not open or the person is registered already.

    The locks on the event and the ticket type serialise registrations to one event, so of 200
    people registering at once for 50 seats exactly 50 are confirmed and 150 wait.
    """
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to register."))
    with transaction.atomic():
        locked, ticket = _lock_seats(event, ticket_type.pk)
        if locked.status != EventStatus.REGISTRATION_OPEN:
            raise ValidationError(_("Registration to this event is not open."))
        if not TICKET_RULES[ticket.kind](user, locked):
            raise ValidationError(
                {
                    "ticket_type": _("The %(kind)s ticket is not for you; choose another.")
                    % {"kind": ticket.get_kind_display()}
                }
            )
        existing = Registration.objects.filter(event=locked, user=user).first()
        if existing is not None and existing.status != RegistrationStatus.CANCELLED:
            raise ValidationError(_("You are registered to this event already."))
        seat = _has_seat(locked, ticket)
        if seat:
            _take_seat(locked.pk, ticket.pk)
        status = RegistrationStatus.CONFIRMED if seat else RegistrationStatus.WAITLISTED
        if existing is None:
            registration = Registration.objects.create(
                event=locked, ticket_type=ticket, user=user, status=status
            )
        else:
            REGISTRATION_WORKFLOW.lock(existing)
            registration = REGISTRATION_WORKFLOW.advance(
                existing,
                "rejoin" if seat else "rejoin_waitlist",
                ticket_type=ticket,
                registered_at=timezone.now(),
                cancelled_at=None,
            )
        _tell_registered(registration)
    return registration


def _tell_registered(registration: Registration) -> None:
    if registration.status == RegistrationStatus.CONFIRMED:
        notifications.registration_confirmed(
            registration, qr_text=ticket_qr_text(registration.ticket_code)
        )
    else:
        notifications.registration_waitlisted(registration)


def ticket_qr_text(code: str) -> str:
    """Return ticket `code`'s QR code drawn in text (block characters), for a plain email."""
    buffer = io.StringIO()
    segno.make(code, error="m").terminal(out=buffer, compact=True, border=2)
    return buffer.getvalue()


def cancellation_deadline(event: Event) -> datetime.datetime:
    return event.cancellation_deadline or event.starts_at


def cancel_registration(*, registration: Registration, by, now=None) -> Registration:
    """Cancel `registration` (its attendee until the deadline, or staff at any time); a seat it
    held is offered to the first person on the waitlist who can take it."""
    now = now or timezone.now()
    if not (by.is_staff or by.pk == registration.user_id):
        raise PermissionDenied(_("Only the attendee or staff cancel a registration."))
    with transaction.atomic():
        locked_event, _ticket = _lock_seats(registration.event, registration.ticket_type_id)
        if not by.is_staff and now > cancellation_deadline(locked_event):
            raise ValidationError(
                _("This registration can no longer be cancelled: the deadline was %(day)s.")
                % {
                    "day": timezone.localtime(
                        cancellation_deadline(locked_event), locked_event.zone
                    ).strftime("%Y-%m-%d %H:%M")
                }
            )
        locked = REGISTRATION_WORKFLOW.lock(registration, "cancel")
        held = locked.holds_seat
        REGISTRATION_WORKFLOW.advance(locked, "cancel", cancelled_at=now, offer_expires_at=None)
        notifications.registration_cancelled(locked)
        if held:
            _give_back_seat(locked_event.pk, locked.ticket_type_id)
            _offer_next(locked_event, now=now)
    return locked


def _offer_next(event: Event, *, now) -> Registration | None:
    """Offer a free seat to the first person waiting whose ticket type has one (event locked)."""
    event.refresh_from_db(fields=["seats_taken"])
    if event.seats_taken >= event.capacity:
        return None
    waiting = (
        Registration.objects.filter(
            event=event,
            status=RegistrationStatus.WAITLISTED,
            ticket_type__seats_taken__lt=F("ticket_type__capacity"),
        )
        .select_related("user", "ticket_type")
        .order_by("registered_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    REGISTRATION_WORKFLOW.lock(waiting, "offer")
    _take_seat(event.pk, waiting.ticket_type_id)
    expires = now + datetime.timedelta(hours=event.offer_hours)
    REGISTRATION_WORKFLOW.advance(waiting, "offer", offer_expires_at=expires)
    notifications.seat_offered(waiting)
    return waiting


def accept_offer(*, registration: Registration, by, now=None) -> Registration:
    """Take the seat offered to `registration` (its attendee), before the offer expires."""
    now = now or timezone.now()
    if by.pk != registration.user_id:
        raise PermissionDenied(_("Only the attendee takes the seat offered to them."))
    with transaction.atomic():
        EVENT_WORKFLOW.lock(registration.event)
        locked = REGISTRATION_WORKFLOW.lock(registration, "accept_offer")
        if locked.offer_expires_at <= now:
            raise ValidationError(_("This offer expired; the seat went to the next person."))
        REGISTRATION_WORKFLOW.advance(locked, "accept_offer", offer_expires_at=None)
        _tell_registered(locked)
    return locked


def expire_offers(*, now=None) -> int:
    """Cancel the offers not answered in time and pass each seat to the next person waiting.

    Safe to run twice: an offer already expired is cancelled, so a second run finds nothing.
    """
    now = now or timezone.now()
    expired = 0
    for registration in Registration.objects.filter(
        status=RegistrationStatus.OFFERED, offer_expires_at__lte=now
    ).select_related("event"):
        with transaction.atomic():
            event = EVENT_WORKFLOW.lock(registration.event)
            locked = REGISTRATION_WORKFLOW.lock(registration)
            if (
                not REGISTRATION_WORKFLOW.allows(locked, "expire_offer")
                or locked.offer_expires_at > now
            ):
                continue
            REGISTRATION_WORKFLOW.advance(
                locked, "expire_offer", cancelled_at=now, offer_expires_at=None
            )
            notifications.offer_expired(locked)
            _give_back_seat(event.pk, locked.ticket_type_id)
            _offer_next(event, now=now)
            expired += 1
    return expired


# -- Payment and check-in -------------------------------------------------------------------


def record_payment(
    *, registration: Registration, amount: Decimal, reference: str, by, note: str = ""
) -> Registration:
    """Record that `registration`'s ticket was paid (staff), and issue its invoice."""
    from wsco.members.services.invoices import issue_invoice_for

    if not by.is_staff:
        raise PermissionDenied(_("Only staff record payments."))
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": _("Give the payment's reference.")})
    with transaction.atomic():
        locked = REGISTRATION_WORKFLOW.lock(registration, "pay", by=by)
        if locked.paid_at is not None:
            raise ValidationError(_("This ticket is paid already."))
        ticket = locked.ticket_type
        if ticket.is_free or amount != ticket.price:
            raise ValidationError(
                {
                    "amount": _("The ticket costs %(price)s %(currency)s; %(amount)s was given.")
                    % {"price": ticket.price, "currency": ticket.currency, "amount": amount}
                }
            )
        invoice = issue_invoice_for(
            buyer=buyer_of(locked.user),
            description=_("Ticket (%(kind)s) to %(event)s")
            % {"kind": ticket.get_kind_display(), "event": locked.event.title},
            amount=amount,
            currency=ticket.currency,
            note=note,
        )
        REGISTRATION_WORKFLOW.advance(
            locked,
            "pay",
            amount_paid=amount,
            payment_reference=reference,
            paid_at=timezone.now(),
            invoice=invoice,
        )
    return locked


def buyer_of(user) -> dict[str, str]:
    """Return whom an event invoice is made out to: the attendee's organization, or the person."""
    from wsco.members.services.invoices import buyer_from

    profile = getattr(user, "profile", None)
    if profile is None:
        return {"buyer_name": user.email, "buyer_address": "", "buyer_vat_id": ""}
    return buyer_from(organization=profile.organization, profile=profile)


class AlreadyCheckedInError(ValidationError):
    """A ticket shown a second time; `first_at` says when it was first used."""

    def __init__(self, message: str, *, first_at: datetime.datetime):
        super().__init__(message)
        self.first_at = first_at


def check_in(*, event: Event, code: str, by, now=None) -> Registration:
    """Let the holder of ticket `code` in (staff at the door); a second time is refused with
    the time it was first used."""
    if not by.is_staff:
        raise PermissionDenied(_("Only staff check tickets in."))
    code = (code or "").strip().upper()
    if not code:
        raise ValidationError({"code": _("Type or scan the ticket's code.")})
    now = now or timezone.now()
    with transaction.atomic():
        registration = (
            Registration.objects.select_related("user", "ticket_type")
            .filter(event=event, ticket_code=code)
            .first()
        )
        if registration is None:
            raise ValidationError(
                {"code": _("No ticket to this event has the code %(code)s.") % {"code": code}}
            )
        locked = REGISTRATION_WORKFLOW.lock(registration, "check_in")
        if locked.checked_in_at is not None:
            first = timezone.localtime(locked.checked_in_at, event.zone)
            raise AlreadyCheckedInError(
                _("Ticket %(code)s was already used, at %(time)s on %(day)s.")
                % {
                    "code": code,
                    "time": first.strftime("%H:%M"),
                    "day": first.strftime("%Y-%m-%d"),
                },
                first_at=locked.checked_in_at,
            )
        REGISTRATION_WORKFLOW.advance(locked, "check_in", checked_in_at=now, checked_in_by=by)
    return locked


# -- Meetings -------------------------------------------------------------------------------


def meeting_slots(event: Event) -> list[datetime.datetime]:
    """The event's meeting slots: every half hour from its start to its end."""
    slots, moment = [], event.starts_at
    step_length = datetime.timedelta(minutes=MEETING_MINUTES)
    while moment + step_length <= event.ends_at:
        slots.append(moment)
        moment += step_length
    return slots


def _is_attending(event: Event, user) -> bool:
    return Registration.objects.filter(
        event=event, user=user, status=RegistrationStatus.CONFIRMED
    ).exists()


def request_meeting(*, event: Event, requester, invitee, starts_at, message: str = "") -> Meeting:
    """Ask `invitee` to meet during the slot at `starts_at`; both must be confirmed attendees."""
    if requester.pk == invitee.pk:
        raise ValidationError(_("Choose someone else to meet."))
    if not (_is_attending(event, requester) and _is_attending(event, invitee)):
        raise ValidationError(_("Meetings are between confirmed attendees of the event."))
    if starts_at not in meeting_slots(event):
        raise ValidationError({"starts_at": _("Choose one of the event's meeting slots.")})
    if SlotBooking.objects.filter(event=event, user=requester, starts_at=starts_at).exists():
        raise ValidationError({"starts_at": _("You already have a meeting in that slot.")})
    meeting = Meeting.objects.create(
        event=event, requester=requester, invitee=invitee, starts_at=starts_at, message=message
    )
    notifications.meeting_requested(meeting)
    return meeting


def answer_meeting(*, meeting: Meeting, by, accept: bool) -> Meeting:
    """Accept or decline `meeting` (its invitee). Accepting books both people in its slot; a
    person already booked then is refused by the database's one-meeting-per-slot rule."""
    if by.pk != meeting.invitee_id:
        raise PermissionDenied(_("Only the person asked answers a meeting request."))
    try:
        with transaction.atomic():
            locked = MEETING_WORKFLOW.lock(meeting, "accept" if accept else "decline")
            if accept:
                for user_id in (locked.requester_id, locked.invitee_id):
                    SlotBooking.objects.create(
                        meeting=locked,
                        user_id=user_id,
                        event_id=locked.event_id,
                        starts_at=locked.starts_at,
                    )
            MEETING_WORKFLOW.advance(locked, "accept" if accept else "decline")
    except IntegrityError as error:
        raise ValidationError(_("One of you already has a meeting in that slot.")) from error
    return locked


def cancel_meeting(*, meeting: Meeting, by) -> Meeting:
    """Cancel `meeting` (either person); the slot is free again for both."""
    if by.pk not in (meeting.requester_id, meeting.invitee_id):
        raise PermissionDenied(_("Only the two people cancel their meeting."))
    with transaction.atomic():
        locked = MEETING_WORKFLOW.lock(meeting, "cancel")
        SlotBooking.objects.filter(meeting=locked).delete()
        MEETING_WORKFLOW.advance(locked, "cancel")
    return locked


# -- After the event ------------------------------------------------------------------------


def leave_feedback(*, session: Session, user, rating: int, comment: str = "", now=None) -> Feedback:
    """Record `user`'s feedback on `session`: once it has ended, and only by a checked-in or
    confirmed attendee; a second form replaces the first."""
    now = now or timezone.now()
    if session.ends_at > now:
        raise ValidationError(_("Feedback opens when the session has ended."))
    if not _is_attending(session.event, user):
        raise PermissionDenied(_("Only the event's attendees give feedback."))
    if rating not in range(1, 6):
        raise ValidationError({"rating": _("Give a rating from 1 to 5.")})
    feedback, _created = Feedback.objects.update_or_create(
        session=session, user=user, defaults={"rating": rating, "comment": comment}
    )
    return feedback


def send_reminders(*, today: datetime.date | None = None) -> int:
    """Email confirmed attendees 7 days and 1 day before their event; safe to run twice (one
    `Reminder` row per registration and offset, made before the email is queued)."""
    today = today or timezone.localdate()
    sent = 0
    for days in REMINDER_DAYS:
        day = today + datetime.timedelta(days=days)
        registrations = Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            event__starts_at__date=day,
            event__status__in=[
                EventStatus.REGISTRATION_OPEN,
                EventStatus.CLOSED,
                EventStatus.PUBLISHED,
            ],
        ).select_related("event", "user")
        for registration in registrations:
            with transaction.atomic():
                _reminder, created = Reminder.objects.get_or_create(
                    registration=registration, days_before=days
                )
                if not created:
                    continue
                notifications.reminder(registration, days=days)
                sent += 1
    return sent


def issue_attendance_certificates(*, event: Event, by) -> int:
    """Issue an attendance certificate to every checked-in attendee of a held event who has
    none yet (staff); return how many were issued."""
    from wsco.certificates.queries import certificates_for
    from wsco.certificates.services import issue_certificate
    from wsco.courses.services import holder_name

    if not by.is_staff:
        raise PermissionDenied(_("Only staff issue attendance certificates."))
    if event.status not in (EventStatus.HELD, EventStatus.ARCHIVED):
        raise ValidationError(_("Attendance certificates are issued once the event is held."))
    holders = set(
        certificates_for(event, kind=CERTIFICATE_KIND).values_list("holder_user_id", flat=True)
    )
    issued = 0
    attended = Registration.objects.filter(event=event, checked_in_at__isnull=False).select_related(
        "user__profile"
    )
    for registration in attended:
        if registration.user_id in holders:
            continue
        with transaction.atomic():
            issue_certificate(
                kind=CERTIFICATE_KIND,
                title=event.title,
                holder_name=holder_name(registration.user),
                holder_user=registration.user,
                subject=event,
                details=[("Dates", _event_dates(event))],
                by=by,
            )
        issued += 1
    return issued


def _event_dates(event: Event) -> str:
    first = timezone.localtime(event.starts_at, event.zone).date()
    last = timezone.localtime(event.ends_at, event.zone).date()
    return f"{first.isoformat()} – {last.isoformat()}"
