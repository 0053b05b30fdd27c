"""Paging: every API list takes the same bounded parameters; the pages clamp `?page=`."""

import typing

import pytest
from django.core.paginator import Paginator
from django.test import RequestFactory

from wsco.core.paging import MAX_PAGE, MAX_PAGE_SIZE, Page, PageQuery, page_for_request, page_of
from wsco.core.tests.api_walk import api_operations, nested_models
from wsco.members.tests.factories import MemberProfileFactory
from wsco.publications.tests.factories import PostFactory

# Lists that are short by construction, answered whole: path -> why.
BOUNDED_LISTS = {
    "/api/v1/network/suggestions": "at most SUGGESTIONS_SHOWN (20) people, best first",
    "/api/v1/themes": "the 19 themes of ISO 37120:2018, always all of them",
}


def takes_page_query(entry) -> bool:
    return any(
        issubclass(model, PageQuery)
        for query in entry.input_models("query")
        for info in query.model_fields.values()
        for model in nested_models(info.annotation)
    )


def is_list(answer) -> bool:
    if typing.get_origin(answer) is list:
        return True
    return isinstance(answer, type) and "items" in getattr(answer, "model_fields", {})


PAGINATED = [entry for entry in api_operations() if takes_page_query(entry)]


def test_every_api_list_is_paged_by_the_one_paginator():
    lists = [entry for entry in api_operations() if is_list(entry.success_type())]
    assert len(lists) > len(BOUNDED_LISTS)
    for entry in lists:
        if entry.path in BOUNDED_LISTS:
            continue
        answer = entry.success_type()
        assert isinstance(answer, type), f"{entry} answers a bare list, not a Page"
        assert issubclass(answer, Page), f"{entry} answers a list that is not a Page"
        assert takes_page_query(entry), f"{entry} does not take PageQuery"


def test_the_bounded_lists_are_still_there_and_unpaged():
    paths = {entry.path for entry in api_operations() if is_list(entry.success_type())}
    assert set(BOUNDED_LISTS) <= paths


@pytest.fixture
def caller(client, db):
    """A staff member with a current membership: every paged list answers them."""
    profile = MemberProfileFactory()
    profile.user.is_staff = True
    profile.user.save()
    client.force_login(profile.user)
    return client


@pytest.mark.parametrize("entry", PAGINATED, ids=str)
@pytest.mark.parametrize(
    ("parameter", "accepted", "refused"),
    [
        ("page", 1, 0),
        ("page", MAX_PAGE, MAX_PAGE + 1),
        ("page_size", 1, 0),
        ("page_size", MAX_PAGE_SIZE, MAX_PAGE_SIZE + 1),
    ],
)
def test_paging_bounds_hold_on_both_sides(caller, entry, parameter, accepted, refused):
    body = caller.get(entry.path, {parameter: accepted}).json()
    assert body[parameter] == accepted
    response = caller.get(entry.path, {parameter: refused})
    assert response.status_code == 422
    [issue] = response.json()["detail"]
    assert issue["loc"] == ["query", parameter]


@pytest.mark.parametrize("entry", PAGINATED, ids=str)
@pytest.mark.parametrize("value", ["99999999999999999999", "9" * 5000, "-1", "1e3", "two"])
def test_huge_or_malformed_paging_is_refused_not_a_crash(caller, entry, value):
    for parameter in ("page", "page_size"):
        response = caller.get(entry.path, {parameter: value})
        assert response.status_code == 422, (entry, parameter, value)
        assert response.json()["detail"][0]["loc"] == ["query", parameter]


@pytest.mark.django_db
def test_a_page_past_the_end_is_empty_with_the_count(client):
    # Three posts, two a page (worked by hand): page 1 full, page 2 has one, page 3 none.
    PostFactory.create_batch(3)
    pages = [
        client.get("/api/v1/publications/posts", {"page": number, "page_size": 2}).json()
        for number in (1, 2, 3)
    ]
    assert [len(page["items"]) for page in pages] == [2, 1, 0]
    assert [page["has_next"] for page in pages] == [True, False, False]
    assert {page["count"] for page in pages} == {3}


def test_page_of_turns_rows_into_items_and_trusts_a_given_count():
    page = page_of(list(range(10)), PageQuery(page=2, page_size=4), count=1000, item=str)
    assert page == {
        "count": 1000,
        "page": 2,
        "page_size": 4,
        "has_next": True,
        "items": ["4", "5", "6", "7"],
    }


def html_page(number: str, rows: int, per_page: int = 1) -> int:
    request = RequestFactory().get("/", {"page": number})
    return page_for_request(request, Paginator(range(rows), per_page)).number


@pytest.mark.parametrize(
    ("asked", "shown"),
    [
        ("1", 1),
        (str(MAX_PAGE), MAX_PAGE),
        (str(MAX_PAGE + 1), MAX_PAGE),
        ("99999999999999999999", MAX_PAGE),
        ("9" * 5000, MAX_PAGE),
        ("0000" + str(MAX_PAGE), MAX_PAGE),
        ("abc", 1),
        ("", 1),
        ("0", 1),
        ("-1", 1),
        ("1e3", 1),
    ],
)
def test_pages_clamp_the_page_asked_to_the_ceiling(asked, shown):
    assert html_page(asked, rows=MAX_PAGE * 2) == shown


@pytest.mark.parametrize(("asked", "shown"), [("3", 3), ("4", 3), ("99999999999999999999", 3)])
def test_pages_clamp_the_page_asked_to_the_last_page(asked, shown):
    # 30 rows, 10 a page: 3 pages.
    assert html_page(asked, rows=30, per_page=10) == shown


@pytest.mark.django_db
def test_a_list_page_past_its_end_shows_the_last_page(client):
    PostFactory.create_batch(2)
    response = client.get("/news/", {"page": "99999999999999999999"})
    assert response.status_code == 200
    assert response.context["page"].number == 1
