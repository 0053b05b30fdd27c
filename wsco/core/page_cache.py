"""Whole responses kept in the cache until the data they show changes.

A list that many read and few change (the members' directory) is built once per audience,
language and query, then served from the cache:

1. Name the data set the page shows, and call `mark_changed(name)` after every write to it
   (signal receivers do it for model saves; services that write with `update()` call it too).
   The data set gets a new token at once and again when the transaction commits, so that a
   page built from data read before the commit is never served under the new token.
2. In the view, return `cached_response(request, data_set=..., variant=..., render=...)`:
   `render(extra_context)` builds the response when the cache does not hold it.

A page can depend on several data sets: `facets=[...]` names the parts of a list its filters
select (the members' directory: one data set per theme, country and organization type, see
`wsco.members.directory_changes`), so that a change marks only the parts it touches and the
pages of the other parts stay. `mark_changed` takes several names at once.

Pieces that many pages share and that change one at a time (a member's card) are kept by
`cached_fragments`, each under a key made of what it shows, so a rebuilt page renders only the
pieces that changed.

A person's own pieces of a page (their suggestions, their connections, the staff's queue) are
kept by `cached_part`: under the data set of that person's data (or the queue's), keyed by
who sees them, and ended as well by the shared data sets it names (`facets`). The site's frame
around them is rendered afresh, so nothing but the piece is kept.

The variant says who the page is for (whatever in it depends on the user, as `directory_
audience` does for the directory); the language, the path with its query, and the day are
part of the key already. A page is never stored while the request has messages to show.

The CSRF token is the one thing on a shared page that belongs to one visitor: pages are built
with a placeholder in its place, replaced by the visitor's own token on the way out.

Tokens and pages live in the default cache, which every process shares (Redis, or without it
the database cache; `check --deploy` refuses one process's memory, where a token changed in one
process would not reach the others). `PAGE_CACHE_SECONDS` is 0 (no page cache) unless
`REDIS_URL` is set: from the database cache every page would cost a query and every stored page
a write of the whole page. While Redis cannot be reached, pages are built afresh and a token
cannot change: pages stored before an outage live at most `PAGE_CACHE_SECONDS` after it.

With Redis, each process also keeps a copy of the tokens it read and the pages it served, told
of every change through Redis's pub/sub (`wsco.core.near_cache`): a page served again costs no
round trip at all. `PAGE_CACHE_LOCAL_BYTES` bounds the pages a process keeps (0: no copies).
"""

import hashlib
import os
import secrets
import threading
from collections.abc import Callable, Sequence
from functools import partial

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache, caches
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from wsco.core.near_cache import NearCopy
from wsco.core.redis_cache import ResilientRedisCache

# Derived from the secret key, so that every process (sharing a cache) writes the same one,
# and no one can write it into their profile to have it replaced.
CSRF_PLACEHOLDER = "csrf" + hashlib.sha256(f"page-cache:{settings.SECRET_KEY}".encode()).hexdigest()
_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()


def _token_key(name: str) -> str:
    return f"page-cache:token:{name}"


# This process's NearCopy, and the process and cache it was made for.
_near: dict = {"where": None, "copy": None}
_near_lock = threading.Lock()


def _near_copy() -> NearCopy | None:
    """Return this process's copy of tokens and pages, or None where the cache is not Redis."""
    backend = caches["default"]
    if not settings.PAGE_CACHE_LOCAL_BYTES or not isinstance(backend, ResilientRedisCache):
        if _near["copy"] is not None:  # Settings changed (in tests): no listener is left behind.
            _near_stop()
        return None
    config = settings.CACHES["default"]
    where = (os.getpid(), str(config.get("LOCATION")), config.get("KEY_PREFIX", ""))
    if _near["where"] == where:
        return _near["copy"]
    with _near_lock:
        if _near["where"] != where:  # A first use, a new process (after a fork) or new settings.
            _near_stop()
            _near["copy"] = NearCopy(
                backend._cache.get_client(write=True),
                channel=backend.make_key("page-cache:changes"),
                max_bytes=settings.PAGE_CACHE_LOCAL_BYTES,
            )
            _near["where"] = where
    return _near["copy"]


def _near_stop() -> None:
    if _near["copy"] is not None:
        _near["copy"].stop()
    _near.update(where=None, copy=None)


def _new_token(name: str) -> None:
    token = secrets.token_hex(8)
    cache.set(_token_key(name), token, None)
    _announce(_token_key(name))


def _announce(key: str) -> None:
    """Tell this process's copy of tokens that `key` changed, and every other process's."""
    near = _near_copy()
    if near is not None:
        near.changed(key)
        near.publish(key)


def mark_changed(*names: str) -> None:
    """Give each data set in `names` a new token now and when the transaction commits."""
    if not settings.PAGE_CACHE_SECONDS:
        return
    for name in names:
        _new_token(name)
        # One save often marks a data set several times (signals, then a service): once at
        # commit.
        if not any(
            getattr(callback, "page_cache_name", None) == name
            for _savepoints, callback, _robust in connection.run_on_commit
        ):
            callback = partial(_new_token, name)
            callback.page_cache_name = name
            transaction.on_commit(callback)


def _current_token(name: str, found: str | None) -> str:
    """Return the token `found` in the cache, or set one if there was none (or it was evicted)."""
    if found is not None:
        return found
    # A fresh token, never a fixed first one: pages stored under an evicted token stay unread.
    token = secrets.token_hex(8)
    if cache.add(_token_key(name), token, None):
        # Copies of an evicted token elsewhere would keep their pages apart from this one's.
        _announce(_token_key(name))
        return token
    return cache.get(_token_key(name)) or token


def current_tokens(names: list[str]) -> list[str]:
    """Return the current token of each data set in `names` (at most one round trip)."""
    keys = [_token_key(name) for name in names]
    near = _near_copy()
    copied, generation = near.tokens(keys) if near is not None else ({}, None)
    if len(copied) == len(keys):
        return [copied[key] for key in keys]
    found = cache.get_many(keys)
    tokens = [_current_token(name, found.get(key)) for name, key in zip(names, keys, strict=True)]
    if near is not None:
        near.keep_tokens(dict(zip(keys, tokens, strict=True)), generation)
    return tokens


def _page_key(request: HttpRequest, data_set: str, variant: str) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    language = translation.get_language()
    return f"page-cache:page:{data_set}:{variant}:{language}:{timezone.localdate()}:{path}"


def _with_visitor_token(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    content = response.content
    if _PLACEHOLDER_BYTES in content:
        response.content = content.replace(_PLACEHOLDER_BYTES, get_token(request).encode())
    return response


def _cacheable(request: HttpRequest) -> bool:
    return bool(
        settings.PAGE_CACHE_SECONDS and request.method == "GET" and not len(get_messages(request))
    )


def _lookup(
    request: HttpRequest, data_sets: tuple[str, ...], variant: str
) -> tuple[str, str, tuple | None]:
    """Return (the page's token, page key, the page stored under that token or None).

    The page's token joins the current tokens of every data set it shows: a change to any of
    them ends it.
    """
    token_keys = [_token_key(name) for name in data_sets]
    page_key = _page_key(request, data_sets[0], variant)
    near = _near_copy()
    generation = None
    if near is not None:
        copied, generation = near.tokens(token_keys)
        if len(copied) == len(token_keys):
            token = ".".join(copied[key] for key in token_keys)
            stored = near.page(page_key, token)
            if stored is not None:
                return token, page_key, stored
    # One round trip for all: the page is stored with the token it was built under.
    found = cache.get_many([*token_keys, page_key])
    tokens = [
        _current_token(name, found.get(key))
        for name, key in zip(data_sets, token_keys, strict=True)
    ]
    token = ".".join(tokens)
    stored = found.get(page_key)
    if stored is not None and stored[0] != token:
        stored = None
    if near is not None:
        near.keep_tokens(dict(zip(token_keys, tokens, strict=True)), generation)
        if stored is not None:
            near.keep_page(page_key, stored, settings.PAGE_CACHE_SECONDS)
    return token, page_key, stored


def _from_stored(request: HttpRequest, stored: tuple) -> HttpResponse:
    _token, content, content_type = stored
    return _with_visitor_token(request, HttpResponse(content, content_type=content_type))


def stored_response(
    request: HttpRequest, *, data_set: str, variant: str, facets: Sequence[str] = ()
) -> HttpResponse | None:
    """Return the page the cache holds for this request, or None: a lookup and nothing else.

    For a view that does costly work before it can call `cached_response` (an API framework
    parsing its query, say): it can try this first, then fall back to its whole work.
    """
    if not _cacheable(request):
        return None
    _token, _page_key, stored = _lookup(request, (data_set, *facets), variant)
    return _from_stored(request, stored) if stored is not None else None


def cached_response(
    request: HttpRequest,
    *,
    data_set: str,
    variant: str,
    render: Callable[[dict], HttpResponse],
    facets: Sequence[str] = (),
) -> HttpResponse:
    """Return the response `render(extra_context)` builds, from the cache when it holds it.

    `extra_context` must reach the template: it puts the placeholder where the CSRF token goes.
    Only successful GET responses are stored, and none while the request has messages to show;
    `render` must not stream. `facets` names further data sets the page shows (the parts of
    a list its filters select): a change to `data_set` or to any of them ends the page.
    """
    if not _cacheable(request):
        return render({})
    token, page_key, stored = _lookup(request, (data_set, *facets), variant)
    if stored is not None:
        return _from_stored(request, stored)
    response = render({"csrf_token": CSRF_PLACEHOLDER})
    if response.status_code == 200:
        stored = (token, response.content, response["Content-Type"])
        cache.set(page_key, stored, settings.PAGE_CACHE_SECONDS)
        near = _near_copy()
        if near is not None:
            near.keep_page(page_key, stored, settings.PAGE_CACHE_SECONDS)
    return _with_visitor_token(request, response)


def cached_part(
    request: HttpRequest,
    *,
    data_set: str,
    key: str,
    render: Callable[[dict], str],
    facets: Sequence[str] = (),
) -> str:
    """Return the text `render(extra_context)` builds for one piece of a page, from the cache.

    For a piece that one person (or one audience) sees and few change: `key` says whose
    piece it is and whatever else it depends on (the viewer, their role); the language, the
    time zone and the day are added. `data_set`'s change ends it, and so does a change to any
    of `facets` (shared data the piece shows). `extra_context` must reach the template: it
    puts the placeholder where the CSRF token goes, and the visitor's own token replaces it
    on the way out.
    """
    text = cached_value(
        data_set=data_set,
        key=key,
        compute=partial(render, {"csrf_token": CSRF_PLACEHOLDER}),
        facets=facets,
    )
    return with_csrf_token(request, text)


def cached_value(
    *, data_set: str, key: str, compute: Callable[[], object], facets: Sequence[str] = ()
) -> object:
    """Return `compute()`'s value for one reader, from the cache, as `cached_part` keeps text.

    For what a piece of a page needs beside its text (a panel's count of things waiting, or
    that the panel is not shown at all). The value must pickle; text in it rendered with
    `CSRF_PLACEHOLDER` goes through `with_csrf_token` on the way out.
    """
    tokens = (
        ".".join(current_tokens(list(facets))) if facets and settings.PAGE_CACHE_SECONDS else ""
    )
    # Times are shown in the person's time zone.
    zone = timezone.get_current_timezone_name()
    part_key = f"{key}:{translation.get_language()}:{zone}:{timezone.localdate()}:{tokens}"
    return cached_fragments(data_set=data_set, parts={part_key: compute})[part_key]


def with_csrf_token(request: HttpRequest, text: str) -> str:
    """Return `text` with the visitor's own CSRF token where the placeholder stands."""
    if CSRF_PLACEHOLDER in text:
        text = text.replace(CSRF_PLACEHOLDER, get_token(request))
    return text


def cached_fragments(
    *,
    data_set: str,
    parts: dict[str, Callable[[], object]],
    before_render: Callable[[list[str]], None] | None = None,
) -> dict[str, object]:
    """Return what each of `parts` renders, from the cache while `data_set` has not changed.

    For the pieces of a page that many pages share and that change one at a time (a card per
    member), or a small value many pages show (a person's unread count). Each part's key must
    say everything its text depends on (the row's shown fields, the audience, the language): a
    change to a row gives its part a new key, so the row's own change ends its part, and
    `data_set`'s token (a deploy, a change to what every part shows) ends them all. This
    process's copy (`near_cache`) answers first; one round trip reads the rest, and the parts
    missing are rendered and stored; `before_render(keys)`, if given, is told which first (to
    read what they need at once).
    """
    if not settings.PAGE_CACHE_SECONDS:
        if before_render is not None:
            before_render(list(parts))
        return {key: render() for key, render in parts.items()}
    token_key = _token_key(data_set)
    part_keys = {key: f"page-cache:part:{key}" for key in parts}
    texts, token, generation = {}, None, None
    near = _near_copy()
    if near is not None:
        copied, generation = near.tokens([token_key])
        token = copied.get(token_key)
        if token is not None:
            for key, part_key in part_keys.items():
                stored = near.page(part_key, token)
                if stored is not None:
                    texts[key] = stored[1]
    wanted = [key for key in parts if key not in texts]
    if not wanted:
        return texts
    found = cache.get_many([token_key, *(part_keys[key] for key in wanted)])
    if token is None:
        token = _current_token(data_set, found.get(token_key))
        if near is not None:
            near.keep_tokens({token_key: token}, generation)
    held = {}
    for key in wanted:
        stored = found.get(part_keys[key])
        if stored is not None and stored[0] == token:
            held[key] = stored
    missing = {}
    if before_render is not None and len(held) < len(wanted):
        before_render([key for key in wanted if key not in held])
    for key in wanted:
        stored = held.get(key)
        if stored is None:
            stored = (token, parts[key]())
            missing[part_keys[key]] = stored
        texts[key] = stored[1]
        if near is not None:
            near.keep_page(part_keys[key], stored, settings.PAGE_CACHE_SECONDS)
    if missing:
        cache.set_many(missing, settings.PAGE_CACHE_SECONDS)
    return texts


def kept_for_a_while(key: str, seconds: int, compute: Callable[[], object]) -> object:
    """Return `compute()`'s value, kept `seconds` in the cache: a figure a few minutes late is fine.

    For what many pages show and nothing ends (the directory's list of countries): counted at
    most every `seconds` by all processes together. This process keeps a copy a fifth as long,
    so that most pages ask no round trip for it.
    """
    near = _near_copy()
    copy_key = f"page-cache:for-a-while:{key}"
    if near is not None:
        stored = near.page(copy_key, "")
        if stored is not None:
            return stored[1]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    if near is not None:
        near.keep_page(copy_key, ("", value), max(seconds // 5, 1))
    return value
