"""A city's audit in Chromium, through the real pages: a city official opens it, types two
themes and imports the rest from the audit's own template, submits; an auditor queries a
value, the official answers, the auditor settles it; two auditors sign; staff publish; a
visitor opens the city's page, compares it with another city, downloads the report and checks
the certificate's code. Then the same public pages, and data entry, in Romanian."""

import io

import pytest
from django.conf import settings
from django.test import Client
from openpyxl import load_workbook
from playwright.sync_api import expect

from wsco.audits.models import Audit, AuditStatus, BaseValue, Query, QueryStatus
from wsco.audits.services.audits import create_audit
from wsco.audits.services.imports import template_workbook
from wsco.audits.services.verification import publish_audit
from wsco.audits.tests.records import (
    CityFactory,
    enter_every_variable,
    official_of,
    person,
    verified,
)
from wsco.certificates.queries import certificates_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2025
# Two small themes of ISO 37120:2018 typed on the web; the rest comes from the spreadsheet.
TYPED = {
    "telecommunication": ["population", "internet_connections", "mobile_phone_connections"],
    "recreation": ["public_indoor_recreation_space_m2", "public_outdoor_recreation_space_m2"],
}
QUERIED = "public_outdoor_recreation_space_m2"


def visit(page, path):
    """Open `path` once the current page has finished loading (its icon included): leaving
    earlier aborts the icon's request, which the page fixture counts as a failure."""
    page.wait_for_load_state("networkidle")
    page.goto(page.base_url + path)
    page.wait_for_load_state("networkidle")


def sign_in(page, user, language=None):
    """Replace the browser's session with `user`'s (none: a visitor), in `language` if given."""
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()
    cookies = []
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        cookies.append({"name": cookie.key, "value": cookie.value, "url": page.base_url})
    if language:
        cookies.append(
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": page.base_url}
        )
    if cookies:
        page.context.add_cookies(cookies)


def confirm(page, button: str, dialog_id: str):
    """Press a form's button that asks first, then the dialog's own button."""
    page.get_by_role("button", name=button, exact=True).click()
    dialog = page.locator(f"#{dialog_id}")
    expect(dialog).to_be_visible()
    with page.expect_navigation():
        dialog.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state("networkidle")


def download_pdf(page, link):
    """Download the PDF `link` leads to, asking again while it is being made."""
    url = page.base_url + link.get_attribute("href")
    for _attempt in range(10):
        response = page.request.get(url)
        if response.status == 200:
            break
        assert response.status == 202  # "being made": ask again as the page says
        page.wait_for_timeout(int(response.headers.get("retry-after", "1")) * 1000)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def check_certificate(page, code: str, about: str):
    """Type `code` at /verify/ and check the certificate it finds is valid and about `about`."""
    visit(page, "/verify/")
    page.get_by_label("Verification code").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_load_state("networkidle")
    main = page.locator("main")
    expect(main).to_contain_text("This certificate is genuine and valid")
    expect(main).to_contain_text(about)


def told(page, message: str):
    """Check the page's message (a toast, above the main content) says `message`."""
    expect(page.locator(".toasts")).to_contain_text(message)


def type_value(page, variable: str, value: str, saved: str = "Saved."):
    """Type a base variable's value and wait for the page to say it is saved (htmx)."""
    field = page.locator(f"#id_{variable}-value")
    field.fill("")
    field.press_sequentially(value)
    expect(page.locator(f"#base-{variable}-findings")).to_contain_text(saved)


def filled_template(audit: Audit, value: str = "100") -> bytes:
    """The audit's own template with every empty value filled in."""
    workbook = load_workbook(io.BytesIO(template_workbook(audit)))
    sheet = workbook["variables"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("value") + 1
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row=row, column=column)
        if not cell.value:
            cell.value = value
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def published_city(name: str, slug: str) -> Audit:
    """A city with a published audit of YEAR, every variable entered: made through services."""
    staff = person(staff=True)
    audit = create_audit(city=CityFactory(name=name, slug=slug), year=YEAR, by=staff)
    enter_every_variable(audit)
    verified(audit)
    publish_audit(audit=audit, by=staff)
    return audit


def add_auditor(page, auditor):
    page.get_by_role("combobox", name="Auditor").select_option(
        label=f"{auditor.profile.name} ({auditor.email})"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Add to the team").click()
    told(page, "The auditor is on the audit's team.")


def sign(page, auditor, audit):
    sign_in(page, auditor)
    visit(page, f"/audits/{audit.pk}/verification/")
    confirm(page, "Sign the verification", "sign-verification")


def test_an_audit_from_data_entry_to_a_visitor_checking_its_certificate(page, tmp_path):
    other = published_city("Cluj-Napoca", "cluj-napoca")
    city = CityFactory(name="Sibiu", slug="sibiu", population=170_000)
    official = official_of(city)
    staff = person(staff=True)
    first, second = person("auditor"), person("auditor")

    # The official opens the audit.
    sign_in(page, official)
    visit(page, "/audits/new/")
    page.get_by_label("City").select_option(label="Sibiu")
    page.get_by_label("Data year").fill(str(YEAR))
    with page.expect_navigation():
        page.get_by_role("button", name="Open the audit").click()
    audit = Audit.objects.get(city=city)
    assert page.url.endswith(f"/audits/{audit.pk}/data/")

    # Two themes typed on the web, each value saved as it is typed.
    for theme, variables in TYPED.items():
        visit(page, f"/audits/{audit.pk}/data/{theme}/")
        for variable in variables:
            type_value(page, variable, "100")
    page.wait_for_load_state("networkidle")
    typed = {name for names in TYPED.values() for name in names}
    assert (
        set(BaseValue.objects.filter(audit=audit, value="100").values_list("variable", flat=True))
        == typed
    )

    # The rest from the audit's own template, filled in and uploaded.
    upload = tmp_path / "sibiu-2025.xlsx"
    upload.write_bytes(filled_template(audit))
    visit(page, f"/audits/{audit.pk}/import/")
    page.get_by_label("Filled-in template").set_input_files(upload)
    with page.expect_navigation():
        page.get_by_role("button", name="Check and import").click()
    told(page, "The file is imported.")
    expect(page.locator("main")).to_contain_text("values added")
    assert BaseValue.objects.filter(audit=audit).count() > 100

    # And submits.
    visit(page, f"/audits/{audit.pk}/data/")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit the audit").click()
    page.wait_for_load_state("networkidle")
    audit.refresh_from_db()
    assert audit.status == AuditStatus.SUBMITTED

    # Staff put two auditors on the team.
    sign_in(page, staff)
    visit(page, f"/audits/{audit.pk}/team/")
    add_auditor(page, first)
    add_auditor(page, second)

    # The first auditor begins the verification and queries a value.
    sign_in(page, first)
    visit(page, f"/audits/{audit.pk}/verification/")
    confirm(page, "Begin the verification", "start-verification")
    audit.refresh_from_db()
    assert audit.status == AuditStatus.VERIFICATION
    visit(page, f"/audits/{audit.pk}/verification/")
    queried = BaseValue.objects.get(audit=audit, variable=QUERIED)
    article = page.locator(f"#value-base-{queried.pk}")
    article.get_by_label("Question to the city").fill("Which parks does this area count?")
    with page.expect_navigation():
        article.get_by_role("button", name="Raise a query").click()
    told(page, "The query is sent to the city's officials.")
    query = Query.objects.get(audit=audit)

    # The official explains the value.
    sign_in(page, official)
    visit(page, f"/audits/{audit.pk}/queries/")
    answer = page.locator(f"#query-{query.pk}")
    expect(answer).to_contain_text("Which parks does this area count?")
    answer.get_by_label("Your answer").fill("The city's parks and its two forests.")
    with page.expect_navigation():
        answer.get_by_role("button", name="Send the answer").click()
    told(page, "Your answer is sent to the auditor.")

    # The auditor settles it.
    sign_in(page, first)
    visit(page, f"/audits/{audit.pk}/verification/")
    article = page.locator(f"#value-base-{queried.pk}")
    expect(article).to_contain_text("The city's parks and its two forests.")
    with page.expect_navigation():
        article.get_by_role("button", name="Settle the query").click()
    query.refresh_from_db()
    assert query.status == QueryStatus.SETTLED

    # Two auditors sign: the audit is verified.
    sign(page, first, audit)
    told(page, "a second auditor's signature is needed")
    sign(page, second, audit)
    told(page, "Signed: the audit is verified.")
    audit.refresh_from_db()
    assert audit.status == AuditStatus.VERIFIED

    # Staff publish it, after the confirmation.
    sign_in(page, staff)
    visit(page, f"/audits/{audit.pk}/verification/")
    confirm(page, "Publish", "publish-audit")
    told(page, "The audit is published.")
    audit.refresh_from_db()
    assert audit.status == AuditStatus.PUBLISHED
    (certificate,) = certificates_for(audit)

    # A visitor reads the city, compares it, downloads the report and checks the certificate.
    sign_in(page, None)
    visit(page, "/cities/sibiu/")
    expect(page.locator("h1")).to_contain_text("Sibiu")
    expect(page.locator("main")).to_contain_text(str(YEAR))
    visit(page, f"/cities/compare/?cities=sibiu,{other.city.slug}")
    main = page.locator("main")
    expect(main).to_contain_text("Sibiu")
    expect(main).to_contain_text("Cluj-Napoca")

    visit(page, f"/audits/{audit.pk}/")
    link = page.get_by_role("link", name="Report (PDF)")
    download_pdf(page, link)

    check_certificate(page, certificate.code, "Sibiu")


def test_the_audits_pages_speak_romanian(page):
    audit = published_city("Iași", "iasi")
    (certificate,) = certificates_for(audit)
    city = CityFactory(name="Sibiu", slug="sibiu")
    official = official_of(city)
    draft = create_audit(city=city, year=YEAR, by=official)

    # A visitor whose browser speaks Romanian.
    sign_in(page, None, language="ro")
    visit(page, "/cities/iasi/")
    assert page.locator("html").get_attribute("lang") == "ro"
    expect(page.locator("main")).to_contain_text("Orașe auditate")
    visit(page, f"/audits/{audit.pk}/")
    main = page.locator("main")
    expect(main).to_contain_text("Rezultate")
    expect(main).to_contain_text("Raport (PDF)")
    visit(page, f"/verify/{certificate.code}/")
    expect(page.locator("main")).to_contain_text("Acest certificat este autentic și valabil")

    # The official enters a value in Romanian.
    sign_in(page, official, language="ro")
    visit(page, f"/audits/{draft.pk}/data/telecommunication/")
    expect(page.locator("main")).to_contain_text("Variabile de bază")
    type_value(page, "internet_connections", "42000", saved="Salvat.")
    page.wait_for_load_state("networkidle")
    assert BaseValue.objects.get(audit=draft, variable="internet_connections").value == "42000"
