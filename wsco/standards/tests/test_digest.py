"""The daily email: one a day per person, in their language, never twice, none lost."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wsco.members.tests.factories import UserFactory
from wsco.notifications.models import NotificationPreference
from wsco.standards import services
from wsco.standards.digest import send_daily_digests
from wsco.standards.models import Digest
from wsco.standards.tests.factories import StandardFactory, act

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed(django_capture_on_commit_callbacks):
    standard = StandardFactory(reference="ISO 37106")
    english, romanian = UserFactory(language="en"), UserFactory(language="ro")
    for user in (english, romanian):
        services.follow(user=user, standard=standard)
    with django_capture_on_commit_callbacks(execute=True):
        act(standard, title="Law 1")
        act(standard, title="Law 2")
    return standard, english, romanian


def test_the_news_is_not_emailed_at_once(followed):
    assert mail.outbox == []


def test_one_email_a_person_with_every_item_in_their_language(
    followed, django_capture_on_commit_callbacks
):
    _standard, english, romanian = followed
    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_digests() == (2, 4)  # two people, two acts each
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {english.email, romanian.email}
    assert "2 changes to the standards you follow" in by_person[english.email].subject
    assert "Law 1" in by_person[english.email].body
    assert "Law 2" in by_person[english.email].body
    assert "adoptă ISO 37106" in by_person[romanian.email].body


def test_running_twice_sends_nothing_more(followed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("standards_daily", stdout=None)
        call_command("standards_daily", stdout=None)
    assert len(mail.outbox) == 2
    assert Digest.objects.count() == 2


def test_the_next_day_covers_only_what_came_after(followed, django_capture_on_commit_callbacks):
    standard, english, _romanian = followed
    with django_capture_on_commit_callbacks(execute=True):
        send_daily_digests()
        act(standard, title="Law 3")
        mail.outbox.clear()
        send_daily_digests(day=timezone.localdate() + timedelta(days=1))
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Law 3" in bodies[english.email]
    assert "Law 1" not in bodies[english.email]


def test_the_email_switch_turns_it_off(followed, django_capture_on_commit_callbacks):
    _standard, english, _romanian = followed
    NotificationPreference.objects.create(
        user=english, kind="standards.new_adoption", in_app=True, email=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        send_daily_digests(day=date(2030, 1, 1))
    assert len(mail.outbox) == 1
    assert english.email not in [message.to[0] for message in mail.outbox]
