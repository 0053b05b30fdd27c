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
    "/search/?q=smart",
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


def test_the_header_search_folds_to_an_icon_on_a_phone(page):
    page.goto(page.base_url + "/")
    assert page.get_by_label("Search WSCO").is_visible()
    page.get_by_label("Search WSCO").fill("water")
    page.get_by_label("Search WSCO").press("Enter")
    page.wait_for_url("**/search/?q=water")
    page.set_viewport_size({"width": 375, "height": 740})
    assert not page.get_by_label("Search WSCO", exact=True).first.is_visible()
    page.locator(".header-search-link").click()
    page.wait_for_url("**/search/")
    assert page.locator("#id_q").is_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375, f"The search page scrolls sideways on a phone ({scroll_width}px)."
