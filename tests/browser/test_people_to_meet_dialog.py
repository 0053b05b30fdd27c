"""People to meet in Chromium: every suggestion's "Block" opens the page's one dialog, filled in
with that person's name and form (core/components/modal.html with shared=True)."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_network import _network_index_in_tmp, sign_in  # noqa: F401 (fixture)
from wsco.members.models import OrganizationType
from wsco.network import services
from wsco.network.models import Block
from wsco.network.tests.factories import member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_each_suggestions_block_link_fills_the_one_dialog_with_its_person(page):
    ana = member(
        organization_type=OrganizationType.CITY_HALL,
        interests=["transportation"],
        looks_for="traffic sensors",
        name="Ana Popescu",
    )
    bogdan = member(interests=["transportation"], offers="traffic sensors", name="Bogdan Ionescu")
    carmen = member(interests=["transportation"], offers="traffic sensors", name="Carmen Dobre")
    services.rebuild_index()
    sign_in(page, ana)
    page.goto(page.base_url + "/network/")
    dialog = page.locator("#block-dialog")
    assert page.locator("dialog").count() == 1

    for person in (bogdan, carmen):
        page.locator(f"#suggestion-{person.pk}").get_by_role("link", name="Block").click()
        expect(dialog).to_be_visible()
        assert page.url.endswith("/network/")  # the link opened the dialog, not its page
        expect(dialog.get_by_role("heading")).to_have_text(f"Block {person.name}?")
        dialog.get_by_role("button", name="Cancel").click()
        expect(dialog).to_be_hidden()
    assert not Block.objects.exists()

    page.locator(f"#suggestion-{carmen.pk}").get_by_role("link", name="Block").click()
    with page.expect_navigation():
        dialog.get_by_role("button", name="Block").click()
    assert list(Block.objects.values_list("blocker", "blocked")) == [(ana.pk, carmen.pk)]
