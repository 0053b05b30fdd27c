"""Confirmations in Chromium: a destructive action asks in a modal dialog before it is sent.

The form's button opens the dialog (core/components/confirm.html); "Cancel" closes it and
nothing changes; the dialog's own button sends the form. A link that opens a confirmation page
without JavaScript (blocking someone) opens the same page's form in a dialog
(core/components/modal.html).
"""

import pytest
from playwright.sync_api import expect

from tests.browser.test_network import sign_in
from wsco.network import services
from wsco.network.models import Block, Introduction
from wsco.network.tests.factories import member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_withdrawing_a_request_asks_first_and_cancel_changes_nothing(page):
    ana, bogdan = member(name="Ana Popescu"), member(name="Bogdan Ionescu")
    introduction = services.request_introduction(sender=ana, recipient=bogdan, message="Hi")
    sign_in(page, ana)
    page.goto(page.base_url + "/network/requests/")
    dialog = page.locator(f"#withdraw-introduction-{introduction.pk}")
    assert not dialog.is_visible()

    page.get_by_role("button", name="Withdraw", exact=True).click()
    expect(dialog).to_be_visible()
    assert "Withdraw this request to meet?" in dialog.inner_text()
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    page.wait_for_load_state("networkidle")
    introduction.refresh_from_db()
    assert introduction.is_pending

    page.get_by_role("button", name="Withdraw", exact=True).click()
    with page.expect_navigation():
        dialog.get_by_role("button", name="Withdraw").click()
    introduction.refresh_from_db()
    assert not introduction.is_pending


def test_blocking_opens_the_confirmation_in_a_dialog(page):
    ana, bogdan = member(name="Ana Popescu"), member(name="Bogdan Ionescu")
    services.request_introduction(sender=ana, recipient=bogdan, message="Hi")
    sign_in(page, bogdan)
    page.goto(page.base_url + "/network/requests/")
    dialog = page.locator(f"#block-{ana.pk}")

    page.get_by_role("link", name="Block", exact=True).click()
    expect(dialog).to_be_visible()
    assert page.url.endswith("/network/requests/")  # the link opened the dialog, not its page
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    assert not Block.objects.exists()

    page.get_by_role("link", name="Block", exact=True).click()
    with page.expect_navigation():
        dialog.get_by_role("button", name="Block").click()
    assert Block.objects.filter(blocker=bogdan, blocked=ana).exists()
    assert not Introduction.objects.filter(status="pending").exists()


def test_without_javascript_the_button_sends_the_form_at_once(browser, live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    ana, bogdan = member(name="Ana Popescu"), member(name="Bogdan Ionescu")
    introduction = services.request_introduction(sender=ana, recipient=bogdan, message="Hi")
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.base_url = live_server.url
    try:
        sign_in(page, ana)
        page.goto(page.base_url + "/network/requests/")
        assert not page.locator(f"#withdraw-introduction-{introduction.pk}").is_visible()
        with page.expect_navigation():
            page.get_by_role("button", name="Withdraw", exact=True).click()
    finally:
        context.close()
    introduction.refresh_from_db()
    assert not introduction.is_pending
