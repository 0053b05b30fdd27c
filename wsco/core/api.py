"""The site-wide search in the API: `/api/v1/search?q=...`, grouped by kind."""

import dataclasses
import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from wsco.accounts.auth import optional_auth
from wsco.core import site_search
from wsco.core.search import parse_query
from wsco.core.text import CleanText

router = Router(tags=["search"], auth=optional_auth)


class SearchQuery(Schema):
    q: CleanText = Field("", max_length=200, description="The words to look for (all of them).")
    kind: CleanText = Field(
        "", max_length=40, description="Only this kind (people, organizations, ...); all if empty."
    )
    limit: int = Field(site_search.RESULTS_PER_GROUP, ge=1, le=20)


class ResultOut(Schema):
    title: str
    url: str
    meta: str
    snippet: str
    date: datetime.datetime | None


class GroupOut(Schema):
    kind: str
    label: str
    total: int = Field(..., description="How many match, counted up to 1000.")
    more_than: bool = Field(..., description="More matched than were counted.")
    see_all_url: str
    results: list[ResultOut]


class SearchOut(Schema):
    query: str
    terms: list[str] = Field(..., description="The words looked for (three letters or more).")
    ignored: list[str] = Field(..., description="The words too short to look up.")
    groups: list[GroupOut]


@router.get("/search", response=SearchOut)
def search(request: HttpRequest, filters: Query[SearchQuery]):
    """Search everything the caller may see; the same rules as the site's search page."""
    query = parse_query(filters.q)
    groups = site_search.search_everything(
        request.user, filters.q, limit=filters.limit, kinds={filters.kind} if filters.kind else None
    )
    return {
        "query": filters.q,
        "terms": list(query.terms),
        "ignored": list(query.ignored),
        "groups": [
            {
                "kind": group.kind,
                "label": group.label,
                "total": group.shown_total,
                "more_than": group.is_capped,
                "see_all_url": group.see_all_url,
                "results": [dataclasses.asdict(result) for result in group.results],
            }
            for group in groups
        ],
    }
