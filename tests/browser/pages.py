"""The pages a browser test opens: every page each kind of person reaches, from the matrices.

The permission matrices (`tests/test_permission_matrix.py`, and the publications' own) already
decide every URL of the platform for every role, and build the objects their URLs are about. A
browser test takes from them the rows a role is answered 200 with GET, so that a page added to
a matrix is opened by the browser tests too, with nothing to list twice.

    people = build_people(settings)                # both worlds, in the live server's database
    for each in pages_for(people, "member"):       # Page(row, url, cookies)
        browser_page.goto(live_server.url + each.url)

Only HTML pages are kept (each is asked once with the test client): the API's JSON, feeds, files,
downloads and the fragments htmx swaps into a page have no layout of their own to check. A role of
the main matrix (visitor, member, staff, editor...) opens its rows; the publications' rows are
opened as the publications' person of the same name (its `member`, `editor`...), when the
publications matrix has that role.
"""

from dataclasses import dataclass, field

from django.conf import settings as django_settings
from django.test import Client

from tests import test_permission_matrix as main_matrix
from wsco.publications.tests import test_permissions as publications_matrix


@dataclass(frozen=True)
class Page:
    """One page to open: the matrix row it comes from, its URL, and whose session opens it."""

    row: str
    url: str
    cookies: dict = field(default_factory=dict, compare=False)


@dataclass
class People:
    """The matrices' worlds, and a signed-in test client per role and matrix."""

    main: dict
    publications: dict
    clients: dict = field(default_factory=dict)

    def client(self, matrix: str, role: str) -> Client:
        """Return a client signed in as `role` of `matrix` ("main" or "publications")."""
        key = (matrix, role)
        if key not in self.clients:
            client = Client()
            if matrix == "main":
                main_matrix.sign_in(client, role, self.main)
            elif self.publications["people"][role] is not None:
                client.force_login(self.publications["people"][role])
            self.clients[key] = client
        return self.clients[key]


def build_people(settings) -> People:
    """Build both matrices' worlds (in the current database)."""
    return People(
        main=main_matrix.build_world(settings), publications=publications_matrix.build_world()
    )


def _session(client: Client) -> dict:
    name = django_settings.SESSION_COOKIE_NAME
    return {name: client.cookies[name].value} if name in client.cookies else {}


def _is_html(client: Client, url: str) -> bool:
    """Say whether `url` is an HTML page: a whole document, not a fragment htmx swaps in."""
    response = client.get(url)
    return (
        response.status_code == 200
        and response["Content-Type"].startswith("text/html")
        and b"<html" in response.content[:500]
    )


def main_rows(people: People, role: str) -> list[Page]:
    """Return the main matrix's GET rows that answer `role` with 200, as pages."""
    if role not in main_matrix.ROLES:
        return []
    client = people.client("main", role)
    pages = []
    for key, answers in main_matrix.EXPECTED.items():
        method, _name = main_matrix.split(key)
        if method != "get" or answers[role] != 200:
            continue
        url = main_matrix.request_for(key, people.main).url
        if _is_html(client, url):
            pages.append(Page(key, url, _session(client)))
    return pages


def publication_rows(people: People, role: str) -> list[Page]:
    """Return the publications matrix's GET rows that answer `role` with 200, as pages."""
    if role not in publications_matrix.ROLES:
        return []
    client = people.client("publications", role)
    pages = []
    for row in map(publications_matrix.Row._make, publications_matrix.MATRIX):
        if row.method != "get" or row.expected[role] != 200:
            continue
        url = publications_matrix.resolve(people.publications, row.name, row.spec)
        if _is_html(client, url):
            pages.append(Page(f"{row.name} {row.spec}", url, _session(client)))
    return pages


def pages_for(people: People, role: str) -> list[Page]:
    """Return every HTML page `role` reaches, from both matrices."""
    return main_rows(people, role) + publication_rows(people, role)
