"""Helpers shared by the membership tests: people, clients and counted queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wsco.members.models import MembershipKind
from wsco.members.tests.factories import UserFactory, membership_type

STAFF_EMAIL = "secretariat@wsco.example"


def staff_user():
    return UserFactory(email=STAFF_EMAIL, is_staff=True)


def signed_in(client, user):
    client.force_login(user)
    return client


def individual():
    return membership_type(MembershipKind.INDIVIDUAL)


def corporate():
    return membership_type(MembershipKind.CORPORATE)


def count_queries(function) -> int:
    """Return how many queries `function()` runs."""
    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries.captured_queries)


def mail_to(outbox, address):
    """Return the emails sent to `address`, oldest first."""
    return [message for message in outbox if address in message.to]
