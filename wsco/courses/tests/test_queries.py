"""The catalogue and its API ask as many queries for many courses as for one (none per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wsco.courses.tests.factories import complete, course, member_user

pytestmark = pytest.mark.django_db

LISTS = ["/courses/", "/api/v1/courses", "/courses/?theme=governance&level=introductory"]


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def taught(title: str):
    """A published course on two themes with a learner who completed it."""
    made = course(title=title, themes=("governance", "education"))
    complete(made)
    return made


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_a_list_asks_as_many_queries_for_four_courses_as_for_one(
    client, django_assert_max_num_queries, settings, url, signed_in
):
    settings.PAGE_CACHE_SECONDS = 0  # the pages as built (the page cache: test_page_cache.py)
    taught("Audits in practice")
    if signed_in:
        client.force_login(member_user())
    client.get(url)  # the caches a first request fills (sessions, the theme list)
    one = queries_of(client, url)
    for title in ("Project gates", "Open data", "Energy in buildings"):
        taught(title)
    # 4 courses now, all on one page, in `one` queries.
    with django_assert_max_num_queries(one):
        page = client.get(url).content.decode()
    assert "Energy in buildings" in page
