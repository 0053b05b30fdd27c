"""Every page, as every role, in Chromium: on a desktop and on a phone, and through axe.

The pages come from the permission matrices (`tests/browser/pages.py`): a page is checked here
as soon as it has its row there, as each role the matrices answer 200. On each page, as each
role:
- on a desktop (1280 px), the browser reports no console error and no failed request (a
  Content Security Policy violation is a console error);
- on a phone (390 px, a phone's browser that reads the viewport tag), the page does not scroll
  sideways, and the widest elements are named when it does;
- axe-core finds no serious or critical violation of WCAG 2.1 A/AA. A page is put through axe
  once, as the first role of `AXE_ORDER` that reaches it (the one that sees the most of it):
  the other roles see the same template with fewer buttons.
"""

import os

import pytest

from tests import test_permission_matrix as main_matrix
from tests.browser.axe import violations
from tests.browser.pages import build_people, pages_for
from wsco.publications.tests import test_permissions as publications_matrix

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # CI runs the suite three times; the sweep, which takes minutes, runs in the first run only
    # (.ci/run). The permission matrices ask every page as every role in all three.
    pytest.mark.skipif(
        os.environ.get("WSCO_SKIP_SWEEP") == "1", reason="WSCO_SKIP_SWEEP=1: swept in another run"
    ),
]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ROLES = list(dict.fromkeys(main_matrix.ROLES + publications_matrix.ROLES))
# Staff and editors see the most of a page; a visitor sees the pages nobody signed in sees.
AXE_ORDER = ["staff", "editor", "reviewer", "author", "member"] + [
    role for role in ROLES if role not in {"staff", "editor", "reviewer", "author", "member"}
]

# The elements wider than the screen, to say where a page overflows.
WIDE_ELEMENTS = """() => [...document.querySelectorAll("body *")]
  .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 3)
  .map((element) => `${element.tagName.toLowerCase()}.${element.classList.value}`)"""


def test_every_role_is_swept():
    assert set(ROLES) == set(AXE_ORDER)
    assert len(AXE_ORDER) == len(set(AXE_ORDER))


# Each row's answers, by the row's name in `tests/browser/pages.py`.
ANSWERS = main_matrix.EXPECTED | {
    f"{row.name} {row.spec}": row.expected
    for row in map(publications_matrix.Row._make, publications_matrix.MATRIX)
    if row.method == "get"
}


def _first_reader(row: str) -> str:
    """Return the role of `AXE_ORDER` that puts `row` through axe."""
    return next(role for role in AXE_ORDER if ANSWERS[row].get(role) == 200)


def _context(browser, live_server, viewport, cookies, **options):
    host = live_server.url.split("//")[1].split(":")[0]
    context = browser.new_context(locale="en-GB", viewport=viewport, **options)
    context.add_cookies(
        [{"name": n, "value": v, "domain": host, "path": "/"} for n, v in cookies.items()]
    )
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and problems.append(f"{message.text} ({message.location.get('url')})")
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "requestfailed",
        lambda request: (
            "ERR_ABORTED" not in (request.failure or "")
            and problems.append(f"{request.url}: {request.failure}")
        ),
    )
    return context, page, problems


@pytest.mark.parametrize("role", ROLES)
def test_every_page_as_each_role(browser, live_server, settings, role):
    settings.ALLOWED_HOSTS = ["*"]
    pages = pages_for(build_people(settings), role)
    assert pages, f"The matrices give {role} no page"
    errors, wide, inaccessible = {}, {}, {}
    # The two matrices sign in different people for a role: one pair of browsers for each.
    sessions = {tuple(each.cookies.items()) for each in pages}
    for session in sessions:
        cookies = dict(session)
        desktop, on_desktop, problems = _context(browser, live_server, DESKTOP, cookies)
        phone, on_phone, phone_problems = _context(
            browser, live_server, PHONE, cookies, is_mobile=True, has_touch=True
        )
        for each in (page for page in pages if page.cookies == cookies):
            response = on_desktop.goto(live_server.url + each.url)
            assert response.status == 200, each.url
            on_desktop.wait_for_load_state("load")
            if _first_reader(each.row) == role and (found := violations(on_desktop)):
                inaccessible[each.url] = found
            on_phone.goto(live_server.url + each.url)
            on_phone.wait_for_load_state("load")
            width = on_phone.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                wide[each.url] = (width, on_phone.evaluate(WIDE_ELEMENTS))
            if problems or phone_problems:
                errors[each.url] = problems + phone_problems
                problems.clear()
                phone_problems.clear()
        desktop.close()
        phone.close()
    assert errors == {}, f"Console errors or failed requests, as {role}: {errors}"
    assert wide == {}, f"Pages wider than a phone ({PHONE['width']} px), as {role}: {wide}"
    assert inaccessible == {}, f"Serious or critical axe violations, as {role}: {inaccessible}"
