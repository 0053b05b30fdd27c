"""A newcomer's journey in Chromium: sign up, confirm the email, apply, get approved and paid up,
then find oneself in the directory; and the same pages in Romanian."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from wsco.members.models import Profile
from wsco.members.tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
NEWCOMER = "ioana.voicu@example.org"


def sign_in(page, email: str) -> None:
    page.context.clear_cookies()
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")


def sign_up_and_confirm(page) -> None:
    page.goto(page.base_url + "/accounts/signup/")
    page.fill("input[name=email]", NEWCOMER)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password2]", "Enter")
    assert "/accounts/confirm-email/" in page.url

    # The confirmation link is taken from the email the platform sent.
    (message,) = [m for m in mail.outbox if NEWCOMER in m.to]
    path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body).group(1)
    page.goto(page.base_url + path)
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm").click()
    assert page.url.endswith("/members/me/")


def apply(page) -> None:
    page.goto(page.base_url + "/members/apply/")
    page.fill("input[name=name]", "Ioana Voicu")
    page.fill("input[name=title]", "Urban mobility planner")
    page.select_option("select[name=country]", "RO")
    page.fill("input[name=city]", "Sibiu")
    page.get_by_label(re.compile("Individual")).check()
    page.fill("textarea[name=motivation]", "I plan cycling networks for mid-sized cities.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send my application").click()
    assert "Submitted" in page.inner_text("main")


def staff_approves_and_records_the_payment(page) -> None:
    staff = UserFactory(is_staff=True, is_superuser=True)
    sign_in(page, staff.email)
    page.goto(page.base_url + "/members/review/")
    assert "Ioana Voicu" in page.inner_text("main")
    page.locator("summary", has_text="Decide").first.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Approve").first.click()
    page.goto(page.base_url + "/members/review/payments/")
    with page.expect_navigation():
        page.get_by_role("link", name="Record payment").first.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Record the payment").click()


def test_a_newcomer_joins_and_finds_herself_in_the_directory(page):
    sign_up_and_confirm(page)
    apply(page)
    staff_approves_and_records_the_payment(page)
    assert Profile.objects.get(user__email=NEWCOMER).is_member

    sign_in(page, NEWCOMER)
    page.goto(page.base_url + "/members/")
    # The directory's own search box, not the header's.
    page.locator("main input[name=q]").fill("voicu sibiu")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Ioana Voicu").first.click()
    # Waits for the profile's page: a navigation caught early could leave the list's heading.
    expect(page.locator("h1")).to_have_text("Ioana Voicu")
    assert "Urban mobility planner" in page.inner_text("main")


@pytest.mark.parametrize("path", ["/", "/members/", "/accounts/signup/", "/accounts/login/"])
def test_the_newcomers_pages_speak_romanian(browser, live_server, path):
    context = browser.new_context(locale="ro-RO")
    page = context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto(live_server.url + path)
    assert page.locator("html").get_attribute("lang") == "ro"
    assert "Membri" in page.inner_text("header")
    assert problems == []
    context.close()


def test_a_visitor_switches_to_romanian_from_the_header_and_stays_on_the_page(page):
    page.goto(page.base_url + "/members/?q=sibiu")
    with page.expect_navigation():
        page.get_by_label("Language").select_option("ro")
    assert page.url.endswith("/members/?q=sibiu")
    assert page.locator("html").get_attribute("lang") == "ro"
    assert "Membri" in page.inner_text("header")
