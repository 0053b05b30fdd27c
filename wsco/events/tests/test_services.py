"""The events' rules: the agenda refuses clashes, the waitlist promotes and expires offers,
cancellation has a deadline, the door lets a ticket in once, payments issue invoices,
meetings never double-book a slot, reminders go once."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from wsco.events import services
from wsco.events.models import Event, Registration, RegistrationStatus, Reminder, TicketType
from wsco.events.tests import factories
from wsco.events.tests.factories import STARTS
from wsco.members.models import Invoice
from wsco.members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def _session(event, by, *, room="Hall A", starts=STARTS, hours=1, **fields):
    return services.save_session(
        event=event,
        by=by,
        title=fields.pop("title", "Mobility pitches"),
        room=room,
        starts_at=starts,
        ends_at=starts + hours * HOUR,
        **fields,
    )


class TestAgenda:
    def test_a_room_in_two_places_at_once_is_refused_naming_the_other_session(self):
        event, staff = factories.event(), factories.staff()
        _session(event, staff, title="Water panel")
        # 30 minutes into the first session, same room (case differs): refused.
        with pytest.raises(ValidationError, match="The room hall a is already in “Water panel”"):
            _session(event, staff, room="hall a", starts=STARTS + HOUR / 2, title="Energy")

    def test_back_to_back_sessions_in_one_room_are_accepted(self):
        event, staff = factories.event(), factories.staff()
        _session(event, staff)
        second = _session(event, staff, starts=STARTS + HOUR, title="Next")
        assert event.sessions.count() == 2
        assert second.starts_at == STARTS + HOUR

    def test_a_member_speaker_in_two_rooms_at_once_is_refused(self):
        event, staff, speaker = factories.event(), factories.staff(), factories.member_user()
        _session(event, staff, speakers=[speaker])
        with pytest.raises(ValidationError, match="is already in “Mobility pitches”"):
            _session(event, staff, room="Hall B", speakers=[speaker], title="Other")

    def test_a_guest_speaker_in_two_rooms_at_once_is_refused(self):
        event, staff = factories.event(), factories.staff()
        _session(event, staff, guest_speakers="Ana Pop, mayor")
        with pytest.raises(ValidationError, match="Ana Pop is already in"):
            _session(event, staff, room="Hall B", guest_speakers="ana pop, panel", title="X")

    def test_only_staff_build_the_agenda(self):
        with pytest.raises(PermissionDenied, match="Only staff build the agenda"):
            _session(factories.event(), UserFactory())


class TestWaitlist:
    def test_a_cancelled_seat_is_offered_to_the_first_waiting_who_is_emailed(
        self, django_capture_on_commit_callbacks
    ):
        event = factories.event(capacity=1)
        first = factories.registered(event)
        second = factories.registered(event)
        third = factories.registered(event)
        assert (second.status, third.status) == ("waitlisted", "waitlisted")
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.cancel_registration(registration=first, by=first.user)
        second.refresh_from_db()
        third.refresh_from_db()
        event.refresh_from_db()
        assert second.status == RegistrationStatus.OFFERED
        # The offer lasts the event's 48 hours.
        assert second.offer_expires_at - second.registered_at > datetime.timedelta(hours=47)
        assert third.status == RegistrationStatus.WAITLISTED
        assert event.seats_taken == 1
        # The one who cancelled is told it is done; the first waiting, that a seat is theirs.
        assert [(message.to, message.subject) for message in mail.outbox] == [
            ([first.user.email], "[WSCO] Your registration to Urban Projects 2099 is cancelled"),
            ([second.user.email], "[WSCO] A seat at Urban Projects 2099 is yours if you confirm"),
        ]

    def test_an_offer_taken_in_time_confirms_the_seat(self):
        event = factories.event(capacity=1)
        first, second = factories.registered(event), factories.registered(event)
        services.cancel_registration(registration=first, by=first.user)
        second.refresh_from_db()
        services.accept_offer(registration=second, by=second.user)
        second.refresh_from_db()
        assert second.status == RegistrationStatus.CONFIRMED

    def test_an_expired_offer_passes_to_the_next_and_a_second_run_changes_nothing(self):
        event = factories.event(capacity=1)
        first, second, third = (factories.registered(event) for _index in range(3))
        services.cancel_registration(registration=first, by=first.user)
        second.refresh_from_db()
        later = second.offer_expires_at + datetime.timedelta(seconds=1)
        with pytest.raises(ValidationError, match="This offer expired"):
            services.accept_offer(registration=second, by=second.user, now=later)
        assert services.expire_offers(now=later) == 1
        assert services.expire_offers(now=later) == 0
        second.refresh_from_db()
        third.refresh_from_db()
        event.refresh_from_db()
        assert (second.status, third.status) == ("cancelled", "offered")
        assert event.seats_taken == 1

    def test_an_offer_not_yet_expired_stays(self):
        event = factories.event(capacity=1)
        first, second = factories.registered(event), factories.registered(event)
        services.cancel_registration(registration=first, by=first.user)
        second.refresh_from_db()
        just_before = second.offer_expires_at - datetime.timedelta(seconds=1)
        assert services.expire_offers(now=just_before) == 0

    def test_cancelling_is_refused_after_the_deadline_but_allowed_on_it(self):
        deadline = STARTS - datetime.timedelta(days=2)
        event = factories.event(cancellation_deadline=deadline)
        registration = factories.registered(event)
        with pytest.raises(ValidationError, match="can no longer be cancelled"):
            services.cancel_registration(
                registration=registration,
                by=registration.user,
                now=deadline + datetime.timedelta(seconds=1),
            )
        services.cancel_registration(registration=registration, by=registration.user, now=deadline)
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.CANCELLED

    def test_registering_twice_is_refused_and_after_cancelling_allowed(self):
        event = factories.event()
        registration = factories.registered(event)
        with pytest.raises(ValidationError, match="registered to this event already"):
            factories.registered(event, registration.user)
        services.cancel_registration(registration=registration, by=registration.user)
        again = factories.registered(event, registration.user)
        assert again.pk == registration.pk
        assert again.status == RegistrationStatus.CONFIRMED
        event.refresh_from_db()
        assert event.seats_taken == 1

    def test_registration_is_refused_unless_open(self):
        event = factories.event(status="published")
        with pytest.raises(ValidationError, match="Registration to this event is not open"):
            factories.registered(event)

    def test_a_member_ticket_is_refused_to_a_non_member(self):
        event = factories.event()
        with pytest.raises(ValidationError, match="The Member ticket is not for you"):
            factories.registered(event, UserFactory(), kind="member")
        assert factories.registered(event, factories.member_user(), kind="member").holds_seat


class TestDoorAndPayment:
    def test_a_ticket_is_let_in_once_and_refused_the_second_time_with_the_first_time(self):
        event, staff = factories.event(), factories.staff()
        registration = factories.registered(event)
        # 2099-03-10 07:05 UTC is 09:05 in Bucharest.
        first = datetime.datetime(2099, 3, 10, 7, 5, tzinfo=datetime.UTC)
        services.check_in(event=event, code=registration.ticket_code.lower(), by=staff, now=first)
        with pytest.raises(
            services.AlreadyCheckedInError, match="already used, at 09:05 on 2099-03-10"
        ):
            services.check_in(event=event, code=registration.ticket_code, by=staff)
        registration.refresh_from_db()
        assert registration.checked_in_at == first

    def test_an_unknown_code_and_a_waitlisted_ticket_are_refused(self):
        event, staff = factories.event(capacity=1), factories.staff()
        factories.registered(event)
        waiting = factories.registered(event)
        with pytest.raises(ValidationError, match="No ticket to this event has the code NOPE"):
            services.check_in(event=event, code="nope", by=staff)
        with pytest.raises(ValidationError, match="does not let anyone in"):
            services.check_in(event=event, code=waiting.ticket_code, by=staff)

    def test_only_staff_check_in(self):
        event = factories.event()
        registration = factories.registered(event)
        with pytest.raises(PermissionDenied, match="Only staff check tickets in"):
            services.check_in(event=event, code=registration.ticket_code, by=registration.user)

    def test_a_payment_of_the_price_issues_a_numbered_invoice(self):
        event, staff = factories.event(), factories.staff()
        registration = factories.registered(event, factories.member_user(), kind="member")
        with pytest.raises(ValidationError, match=r"costs 120\.00 EUR; 119\.99 was given"):
            services.record_payment(
                registration=registration, amount=Decimal("119.99"), reference="T-1", by=staff
            )
        services.record_payment(
            registration=registration, amount=Decimal("120.00"), reference="T-1", by=staff
        )
        registration.refresh_from_db()
        invoice = Invoice.objects.get()
        assert registration.invoice == invoice
        assert invoice.payment is None
        assert (invoice.total_amount, invoice.currency) == (Decimal("120.00"), "EUR")
        assert "Urban Projects 2099" in invoice.description
        with pytest.raises(ValidationError, match="paid already"):
            services.record_payment(
                registration=registration, amount=Decimal("120.00"), reference="T-2", by=staff
            )

    def test_the_attendee_cannot_record_their_own_payment(self):
        event = factories.event()
        registration = factories.registered(event, factories.member_user(), kind="member")
        with pytest.raises(PermissionDenied, match="Only staff record payments"):
            services.record_payment(
                registration=registration,
                amount=Decimal("120.00"),
                reference="x",
                by=registration.user,
            )


class TestMeetings:
    def test_both_accept_and_nobody_is_booked_twice_in_one_slot(self):
        event = factories.event()
        ana, ben, cai = (factories.registered(event).user for _index in range(3))
        slot = services.meeting_slots(event)[2]
        first = services.request_meeting(event=event, requester=ana, invitee=ben, starts_at=slot)
        second = services.request_meeting(event=event, requester=cai, invitee=ben, starts_at=slot)
        services.answer_meeting(meeting=first, by=ben, accept=True)
        with pytest.raises(ValidationError, match="already has a meeting in that slot"):
            services.answer_meeting(meeting=second, by=ben, accept=True)
        second.refresh_from_db()
        assert second.status == "requested"
        with pytest.raises(ValidationError, match="already have a meeting in that slot"):
            services.request_meeting(event=event, requester=ana, invitee=cai, starts_at=slot)

    def test_a_meeting_outside_the_slots_or_with_someone_not_attending_is_refused(self):
        event = factories.event()
        ana, ben = (factories.registered(event).user for _index in range(2))
        with pytest.raises(ValidationError, match="meeting slots"):
            services.request_meeting(
                event=event, requester=ana, invitee=ben, starts_at=STARTS + HOUR / 4
            )
        with pytest.raises(ValidationError, match="between confirmed attendees"):
            services.request_meeting(
                event=event, requester=ana, invitee=UserFactory(), starts_at=STARTS
            )

    def test_the_event_has_a_slot_every_half_hour(self):
        # 07:00 to 16:00 UTC the next day: 33 hours, 66 half-hour slots.
        assert len(services.meeting_slots(factories.event())) == 66


class TestReminders:
    def test_reminders_go_once_a_week_and_a_day_before(self, django_capture_on_commit_callbacks):
        event = factories.event()
        registration = factories.registered(event)
        week_before = datetime.date(2099, 3, 3)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert services.send_reminders(today=week_before) == 1
            assert services.send_reminders(today=week_before) == 0
            assert services.send_reminders(today=week_before + datetime.timedelta(days=1)) == 0
        assert len(mail.outbox) == 1
        assert "7 days" in mail.outbox[0].subject
        assert Reminder.objects.filter(registration=registration).count() == 1


def test_the_counts_never_go_below_what_is_held():
    event = factories.event(capacity=2)
    registrations = [factories.registered(event) for _index in range(3)]
    for registration in registrations:
        services.cancel_registration(registration=registration, by=registration.user)
    event.refresh_from_db()
    held = Registration.objects.filter(event=event, status__in=["confirmed", "offered"]).count()
    assert event.seats_taken == held == 0
    assert TicketType.objects.get(event=event, kind="non_member").seats_taken == 0
    assert Event.objects.get(pk=event.pk).seats_taken == 0
