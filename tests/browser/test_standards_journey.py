"""The standards in Chromium, through the real pages: staff record an act adopting ISO 37120 and
bring it into force; a member who follows the standard finds it on their home page; an official
of a city the act obliges opens the city's checklist. Then the same pages in Romanian."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_audits_journey import sign_in, told, visit
from wsco.audits.tests.records import CityFactory, official_of, person
from wsco.members.tests.factories import current_member
from wsco.standards import services
from wsco.standards.models import Adoption, AdoptionStatus
from wsco.standards.tests.factories import iso_37120

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_record_an_act_a_follower_sees_it_and_an_official_opens_the_checklist(page):
    standard, _earlier, _later = iso_37120()
    city = CityFactory(name="Brașov", slug="brasov", country="RO", population=237_589)
    official = official_of(city)
    follower = current_member().user
    services.follow(user=follower, standard=standard)

    # Staff record the act on their own page; a wrong date is refused on its field first.
    sign_in(page, person(staff=True))
    visit(page, "/legislation/")
    page.get_by_role("link", name="Record an act").click()
    page.get_by_label("Country").select_option("RO")
    page.get_by_label("Title of the act").fill("Law on city indicators")
    page.get_by_label("Act number", exact=True).fill("12/2024")
    page.get_by_role("combobox", name="Standard", exact=True).select_option(label="ISO 37120")
    page.get_by_label("Edition", exact=True).select_option(label="ISO 37120:2018")
    page.get_by_label("Applies to").select_option("municipalities_above")
    page.get_by_label("Population from").fill("100000")
    page.get_by_label("Proposed on").fill("2024-03-01")
    page.get_by_label("Adopted on").fill("2024-02-01")
    page.get_by_role("button", name="Save the act").click()
    expect(page.locator(".field-error")).to_contain_text("cannot be before")
    page.get_by_label("Adopted on").fill("2024-04-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the act").click()
    told(page, "The act is saved.")
    adoption = Adoption.objects.get(act_number="12/2024")
    # Into force, from its edit page's status form.
    page.get_by_role("link", name="Edit").click()
    page.get_by_role("combobox", name="Change", exact=True).select_option("bring_into_force")
    page.get_by_label("On", exact=True).fill("2024-06-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Change the status").click()
    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.IN_FORCE
    expect(page.locator("main")).to_contain_text("Status changed: Proposed → In force")

    # The follower finds both pieces of news on their home page.
    sign_in(page, follower)
    visit(page, "/members/me/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Standards you follow"))
    expect(panel).to_contain_text("Romania: “Law on city indicators” adopts ISO 37120")
    expect(panel).to_contain_text("is now in force")

    # The city's official opens the checklist from the city's page.
    sign_in(page, official)
    visit(page, city.get_absolute_url())
    page.get_by_role("link", name="Open the city's checklist").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What the law asks of Brașov")
    expect(page.locator("main")).to_contain_text("No audit covers it yet")


def test_the_standards_pages_speak_romanian(page):
    standard, _earlier, later = iso_37120()
    city = CityFactory(name="Cluj-Napoca", slug="cluj-napoca", population=286_598)
    official = official_of(city)
    adoption = services.record_adoption(
        by=person(staff=True),
        country="RO",
        title="Legea indicatorilor urbani",
        standard=standard,
        edition=later,
        applies_to="all_municipalities",
    )
    services.change_adoption_status(adoption=adoption, step="bring_into_force", by=None)
    sign_in(page, None, language="ro")
    visit(page, "/standards/")
    assert page.locator("html").get_attribute("lang") == "ro"
    expect(page.get_by_role("heading", level=1)).to_have_text("Biblioteca de standarde")
    visit(page, standard.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Indicatorii ISO 37120:2018")
    expect(page.locator("main")).to_contain_text("Renumerotat: 51")
    visit(page, "/legislation/")
    expect(page.locator("main")).to_contain_text("1 act, 1 în vigoare")
    sign_in(page, official, language="ro")
    visit(page, f"/cities/{city.slug}/obligations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ce cere legea orașului Cluj-Napoca")
    expect(page.locator("main")).to_contain_text("Niciun audit nu îl acoperă încă")
