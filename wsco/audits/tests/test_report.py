"""The audit's report: what the PDF says, who may download it, and the task that makes it."""

import io

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from wsco.audits import demo
from wsco.audits.models import Audit
from wsco.audits.services import report
from wsco.audits.services.audits import take_step
from wsco.audits.services.results import store_results
from wsco.audits.tasks import make_audit_report
from wsco.audits.tests.records import AuditFactory, CityFactory, auditor_on, enter, official_of
from wsco.members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LISBON = next(city for city in demo.CITIES if city.name == "Lisbon")


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def audit_at(level: str, *, name: str = "Lisbon") -> tuple[Audit, object]:
    """Return a draft audit whose values reach `level` (the demo's values), and its official."""
    audit = AuditFactory(city=CityFactory(name=name), year=2024)
    official = official_of(audit.city)
    enter(audit, by=official, **demo.entered_variables(LISBON, 2024, level))
    store_results(audit)
    return audit, official


def publish(audit: Audit, official) -> Audit:
    take_step(audit=audit, step="submit", by=official)
    take_step(audit=audit, step="start_verification", by=auditor_on(audit))
    take_step(audit=audit, step="verify", by=auditor_on(audit))
    take_step(audit=audit, step="publish", by=UserFactory(is_staff=True))
    return audit


def test_the_report_names_the_city_its_level_and_each_indicator_with_its_value():
    audit, official = audit_at("Gold", name="Lisbon")
    publish(audit, official)
    assert audit.level == "Gold"
    unemployment = audit.results.get(indicator="ISO37120:2018/5.1")

    text = pdf_text(report.report_pdf(report.report_data(audit)))

    assert "Lisbon" in text
    assert "Level Gold for 2024" in text
    # The value as the report writes it (two decimals), from the engine's stored result.
    assert f"Unemployment rate: {report.value_text(unemployment.value)} %" in text
    assert "Verification" in text
    for auditor in audit.team.filter(role="auditor").select_related("user__profile"):
        assert auditor.user.profile.name in text


def test_an_unverified_audit_says_so_and_names_no_level_it_has_not_reached():
    audit = AuditFactory(city=CityFactory(name="Oradea"))

    text = pdf_text(report.report_pdf(report.report_data(audit)))

    assert "No level reached for 2025" in text
    assert "has not been verified yet" in text
    assert "Not published" in text


def test_the_task_stores_the_report_and_a_second_run_leaves_it():
    audit, _official = audit_at("Silver")

    make_audit_report.enqueue(audit_id=audit.pk)
    stored = audit.reports.get(language="en")
    first = stored.file.name
    assert first.startswith("audits/reports/")
    assert first.endswith(".pdf")
    assert stored.key == report.report_data(audit).key()
    assert stored.requested_at is None

    make_audit_report.enqueue(audit_id=audit.pk)
    assert audit.reports.get(language="en").file.name == first
    assert audit.reports.count() == 1


def test_the_report_is_made_and_kept_in_each_language_apart():
    audit, _official = audit_at("Silver", name="Lisbon")

    english = report.make_report(audit=audit, language="en")
    romanian = report.make_report(audit=audit, language="ro")

    assert english.file.name != romanian.file.name
    assert english.key != romanian.key
    assert report.report_is_current(audit, "en")
    assert report.report_is_current(audit, "ro")
    english_text = pdf_text(english.file.read())
    romanian_text = pdf_text(romanian.file.read())
    assert "Level Silver for 2024" in english_text
    assert "Method" in english_text
    assert "Nivelul Silver pentru 2024" in romanian_text
    assert "Metodă" in romanian_text
    assert "Method" not in romanian_text
    # A region's code ("ro-RO") is its language's report; a language the site lacks, English.
    assert report.report_language("ro-RO") == "ro"
    assert report.report_language("de") == "en"


def test_a_change_of_the_results_makes_the_stored_report_stale_and_it_is_made_again():
    audit, official = audit_at("Silver")
    old = report.make_report(audit=audit).file.name
    assert report.report_is_current(audit, "en")

    enter(audit, by=official, unemployed_persons="1")
    store_results(audit)
    assert not report.report_is_current(audit, "en")

    stored = report.make_report(audit=audit)
    assert report.report_is_current(audit, "en")
    assert stored.file.name != old
    assert not stored.file.storage.exists(old)  # the old file is gone, not left beside


def test_publication_queues_the_report_in_every_language(django_capture_on_commit_callbacks):
    audit, official = audit_at("Bronze")
    with django_capture_on_commit_callbacks(execute=True):
        publish(audit, official)
    assert sorted(audit.reports.values_list("language", flat=True)) == ["en", "ro"]
    assert report.report_is_current(audit, "en")
    assert report.report_is_current(audit, "ro")


def test_a_report_asked_for_twice_in_a_row_is_queued_once():
    audit = AuditFactory()
    assert report.request_report(audit, "en")
    assert not report.request_report(audit, "en")
    assert report.request_report(audit, "ro")  # each language is asked for apart
    asked = audit.reports.get(language="en").requested_at
    later = asked + report.REQUEST_PATIENCE * 2
    assert report.request_report(audit, "en", now=later)  # a lost request is asked again


def test_a_published_audit_s_report_is_public(client, django_capture_on_commit_callbacks):
    audit, official = audit_at("Gold")
    with django_capture_on_commit_callbacks(execute=True):
        publish(audit, official)  # publication queues the report; the task makes it

    url = reverse("audits:report", kwargs={"pk": audit.pk})
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "public" in response["Cache-Control"]
    assert "Accept-Language" in response["Vary"]
    assert "Cookie" in response["Vary"]
    assert "-en.pdf" in response["Content-Disposition"]
    text = pdf_text(b"".join(response.streaming_content))
    assert "Lisbon" in text
    assert "Level Gold for 2024" in text

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ro"
    response = client.get(url)
    assert response.status_code == 200
    assert "-ro.pdf" in response["Content-Disposition"]
    assert "Nivelul Gold pentru 2024" in pdf_text(b"".join(response.streaming_content))


def test_an_unpublished_audit_s_report_is_a_404_to_a_stranger_and_opens_for_its_team(client):
    audit, official = audit_at("Bronze")
    url = reverse("audits:report", kwargs={"pk": audit.pk})

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404

    client.force_login(official)
    with_report = client.get(url)
    if with_report.status_code == 202:  # made by the task once this request commits
        report.make_report(audit=audit)
        with_report = client.get(url)
    assert with_report.status_code == 200
    assert "private" in with_report["Cache-Control"]


def test_a_stale_report_answers_that_it_is_being_made(client):
    audit, official = audit_at("Bronze")
    client.force_login(official)

    response = client.get(reverse("audits:report", kwargs={"pk": audit.pk}))

    # In a test the task's commit never comes: the page says the report is on its way.
    assert response.status_code == 202
    assert response["Retry-After"]
    assert b"being prepared" in response.content
    assert audit.reports.get(language="en").requested_at is not None


def test_the_sample_report_renders():
    assert pdf_text(report.sample_report("**Hello** _there_")).count("**Hello**") >= 1
