"""A learner's certificates on their kept profile page: shown, hidden and renamed at once."""

import pytest
from django.urls import reverse

from wsco.courses import services
from wsco.courses.tests.factories import complete, course

pytestmark = pytest.mark.django_db


def profile_page(client, user) -> str:
    response = client.get(reverse("members:profile", args=[user.profile.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_certificate_shown_on_the_profile_appears_on_the_kept_page_at_once(client):
    made = course(title="Open data for cities")
    enrolment = complete(made)
    learner = enrolment.user
    assert "Open data for cities" not in profile_page(client, learner)  # Now kept.
    services.show_on_profile(enrolment=enrolment, shown=True, by=learner)
    assert "Open data for cities" in profile_page(client, learner)
    services.show_on_profile(enrolment=enrolment, shown=False, by=learner)
    assert "Open data for cities" not in profile_page(client, learner)


def test_a_renamed_course_shows_its_new_title_on_the_kept_page(client):
    made = course(title="Open data for cities")
    enrolment = complete(made)
    services.show_on_profile(enrolment=enrolment, shown=True, by=enrolment.user)
    assert "Open data for cities" in profile_page(client, enrolment.user)
    made.title = "Open data for councils"
    made.save()
    assert "Open data for councils" in profile_page(client, enrolment.user)
