"""Each list page and list endpoint runs the same number of queries for 1 row as for several."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wsco.members.tests.factories import UserFactory
from wsco.network.models import (
    Block,
    DismissedSuggestion,
    Introduction,
    Message,
    Report,
    Suggestion,
)
from wsco.network.tests.factories import connect, member

pytestmark = pytest.mark.django_db

REASONS = [
    {"code": "shared_themes", "themes": ["water"]},
    {"code": "different_area", "area": "sector", "yours": "public", "theirs": "industry"},
]


def fill(me, rows: int) -> None:
    """Give `me` `rows` of everything a list shows: suggestions, requests, connections, blocks."""
    for rank in range(1, rows + 1):
        Suggestion.objects.create(
            profile=me, suggested=member(), rank=rank, score=1.0, reasons=REASONS
        )
        Introduction.objects.create(sender=member(), recipient=me, message="Hello")
        Introduction.objects.create(sender=me, recipient=member(), message="Hello")
        link = connect(me, member())
        Message.objects.create(connection=link, sender=me, body="Hi")
        Block.objects.create(blocker=me, blocked=member())
        DismissedSuggestion.objects.create(profile=me, dismissed=member())
        Report.objects.create(reporter=member(), reported=member(), reason="spam")


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


PAGES = [
    reverse("network:people_to_meet"),
    reverse("network:requests"),
    reverse("network:connections"),
    reverse("network:blocked"),
    "/api/v1/network/suggestions",
    "/api/v1/network/requests/received",
    "/api/v1/network/requests/sent",
    "/api/v1/network/connections",
]


@pytest.mark.parametrize("url", PAGES)
def test_member_lists_do_not_grow_with_their_rows(client, url):
    counts = []
    for rows in (1, 4):
        me = member()
        fill(me, rows)
        client.force_login(me.user)
        counts.append(count_queries(client, url))
    assert counts[0] == counts[1]
    assert counts[0] <= 12


def test_staff_reports_do_not_grow_with_their_rows(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request builds the whole page
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    Report.objects.create(reporter=member(), reported=member(), reason="spam")
    resolved = Report.objects.create(reporter=member(), reported=member(), reason="fake")
    Report.objects.filter(pk=resolved.pk).update(
        resolved_by=staff, resolved_at=timezone.now(), resolution="ok"
    )
    one = count_queries(client, reverse("network:staff_reports"))
    for _ in range(3):
        Report.objects.create(reporter=member(), reported=member(), reason="spam")
        done = Report.objects.create(reporter=member(), reported=member(), reason="fake")
        Report.objects.filter(pk=done.pk).update(
            resolved_by=staff, resolved_at=timezone.now(), resolution="ok"
        )
    assert count_queries(client, reverse("network:staff_reports")) == one


def test_staff_introductions_page_does_not_grow_with_its_rows(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request builds the whole page
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    Introduction.objects.create(sender=member(), recipient=member(), introduced_by=staff)
    one = count_queries(client, reverse("network:staff_introduce"))
    for _ in range(3):
        Introduction.objects.create(sender=member(), recipient=member(), introduced_by=staff)
    assert count_queries(client, reverse("network:staff_introduce")) == one


def test_staff_reports_resolved_table_sorts_by_its_columns(client):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    now = timezone.now()
    for name, days_ago in (("Bianca", 1), ("Ana", 3), ("Carmen", 2)):
        report = Report.objects.create(reporter=member(), reported=member(name=name), reason="spam")
        Report.objects.filter(pk=report.pk).update(
            resolved_by=staff, resolved_at=now - datetime.timedelta(days=days_ago)
        )

    def names(sort):
        response = client.get(reverse("network:staff_reports"), {"sort": sort})
        return [report.reported.name for report in response.context["resolved"]]

    assert names("reported") == ["Ana", "Bianca", "Carmen"]
    assert names("-reported") == ["Carmen", "Bianca", "Ana"]
    assert names("resolved") == ["Ana", "Carmen", "Bianca"]
    latest = ["Bianca", "Carmen", "Ana"]
    assert names("-resolved") == latest
    for fallback in ("latest", "-latest", "reason", "reporter__user__password", ""):
        assert names(fallback) == latest
