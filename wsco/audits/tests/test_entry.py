"""Entering an audit's data on the web: pages, autosave with the engine's findings, submission."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wsco.audits.models import AuditEvent, AuditStatus, BaseValue, ReportedValue
from wsco.audits.services.entry import (
    blocking_findings,
    completeness,
    save_base_value,
    save_reported_value,
    submit_audit,
    theme_sections,
)
from wsco.audits.tests.records import AuditFactory, auditor_on, enter, official_of, person
from wsco.core.tests.sample_files import SCRIPT, csv_bytes, pdf_bytes, xlsx_bytes, zip_bomb
from wsco.notifications.models import Notification

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def audit():
    return AuditFactory()


@pytest.fixture
def official(audit):
    return official_of(audit.city)


def theme_url(audit, theme="economy"):
    return reverse("audits:entry_theme", kwargs={"pk": audit.pk, "theme": theme})


def autosave(client, audit, variable, value, theme="economy", **more):
    data = {"kind": "base", "key": variable, f"{variable}-value": value, **more}
    return client.post(theme_url(audit, theme), data, headers=HTMX)


# The catalogue by theme


def test_themes_hold_each_indicators_variables_from_the_engines_catalogue(audit):
    sections = {section.slug: section for section in theme_sections(audit)}
    economy = {variable.name: variable for variable in sections["economy"].variables}
    # ISO 37120:2018 5.1, unemployment rate: unemployed persons / labour force x 100.
    assert {"unemployed_persons", "labour_force"} <= set(economy)
    assert "ISO37120:2018/5.1" in economy["unemployed_persons"].indicators
    assert economy["labour_force"].unit
    assert "ISO37120:2018/5.1" in [indicator.key for indicator in sections["economy"].indicators]


def test_completeness_counts_the_variables_with_a_value(audit):
    sections = [section for section in theme_sections(audit) if section.slug == "economy"]
    total = len(sections[0].variables)
    enter(audit, unemployed_persons="12000", labour_force="")
    assert completeness(audit, sections)["economy"] == (1, total)


# Saving values


def test_official_saves_a_value_as_written_and_an_unchanged_save_writes_nothing(audit, official):
    row = save_base_value(audit=audit, variable="labour_force", value="1.234,5", by=official)
    assert (row.value, row.entered_by) == ("1.234,5", official)
    before = row.updated_at
    again = save_base_value(audit=audit, variable="labour_force", value="1.234,5", by=official)
    assert again.updated_at == before


def test_a_value_cleared_of_everything_is_no_longer_entered(audit, official):
    save_base_value(audit=audit, variable="labour_force", value="100", by=official)
    assert save_base_value(audit=audit, variable="labour_force", value="", by=official) is None
    assert not BaseValue.objects.filter(audit=audit).exists()


def test_unknown_variable_is_refused(audit, official):
    with pytest.raises(ValidationError, match="not a variable of this audit"):
        save_base_value(audit=audit, variable="flying_cars", value="3", by=official)


@pytest.mark.parametrize("who", ["auditor", "stranger", "staff"])
def test_only_officials_enter_data(audit, who):
    user = {
        "auditor": lambda: auditor_on(audit),
        "stranger": lambda: person(),
        "staff": lambda: person(staff=True),
    }[who]()
    with pytest.raises(PermissionDenied, match="Only the city's officials"):
        save_base_value(audit=audit, variable="labour_force", value="3", by=user)


def test_a_submitted_audit_takes_no_more_data(audit, official):
    submit_audit(audit=audit, by=official)
    with pytest.raises(PermissionDenied, match="while it is open"):
        save_base_value(audit=audit, variable="labour_force", value="3", by=official)


def test_reported_indicator_is_kept_as_the_city_reports_it(audit, official):
    row = save_reported_value(
        audit=audit,
        indicator="ISO37120:2018/5.1",
        numerator="12000",
        denominator="150000",
        value="8",
        by=official,
    )
    assert (row.numerator, row.denominator, row.value) == ("12000", "150000", "8")


# Pages


@pytest.mark.parametrize(
    ("who", "status"),
    [("official", 200), ("auditor", 200), ("staff", 200), ("stranger", 404)],
)
def test_data_pages_open_to_the_audits_readers_only(client, audit, official, who, status):
    user = {
        "official": lambda: official,
        "auditor": lambda: auditor_on(audit),
        "staff": lambda: person(staff=True),
        "stranger": lambda: person("city_official"),
    }[who]()
    client.force_login(user)
    assert client.get(reverse("audits:entry", kwargs={"pk": audit.pk})).status_code == status
    assert client.get(theme_url(audit)).status_code == status


def test_readers_who_are_not_officials_see_the_values_read_only(client, audit, official):
    enter(audit, by=official, labour_force="150000")
    client.force_login(auditor_on(audit))
    page = client.get(theme_url(audit)).content.decode()
    assert "150000" in page
    assert "hx-post" not in page
    assert autosave(client, audit, "labour_force", "1").status_code == 403
    assert BaseValue.objects.get(audit=audit).value == "150000"


def test_official_sees_an_editable_form_for_each_variable(client, audit, official):
    client.force_login(official)
    page = client.get(theme_url(audit)).content.decode()
    assert 'name="labour_force-value"' in page
    assert 'hx-trigger="change, keyup changed delay:800ms"' in page
    assert "<progress" in page


def test_unknown_theme_is_404(client, audit, official):
    client.force_login(official)
    assert client.get(theme_url(audit, "astrology")).status_code == 404


# Autosave with the engine's findings


def test_autosave_answers_with_the_values_findings_at_once(client, audit, official):
    client.force_login(official)
    response = autosave(client, audit, "labour_force", "abc")
    page = response.content.decode()
    assert response.status_code == 200
    assert BaseValue.objects.get(audit=audit, variable="labour_force").value == "abc"
    assert "finding-invalid" in page
    assert "is not a number" in page
    assert 'id="theme-progress" hx-swap-oob="true"' in page
    assert 'id="audit-levels" hx-swap-oob="true"' in page


def test_autosave_of_a_good_value_shows_no_error(client, audit, official):
    client.force_login(official)
    page = autosave(client, audit, "labour_force", "150000").content.decode()
    assert "finding-invalid" not in page
    assert "Saved." in page


def test_autosave_with_evidence_keeps_the_text(client, audit, official):
    enter(audit, by=official, labour_force="150000")
    client.force_login(official)
    evidence = SimpleUploadedFile("census.pdf", pdf_bytes(), content_type="application/pdf")
    client.post(
        theme_url(audit),
        {"kind": "base", "key": "labour_force", "evidence-labour_force-evidence": evidence},
        headers=HTMX,
    )
    row = BaseValue.objects.get(audit=audit)
    assert row.value == "150000"
    assert row.evidence.name.startswith("audits/evidence/")
    assert row.evidence.name.endswith(".pdf")


# Submission


def test_submission_is_refused_while_a_value_has_an_error_and_names_it(client, audit, official):
    enter(audit, by=official, labour_force="abc", unemployed_persons="12000")
    assert blocking_findings(audit) == ["labour_force: value 'abc' is not a number"]
    client.force_login(official)
    response = client.post(reverse("audits:submit", kwargs={"pk": audit.pk}), follow=True)
    audit.refresh_from_db()
    assert audit.status == AuditStatus.DRAFT
    assert "labour_force" in response.content.decode()


def test_submission_takes_the_workflow_step_and_tells_the_auditors(client, audit, official):
    auditor = auditor_on(audit)
    enter(audit, by=official, labour_force="150000", unemployed_persons="12000")
    client.force_login(official)
    client.post(reverse("audits:submit", kwargs={"pk": audit.pk}))
    audit.refresh_from_db()
    assert audit.status == AuditStatus.SUBMITTED
    assert AuditEvent.objects.filter(audit=audit, to_status="submitted", by=official).exists()
    assert Notification.objects.filter(recipient=auditor, kind="audits.submitted").exists()


def test_submission_without_auditors_tells_staff(audit, official):
    staff = person(staff=True)
    submit_audit(audit=audit, by=official)
    assert Notification.objects.filter(recipient=staff, kind="audits.submitted").exists()


def test_auditor_cannot_submit(client, audit, official):
    client.force_login(auditor_on(audit))
    response = client.post(reverse("audits:submit", kwargs={"pk": audit.pk}))
    assert response.status_code == 403
    audit.refresh_from_db()
    assert audit.status == AuditStatus.DRAFT


# Evidence: checked by content, served to the audit's people only


def evidence_of(audit, official, content, name):
    row = save_base_value(
        audit=audit,
        variable="labour_force",
        value="150000",
        evidence=SimpleUploadedFile(name, content),
        by=official,
    )
    return row


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)), "budget.xlsx", "not_evidence"),
        (zip_bomb(5 * 1024 * 1024), "budget.xlsx", "xlsx_too_large_unzipped"),
        (b"city," + SCRIPT + b"\nCluj,1\n", "budget.csv", "csv_markup"),
        (xlsx_bytes(macros=True), "budget.xlsx", "xlsx_active"),
    ],
    ids=["exe-renamed-xlsx", "zip-bomb", "csv-script-at-head", "xlsx-macros"],
)
def test_hostile_evidence_is_refused(audit, official, content, name, code, settings):
    settings.UPLOAD_MAX_UNZIPPED_BYTES = 4 * 1024 * 1024  # the bomb unzips to 5 MB
    with pytest.raises(ValidationError, match="Evidence") as refused:
        evidence_of(audit, official, content, name)
    assert refused.value.code == code
    assert not BaseValue.objects.exclude(evidence="").exists()


@pytest.mark.parametrize(
    ("content", "name", "extension"),
    [(xlsx_bytes(), "budget.csv", "xlsx"), (csv_bytes(), "budget.txt", "csv")],
)
def test_tables_are_stored_under_a_random_name_with_the_extension_found(
    audit, official, content, name, extension
):
    row = evidence_of(audit, official, content, name)
    assert row.evidence.name.startswith("audits/evidence/")
    assert row.evidence.name.endswith(f".{extension}")
    assert name.partition(".")[0] not in row.evidence.name


@pytest.mark.parametrize(
    ("who", "status"),
    [("official", 200), ("auditor", 200), ("staff", 200), ("stranger", 404), ("visitor", 404)],
)
def test_evidence_is_served_to_the_audits_people_only(client, audit, official, who, status):
    row = evidence_of(audit, official, pdf_bytes(), "census.pdf")
    user = {
        "official": lambda: official,
        "auditor": lambda: auditor_on(audit),
        "staff": lambda: person(staff=True),
        "stranger": lambda: person("city_official"),
        "visitor": lambda: None,
    }[who]()
    if user is not None:
        client.force_login(user)
    assert client.get(row.evidence.url).status_code == status


def test_a_workbook_of_evidence_is_sent_as_an_attachment(client, audit, official):
    row = evidence_of(audit, official, xlsx_bytes(), "budget.xlsx")
    client.force_login(official)
    response = client.get(row.evidence.url)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_reported_evidence_has_a_folder_of_its_own(audit, official):
    row = save_reported_value(
        audit=audit,
        indicator="ISO37120:2018/5.1",
        value="8",
        evidence=SimpleUploadedFile("report.pdf", pdf_bytes()),
        by=official,
    )
    assert ReportedValue.objects.get(pk=row.pk).evidence.name.startswith(
        "audits/evidence/reported/"
    )


def test_autosave_of_a_value_too_long_says_so_and_keeps_the_stored_one(client, audit, official):
    enter(audit, by=official, labour_force="150000")
    client.force_login(official)
    page = autosave(client, audit, "labour_force", "9" * 61).content.decode()
    assert "Value: Ensure this value has at most 60 characters" in page
    assert BaseValue.objects.get(audit=audit).value == "150000"


def test_a_published_audits_values_are_read_by_members_but_not_its_evidence(
    client, audit, official
):
    from wsco.audits.services.audits import take_step

    row = evidence_of(audit, official, pdf_bytes(), "census.pdf")
    submit_audit(audit=audit, by=official)
    take_step(audit=audit, step="start_verification", by=auditor_on(audit))
    take_step(audit=audit, step="verify", by=auditor_on(audit))
    take_step(audit=audit, step="publish", by=person(staff=True))
    client.force_login(official)
    assert row.evidence.url in client.get(theme_url(audit)).content.decode()
    client.force_login(person())
    page = client.get(theme_url(audit)).content.decode()
    assert "150000" in page
    assert row.evidence.url not in page
    assert client.get(row.evidence.url).status_code == 404


def test_theme_page_asks_as_many_queries_for_one_value_as_for_all(client, audit, official):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    enter(audit, by=official, labour_force="150000")
    client.force_login(official)
    client.get(theme_url(audit))  # the engine's run is cached from here on
    with CaptureQueriesContext(connection) as one:
        client.get(theme_url(audit))
    economy = next(section for section in theme_sections(audit) if section.slug == "economy")
    enter(audit, by=official, **dict.fromkeys((v.name for v in economy.variables), "1000"))
    client.get(theme_url(audit))
    with CaptureQueriesContext(connection) as all_of_them:
        client.get(theme_url(audit))
    assert len(all_of_them) == len(one)
