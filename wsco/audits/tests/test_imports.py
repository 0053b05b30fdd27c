"""The audit's template, downloaded prefilled and uploaded back: checked first, all or nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from wsco.audits.models import BaseValue
from wsco.audits.services.entry import audit_variables
from wsco.audits.services.imports import import_values
from wsco.audits.tests.records import AuditFactory, auditor_on, enter, official_of

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def audit():
    return AuditFactory(city__name="Cluj-Napoca")


@pytest.fixture
def official(audit):
    return official_of(audit.city)


def workbook(rows, header=("city", "year", "variable", "value", "source")) -> bytes:
    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(list(row))
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def upload(client, audit, content, name="template.xlsx"):
    return client.post(
        reverse("audits:import", kwargs={"pk": audit.pk}),
        {"file": SimpleUploadedFile(name, content, content_type=XLSX)},
    )


def test_template_is_the_audits_own_prefilled_with_city_year_and_values(client, audit, official):
    enter(audit, by=official, labour_force="150000")
    BaseValue.objects.filter(variable="labour_force").update(source="Census 2021")
    client.force_login(official)
    response = client.get(reverse("audits:template", kwargs={"pk": audit.pk}))
    assert response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["variables", "indicators"]
    rows = list(book["variables"].iter_rows(values_only=True))
    header = rows[0]
    by_variable = {row[header.index("variable")]: row for row in rows[1:]}
    assert len(by_variable) == len(audit_variables(audit)) == 155  # ISO 37120:2018's variables
    labour = by_variable["labour_force"]
    assert labour[header.index("city")] == "Cluj-Napoca"
    assert labour[header.index("year")] == "2025"
    assert labour[header.index("value")] == "150000"
    assert labour[header.index("source")] == "Census 2021"


def test_the_filled_in_template_is_imported_and_the_same_file_again_changes_nothing(
    client, audit, official
):
    client.force_login(official)
    template = client.get(reverse("audits:template", kwargs={"pk": audit.pk})).content
    book = load_workbook(io.BytesIO(template))
    sheet = book["variables"]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("variable")].value in {"labour_force", "unemployed_persons"}:
            row[header.index("value")].value = 150000 if row[2].value == "labour_force" else 12000
    output = io.BytesIO()
    book.save(output)

    page = upload(client, audit, output.getvalue()).content.decode()
    values = dict(BaseValue.objects.filter(audit=audit).values_list("variable", "value"))
    assert values == {"labour_force": "150000", "unemployed_persons": "12000"}
    assert "2 values added" in page
    stamps = list(BaseValue.objects.order_by("pk").values_list("pk", "updated_at"))

    page = upload(client, audit, output.getvalue()).content.decode()
    assert list(BaseValue.objects.order_by("pk").values_list("pk", "updated_at")) == stamps
    assert "0 values added, 0 changed" in page


def test_a_bad_file_changes_nothing_and_says_which_row_and_column(client, audit, official):
    enter(audit, by=official, labour_force="150000")
    before = list(BaseValue.objects.values_list("pk", "value", "updated_at"))
    content = workbook(
        [
            ("Cluj-Napoca", 2025, "labour_force", 160000, ""),  # fine on its own
            ("Cluj-Napoca", 2025, "unemployed_persons", "abc", ""),  # row 3: not a number
            ("Oradea", 2025, "population", 300000, ""),  # row 4: another city
            ("Cluj-Napoca", 2024, "businesses", 100, ""),  # row 5: another year
            ("Cluj-Napoca", 2025, "flying_cars", 3, ""),  # row 6: no such variable
        ]
    )
    client.force_login(official)
    response = upload(client, audit, content)
    report = response.context["report"]
    found = {(problem.row, problem.column) for problem in report.errors}
    assert found == {(3, "value"), (4, "city"), (5, "year"), (6, "variable")}
    assert not report.saved
    assert list(BaseValue.objects.values_list("pk", "value", "updated_at")) == before
    assert "Nothing was saved" in response.content.decode()


def test_a_file_that_is_not_a_template_is_refused_before_reading(client, audit, official):
    client.force_login(official)
    response = upload(client, audit, b"%PDF-1.4 not really", name="values.pdf")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not BaseValue.objects.exists()


def test_a_large_file_is_imported_by_a_task_with_its_progress_on_a_page(
    client, audit, official, settings
):
    settings.AUDITS_IMPORT_TASK_ROWS = 10
    names = sorted(audit_variables(audit))
    content = workbook([("Cluj-Napoca", 2025, name, 1000, "Census") for name in names])
    client.force_login(official)
    response = upload(client, audit, content)
    assert response.status_code == 302
    assert "/import/" in response.url
    assert BaseValue.objects.filter(audit=audit).count() == len(names) == 155
    page = client.get(response.url).content.decode()
    assert "155 values added" in page
    partial = client.get(response.url, headers={"HX-Request": "true"}).content.decode()
    assert "Validation report" in partial
    assert "hx-trigger" not in partial  # done: the page stops asking


def test_progress_page_polls_while_the_import_runs(client, audit, official):
    from django.core.cache import cache

    from wsco.audits.tasks import progress_key

    cache.set(progress_key(audit.pk, "abc"), {"done": 40, "total": 155})
    client.force_login(official)
    url = reverse("audits:import_progress", kwargs={"pk": audit.pk, "token": "abc"})
    page = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert '<progress value="40" max="155"' in page


def test_auditor_may_download_the_template_but_not_import(client, audit, official):
    client.force_login(auditor_on(audit))
    assert client.get(reverse("audits:template", kwargs={"pk": audit.pk})).status_code == 200
    response = upload(client, audit, workbook([("Cluj-Napoca", 2025, "labour_force", 1, "")]))
    assert response.status_code == 403
    assert not BaseValue.objects.exists()


def test_the_service_refuses_anyone_who_may_not_enter_data(audit):
    report = import_values(
        audit=audit,
        content=workbook([("Cluj-Napoca", 2025, "labour_force", 1, "")]),
        extension="xlsx",
        by=auditor_on(audit),
    )
    assert not report.saved
    assert not BaseValue.objects.exists()
