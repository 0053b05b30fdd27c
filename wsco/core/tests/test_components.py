"""The shared components: numbered pagination, sortable headers and the sort allow-list."""

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

from wsco.core.paging import page_numbers
from wsco.core.sorting import Sort, Sorting, SortOption

SORTS = Sorting(
    SortOption("name", "Name", ("name",), reversible=True),
    SortOption("joined", "Joined", ("-date_joined", "pk"), reversible=True),
    SortOption("newest", "Newest", ("-created_at",)),
    default="name",
)


def render(source: str, path: str = "/list/", **context) -> str:
    request = RequestFactory().get(path)
    return Template("{% load wsco %}" + source).render(Context({"request": request, **context}))


# Ten pages; worked by hand: the ends, the page and one neighbour each side, "…" for a run.
@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, [1, 2, None, 10]),
        (3, [1, 2, 3, 4, None, 10]),  # 2 shows: a gap of one page is the page, not "…"
        (5, [1, None, 4, 5, 6, None, 10]),
        (10, [1, None, 9, 10]),
    ],
)
def test_page_numbers_show_the_ends_the_page_and_its_neighbours(number, expected):
    assert page_numbers(Paginator(range(100), 10).page(number)) == expected


def test_a_few_pages_are_all_numbered():
    assert page_numbers(Paginator(range(40), 10).page(2)) == [1, 2, 3, 4]


def test_pagination_marks_the_current_page_and_keeps_the_query():
    page = Paginator(range(100), 10).page(5)
    html = render(
        '{% include "core/components/pagination.html" %}', "/list/?q=tram&page=5", page=page
    )
    assert 'aria-current="page" aria-label="Page 5">5</a>' in html
    assert html.count("aria-current") == 1
    assert 'rel="prev" href="?q=tram&amp;page=4"' in html
    assert 'rel="next" href="?q=tram&amp;page=6"' in html
    assert html.count('class="page-gap"') == 2
    assert "Page 5 of 10" in html


def test_pagination_on_the_first_and_last_page_has_no_step_beyond():
    paginator = Paginator(range(100), 10)
    first = render('{% include "core/components/pagination.html" %}', page=paginator.page(1))
    last = render('{% include "core/components/pagination.html" %}', page=paginator.page(10))
    assert 'rel="prev"' not in first
    assert 'rel="next"' in first
    assert 'rel="next"' not in last
    assert 'rel="prev"' in last


def test_one_page_draws_no_pagination():
    page = Paginator(range(5), 10).page(1)
    assert "pagination" not in render('{% include "core/components/pagination.html" %}', page=page)


def test_htmx_pagination_targets_the_results():
    page = Paginator(range(30), 10).page(1)
    html = render(
        '{% include "core/components/pagination.html" with target="#results" %}', page=page
    )
    assert 'hx-get="?page=2" hx-target="#results"' in html


@pytest.mark.parametrize(
    ("asked", "key", "descending", "order_by"),
    [
        ("name", "name", False, ("name",)),
        ("-name", "name", True, ("-name",)),
        ("joined", "joined", False, ("-date_joined", "pk")),
        ("-joined", "joined", True, ("date_joined", "-pk")),
        ("newest", "newest", False, ("-created_at",)),
    ],
)
def test_an_allowed_order_is_chosen_either_way(asked, key, descending, order_by):
    sort = SORTS.choose(asked)
    assert (sort.key, sort.descending, sort.order_by, sort.value) == (
        key,
        descending,
        order_by,
        asked,
    )


@pytest.mark.parametrize(
    "asked",
    [None, "", "email", "password", "-newest", "--name", "name,pk", "Name", " -", "name;drop"],
)
def test_anything_outside_the_allow_list_gives_the_default(asked):
    # "-newest": the option exists, but is not reversible.
    assert SORTS.choose(asked) == Sort(SORTS.default)


def test_a_reversible_order_takes_only_field_names():
    from django.db.models import F

    with pytest.raises(ValueError, match="reversible: give its fields by name"):
        SortOption("org", "Org", (F("organization__name").asc(),), reversible=True)


@pytest.mark.parametrize(
    ("asked", "name_header", "joined_header"),
    [
        # The sorted column says its order and offers the other; the others offer theirs.
        ("name", ('aria-sort="ascending"', "sort=-name"), (None, "sort=joined")),
        ("-name", ('aria-sort="descending"', "sort=name"), (None, "sort=joined")),
        ("-joined", (None, "sort=name"), ('aria-sort="descending"', "sort=joined")),
    ],
)
def test_sort_headers_say_the_order_and_link_to_the_next(asked, name_header, joined_header):
    html = render(
        '{% sort_header sort "name" "Name" %}|{% sort_header sort "joined" "Joined" %}',
        f"/list/?q=x&page=3&sort={asked}",
        sort=SORTS.choose(asked),
    )
    name, joined = html.split("|")
    for header, (aria, link) in [(name, name_header), (joined, joined_header)]:
        assert header.startswith('<th scope="col"')
        if aria:
            assert aria in header
        else:
            assert "aria-sort" not in header
        # The filters stay; the page goes back to the first.
        assert f'href="?q=x&amp;{link}"' in header
