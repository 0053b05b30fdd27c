"""Public pages render in Chromium without console errors, on a desktop and on a phone."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/members/",
    "/members/organizations/",
    "/accounts/login/",
    "/accounts/signup/",
    "/privacy/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_renders_without_console_errors(page, path):
    response = page.goto(page.base_url + path)
    assert response.status == 200
    assert page.locator("h1").count() >= 1


def test_layout_holds_on_a_phone(page):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(page.base_url + "/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375, f"The page scrolls sideways on a phone ({scroll_width}px wide)."
