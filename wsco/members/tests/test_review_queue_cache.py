"""The staff's cached review queue: every change to what it shows ends it at once.

A write made behind the services' back (a queryset `update()`, which sends no signal and
marks nothing) shows whether the queue was served from the cache.
"""

import re

import pytest
from django.test import Client
from django.utils import timezone

from wsco.core.page_cache import CSRF_PLACEHOLDER
from wsco.members.models import Application, ApplicationStatus, MembershipType
from wsco.members.services.memberships import approve_application
from wsco.members.services.profiles import update_profile
from wsco.members.tests.factories import ProfileFactory, UserFactory
from wsco.members.tests.membership_helpers import individual

pytestmark = pytest.mark.django_db

QUEUE = "/members/review/"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def applying(name: str) -> Application:
    return Application.objects.create(
        profile=ProfileFactory(name=name),
        membership_type=individual(),
        motivation="We build sensors.",
        status=ApplicationStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )


def queue(client, path=QUEUE) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def staff_user():
    return UserFactory(is_staff=True)


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(staff_user())
    return client


def test_the_queue_is_served_from_the_cache_until_an_application_changes(staff_client):
    first = applying("Ana Applicant")
    assert "Ana Applicant" in queue(staff_client)
    Application.objects.filter(pk=first.pk).update(motivation="Unannounced")
    assert "Unannounced" not in queue(staff_client)  # Served from the cache.
    applying("Bogdan Applicant")  # A new application ends the queue.
    text = queue(staff_client)
    assert "Bogdan Applicant" in text
    assert "Unannounced" in text


def test_a_decision_ends_the_queue_and_its_counts(staff_client):
    first, _second = applying("Ana Applicant"), applying("Bogdan Applicant")
    assert "2 open applications" in queue(staff_client)
    approve_application(application=first, by=staff_user())
    text = queue(staff_client)
    # One left open, and the approved one awaits payment: counted on the other tab.
    assert "1 open application" in text
    assert "Ana Applicant" not in text


def test_the_staff_s_own_approval_ends_the_queue(staff_client):
    first = applying("Ana Applicant")
    row = f'href="{first.get_absolute_url()}"'
    assert row in queue(staff_client)
    response = staff_client.post(f"/members/applications/{first.pk}/approve/")
    assert response.status_code == 302
    # The page says so in a message; the queue no longer lists her application.
    assert row not in queue(staff_client)


def test_an_applicant_s_new_name_and_email_show_at_once(staff_client):
    first = applying("Ana Applicant")
    assert "Ana Applicant" in queue(staff_client)
    update_profile(profile=first.profile, data={"name": "Ana Renamed"})
    assert "Ana Renamed" in queue(staff_client)
    user = first.profile.user
    user.email = "ana.new@example.org"
    user.save()
    assert "ana.new@example.org" in queue(staff_client)


def test_a_renamed_membership_type_shows_at_once(staff_client):
    first = applying("Ana Applicant")
    assert first.membership_type.name in queue(staff_client)
    membership_type = MembershipType.objects.get(pk=first.membership_type_id)
    membership_type.name = "Individual, renamed"
    membership_type.save()
    assert "Individual, renamed" in queue(staff_client)


def test_each_filter_and_page_is_kept_apart(staff_client):
    applying("Ana Applicant")
    asked = applying("Bogdan Applicant")
    Application.objects.filter(pk=asked.pk).update(status=ApplicationStatus.INFO_REQUESTED)
    everything = queue(staff_client)
    waiting = queue(staff_client, f"{QUEUE}?status=submitted")
    assert "Bogdan Applicant" in everything
    assert "Bogdan Applicant" not in waiting
    assert "Ana Applicant" in waiting


def test_two_staff_get_the_same_queue_each_with_their_own_token():
    first = applying("Ana Applicant")
    tokens = []
    for _ in range(2):
        client = Client(enforce_csrf_checks=True)
        client.force_login(staff_user())
        text = queue(client)
        assert CSRF_PLACEHOLDER not in text
        tokens.append((client, CSRF_INPUT.search(text).group(1)))
    assert tokens[0][1] != tokens[1][1]
    client, token = tokens[1]  # The second was served the first's kept queue.
    response = client.post(
        f"/members/applications/{first.pk}/approve/", {"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == ApplicationStatus.APPROVED
