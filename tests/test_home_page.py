"""The home page: a card for each part of WSCO's work, live figures, the latest activity, cached.

The figures are worked out by hand from the rows each test makes.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wsco.audits.tests.records import CityFactory
from wsco.core import home
from wsco.members.models import Visibility
from wsco.members.tests.factories import OrganizationFactory, current_member, lapsed_member
from wsco.projects.models import Project
from wsco.publications.models import ArticleStatus
from wsco.publications.tests.factories import ArticleFactory, IssueFactory, PostFactory

pytestmark = pytest.mark.django_db


def small_world(size: int = 1) -> None:
    """`size` of everything the home page counts, and as many of what it must not count."""
    for index in range(size):
        current_member(
            name=f"Public {index}",
            visibility=Visibility.PUBLIC,
            organization=OrganizationFactory(name=f"Organization {index}"),
        )
        current_member(name=f"Members only {index}", visibility=Visibility.MEMBERS)
        current_member(
            name=f"Hidden {index}",
            visibility=Visibility.HIDDEN,
            organization=OrganizationFactory(name=f"Hidden's {index}"),
        )
        lapsed_member(name=f"Lapsed {index}", visibility=Visibility.PUBLIC)
        issue = IssueFactory()
        ArticleFactory(issue=issue, title=f"Lead story {index}")
        ArticleFactory(status=ArticleStatus.SUBMITTED, issue=None, published_at=None)
        IssueFactory(published_at=None)
        PostFactory(title=f"Post {index}")
        PostFactory(title=f"Draft {index}", published_at=None)
        for visibility in ("published", "private"):
            Project.objects.create(
                slug=f"{visibility}-{Project.objects.count()}",
                title=f"Tram line {index}",
                summary="Trams.",
                city=CityFactory(),
                visibility=visibility,
            )


def test_figures_count_what_readers_can_find():
    small_world(2)
    # Members: the public and members-only ones (2 x 2); not the hidden or the lapsed ones.
    # Organizations: those of listed members: only the public members' (2).
    # Issues: the 2 published, not the 2 in preparation; articles: the 2 published, not the 2
    # submitted; posts: the 2 published, not the 2 drafts; projects: the 2 published, not the 2
    # private ones.
    assert home.figures() == {
        "directory": [(4, "members")],
        "organizations": [(2, "organizations")],
        "network": [],
        "audits": [(0, "cities audited"), (0, "published audits")],
        "standards": [(0, "standards"), (0, "countries with acts")],
        "projects": [(2, "published projects")],
        "magazine": [(2, "issues"), (2, "articles")],
        "news": [(2, "posts")],
        "join": [],
    }


def test_every_card_leads_to_a_page_that_exists(client):
    small_world()
    content = client.get("/").content.decode()
    names = [part.name for part in home.parts()]
    assert names == [
        "directory",
        "organizations",
        "network",
        "audits",
        "standards",
        "projects",
        "magazine",
        "news",
        "join",
    ]
    for part in home.parts():
        assert f'href="{reverse(part.url_name)}"' in content
    assert "<strong>1</strong> issue" in content
    assert "<strong>2</strong> members" in content


def test_latest_activity_shows_public_members_and_published_work_newest_first():
    small_world()
    titles = [item.title for item in home.latest_activity()]
    # The post is 2 hours old, the article 1 hour; the members were made just now.
    assert titles[-2:] == ["Lead story 0", "Post 0"]
    assert "Public 0" in titles
    assert not {"Members only 0", "Hidden 0", "Lapsed 0", "Draft 0"} & set(titles)
    assert len(titles) == 3


def test_the_figures_are_cached_until_something_they_count_changes(client):
    small_world()
    client.get("/")
    with CaptureQueriesContext(connection) as cached:
        client.get("/")
    PostFactory(title="Fresh news", published_at=timezone.now())
    with CaptureQueriesContext(connection) as rebuilt:
        content = client.get("/").content.decode()
    # Rebuilt after the change (the figures and the activity are read again), then cached.
    assert len(rebuilt) > len(cached)
    assert "<strong>2</strong> posts" in content
    assert home.latest_activity()[0].title == "Fresh news"
    current_member(name="Newcomer", visibility=Visibility.PUBLIC)
    assert home.figures()["directory"] == [(3, "members")]


def test_home_page_queries_do_not_grow_with_the_rows(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count the queries that build the figures, every time
    small_world(1)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/").status_code == 200
    small_world(4)
    with CaptureQueriesContext(connection) as several:
        assert client.get("/").status_code == 200
    assert len(several) == len(one)


def test_each_kind_of_activity_gets_its_share_of_the_list():
    for index in range(8):
        current_member(name=f"Newcomer {index}", visibility=Visibility.PUBLIC)
        PostFactory(title=f"Older post {index}")
    kinds = [item.kind for item in home.latest_activity(limit=6)]
    # Three kinds registered (members, articles, posts): two of each at most; no article here.
    assert sorted(kinds) == ["New member", "New member", "News", "News"]


def test_a_post_scheduled_for_later_is_neither_counted_nor_listed():
    PostFactory(title="Tomorrow", published_at=timezone.now() + datetime.timedelta(days=1))
    assert home.figures()["news"] == [(0, "posts")]
    assert home.latest_activity() == []
