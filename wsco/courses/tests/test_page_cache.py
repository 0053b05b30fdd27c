"""The catalogue and its API from the page cache: served again until a course changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wsco.courses import services
from wsco.courses.tests.factories import course, first_cohort, member_user

pytestmark = pytest.mark.django_db

LISTS = ["/courses/", "/api/v1/courses"]


@pytest.mark.parametrize("url", LISTS)
def test_a_visitors_catalogue_is_served_again_until_a_course_changes(client, settings, url):
    settings.PAGE_CACHE_SECONDS = 60
    made = course(title="Open data for cities")
    assert "Open data for cities" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as served:
        assert "Open data for cities" in client.get(url).content.decode()
    assert len(served) == 0  # the stored copy, without the database
    made.title = "Open data for councils"
    made.save()
    assert "Open data for councils" in client.get(url).content.decode()


def test_the_api_shows_a_cohorts_seats_as_soon_as_a_learner_takes_one(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    made = course(mode="cohort", capacity=4, questions=False)
    [listed] = client.get("/api/v1/courses").json()["items"]
    assert [cohort["seats_left"] for cohort in listed["cohorts"]] == [4]
    services.enrol(course=made, user=member_user(), cohort=first_cohort(made))
    [listed] = client.get("/api/v1/courses").json()["items"]
    assert [cohort["seats_left"] for cohort in listed["cohorts"]] == [3]


def test_a_signed_in_reader_gets_the_catalogue_built_for_them(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    teacher = member_user()
    course(title="Taught course").instructors.add(teacher)
    client.get("/courses/")  # a visitor's copy is stored
    client.force_login(teacher)
    assert "/courses/new/" in client.get("/courses/").content.decode()
