"""Reading a person's My WSCO in tests: the page, one panel of it, and the queries it asks."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

MY_WSCO = reverse("members:home")


def my_wsco(client) -> str:
    """Return the signed-in person's My WSCO."""
    response = client.get(MY_WSCO)
    assert response.status_code == 200
    return response.content.decode()


def panel_of(client, name: str) -> str:
    """Return the panel `name` of the person's My WSCO ("" when it is not shown)."""
    page = my_wsco(client)
    start = page.find(f'aria-labelledby="{name}-panel-heading"')
    return page[start : page.index("</section>", start)] if start >= 0 else ""


def queries_of(client, tables: tuple[str, ...]) -> list[str]:
    """Return the queries My WSCO asks of `tables` (quoted names, or the start of them)."""
    with CaptureQueriesContext(connection) as captured:
        my_wsco(client)
    return [
        query["sql"]
        for query in captured.captured_queries
        if any(table in query["sql"] for table in tables)
    ]
