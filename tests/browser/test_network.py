"""The network in Chromium: ask to meet from a suggestion, accept, then write through htmx."""

import pytest

from wsco.members.models import OrganizationType
from wsco.network import services
from wsco.network.models import Message
from wsco.network.tests.factories import member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _network_index_in_tmp(settings, tmp_path):
    settings.NETWORK_INDEX_PATH = tmp_path / "index.npz"


def sign_in(page, profile):
    page.context.clear_cookies()
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=login]", profile.user.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    page.wait_for_load_state("networkidle")


def ask_to_meet(page, card, message: str) -> None:
    """Send the request of a suggestion's card, and wait for the requests page."""
    card.locator("textarea").fill(message)
    card.get_by_role("button", name="Ask to meet").click()
    page.wait_for_url("**/network/requests/")
    page.wait_for_load_state("networkidle")


def test_two_members_meet_and_write_to_each_other(page):
    ana = member(
        organization_type=OrganizationType.CITY_HALL,
        interests=["transportation"],
        looks_for="traffic sensors",
        name="Ana Popescu",
    )
    bogdan = member(
        interests=["transportation"],
        offers="traffic sensors",
        name="Bogdan Ionescu",
        phone="+40 733 333 333",
    )
    services.rebuild_index()

    sign_in(page, ana)
    page.goto(page.base_url + "/network/")
    card = page.locator(f"#suggestion-{bogdan.pk}")
    assert "They offer “traffic sensors”, which you look for." in card.inner_text()
    assert bogdan.phone not in page.content()
    ask_to_meet(page, card, "We are looking for traffic sensors.")

    sign_in(page, bogdan)
    page.goto(page.base_url + "/network/requests/")
    assert "We are looking for traffic sensors." in page.content()
    with page.expect_navigation():
        page.get_by_role("button", name="Accept").click()
    page.wait_for_load_state("networkidle")
    page.goto(page.base_url + "/network/connections/")
    assert ana.user.email in page.content()
    page.get_by_role("link", name="Messages").click()
    page.wait_for_url("**/network/connections/*/")
    thread_url = page.url
    page.fill("textarea[name=body]", "Hello Ana, when can we talk?")
    page.get_by_role("button", name="Send").click()
    page.locator(".thread-message").first.wait_for()
    assert page.url == thread_url  # htmx swapped the thread in place
    assert page.locator("textarea[name=body]").input_value() == ""
    assert list(Message.objects.values_list("body", flat=True)) == ["Hello Ana, when can we talk?"]
    page.wait_for_load_state("networkidle")


def test_not_interested_is_undone_from_its_notice_and_the_bell_counts_the_request(page):
    ana = member(
        organization_type=OrganizationType.CITY_HALL,
        interests=["transportation"],
        looks_for="traffic sensors",
        name="Ana Popescu",
    )
    bogdan = member(interests=["transportation"], offers="traffic sensors", name="Bogdan Ionescu")
    services.rebuild_index()

    sign_in(page, ana)
    page.goto(page.base_url + "/network/")
    card = page.locator(f"#suggestion-{bogdan.pk}")
    card.get_by_role("button", name="Not interested").click()
    notice = page.locator(f"#suggestion-{bogdan.pk}[role=status]")
    notice.wait_for()
    assert "Bogdan Ionescu will not be suggested to you again." in notice.inner_text()
    with page.expect_navigation():
        notice.get_by_role("button", name="Undo").click()
    page.wait_for_load_state("networkidle")
    ask_to_meet(page, page.locator(f"#suggestion-{bogdan.pk}"), "Sensors?")

    sign_in(page, bogdan)
    page.goto(page.base_url + "/members/me/")
    bell = page.locator(".notification-bell")
    assert bell.locator(".notification-count").inner_text() == "1"
    bell.click()
    page.wait_for_url("**/notifications/")
    page.get_by_role("link", name="Ana Popescu would like to meet you").click()
    page.wait_for_url("**/network/requests/")
    page.wait_for_load_state("networkidle")
    page.set_viewport_size({"width": 390, "height": 800})
    for path in ("/notifications/", "/notifications/settings/", f"/members/{ana.pk}/"):
        page.goto(page.base_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways on a phone ({width}px wide)."
