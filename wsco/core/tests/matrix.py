"""What the permission matrices share: ask one URL as one person, and describe the answer.

Each request runs inside a savepoint that is rolled back afterwards, with the client's cookies,
the cache and the outbox put back too, so an action that changes state (accepting a request,
resolving a report, signing out) leaves the world as it found it for the next row. One world
per role is then enough, whatever the order of the rows.

An answer is a status code; "login" for a redirect to the sign-in page; "redirect" for any other
redirect; and "done" when the row's effect (a check of the database made before the rollback)
shows that the action took place, whatever the response said.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core import mail
from django.core.cache import cache
from django.db import transaction

Answer = int | str
World = dict


@dataclass(frozen=True)
class Request:
    """One request of a matrix row: the method, the URL, the body, and what it should change."""

    method: str
    url: str
    data: dict = field(default_factory=dict)
    as_json: bool = False
    # Reads a value of the database that the action changes: read before and after.
    effect: Callable[[], object] | None = None


def answer(response) -> Answer:
    """Describe a response the way the matrices do."""
    if response.status_code in {301, 302, 303}:
        return "login" if "/accounts/login/" in response["Location"] else "redirect"
    return response.status_code


def send(client, request: Request):
    """Send `request` with the test client (which does not enforce CSRF tokens)."""
    method = getattr(client, request.method.lower())
    if request.method.lower() == "get":
        return method(request.url, request.data)
    if request.as_json:
        return method(request.url, request.data, content_type="application/json")
    return method(request.url, request.data)


def ask(client, request: Request) -> Answer:
    """Send `request` and return its answer; the database, cookies and cache stay as they were."""
    cookies = copy.deepcopy(client.cookies)
    outbox = list(getattr(mail, "outbox", []))
    try:
        with transaction.atomic():
            before = request.effect() if request.effect else None
            got = answer(send(client, request))
            if request.effect is not None and request.effect() != before:
                got = "done"
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
        cache.clear()
        if hasattr(mail, "outbox"):
            mail.outbox[:] = outbox
    return got
