"""The layout on a phone: the menu and the directory's filters fold, long text wraps.

Every page's width at 390 px, as every role, is checked by `test_every_page.py`.
"""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_the_menu_folds_behind_its_button_on_a_phone(page):
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/")
    toggle = page.locator("summary.nav-toggle")
    members = page.locator(".site-nav").get_by_role("link", name="Members")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not members.is_visible()
    toggle.click()
    # wsco.js sets aria-expanded on the fold's toggle event, which comes after the click.
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert members.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_menu_is_a_row_of_links_on_a_desktop(page):
    page.goto(page.base_url + "/")
    assert not page.locator("summary.nav-toggle").is_visible()
    assert page.locator(".site-nav").get_by_role("link", name="Members").is_visible()


def test_without_javascript_the_menu_and_filters_stay_open_on_a_phone(browser, live_server):
    context = browser.new_context(
        locale="en-GB", viewport=PHONE, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + "/members/")
    assert page.locator(".site-nav").get_by_role("link", name="Organizations").is_visible()
    assert page.locator("#id_q").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_the_directory_filters_fold_above_the_results_on_a_phone(page):
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/members/")
    assert not page.locator("#id_q").is_visible()
    page.locator("summary.filters-summary").click()
    assert page.locator("#id_q").is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + "/members/")
    assert page.locator("#id_q").is_visible()
    assert not page.locator("summary.filters-summary").is_visible()


def test_a_long_email_and_address_wrap_on_a_phone(browser, live_server, settings):
    from django.test import Client

    from wsco.members.tests.factories import member

    settings.ALLOWED_HOSTS = ["*"]
    long_email = "someone.with.a.very.long.address.indeed@municipality-of-a-smart-city.example.org"
    person = member(
        user__email=long_email,
        website="https://www.example.org/" + "a-very-long-path-segment-" * 4,
        city="Drobeta-Turnu-Severin-Municipiul-Reședință-De-Județ",
    )
    client = Client()
    client.force_login(person.user)
    host = live_server.url.split("//")[1].split(":")[0]
    context = browser.new_context(locale="en-GB", viewport=PHONE, is_mobile=True)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": host,
                "path": "/",
            }
        ]
    )
    page = context.new_page()
    for path in [person.get_absolute_url(), "/account/", "/members/"]:
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    page.goto(live_server.url + person.get_absolute_url())
    assert page.get_by_text(long_email).count() == 1  # Shown (to its owner), and wrapped.
    context.close()
