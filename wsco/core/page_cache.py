"""Whole responses kept in the cache until the data they show changes.

A list that many read and few change (the members' directory) is built once per audience,
language and query, then served from the cache:

1. Name the data set the page shows, and call `mark_changed(name)` after every write to it
   (signal receivers do it for model saves; services that write with `update()` call it too).
   The data set's token (`DataVersion`) changes in the writer's transaction, so no process
   ever serves a page older than the data it has committed.
2. In the view, return `cached_response(request, data_set=..., variant=..., render=...)`:
   `render(extra_context)` builds the response when the cache does not hold it.

The variant says who the page is for (whatever in it depends on the user, as `directory_
audience` does for the directory); the language, the path with its query, and the day are
part of the key already. A page is never stored while the request has messages to show.

The CSRF token is the one thing on a shared page that belongs to one visitor: pages are built
with a placeholder in its place, replaced by the visitor's own token on the way out.
"""

import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from wsco.core.models import DataVersion

# Derived from the secret key, so that every process (sharing a cache) writes the same one,
# and no one can write it into their profile to have it replaced.
CSRF_PLACEHOLDER = "csrf" + hashlib.sha256(f"page-cache:{settings.SECRET_KEY}".encode()).hexdigest()
_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
INITIAL_TOKEN = "initial"


def mark_changed(name: str) -> None:
    """Give the data set `name` a new token, so that the pages built from it are not served."""
    token = secrets.token_hex(8)
    if DataVersion.objects.filter(name=name).update(token=token):
        return
    try:
        with transaction.atomic():
            DataVersion.objects.create(name=name, token=token)
    except IntegrityError:  # Another writer created it first: change it past theirs.
        DataVersion.objects.filter(name=name).update(token=token)


def current_token(name: str) -> str:
    """Return the token of the data set `name` as this transaction sees it."""
    # Read on every cached request: a plain primary-key lookup, without the ORM's overhead.
    table = DataVersion._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "token" FROM "{table}" WHERE "name" = %s', [name])
        row = cursor.fetchone()
    return row[0] if row else INITIAL_TOKEN


def _key(request: HttpRequest, data_set: str, token: str, variant: str) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    language = translation.get_language()
    return f"page:{data_set}:{token}:{variant}:{language}:{timezone.localdate()}:{path}"


def _with_visitor_token(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if _PLACEHOLDER_BYTES in response.content:
        response.content = response.content.replace(_PLACEHOLDER_BYTES, get_token(request).encode())
    return response


def cached_response(
    request: HttpRequest,
    *,
    data_set: str,
    variant: str,
    render: Callable[[dict], HttpResponse],
) -> HttpResponse:
    """Return the response `render(extra_context)` builds, from the cache when it holds it.

    `extra_context` must reach the template: it puts the placeholder where the CSRF token goes.
    Only successful GET responses are stored, and none while the request has messages to show;
    `render` must not stream.
    """
    if request.method != "GET" or len(get_messages(request)):
        return render({})
    key = _key(request, data_set, current_token(data_set), variant)
    stored = cache.get(key)
    if stored is None:
        response = render({"csrf_token": CSRF_PLACEHOLDER})
        if response.status_code != 200:
            return _with_visitor_token(request, response)
        cache.set(key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS)
        return _with_visitor_token(request, response)
    content, content_type = stored
    return _with_visitor_token(request, HttpResponse(content, content_type=content_type))
