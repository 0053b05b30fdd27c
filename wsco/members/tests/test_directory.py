"""The directory pages: who sees whom, search and filters, pages, CSV export, organizations."""

import csv
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wsco.core.models import Theme
from wsco.core.page_cache import mark_changed
from wsco.members import queries
from wsco.members.directory_changes import DIRECTORY_LISTS
from wsco.members.models import MembershipKind, Visibility
from wsco.members.tests.factories import (
    MemberProfileFactory,
    MembershipFactory,
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
    member,
    membership_type,
)

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("members:directory")


@pytest.fixture
def people():
    return {
        "public": member(name="Ana Public", visibility=Visibility.PUBLIC),
        "members": member(name="Bogdan Members", visibility=Visibility.MEMBERS),
        "hidden": member(name="Cezar Hidden", visibility=Visibility.HIDDEN),
        "former": ProfileFactory(name="Dana Former", visibility=Visibility.PUBLIC),
    }


def names(response) -> set[str]:
    return {profile.name for profile in response.context["page"].object_list}


def viewer(client, role: str):
    """Sign `client` in as a `role` (visitor, member, staff) and return it."""
    if role == "member":
        client.force_login(MemberProfileFactory(name="Zoe Viewer", visibility="hidden").user)
    elif role == "staff":
        client.force_login(UserFactory(is_staff=True))
    return client


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("visitor", {"Ana Public"}),
        ("member", {"Ana Public", "Bogdan Members"}),
        ("staff", {"Ana Public", "Bogdan Members"}),  # Hidden profiles only in the admin.
    ],
)
def test_directory_shows_each_viewer_what_they_may_see(client, people, role, expected):
    response = viewer(client, role).get(DIRECTORY)
    assert response.status_code == 200
    assert names(response) == expected
    assert response.context["page"].paginator.count == len(expected)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", {"public": 200, "members": 404, "hidden": 404, "former": 404}),
        ("member", {"public": 200, "members": 200, "hidden": 404, "former": 404}),
        ("staff", {"public": 200, "members": 200, "hidden": 404, "former": 404}),
    ],
)
def test_profile_pages_answer_404_to_whoever_may_not_see_them(client, people, role, status):
    viewer(client, role)
    for key, expected in status.items():
        assert client.get(people[key].get_absolute_url()).status_code == expected, key


def test_contact_details_are_shown_only_to_the_person_and_to_staff(client):
    profile = member(name="Ana Pop", phone="+40 721 000 111")
    email = profile.user.email.encode()
    assert email not in client.get(profile.get_absolute_url()).content
    viewer(client, "member")
    page = client.get(profile.get_absolute_url()).content
    assert email not in page
    assert b"+40 721 000 111" not in page
    client.force_login(profile.user)
    assert b"+40 721 000 111" in client.get(profile.get_absolute_url()).content
    viewer(client, "staff")
    page = client.get(profile.get_absolute_url()).content
    assert email in page
    assert b"+40 721 000 111" in page


def test_a_person_sees_their_own_unlisted_profile_with_a_note(client):
    hidden = member(name="Ana Hidden", visibility=Visibility.HIDDEN)
    client.force_login(hidden.user)
    response = client.get(hidden.get_absolute_url())
    assert response.status_code == 200
    assert b"your profile is hidden" in response.content


def test_search_and_filters_narrow_the_list(client):
    transport = OrganizationFactory(name="Metrorex", type="company")
    city_hall = OrganizationFactory(name="Primăria Cluj", type="city_hall")
    member(name="Ana Rail", organization=transport, expertise=["transportation"], country="RO")
    member(name="Ion Water", organization=city_hall, interest=["water"], country="RO")
    member(name="Hans Water", organization=transport, expertise=["water"], country="DE")

    def listed(query):
        return names(client.get(DIRECTORY, query))

    assert listed({"q": "water"}) == {"Ion Water", "Hans Water"}
    assert listed({"q": "metrorex water"}) == {"Hans Water"}
    assert listed({"theme": "water"}) == {"Ion Water", "Hans Water"}  # Interest or expertise.
    assert listed({"type": "company"}) == {"Ana Rail", "Hans Water"}
    assert listed({"country": "DE"}) == {"Hans Water"}
    assert listed({"theme": "water", "country": "RO", "type": "city_hall"}) == {"Ion Water"}


def test_country_filter_offers_only_countries_with_listed_members(client):
    member(country="RO")
    member(country="FR", visibility=Visibility.HIDDEN)
    ProfileFactory(country="DE")  # Not a member.
    form = client.get(DIRECTORY).context["form"]
    assert [code for code, _name in form.fields["country"].choices] == ["", "RO"]


def test_an_unknown_filter_value_is_reported_next_to_its_field_and_ignored(client):
    member(name="Ana Pop")
    response = client.get(DIRECTORY, {"theme": "astrology"})
    assert names(response) == {"Ana Pop"}
    assert response.context["form"].errors["theme"]


def test_results_come_in_pages_of_the_configured_size(client, settings):
    settings.MEMBERS_PAGE_SIZE = 2
    for letter in "ABCDE":
        member(name=f"{letter} Person")
    first = client.get(DIRECTORY)
    last = client.get(DIRECTORY, {"page": 3})
    assert names(first) == {"A Person", "B Person"}
    assert names(last) == {"E Person"}
    assert first.context["page"].paginator.num_pages == 3  # 5 people, 2 a page: 2 + 2 + 1.
    assert b"5 members" in first.content


def test_past_the_count_limit_the_directory_says_more_than(client, monkeypatch, settings):
    from wsco.members import queries

    monkeypatch.setattr(queries, "COUNT_LIMIT", 3)
    settings.MEMBERS_PAGE_SIZE = 2
    for letter in "ABCDE":
        member(name=f"{letter} Person")
    response = client.get(DIRECTORY)
    assert b"More than 3 members" in response.content
    assert names(response) == {"A Person", "B Person"}
    assert response.context["page"].paginator.num_pages == 2  # The pages stop at the limit.
    body = client.get("/api/v1/members", {"page_size": 2}).json()
    assert (body["count"], body["count_is_capped"], body["has_next"]) == (3, True, True)


def test_no_match_says_so_and_offers_to_clear_the_filters(client):
    member(name="Ana Pop")
    response = client.get(DIRECTORY, {"q": "nobody-like-this"})
    assert b"No members match your search." in response.content
    assert b"Clear filters" in response.content


def test_short_words_are_named_as_left_out(client):
    member(name="Ana Pop")
    response = client.get(DIRECTORY, {"q": "ai pop"})
    assert names(response) == {"Ana Pop"}
    assert b"left out of the search: ai" in response.content


def test_htmx_gets_the_results_alone(client):
    member(name="Ana Pop")
    response = client.get(DIRECTORY, {"q": "pop"}, headers={"HX-Request": "true"})
    assert b"Ana Pop" in response.content
    assert b"<html" not in response.content
    assert "HX-Request" in response["Vary"]


def _queries(client, url, query=None) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, query).status_code == 200
    return len(captured)


def test_directory_query_count_does_not_grow_with_the_page(client, settings):
    settings.MEMBERS_PAGE_SIZE = 20
    organization = OrganizationFactory()
    member(organization=organization, interest=["water"], expertise=["energy"])
    one = _queries(client, DIRECTORY)
    for _ in range(19):
        member(organization=organization, interest=["water", "health"], expertise=["energy"])
    twenty = _queries(client, DIRECTORY)
    # Nothing kept: countries, count, the page's ids and versions, the cards' profiles with
    # their organizations, themes of interest, themes of expertise; for a visitor on the
    # unfiltered list, the members-only profiles they do not see.
    assert one == twenty == 7
    assert _queries(client, DIRECTORY, {"q": "member", "theme": "water"}) == 6
    # A page rebuilt after a change, the cards, countries and note's count kept: the count
    # and the page.
    client.get(DIRECTORY)
    mark_changed(DIRECTORY_LISTS)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(DIRECTORY).status_code == 200
    assert len(captured) == 2


def test_a_repeated_search_is_answered_from_the_cache_without_a_query(client):
    member(name="Ana Pop", visibility=Visibility.PUBLIC)
    _queries(client, DIRECTORY, {"q": "pop"})
    with CaptureQueriesContext(connection) as captured:
        response = client.get(DIRECTORY, {"q": "pop"})
    assert b"Ana Pop" in response.content
    assert len(captured) == 0


def test_staff_export_the_filtered_list_as_csv(client):
    organization = OrganizationFactory(name="Metrorex", type="company")
    member(name="Ana Rail", organization=organization, expertise=["transportation"], phone="1")
    member(name="Ion Water", interest=["water"])
    member(name="Hidden Person", visibility=Visibility.HIDDEN, expertise=["transportation"])
    viewer(client, "staff")
    response = client.get(reverse("members:directory_export"), {"theme": "transportation"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["name"] for row in rows] == ["Ana Rail"]
    assert rows[0]["organization"] == "Metrorex"
    assert rows[0]["themes_of_expertise"] == "transportation"
    assert rows[0]["phone"] == "1"


@pytest.mark.parametrize(
    "formula", ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_csv_cells_cannot_become_spreadsheet_formulas(client, formula):
    organization = OrganizationFactory(name=formula)
    member(name=formula, title=formula, city=formula, phone="-5", organization=organization)
    viewer(client, "staff")
    response = client.get(reverse("members:directory_export"))
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content, newline="")))
    for column in ("name", "title", "organization", "city"):
        assert rows[0][column] == "'" + formula, column
    # A phone number is text: one that begins with a minus is neutralised like any text.
    assert rows[0]["phone"] == "'-5"
    # Every field is quoted, so no program that splits on another separator can start a cell.
    assert content.split("\r\n")[1].startswith(f'"\'{formula}"')


def test_only_staff_export(client):
    export = reverse("members:directory_export")
    assert client.get(export).status_code == 302  # To the sign-in page.
    assert viewer(client, "member").get(export).status_code == 403


def test_organizations_directory_lists_organizations_with_members(client):
    with_people = OrganizationFactory(name="Urban Labs", type="company", country="RO")
    member(organization=with_people)
    paying = OrganizationFactory(name="Primăria Iași", type="city_hall", country="RO")
    MembershipFactory(
        organization=paying, profile=None, membership_type=membership_type(MembershipKind.CORPORATE)
    )
    OrganizationFactory(name="Applicant Only")
    response = client.get(reverse("members:organizations"))
    listed = {organization.name for organization in response.context["page"].object_list}
    assert listed == {"Urban Labs", "Primăria Iași"}
    city_halls = client.get(reverse("members:organizations"), {"type": "city_hall"})
    assert [o.name for o in city_halls.context["page"].object_list] == ["Primăria Iași"]


def test_organizations_query_count_does_not_grow_with_the_page(client):
    OrganizationFactory().themes.set(Theme.objects.filter(slug="water"))
    member(organization=OrganizationFactory.create())
    url = reverse("members:organizations")
    two = _queries(client, url)
    for _ in range(10):
        member(organization=OrganizationFactory())
    # Countries, count, the page, its themes.
    assert two == _queries(client, url) == 4


def test_organization_page_lists_the_people_the_viewer_may_see(client):
    organization = OrganizationFactory(name="Urban Labs")
    member(name="Ana Public", organization=organization)
    member(name="Bogdan Members", organization=organization, visibility=Visibility.MEMBERS)
    response = client.get(organization.get_absolute_url())
    assert names(response) == {"Ana Public"}
    response = viewer(client, "member").get(organization.get_absolute_url())
    assert names(response) == {"Ana Public", "Bogdan Members"}


def test_organization_without_members_has_no_page(client):
    organization = OrganizationFactory()
    assert client.get(organization.get_absolute_url()).status_code == 404


FIVE_NAMES = ["Eva Lup", "Ana Pop", "Ion Rusu", "Dan Ene", "Bia Stan"]


def _first_three_capped(client, query) -> list[str]:
    """Assert the page lists the first three of `FIVE_NAMES` by name, capped at 3; return
    the SQL of the queries that ordered rows."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(DIRECTORY, query)
    # The first names in order; the pages stop at the limit, as ever.
    assert [profile.name for profile in response.context["page"].object_list] == [
        "Ana Pop", "Bia Stan", "Dan Ene",
    ]  # fmt: skip
    assert response.context["page"].paginator.count_is_capped
    return [entry["sql"] for entry in captured if "ORDER BY" in entry["sql"]]


@pytest.mark.parametrize("path", [DIRECTORY, "/api/v1/members"])
def test_a_match_past_the_count_limit_is_not_counted_again(client, monkeypatch, path):
    monkeypatch.setattr(queries, "COUNT_LIMIT", 3)
    for name in FIVE_NAMES:
        member(name=name, interest=["water"])
    client.get(path, {"q": "water"})
    mark_changed(DIRECTORY_LISTS)  # The page is built again; what its count found is kept.
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, {"q": "water"})
    counts = [entry["sql"] for entry in captured if "LIMIT 4" in entry["sql"]]
    assert counts == []
    if path == DIRECTORY:
        assert b"More than 3 members" in response.content
    else:
        assert (response.json()["count"], response.json()["count_is_capped"]) == (3, True)
    # Another search, and the other list (a member's, with members-only profiles), count.
    with CaptureQueriesContext(connection) as captured:
        client.get(path, {"q": "water", "theme": "water"})
    assert [entry["sql"] for entry in captured if "LIMIT 4" in entry["sql"]]
    with CaptureQueriesContext(connection) as captured:
        viewer(client, "member").get(path, {"q": "water"})
    assert [entry["sql"] for entry in captured if "LIMIT 4" in entry["sql"]]


@pytest.mark.parametrize(
    "query", [{"theme": "water"}, {"q": "water"}, {"q": "water", "theme": "water"}]
)
def test_past_the_count_limit_pages_come_from_the_plan_for_many_matches(client, monkeypatch, query):
    monkeypatch.setattr(queries, "COUNT_LIMIT", 3)
    for name in FIVE_NAMES:
        member(name=name, interest=["water"])
    member(name="Zoe Energy", interest=["energy"])
    listed = _first_three_capped(client, query)
    if "theme" in query:
        assert "EXISTS" in listed[0]
    elif connection.vendor == "sqlite":
        # The name index is walked and each row's document tested, stopping at the page.
        assert 'instr("members_profile"."search_document", ' in listed[0]


@pytest.mark.parametrize("query", [{"type": "company"}, {"q": "water", "type": "company"}])
def test_past_the_count_limit_the_type_filter_is_asked_row_by_row(client, monkeypatch, query):
    monkeypatch.setattr(queries, "COUNT_LIMIT", 3)
    company = OrganizationFactory(type="company")
    for name in FIVE_NAMES:
        member(name=name, interest=["water"], organization=company)
    # Before the five by name, but not of a company: left out.
    member(name="Abe Hall", interest=["water"], organization=OrganizationFactory(type="city_hall"))
    member(name="Aaron Alone", interest=["water"])
    listed = _first_three_capped(client, query)
    assert 'FROM "members_organization"' in listed[0]
    assert "EXISTS" in listed[0]


def test_under_the_count_limit_the_page_is_read_by_the_ids_the_count_found(client, settings):
    settings.MEMBERS_PAGE_SIZE = 2
    company = OrganizationFactory(type="company")
    for name in ["Eva Lup", "Ana Pop", "Ion Rusu"]:
        member(name=name, interest=["water"], organization=company)
    member(name="Abe Hall", interest=["water"], organization=OrganizationFactory(type="city_hall"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(DIRECTORY, {"q": "water", "type": "company", "page": 2})
    # Three people of a company, two a page: the second page holds the last by name.
    assert [profile.name for profile in response.context["page"].object_list] == ["Ion Rusu"]
    assert response.context["page"].paginator.count == 3
    listed = [entry["sql"] for entry in captured if "ORDER BY" in entry["sql"]]
    # The page names the ids; it runs neither the search nor the type filter again.
    where = listed[0].split(" WHERE ", 1)[1].split(" ORDER BY ")[0]
    assert "search" not in where
    assert "members_organization" not in where
