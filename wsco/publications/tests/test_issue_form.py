"""An issue edited in Romanian keeps its date (the form once showed it as "01.03.2017", which a
browser's date picker cannot read, and refused to save it)."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse

from wsco.publications.models import Issue
from wsco.publications.tests.factories import IssueFactory, make_editor


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ro"])
def test_an_issue_edited_in_either_language_keeps_its_date(client, language):
    issue = IssueFactory(published_at=None, title="Before")
    client.force_login(make_editor())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse("publications:issue_edit", args=[issue.pk])

    page = client.get(url).content.decode()
    shown = re.search(r'<input type="date" name="date" value="([^"]*)"', page).group(1)
    assert shown == "2017-03-01"

    answer = client.post(
        url,
        {
            "volume": issue.volume,
            "number": 1,
            "year": 2017,
            "quarter": 1,
            "date": shown,
            "title": "After",
        },
    )
    assert answer.status_code == 302, answer.context["form"].errors
    issue = Issue.objects.get(pk=issue.pk)
    assert (issue.title, issue.date) == ("After", datetime.date(2017, 3, 1))
