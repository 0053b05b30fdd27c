"""The awards' lists ask as many queries for several rows as for one (none per row)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wsco.awards.models import Edition, Phase, Secondment
from wsco.awards.services.results import announce_edition
from wsco.awards.tests.factories import category, edition, juror, nomination, seat
from wsco.awards.tests.test_results import _score
from wsco.members.tests.factories import MemberProfileFactory, current_member

pytestmark = pytest.mark.django_db


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def announced(year: int) -> Edition:
    """An edition with two categories, each with an announced winner and finalist."""
    made = edition(Phase.JURY, year=year)
    the_juror = juror()
    for kind in ("member", "organization"):
        made_category = category(made, kind="member", slug=f"best-{kind}-{year}")
        seat(made_category, the_juror)
        for value in (9, 5):
            _score(
                made_category,
                nomination(made_category, MemberProfileFactory()),
                the_juror,
                value,
                value,
            )
    earlier = timezone.now() - datetime.timedelta(seconds=1)
    Edition.objects.filter(pk=made.pk).update(
        jury_ends_at=earlier, vote_closes_at=earlier, announce_at=earlier
    )
    made.refresh_from_db()
    assert announce_edition(made)
    return made


@pytest.mark.parametrize("url", ["/awards/", "/api/v1/awards"])
def test_a_list_asks_as_many_queries_for_three_editions_as_for_one(
    client, django_assert_max_num_queries, url
):
    announced(2016)
    client.get(url)  # the caches a first request fills
    one = queries_of(client, url)
    announced(2017)
    announced(2018)
    with django_assert_max_num_queries(one):
        client.get(url)


def test_my_nominations_ask_as_many_queries_for_three_rows_of_each_as_for_one(
    client, django_assert_max_num_queries
):
    """The member's nominations (with their seconders counted) and the nominations they second."""
    made_category = category(edition(Phase.NOMINATIONS), kind="member")
    me = current_member().user

    def add_rows():
        nomination(made_category, MemberProfileFactory(), nominator=me, status="submitted")
        seconded = nomination(made_category, MemberProfileFactory(), status="submitted")
        Secondment.objects.create(nomination=seconded, seconder=me, statement="Yes.")

    add_rows()
    client.force_login(me)
    client.get("/awards/mine/")  # the caches a first request fills
    one = queries_of(client, "/awards/mine/")
    add_rows()
    add_rows()
    with django_assert_max_num_queries(one):
        client.get("/awards/mine/")
