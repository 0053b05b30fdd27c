"""Paging: one set of bounds for every list, in the API and in the pages.

The API refuses a page or page size out of bounds with a 422 naming the parameter: a script
asking for page 10^20 has a bug it should hear about. Pages clamp instead: a person following
an old link past the end sees the last page, and `?page=abc` shows the first. Past `MAX_PAGE`
nobody pages; they narrow the search (and the database is not asked to skip a million rows).

- API list endpoints take `PageQuery` (`page`, `page_size`) and answer a `Page`: either through
  `@paginate(Pages)` on an endpoint that returns rows, or by calling `page_of` themselves (a
  list whose rows need the caller to be turned into items, or whose count is capped).
- Pages call `page_for_request(request, Paginator(rows, per_page))` and show the page with
  `core/components/pagination.html`, which numbers the pages around it (`page_numbers`).
"""

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from wsco.core.ids import InvalidNumberError, parse_number

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 1000
POSITIVE_NUMBER = re.compile("0*[1-9][0-9]*")


class PageQuery(Schema):
    """The paging parameters every API list takes."""

    page: int = Field(1, ge=1, le=MAX_PAGE, description=f"From 1 to {MAX_PAGE}.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"From 1 to {MAX_PAGE_SIZE}."
    )


class Page(Schema):
    """One page of a list: its items, and where it stands in the whole."""

    count: int = Field(description="How many items the whole list holds.")
    page: int
    page_size: int
    has_next: bool = Field(description="True when a next page has items.")
    items: list[Any]


def page_of(rows, pages: PageQuery, *, count: int | None = None, item=None) -> dict:
    """Return page `pages.page` of `rows` (a QuerySet or a list) as a `Page`'s fields.

    `count` is the list's length when the caller knows it better (a capped count); `item`
    turns each row of the page into what the page shows. A page past the end is empty.
    """
    start = (pages.page - 1) * pages.page_size
    # One row more than the page: whether there is a next page, without trusting the count.
    window = list(rows[start : start + pages.page_size + 1])
    shown = window[: pages.page_size]
    if count is None:
        count = rows.count() if hasattr(rows, "query") else len(rows)
    return {
        "count": count,
        "page": pages.page,
        "page_size": pages.page_size,
        "has_next": len(window) > pages.page_size,
        "items": [item(row) for row in shown] if item else shown,
    }


class Pages(PaginationBase):
    """django-ninja's paginator for the platform: `@paginate(Pages)` on a list endpoint."""

    Input = PageQuery
    Output = Page

    def paginate_queryset(self, queryset, pagination: PageQuery, request, **params) -> dict:
        return page_of(queryset, pagination)


def page_for_request(request: HttpRequest, paginator: Paginator) -> DjangoPage:
    """Return the page of `paginator` that `?page=` asks for, clamped to the pages there are.

    Not a page number (`abc`, `0`, `-1`): the first page; past the last page (or past
    `MAX_PAGE`): the last one.
    """
    asked = request.GET.get("page", "")
    try:
        number = parse_number(asked, field="page", low=1, high=MAX_PAGE)
    except InvalidNumberError:
        number = MAX_PAGE if POSITIVE_NUMBER.fullmatch(asked) else 1
    return paginator.get_page(number)


def page_numbers(page: DjangoPage) -> list[int | None]:
    """Return the page numbers to link from `page`: the ends, itself and its neighbours.

    None stands for a run of pages left out (an ellipsis). Ten pages, on page 5: 1, None, 4,
    5, 6, None, 10. A gap of a single page shows the page rather than an ellipsis, which would
    be no shorter. Django's elided range does the work; one page on each side and at each end
    keeps the row on one line of a phone.
    """
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    # The ellipsis is a lazy translation: telling numbers apart by type spares translating it.
    return [number if isinstance(number, int) else None for number in numbers]


def query_with(query: QueryDict, **changes) -> str:
    """Return `query` (a request's GET) with `changes` applied, encoded as its `urlencode()`.

    A value of None removes the key; a key changed keeps its place. Without copying the
    QueryDict, which a pagination would do once for every page it links.
    """
    values = dict(query.lists())
    for key, value in changes.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = [value]
    return urlencode([(key, value) for key, listed in values.items() for value in listed])


@dataclass(frozen=True)
class PageLink:
    """A link of a pagination: the page's number, its query string and its label."""

    number: int
    query: str

    @property
    def label(self) -> str:
        return gettext("Page %(number)s") % {"number": self.number}


def page_links(page: DjangoPage, query: QueryDict) -> dict:
    """Return what `core/components/pagination.html` links from `page`, the queries made once.

    `numbers` as `page_numbers` gives them (None: an ellipsis), each a `PageLink`;
    `previous` and `next`, links or None.
    """

    def link(number: int) -> PageLink:
        return PageLink(number, query_with(query, page=number))

    return {
        "numbers": [None if number is None else link(number) for number in page_numbers(page)],
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "next": link(page.next_page_number()) if page.has_next() else None,
    }
