"""Who may ask to meet, block or report whom, and who closes a report: both sides of each rule."""

import pytest
from django.urls import reverse

from wsco.members.models import Visibility
from wsco.members.tests.factories import NOT_MEMBERS, PEOPLE, VISIBILITIES, UserFactory
from wsco.network.models import Block, Introduction, Report, ReportReason
from wsco.network.tests.factories import member

pytestmark = pytest.mark.django_db

# Each action on another member's page: what it posts, and the rows it creates.
ACTIONS = {
    "network:request": ({"message": "Shall we meet?"}, Introduction),
    "network:block": ({}, Block),
    "network:report": ({"reason": ReportReason.SPAM, "details": ""}, Report),
}


@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_a_hidden_member_cannot_be_met_blocked_or_reported(client, action, visibility):
    me, person = member(), member(visibility=visibility)
    client.force_login(me.user)
    url = reverse(action, kwargs={"profile_id": person.pk})
    data, model = ACTIONS[action]
    page, sent = client.get(url), client.post(url, data)
    if visibility == Visibility.HIDDEN:
        # As if there were nobody: the same answer as for an id no one has.
        assert (page.status_code, sent.status_code) == (404, 404)
        assert not model.objects.exists()
    else:
        assert (page.status_code, sent.status_code) == (200, 302)
        assert model.objects.count() == 1


def test_a_hidden_member_is_not_asked_through_the_api_either(client):
    me, hidden = member(), member(visibility=Visibility.HIDDEN)
    client.force_login(me.user)
    response = client.post(
        "/api/v1/network/requests",
        {"profile_id": hidden.pk, "message": "Hello"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not Introduction.objects.exists()


@pytest.fixture
def report():
    reporter, reported = member(), member()
    return Report.objects.create(reporter=reporter, reported=reported, reason=ReportReason.SPAM)


def resolve(client, report):
    return client.post(
        reverse("network:resolve_report", kwargs={"pk": report.pk}),
        {"resolution": "We warned them."},
    )


@pytest.mark.parametrize("person", ["reporter", "reported", "another member"])
def test_only_the_secretariat_resolves_a_report(client, report, person):
    people = {"reporter": report.reporter, "reported": report.reported}
    client.force_login((people.get(person) or member()).user)
    assert resolve(client, report).status_code == 403
    report.refresh_from_db()
    assert (report.resolved_at, report.resolution) == (None, "")

    client.force_login(UserFactory(is_staff=True))
    assert resolve(client, report).status_code == 302
    report.refresh_from_db()
    assert report.resolved_at is not None
    assert report.resolution == "We warned them."


@pytest.mark.parametrize("person", NOT_MEMBERS)
def test_people_who_are_not_members_do_not_use_the_network(client, person):
    other = member()
    client.force_login(PEOPLE[person]().user)
    url = reverse("network:request", kwargs={"profile_id": other.pk})
    assert client.post(url, {"message": "Hello"}).status_code == 403
    assert not Introduction.objects.exists()
