"""No overbooking, ever: 200 people registering at once for 50 seats leave exactly 50 confirmed
and 150 on the waitlist, on SQLite and on PostgreSQL, with real threads (each its own
connection), and the seat counters agree with the rows."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from wsco.core.tests.constraints import violates
from wsco.core.tests.race import in_thread, run_at_once, sqlite_file
from wsco.events import services
from wsco.events.models import Event, Registration, RegistrationStatus, TicketType
from wsco.events.tests import factories
from wsco.members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

ATTEMPTS = 200
SEATS = 50


def _outcome_counts(event_id: int) -> dict:
    event = Event.objects.get(pk=event_id)
    rows = Registration.objects.filter(event_id=event_id)
    return {
        "confirmed": rows.filter(status=RegistrationStatus.CONFIRMED).count(),
        "waitlisted": rows.filter(status=RegistrationStatus.WAITLISTED).count(),
        "seats_taken": event.seats_taken,
        "ticket_seats_taken": TicketType.objects.get(event_id=event_id).seats_taken,
    }


def test_200_registrations_at_once_for_50_seats_confirm_exactly_50():
    event = factories.event(capacity=SEATS, tickets=(("non_member", 0, ATTEMPTS),))
    ticket = factories.ticket(event)
    users = [UserFactory() for _index in range(ATTEMPTS)]
    with sqlite_file():
        outcomes = run_at_once(
            [
                lambda user=user: services.register(event=event, ticket_type=ticket, user=user)
                for user in users
            ]
        )
        counts = in_thread(lambda: _outcome_counts(event.pk))
    errors = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert errors == []
    # 200 attempts, 50 seats: the first 50 to take the lock are confirmed, 150 wait.
    assert counts == {
        "confirmed": 50,
        "waitlisted": 150,
        "seats_taken": 50,
        "ticket_seats_taken": 50,
    }


def test_a_ticket_type_with_fewer_seats_than_the_event_fills_first():
    # 30 seats in the event, 10 press tickets: 12 press requests give 10 confirmed, 2 waiting.
    event = factories.event(capacity=30, tickets=(("press", 0, 10),))
    ticket = factories.ticket(event, "press")
    users = [UserFactory() for _index in range(12)]
    with sqlite_file():
        outcomes = run_at_once(
            [
                lambda user=user: services.register(event=event, ticket_type=ticket, user=user)
                for user in users
            ],
            at_once=12,
        )
        counts = in_thread(lambda: _outcome_counts(event.pk))
    assert [outcome for outcome in outcomes if isinstance(outcome, Exception)] == []
    assert counts == {"confirmed": 10, "waitlisted": 2, "seats_taken": 10, "ticket_seats_taken": 10}


def test_the_database_refuses_a_seat_past_capacity_whatever_the_code():
    event = factories.event(capacity=1)
    factories.registered(event)
    with (
        pytest.raises(IntegrityError, match=violates("event_not_overbooked")),
        transaction.atomic(),
    ):
        Event.objects.filter(pk=event.pk).update(seats_taken=F("seats_taken") + 1)
    ticket = factories.ticket(event)
    with (
        pytest.raises(IntegrityError, match=violates("ticket_type_not_overbooked")),
        transaction.atomic(),
    ):
        TicketType.objects.filter(pk=ticket.pk).update(seats_taken=F("capacity") + 1)
