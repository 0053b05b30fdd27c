"""The working groups' pages: who sees what, and what the actions change."""

import pytest
from django.urls import reverse

from wsco.groups import queries
from wsco.groups.models import GroupVisibility, Problem, ProblemEndorsement
from wsco.groups.services import meetings, problems
from wsco.groups.tests import factories

pytestmark = pytest.mark.django_db


def test_a_members_only_group_is_unknown_to_others(client):
    hidden = factories.group(visibility=GroupVisibility.MEMBERS, name="Cabinet")
    problem = factories.problem(hidden, title="Secret matter")
    for url in (
        reverse("groups:group", kwargs={"slug": hidden.slug}),
        reverse("groups:problem", kwargs={"pk": problem.pk}),
        reverse("groups:feed", kwargs={"slug": hidden.slug}),
        reverse("api-1.0.0:get_problem", kwargs={"problem_id": problem.pk}),
    ):
        assert client.get(url).status_code == 404, url
    for url in (reverse("groups:groups"), reverse("groups:problems"), "/api/v1/problems"):
        assert "Secret matter" not in client.get(url).content.decode()
        assert "Cabinet" not in client.get(url).content.decode()
    client.force_login(hidden.chair)
    assert client.get(reverse("groups:problem", kwargs={"pk": problem.pk})).status_code == 200


def test_draft_minutes_and_contacts_stay_with_the_group(client):
    group = factories.group()
    meeting = factories.meeting(group)
    meetings.add_attendee(
        meeting=meeting,
        name="Ana Pop",
        office="Minister",
        email="ana@example.gov",
        is_decision_maker=True,
        by=group.chair,
    )
    meetings.hold_meeting(meeting=meeting, by=group.chair)
    meetings.save_minutes(meeting=meeting, minutes="Draft words", publish=False, by=group.chair)
    url = reverse("groups:meeting", kwargs={"pk": meeting.pk})
    page = client.get(url).content.decode()
    assert "Ana Pop, Minister" in page
    assert "ana@example.gov" not in page
    assert "Draft words" not in page
    client.force_login(group.chair)
    page = client.get(url).content.decode()
    assert "ana@example.gov" in page
    assert "Draft words" in page


def test_a_member_endorses_from_the_problem_page(client):
    group = factories.group()
    problem = factories.problem(group)
    member = factories.join(group)
    client.force_login(member)
    client.post(reverse("groups:endorse", kwargs={"pk": problem.pk}))
    assert ProblemEndorsement.objects.filter(problem=problem, user=member).count() == 1


def test_the_register_counts_problems_by_status_in_a_chart(client):
    group = factories.group()
    factories.problem(group, title="One")
    factories.problem(group, title="Two")
    third = factories.problem(group, title="Three")
    problems.change_problem_state(problem=third, step="analyse", by=group.chair)
    # Two signalled and one analysed; every other status is counted as zero.
    counts = {status: n for status, _label, n in queries.status_counts(Problem.objects.all())}
    assert counts == dict.fromkeys(counts, 0) | {"signalled": 2, "analysed": 1}
    page = client.get(reverse("groups:problems")).content.decode()
    assert "<svg" in page
    assert "Problems by status" in page


def test_the_impact_page_shows_the_answer(client):
    group = factories.group()
    problem = factories.problem(group)
    factories.accepted(group, problem)
    meeting = factories.meeting(group, problems_on_agenda=[problem])
    meetings.hold_meeting(meeting=meeting, by=group.chair)
    meetings.record_answer(
        problem=problem, given_by="The minister", text="A law by autumn.", by=group.chair
    )
    page = client.get(reverse("groups:impact")).content.decode()
    assert "A law by autumn." in page
    assert problem.title in page


def test_the_feed_of_a_public_group_carries_its_problems(client):
    group = factories.group()
    factories.problem(group, title="Fares differ")
    feed = client.get(reverse("groups:feed", kwargs={"slug": group.slug})).content.decode()
    assert "Fares differ" in feed


def test_the_invitation_downloads_as_a_calendar(client):
    group = factories.group()
    meeting = factories.meeting(group)
    response = client.get(reverse("groups:invitation", kwargs={"pk": meeting.pk}))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content
