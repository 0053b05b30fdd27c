"""No page scrolls sideways on a phone: every page a visitor and a member reach, at 390 px.

The pages come from the permission matrices (`tests/browser/pages.py`): a new page is checked
as soon as it has its row there.
"""

import pytest

from tests.browser.pages import build_people, pages_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# The elements wider than the screen, to say where a page overflows.
WIDE_ELEMENTS = """() => [...document.querySelectorAll("body *")]
  .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 3)
  .map((element) => `${element.tagName.toLowerCase()}.${element.classList.value}`)"""


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_no_page_scrolls_sideways_on_a_phone(browser, live_server, settings, role):
    settings.ALLOWED_HOSTS = ["*"]
    people = build_people(settings)
    pages = pages_for(people, role)
    assert len(pages) > 10, pages  # The matrices hold this many pages at least.
    host = live_server.url.split("//")[1].split(":")[0]
    wide = {}
    for each in pages:
        # A phone's browser: it reads the page's viewport tag (without one, it lays a page out
        # 980 px wide) and has touch, as the phones the platform is read on.
        context = browser.new_context(
            locale="en-GB", viewport=PHONE, is_mobile=True, has_touch=True
        )
        context.add_cookies(
            [{"name": n, "value": v, "domain": host, "path": "/"} for n, v in each.cookies.items()]
        )
        page = context.new_page()
        response = page.goto(live_server.url + each.url)
        assert response.status == 200, each.url
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[each.url] = (width, page.evaluate(WIDE_ELEMENTS))
        context.close()
    assert wide == {}, f"Pages wider than a phone ({PHONE['width']} px), as {role}: {wide}"
