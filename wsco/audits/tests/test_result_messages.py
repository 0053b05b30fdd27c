"""The engine's messages about each result: kept with their parameters, shown translated."""

import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wsco.audits.engine.compute import PARAMETERS, compute
from wsco.audits.engine.messages import MESSAGES, Message
from wsco.audits.models import Audit, AuditStatus, IndicatorResult
from wsco.audits.public import engine_messages
from wsco.audits.services.results import store_results
from wsco.audits.tests.factories import reported_frame, result_for, variables_frame
from wsco.audits.tests.records import AuditFactory, auditor_on, enter, report

HEATING = "ISO37120:2018/7.8.1"  # heating degree days, plausible from 0 to 10,000
UNEMPLOYMENT = "ISO37120:2018/5.1"  # unemployed / labour force x 100
# 12,345.5 heating degree days: above the plausible 10,000 (the catalogue's range_max).
HEATING_OUT_OF_RANGE = [
    {
        "code": "out_of_range",
        "params": {
            "indicator": HEATING,
            "value_text": 12345.5,
            "range_min_text": 0.0,
            "range_max_text": 10000.0,
        },
    }
]


def parameters(row: dict) -> list[dict]:
    return json.loads(row[PARAMETERS])


def test_the_engine_gives_each_message_its_parameters_as_numbers_when_asked():
    frame = variables_frame(
        [
            ("Alba", 2025, "heating_degree_days", "12,345.5"),
            ("Alba", 2025, "unemployed_persons", "12000"),
            ("Alba", 2025, "labour_force", "150000"),
        ]
    )
    results, _findings = compute(variables=frame, with_parameters=True)
    heating = result_for(results, "Alba", 2025, HEATING)
    assert parameters(heating) == HEATING_OUT_OF_RANGE
    # 12,000 / 150,000 x 100 = 8 %: inside its range, nothing to say.
    assert parameters(result_for(results, "Alba", 2025, UNEMPLOYMENT)) == []
    plain, _findings = compute(variables=frame)
    assert PARAMETERS not in plain.columns  # the command line's runs do not pay for them


def test_a_contradicting_report_and_mixed_currencies_keep_every_number():
    frame = reported_frame([("Alba", 2025, UNEMPLOYMENT, "$12,000", "€150,000", "10")])
    results, _findings = compute(reported=frame, with_parameters=True)
    messages = {item["code"]: item["params"] for item in parameters(results.row(0, named=True))}
    # 12,000 / 150,000 x 100 = 8, reported 10: off by 10 - 8 = 2, that is 10 / 8 - 1 = 25 %.
    assert messages["reported_contradicts"] == {
        "indicator": UNEMPLOYMENT,
        "reported_text": 10.0,
        "computed_text": 8.0,
        "difference_text": 2.0,
        "relative_text": 25.0,
    }
    assert messages["currency_mismatch"] == {
        "indicator": UNEMPLOYMENT,
        "currencies": "numerator $, denominator EUR",
    }


def test_a_message_is_written_in_the_readers_language_and_number_format():
    message = Message(
        "out_of_range",
        {"indicator": HEATING, "value_text": 12345.5, "range_min_text": 0, "range_max_text": None},
    )
    assert message.without_place() == f"{HEATING} is 12345.5, outside the plausible range 0 to –"
    result = IndicatorResult(
        indicator=HEATING,
        message_codes=["out_of_range"],
        messages=[{"code": "out_of_range", "params": message.params}],
    )
    with translation.override("en"):
        assert engine_messages(result) == [
            f"{HEATING} is 12,345.5, outside the plausible range 0 to –"
        ]
    with translation.override("ro"):
        assert engine_messages(result) == [
            f"{HEATING} este 12.345,5, în afara intervalului plauzibil 0 - –"
        ]


def test_every_romanian_message_keeps_the_place_first():
    # Pages drop the place ("city, year, row: "): a translation must begin with it too.
    with translation.override("ro"):
        for code, template in MESSAGES.items():
            translated = gettext(template.text)
            assert translated != template.text, code
            assert translated.startswith("{city}, {year}, {row}: "), code


@pytest.mark.django_db
def test_stored_results_keep_the_engines_messages():
    audit = AuditFactory()
    enter(audit, heating_degree_days="12345.5", unemployed_persons="12000", labour_force="150000")
    store_results(audit)
    heating = IndicatorResult.objects.get(audit=audit, indicator=HEATING)
    assert heating.outcome == "warning"
    assert heating.message_codes == ["out_of_range"]
    assert heating.messages == HEATING_OUT_OF_RANGE
    assert IndicatorResult.objects.get(audit=audit, indicator=UNEMPLOYMENT).messages == []


@pytest.mark.django_db
def test_an_audit_with_nothing_entered_names_the_missing_variables():
    audit = AuditFactory()
    store_results(audit)
    result = IndicatorResult.objects.get(audit=audit, indicator=UNEMPLOYMENT)
    assert result.messages == [
        {
            "code": "inputs_missing",
            "params": {"indicator": UNEMPLOYMENT, "missing": "unemployed_persons, labour_force"},
        }
    ]


@pytest.mark.django_db
def test_the_theme_tab_shows_the_messages_translated(client):
    audit = AuditFactory()
    enter(audit, heating_degree_days="12345.5")
    store_results(audit)
    Audit.objects.filter(pk=audit.pk).update(status=AuditStatus.PUBLISHED)  # open to a visitor
    url = reverse("audits:audit", kwargs={"pk": audit.pk}) + "?theme=energy"
    page = client.get(url).content.decode()
    assert "is 12,345.5, outside the plausible range 0 to 10,000" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ro"
    page = client.get(url).content.decode()
    assert "este 12.345,5, în afara intervalului plauzibil 0 - 10.000" in page


@pytest.mark.django_db
def test_the_verification_page_lists_the_flagged_indicators_with_why(client):
    audit = AuditFactory(status=AuditStatus.VERIFICATION)
    auditor = auditor_on(audit)
    enter(audit, heating_degree_days="12345.5", unemployed_persons="12000", labour_force="150000")
    report(audit, UNEMPLOYMENT, numerator="12000", denominator="150000", value="10")
    store_results(audit)
    client.force_login(auditor)
    page = client.get(reverse("audits:verification", kwargs={"pk": audit.pk})).content.decode()
    assert "is 12,345.5, outside the plausible range 0 to 10,000" in page
    # 12,000 / 150,000 x 100 = 8 against the reported 10: off by 2, 25 %.
    assert "is reported as 10 but its numerator and denominator give 8 (off by 2, 25 %)" in page
