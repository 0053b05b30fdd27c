"""The styleguide in Chromium: the page, its font and its icons load, in both colour schemes."""

import pytest
from django.conf import settings
from django.test import Client

from wsco.members.tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_as_staff(page):
    client = Client()
    client.force_login(UserFactory(is_staff=True))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": page.base_url}]
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_styleguide_renders_with_its_font_and_icons(page, scheme):
    sign_in_as_staff(page)
    page.emulate_media(color_scheme=scheme)
    statuses = {}
    page.on("response", lambda response: statuses.__setitem__(response.url, response.status))
    response = page.goto(page.base_url + "/styleguide/")
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Styleguide"

    # The font is the platform's own, fetched from its static files, Latin Extended included.
    assert page.evaluate(
        "document.fonts.ready.then(() => document.fonts.check('16px \"Inter Variable\"'))"
    )
    fonts = {url: status for url, status in statuses.items() if url.endswith(".woff2")}
    assert fonts
    assert all(url.startswith(page.base_url + "/static/core/fonts/") for url in fonts)
    assert set(fonts.values()) == {200}
    assert any("latin-ext" in url for url in fonts), "No Latin Extended file for ș and ț"

    # The icons come from the sprite and take space on the page.
    sprite = [status for url, status in statuses.items() if "/static/core/icons/sprite.svg" in url]
    assert sprite == [200]
    box = page.locator("#icons .icon-grid .icon").first.bounding_box()
    assert box["width"] > 0
    assert box["height"] > 0

    # The scheme's paper is the page's background: #ffffff light, #10191e dark.
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    expected = "rgb(255, 255, 255)" if scheme == "light" else "rgb(16, 25, 30)"
    assert background == expected
