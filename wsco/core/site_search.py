"""The site-wide search (`/search/`): what each app finds for a query, grouped by kind.

Each app registers a `Provider` in its AppConfig.ready(): the kind of object it finds (a key, a
label and an icon), a function `find(user, query, limit) -> (results, total)` that searches its
rows through `wsco.core.search` and applies the app's own rules of who sees what, and where
"see all" leads (the app's own list, filtered by the same words). The core renders every group
without importing the apps that provide them, as the home page's panels do
(`wsco.core.dashboard`); an app added later registers itself and nothing else changes.

A provider returns at most `limit` results and counts its matches up to `COUNT_LIMIT` (with
`search.count_up_to`): a total past it reads "more than 1 000". Both are a fixed number of
queries whatever the number of matches.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from wsco.core.search import Query, count_up_to, fold, parse_query, search

COUNT_LIMIT = 1000
RESULTS_PER_GROUP = 5
SNIPPET_LENGTH = 180


@dataclass(frozen=True)
class Result:
    """One object found: its title, where it opens, a line about it and an excerpt."""

    title: str
    url: str
    snippet: str = ""
    meta: str = ""
    date: datetime.datetime | None = None  # shown through the `date` filter


Finder = Callable[[object, Query, int], tuple[list[Result], int]]


@dataclass(frozen=True)
class Provider:
    """What one app finds: `kind` is the stable key (the API's), `label` the heading."""

    kind: str
    label: str
    icon: str
    find: Finder
    see_all: Callable[[str], str] | None = None  # the query's text -> the app's filtered list
    order: int = 100


@dataclass(frozen=True)
class Group:
    """The results of one kind for one query, with how many there are in all."""

    provider: Provider
    results: list[Result]
    total: int
    see_all_url: str = ""
    parts: list[dict] = field(default_factory=list)  # each result's highlighted title/snippet

    @property
    def rows(self) -> list[tuple[Result, dict]]:
        """Return each result with its highlighted title and snippet."""
        return list(zip(self.results, self.parts, strict=True))

    @property
    def kind(self) -> str:
        return self.provider.kind

    @property
    def label(self) -> str:
        return str(self.provider.label)

    @property
    def icon(self) -> str:
        return self.provider.icon

    @property
    def is_capped(self) -> bool:
        """Say whether more matched than were counted ("more than 1 000")."""
        return self.total > COUNT_LIMIT

    @property
    def shown_total(self) -> int:
        return min(self.total, COUNT_LIMIT)

    @property
    def has_more(self) -> bool:
        return self.total > len(self.results)


_providers: dict[str, Provider] = {}


def register_provider(provider: Provider) -> None:
    """Add `provider` to the site-wide search (registering the same kind again replaces it)."""
    _providers[provider.kind] = provider


def providers() -> list[Provider]:
    """Return the registered providers in the order their groups show."""
    return sorted(_providers.values(), key=lambda provider: (provider.order, provider.kind))


def search_everything(
    user, text: str | None, *, limit: int = RESULTS_PER_GROUP, kinds=None
) -> list[Group]:
    """Return, for each kind, what `user` may find for `text`; kinds with no match are left out.

    `kinds` narrows the search to those kinds' keys. Without a word of three letters or more,
    nothing is searched (`parse_query`): the page says why.
    """
    query = parse_query(text)
    if not query:
        return []
    groups = []
    for provider in providers():
        if kinds and provider.kind not in kinds:
            continue
        results, total = provider.find(user, query, limit)
        if not total:
            continue
        see_all = provider.see_all(text or "") if provider.see_all and total else ""
        groups.append(
            Group(
                provider=provider,
                results=results,
                total=total,
                see_all_url=see_all,
                parts=[
                    {
                        "title": highlight(result.title, query),
                        "snippet": highlight(result.snippet, query),
                    }
                    for result in results
                ],
            )
        )
    return groups


def search_url(text: str) -> str:
    """Return the address of the site-wide search for `text`."""
    return f"{reverse('core:search')}?{urlencode({'q': text})}"


def first_matches(queryset: QuerySet, query: Query, limit: int) -> tuple[list, int]:
    """Return the first `limit` rows of `queryset` that match `query`, and how many match.

    The count stops past `COUNT_LIMIT`; past it, the rows are found by the plan suited to many
    matches (`search(..., dense=True)`), which walks the queryset's order and stops at `limit`.
    """
    total = count_up_to(search(queryset, query), COUNT_LIMIT)
    if not total:
        return [], 0
    return list(search(queryset, query, dense=total > COUNT_LIMIT)[:limit]), total


def list_url(url_name: str, parameter: str = "q") -> Callable[[str], str]:
    """Return a `see_all` that opens the list `url_name` filtered by the query's text."""

    def see_all(text: str) -> str:
        return f"{reverse(url_name)}?{urlencode({parameter: text})}"

    return see_all


def _folded_positions(text: str) -> tuple[str, list[int]]:
    """Return `text` folded (`search.fold`), and for each folded character its original index.

    Folding can change the length ("ß" becomes "ss"), so positions found in the folded text are
    mapped back through this list.
    """
    folded: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        piece = fold(char)
        folded.append(piece)
        positions.extend([index] * len(piece))
    return "".join(folded), positions


def _matches(text: str, query: Query) -> list[tuple[int, int]]:
    """Return the (start, end) spans of `text` where a word of `query` occurs, merged."""
    folded, positions = _folded_positions(text)
    spans = []
    for term in query.terms:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((positions[start], positions[end - 1] + 1))
            start = folded.find(term, end)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def excerpt(text: str, query: Query, *, length: int = SNIPPET_LENGTH) -> str:
    """Return about `length` characters of `text` around the first word of `query` it holds.

    The text is cut at spaces and marked with an ellipsis where it was cut; without a match,
    its beginning.
    """
    text = " ".join(str(text or "").split())
    if len(text) <= length:
        return text
    spans = _matches(text, query)
    first = spans[0][0] if spans else 0
    start = max(0, first - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def highlight(text: str, query: Query) -> list[tuple[str, bool]]:
    """Split `text` into (piece, is_match) pairs, the words of `query` marked (templates escape
    each piece and wrap the matches in <mark>)."""
    parts: list[tuple[str, bool]] = []
    cursor = 0
    for start, end in _matches(text, query):
        if start > cursor:
            parts.append((text[cursor:start], False))
        parts.append((text[start:end], True))
        cursor = end
    if cursor < len(text):
        parts.append((text[cursor:], False))
    return parts
