"""The groups' lists ask as many queries for many rows as for one (no query per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wsco.groups.services import meetings, problems
from wsco.groups.tests import factories

pytestmark = pytest.mark.django_db

LISTS = ["/groups/", "/problems/", "/impact/", "/api/v1/groups", "/api/v1/problems"]


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def group_at_work(name: str):
    """A group with a member, one answered problem, one endorsed and one nobody endorsed."""
    group = factories.group(name=name, themes=("transportation", "energy"))
    member = factories.join(group)
    answered = factories.problem(group, title=f"{name}: answered")
    factories.accepted(group, answered)
    meeting = factories.meeting(group, problems_on_agenda=[answered], days=-2)
    meetings.hold_meeting(meeting=meeting, by=group.chair)
    meetings.record_answer(problem=answered, given_by="The mayor", text="Yes.", by=group.chair)
    endorsed = factories.problem(group, title=f"{name}: endorsed")
    problems.endorse_problem(problem=endorsed, by=member)
    factories.problem(group, title=f"{name}: nobody endorses it")  # its count is 0
    return group


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_a_list_asks_as_many_queries_for_four_groups_as_for_one(
    client, django_assert_max_num_queries, url, signed_in
):
    first = group_at_work("Mobility")
    if signed_in:
        client.force_login(factories.join(first))
    client.get(url)  # the caches a first request fills (sessions, the theme list)
    one = queries_of(client, url)
    for name in ("Energy", "Water", "Housing"):
        group_at_work(name)
    # 4 groups and 12 problems now (each list shows them all, on one page), in `one` queries.
    with django_assert_max_num_queries(one):
        page = client.get(url).content.decode()
    if url.endswith("groups/") or url.endswith("groups"):
        assert "Housing" in page
    else:
        assert "Housing: answered" in page
