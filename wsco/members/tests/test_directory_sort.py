"""The directory's orders (name, newest, organization) and why a visitor sees fewer members."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wsco.members.models import Visibility
from wsco.members.tests.factories import (
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
    current_member,
    member,
)

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("members:directory")
API = "/api/v1/members"


@pytest.fixture
def three():
    """Three public members: joined Cora, then Ana, then Bob; organizations Zeta, none, Alfa."""
    start = timezone.now() - datetime.timedelta(days=30)
    return [
        member(
            name="Cora Lazăr",
            organization=OrganizationFactory(name="Zeta Lab"),
            created_at=start,
            visibility=Visibility.PUBLIC,
        ),
        member(name="Ana Pop", created_at=start + datetime.timedelta(days=1)),
        member(
            name="Bob Ene",
            organization=OrganizationFactory(name="Alfa Urban"),
            created_at=start + datetime.timedelta(days=2),
            visibility=Visibility.PUBLIC,
        ),
    ]


def listed(response) -> list[str]:
    return [profile.name for profile in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["Ana Pop", "Bob Ene", "Cora Lazăr"]),
        ("name", ["Ana Pop", "Bob Ene", "Cora Lazăr"]),
        ("newest", ["Bob Ene", "Ana Pop", "Cora Lazăr"]),
        # Alfa before Zeta; Ana has no organization and comes last, on both databases.
        ("organization", ["Bob Ene", "Cora Lazăr", "Ana Pop"]),
    ],
)
def test_directory_sorts_by_the_order_asked(client, three, sort, expected):
    assert listed(client.get(DIRECTORY, {"sort": sort})) == expected
    body = client.get(API, {"sort": sort or "name"}).json()
    assert [item["name"] for item in body["items"]] == expected


@pytest.mark.parametrize("sort", ["created_at", "-name", "user__password", "name,pk", "NAME"])
def test_an_order_outside_the_allow_list_falls_back_to_by_name(client, three, sort):
    response = client.get(DIRECTORY, {"sort": sort})
    assert response.status_code == 200
    assert listed(response) == ["Ana Pop", "Bob Ene", "Cora Lazăr"]
    assert "sort" in response.context["form"].errors  # Named beside its field, as filters are.


@pytest.mark.parametrize("sort", ["created_at", "-newest", "user__password"])
def test_the_api_refuses_an_order_outside_the_allow_list(client, three, sort):
    response = client.get(API, {"sort": sort})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "sort"]


def test_the_sort_keeps_the_filters_and_the_page_links_keep_the_sort(client, settings, three):
    settings.MEMBERS_PAGE_SIZE = 2
    response = client.get(DIRECTORY, {"sort": "newest", "q": "ene pop lazar"})
    assert listed(response) == []  # The words are ANDed: nobody holds all three.
    response = client.get(DIRECTORY, {"sort": "newest"})
    assert listed(response) == ["Bob Ene", "Ana Pop"]
    assert 'href="?sort=newest&amp;page=2"' in response.content.decode()


def test_each_order_is_cached_apart(client, three):
    by_name = client.get(DIRECTORY).content.decode()
    newest = client.get(DIRECTORY, {"sort": "newest"}).content.decode()
    assert by_name.index("Ana Pop") < by_name.index("Bob Ene")
    assert newest.index("Bob Ene") < newest.index("Ana Pop")
    # Both again, from the cache, each still in its own order.
    with CaptureQueriesContext(connection) as captured:
        assert client.get(DIRECTORY, {"sort": "newest"}).content.decode() == newest
        assert client.get(DIRECTORY).content.decode() == by_name
    assert len(captured) == 0


def _queries(client, query) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(DIRECTORY, query).status_code == 200
    return len(captured)


@pytest.mark.parametrize("sort", ["newest", "organization"])
def test_sorted_directory_query_count_does_not_grow_with_the_page(client, sort):
    organization = OrganizationFactory()
    member(organization=organization, interest=["water"], expertise=["energy"])
    one = _queries(client, {"sort": sort})
    for _ in range(9):
        member(organization=organization, interest=["water", "health"], expertise=["energy"])
    member(interest=["water"])  # and one without an organization
    # As by name: countries, count, the page's ids and versions, the cards' profiles, their
    # two kinds of themes, the members-only count.
    assert one == _queries(client, {"sort": sort}) == 7


def test_a_visitor_is_told_how_many_profiles_only_members_see(client):
    member(name="Ana Public", visibility=Visibility.PUBLIC)
    member(name="Bob Members", visibility=Visibility.MEMBERS)
    member(name="Cai Members", visibility=Visibility.MEMBERS)
    member(name="Dan Hidden", visibility=Visibility.HIDDEN)
    page = client.get(DIRECTORY).content.decode()
    assert "1 member</p>" in page
    # The home page counts 3 listed members; the visitor sees 1: the 2 others, and why.
    assert "2 more members show their profile to members only" in page
    assert f'href="{reverse("account_login")}?next={DIRECTORY}">sign in</a>' in page
    assert "Members who hide their profile are not listed." in page
    # A filtered list is about the filters, not the whole directory.
    assert "more members show" not in client.get(DIRECTORY, {"q": "ana"}).content.decode()


def test_a_signed_in_non_member_is_offered_to_become_one(client):
    member(name="Bob Members", visibility=Visibility.MEMBERS)
    client.force_login(ProfileFactory().user)
    page = client.get(DIRECTORY).content.decode()
    assert "1 more member shows their profile to members only" in page
    assert f'href="{reverse("members:apply")}">Become a member</a>' in page


@pytest.mark.parametrize("who", ["member", "staff"])
def test_who_sees_every_listed_profile_is_told_nothing(client, who):
    member(name="Bob Members", visibility=Visibility.MEMBERS)
    if who == "member":
        client.force_login(current_member().user)
    else:
        client.force_login(UserFactory(is_staff=True))
    page = client.get(DIRECTORY).content.decode()
    assert "Bob Members" in page
    assert "show their profile to members only" not in page
    assert "shows their profile to members only" not in page


@pytest.mark.parametrize("sort", ["newest", "organization"])
def test_sorted_api_query_count_does_not_grow_with_the_page(client, sort):
    from django.core.cache import cache

    def count() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(API, {"sort": sort}).status_code == 200
        return len(captured)

    organization = OrganizationFactory()
    member(organization=organization, interest=["water"])
    one = count()
    for _ in range(9):
        member(organization=organization, interest=["water", "energy"])
    member()  # without an organization
    # As by name: the count, the page's ids and versions, the items' profiles with their
    # organizations, their two kinds of themes.
    assert one == count() == 5


def test_the_theme_a_list_is_narrowed_to_shows_as_its_chip_with_a_way_back(client):
    member(name="Ana Water", interest=["water"])
    page = client.get(DIRECTORY, {"theme": "water", "sort": "newest", "page": "1"}).content.decode()
    assert 'class="active-filter">Theme: <span class="theme-chip theme-water">' in page
    assert 'href="?sort=newest">Show every theme</a>' in page
    assert 'class="active-filter"' not in client.get(DIRECTORY).content.decode()


def test_a_card_labels_expertise_and_interests_and_draws_them_apart(client):
    member(name="Ana Both", visibility=Visibility.PUBLIC, expertise=["energy"], interest=["water"])
    page = client.get(DIRECTORY).content.decode()
    expertise = page.split('<p class="theme-list-label">Expertise</p>')[1].split("</ul>")[0]
    interests = page.split('<p class="theme-list-label">Interests</p>')[1].split("</ul>")[0]
    assert 'class="theme-chip theme-energy theme-chip-expertise"' in expertise
    assert 'class="theme-chip theme-water theme-chip-interest"' in interests
    assert "theme-water" not in expertise
