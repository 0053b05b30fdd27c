"""The directory's API: /api/v1/members and /api/v1/organizations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wsco.accounts.models import ApiToken, hash_token
from wsco.core.models import Theme
from wsco.members import queries
from wsco.members.models import Visibility
from wsco.members.tests.factories import (
    MemberProfileFactory,
    OrganizationFactory,
    ProfileFactory,
    member,
)

pytestmark = pytest.mark.django_db


def token_for(user) -> str:
    ApiToken.objects.create(user=user, name="script", prefix="test", digest=hash_token("k" * 40))
    return "k" * 40


@pytest.fixture
def people():
    return {
        "public": member(name="Ana Public", phone="+40 1", interest=["water"]),
        "members": member(name="Bogdan Members", visibility=Visibility.MEMBERS),
        "hidden": member(name="Cezar Hidden", visibility=Visibility.HIDDEN),
        "former": ProfileFactory(name="Dana Former"),
    }


def test_visitors_list_public_members_only(client, people):
    body = client.get("/api/v1/members").json()
    assert body["count"] == 1
    assert [item["name"] for item in body["items"]] == ["Ana Public"]
    assert body["items"][0]["themes_of_interest"] == [{"slug": "water", "name": "Water"}]


def test_members_with_a_token_also_list_members_only_profiles(client, people):
    token = token_for(MemberProfileFactory(visibility="hidden").user)
    body = client.get("/api/v1/members", headers={"Authorization": f"Bearer {token}"}).json()
    assert {item["name"] for item in body["items"]} == {"Ana Public", "Bogdan Members"}


def test_a_bad_token_is_refused(client, people):
    response = client.get("/api/v1/members", headers={"Authorization": "Bearer wrong"})
    assert response.status_code == 401


def test_the_api_never_returns_email_or_phone(client, people):
    client.force_login(people["public"].user)
    listed = client.get("/api/v1/members").content
    detail = client.get(f"/api/v1/members/{people['public'].pk}").content
    for content in (listed, detail):
        assert people["public"].user.email.encode() not in content
        assert b"+40 1" not in content
        assert b"phone" not in content
        assert b"email" not in content


def test_member_detail_follows_the_directory_rules(client, people):
    assert client.get(f"/api/v1/members/{people['public'].pk}").status_code == 200
    for key in ("members", "hidden", "former"):
        assert client.get(f"/api/v1/members/{people[key].pk}").status_code == 404, key


def test_filters_and_pages(client):
    organization = OrganizationFactory(type="city_hall")
    for number in range(5):
        member(name=f"Water {number}", interest=["water"], organization=organization)
    member(name="Energy Person")
    body = client.get("/api/v1/members", {"q": "water", "page": 2, "page_size": 2}).json()
    # Five match; pages of two by name: page 2 holds the third and fourth.
    assert body["count"] == 5
    assert [item["name"] for item in body["items"]] == ["Water 2", "Water 3"]
    assert client.get("/api/v1/members", {"type": "city_hall"}).json()["count"] == 5
    assert client.get("/api/v1/members", {"theme": "water"}).json()["count"] == 5
    assert client.get("/api/v1/members", {"country": "FR"}).json()["count"] == 0


def test_a_bad_filter_is_a_422_naming_it(client):
    response = client.get("/api/v1/members", {"theme": "astrology"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "theme"]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_members_list_query_count_does_not_grow_with_the_page(client):
    organization = OrganizationFactory()
    member(organization=organization, interest=["water"])
    one = _queries(client, "/api/v1/members")
    for _ in range(9):
        member(organization=organization, interest=["water", "energy"])
    # Items not kept yet: the count, the page's ids and versions, the items' profiles with
    # their organizations, themes of interest, themes of expertise.
    assert one == _queries(client, "/api/v1/members") == 5


def test_organizations_list_and_detail(client):
    organization = OrganizationFactory(name="Urban Labs", type="university", country="RO")
    organization.themes.set(Theme.objects.filter(slug="education"))
    member(organization=organization)
    OrganizationFactory(name="Not Listed")
    body = client.get("/api/v1/organizations").json()
    assert body["count"] == 1
    assert body["items"][0]["themes"] == [{"slug": "education", "name": "Education"}]
    detail = client.get(f"/api/v1/organizations/{organization.slug}").json()
    assert detail["type"] == "university"
    assert client.get("/api/v1/organizations/not-there").status_code == 404


def test_organizations_list_query_count_does_not_grow_with_the_page(client):
    member(organization=OrganizationFactory())
    one = _queries(client, "/api/v1/organizations")
    for _ in range(9):
        OrganizationFactory().themes.set(Theme.objects.filter(slug="water"))
        member(organization=OrganizationFactory())
    # The count, the page, its themes.
    assert one == _queries(client, "/api/v1/organizations") == 3


def test_past_the_count_limit_the_api_lists_by_the_plan_for_many_matches(client, monkeypatch):
    monkeypatch.setattr(queries, "COUNT_LIMIT", 2)
    for name in ["Eva Lup", "Ana Pop", "Dan Ene"]:
        member(name=name, interest=["water"])
    with CaptureQueriesContext(connection) as captured:
        body = client.get("/api/v1/members", {"theme": "water"}).json()
    assert body["count_is_capped"]
    assert [item["name"] for item in body["items"]] == ["Ana Pop", "Dan Ene", "Eva Lup"]
    assert "EXISTS" in next(entry["sql"] for entry in captured if "ORDER BY" in entry["sql"])
