"""The verification of an audit: queries and answers, four eyes, publication, versions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wsco.audits.models import (
    AuditEvent,
    AuditStatus,
    BaseValue,
    IndicatorResult,
    Query,
    QueryResolution,
    QueryStatus,
    Signature,
)
from wsco.audits.queries import Change, changes_since_previous
from wsco.audits.services import verification as services
from wsco.audits.services.audits import take_step
from wsco.audits.services.values import lock_values, update_reported_value, update_value
from wsco.audits.tests.records import (
    AuditFactory,
    CityFactory,
    auditor_on,
    enter,
    official_of,
    person,
    report,
)
from wsco.core.access import PartyToCase
from wsco.members.tests.factories import OrganizationFactory
from wsco.notifications.models import Notification

pytestmark = pytest.mark.django_db

STATEMENT = "Checked against the evidence."


class Case:
    """A submitted audit of a city with one official, two auditors and two base values."""

    def __init__(self, municipality=None):
        self.audit = AuditFactory(city=CityFactory(municipality=municipality))
        self.official = official_of(self.audit.city)
        enter(self.audit, by=self.official, unemployed_persons="12000", labour_force="150000")
        take_step(audit=self.audit, step="submit", by=self.official)
        self.first, self.second = auditor_on(self.audit), auditor_on(self.audit)
        self.staff = person(staff=True)

    def value(self, variable="unemployed_persons") -> BaseValue:
        return BaseValue.objects.get(audit=self.audit, variable=variable)

    def in_verification(self):
        services.start_verification(audit=self.audit, by=self.first)
        return self

    def verified(self):
        self.in_verification()
        services.sign_verification(audit=self.audit, by=self.first, statement=STATEMENT)
        services.sign_verification(audit=self.audit, by=self.second, statement=STATEMENT)
        return self

    def published(self):
        self.verified()
        services.publish_audit(audit=self.audit, by=self.staff)
        return self


def kinds_for(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True)
    )


def test_an_audit_goes_from_submitted_to_published_through_its_pages(client):
    case = Case()
    audit, official, first, second = case.audit, case.official, case.first, case.second
    value = case.value()

    client.force_login(first)
    client.post(reverse("audits:start_verification", args=[audit.pk]))
    audit.refresh_from_db()
    assert audit.status == AuditStatus.VERIFICATION
    assert kinds_for(official) == ["audits.step_taken"]

    page = client.get(reverse("audits:verification", args=[audit.pk]))
    assert page.status_code == 200
    assert b"unemployed_persons" in page.content
    client.post(
        reverse("audits:raise_query", args=[audit.pk, "base", value.pk]),
        {"question": "Which survey gives 12000?"},
    )
    query = Query.objects.get(audit=audit)
    assert (query.status, query.base_value, query.raised_by) == ("open", value, first)
    assert kinds_for(official)[-1] == "audits.query_raised"

    client.force_login(official)
    page = client.get(reverse("audits:queries", args=[audit.pk]))
    assert b"Which survey gives 12000?" in page.content
    client.post(
        reverse("audits:answer_query", args=[audit.pk, query.pk]),
        {"answer": "The census; corrected.", "value": "13000"},
    )
    query.refresh_from_db()
    assert (query.status, query.resolution) == (QueryStatus.ANSWERED, QueryResolution.CHANGED)
    assert case.value().value == "13000"
    assert kinds_for(first)[-1] == "audits.query_answered"

    client.force_login(first)
    client.post(
        reverse("audits:reopen_query", args=[audit.pk, query.pk]), {"comment": "Which census?"}
    )
    query.refresh_from_db()
    assert query.status == QueryStatus.OPEN
    assert kinds_for(official)[-1] == "audits.query_reopened"

    client.force_login(official)
    client.post(
        reverse("audits:answer_query", args=[audit.pk, query.pk]),
        {"answer": "The 2021 census, table 4."},
    )
    query.refresh_from_db()
    assert (query.status, query.resolution) == (QueryStatus.ANSWERED, QueryResolution.EXPLAINED)

    client.force_login(first)
    client.post(reverse("audits:settle_query", args=[audit.pk, query.pk]), {"comment": ""})
    client.post(reverse("audits:accept_value", args=[audit.pk, "base", value.pk]))
    assert case.value().accepted_by == first
    client.post(reverse("audits:sign", args=[audit.pk]), {"statement": STATEMENT})
    audit.refresh_from_db()
    assert audit.status == AuditStatus.VERIFICATION
    assert kinds_for(second) == ["audits.signature_needed"]

    client.force_login(second)
    client.post(reverse("audits:sign", args=[audit.pk]), {"statement": STATEMENT})
    audit.refresh_from_db()
    assert audit.status == AuditStatus.VERIFIED
    assert kinds_for(case.staff)[-1] == "audits.step_taken"

    client.force_login(case.staff)
    client.post(reverse("audits:publish", args=[audit.pk]))
    audit.refresh_from_db()
    assert audit.status == AuditStatus.PUBLISHED
    assert IndicatorResult.objects.filter(audit=audit).exists()
    assert audit.level

    assert list(query.events.values_list("from_status", "to_status", "by")) == [
        ("", "open", first.pk),
        ("open", "answered", official.pk),
        ("answered", "open", first.pk),
        ("open", "answered", official.pk),
        ("answered", "settled", first.pk),
    ]
    assert query.events.get(from_status="answered", to_status="open").comment == "Which census?"
    # (The factory's audit has no first "draft" row: create_audit writes that one.)
    assert list(audit.events.values_list("to_status", "by")) == [
        ("submitted", official.pk),
        ("verification", first.pk),
        ("verified", second.pk),
        ("published", case.staff.pk),
    ]
    page = client.get(audit.get_absolute_url())
    assert page.content.decode().count("<li><time") == 4


def test_the_audit_is_verified_only_when_every_query_is_settled():
    case = Case().in_verification()
    query = services.raise_query(row=case.value(), question="Source?", by=case.first)
    with pytest.raises(ValidationError, match="1 queries are not settled"):
        services.sign_verification(audit=case.audit, by=case.first, statement=STATEMENT)
    services.answer_query(query=query, answer="The census.", by=case.official)
    with pytest.raises(ValidationError, match="1 queries are not settled"):
        services.sign_verification(audit=case.audit, by=case.first, statement=STATEMENT)
    services.settle_query(query=query, by=case.first)
    services.sign_verification(audit=case.audit, by=case.first, statement=STATEMENT)
    assert Signature.objects.filter(audit=case.audit).count() == 1


def test_one_auditor_signs_once_and_a_second_auditor_verifies():
    case = Case().in_verification()
    services.sign_verification(audit=case.audit, by=case.first, statement=STATEMENT)
    with pytest.raises(ValidationError, match="signed this verification already"):
        services.sign_verification(audit=case.audit, by=case.first, statement=STATEMENT)
    case.audit.refresh_from_db()
    assert case.audit.status == AuditStatus.VERIFICATION
    services.sign_verification(audit=case.audit, by=case.second, statement=STATEMENT)
    assert case.audit.status == AuditStatus.VERIFIED


def test_a_city_official_never_signs():
    case = Case().in_verification()
    with pytest.raises(PermissionDenied, match="Only an auditor of this audit"):
        services.sign_verification(audit=case.audit, by=case.official, statement=STATEMENT)
    assert not Signature.objects.exists()


def test_an_auditor_of_the_municipality_cannot_sign():
    municipality = OrganizationFactory(type="city_hall")
    case = Case(municipality=municipality).in_verification()
    # They joined the municipality after being put on the audit.
    case.second.profile.organization = municipality
    case.second.profile.save()
    with pytest.raises(PartyToCase, match="member of the city's municipality"):
        services.sign_verification(audit=case.audit, by=case.second, statement=STATEMENT)
    assert not Signature.objects.exists()


def test_an_auditor_who_entered_data_cannot_sign():
    case = Case().in_verification()
    enter(case.audit, by=case.second, population="300000")
    with pytest.raises(PartyToCase, match="entered the audit's data"):
        services.sign_verification(audit=case.audit, by=case.second, statement=STATEMENT)
    services.sign_verification(audit=case.audit, by=case.first, statement=STATEMENT)
    assert case.audit.status == AuditStatus.VERIFICATION


def test_a_new_query_or_a_reopened_verification_voids_the_signatures():
    case = Case().in_verification()
    services.sign_verification(audit=case.audit, by=case.first, statement=STATEMENT)
    services.raise_query(row=case.value(), question="Source?", by=case.second)
    assert not Signature.objects.filter(audit=case.audit).exists()

    other = Case().verified()
    services.reopen_audit(audit=other.audit, by=other.staff, comment="A figure is wrong.")
    assert other.audit.status == AuditStatus.VERIFICATION
    assert not Signature.objects.filter(audit=other.audit).exists()
    assert other.audit.events.last().comment == "A figure is wrong."
    assert "audits.step_taken" in kinds_for(other.first)


def test_only_staff_publish_and_only_a_verified_audit():
    case = Case().in_verification()
    with pytest.raises(ValidationError, match="This audit is in verification"):
        services.publish_audit(audit=case.audit, by=case.staff)
    case.audit.refresh_from_db()
    assert case.audit.status == AuditStatus.VERIFICATION
    services.sign_verification(audit=case.audit, by=case.first, statement=STATEMENT)
    services.sign_verification(audit=case.audit, by=case.second, statement=STATEMENT)
    with pytest.raises(PermissionDenied, match="Only staff"):
        services.publish_audit(audit=case.audit, by=case.first)
    services.publish_audit(audit=case.audit, by=case.staff)
    assert case.audit.status == AuditStatus.PUBLISHED
    assert "audits.step_taken" in kinds_for(case.official)


def test_a_published_audit_refuses_every_write():
    case = Case().published()
    report(case.audit, "ISO37120:2018/5.1", "12000", "150000", "8", by=case.official)
    for write in (
        lambda: update_value(
            audit=case.audit, variable="labour_force", value="1", by=case.official
        ),
        lambda: update_reported_value(
            audit=case.audit, indicator="ISO37120:2018/5.1", value="9", by=case.official
        ),
    ):
        with pytest.raises(ValidationError, match="published: its values are frozen"):
            write()
    with pytest.raises(ValidationError, match="frozen"), transaction.atomic():
        lock_values(case.audit)
    assert case.value("labour_force").value == "150000"


def test_values_change_only_in_draft_and_in_verification():
    case = Case()  # submitted
    with pytest.raises(ValidationError, match="audit that is submitted cannot be changed"):
        update_value(audit=case.audit, variable="labour_force", value="1", by=case.official)
    case.in_verification()
    update_value(audit=case.audit, variable="labour_force", value="160000", by=case.official)
    assert case.value("labour_force").value == "160000"
    with pytest.raises(ValidationError, match="not a variable of the catalogue"):
        update_value(audit=case.audit, variable="no_such_thing", value="1", by=case.official)


def test_a_change_of_the_value_clears_its_acceptance():
    case = Case().in_verification()
    services.accept_value(row=case.value(), by=case.first)
    # The same value again changes nothing.
    update_value(audit=case.audit, variable="unemployed_persons", value="12000", by=case.official)
    assert case.value().accepted_by == case.first
    update_value(audit=case.audit, variable="unemployed_persons", value="12500", by=case.official)
    assert (case.value().accepted_by, case.value().accepted_at) == (None, None)


def test_a_value_with_an_unsettled_query_is_not_accepted():
    case = Case().in_verification()
    services.raise_query(row=case.value(), question="Source?", by=case.first)
    with pytest.raises(ValidationError, match="query that is not settled"):
        services.accept_value(row=case.value(), by=case.second)


def test_queries_are_answered_by_the_city_and_settled_by_an_auditor():
    case = Case().in_verification()
    query = services.raise_query(row=case.value(), question="Source?", by=case.first)
    with pytest.raises(PermissionDenied, match="city's officials answer"):
        services.answer_query(query=query, answer="Census.", by=case.second)
    with pytest.raises(ValidationError, match="required"):
        services.answer_query(query=query, answer=" ", by=case.official)
    with pytest.raises(ValidationError, match="This query is open"):
        services.settle_query(query=query, by=case.first)
    services.answer_query(query=query, answer="Census.", by=case.official)
    with pytest.raises(PermissionDenied, match="Only an auditor"):
        services.settle_query(query=query, by=case.official)
    with pytest.raises(ValidationError, match="required"):
        services.reopen_query(query=query, by=case.first, comment="")
    with pytest.raises(ValidationError, match="Only an open query is answered"):
        services.answer_query(query=query, answer="Again.", by=case.official)


def test_a_reported_value_is_queried_and_changed_by_the_answer():
    case = Case()
    row = report(case.audit, "ISO37120:2018/5.1", "12000", "150000", "8", by=case.official)
    case.in_verification()
    query = services.raise_query(row=row, question="8 or 8.0?", by=case.first)
    services.answer_query(
        query=query, answer="8.0", by=case.official, changes={"value": "8.0", "numerator": ""}
    )
    row.refresh_from_db()
    assert (row.numerator, row.value) == ("", "8.0")
    assert query.resolution == QueryResolution.CHANGED


def test_queries_are_raised_only_in_verification_and_by_the_audits_auditors():
    case = Case()
    with pytest.raises(ValidationError, match="not in verification"):
        services.raise_query(row=case.value(), question="Source?", by=case.first)
    case.in_verification()
    with pytest.raises(PermissionDenied, match="Only an auditor"):
        services.raise_query(row=case.value(), question="Source?", by=person("auditor"))


def test_withdrawing_needs_a_reason_and_never_touches_a_published_audit():
    case = Case()
    with pytest.raises(PermissionDenied, match="team or staff"):
        services.withdraw_audit(audit=case.audit, by=person("auditor"), reason="No.")
    with pytest.raises(ValidationError, match="required"):
        services.withdraw_audit(audit=case.audit, by=case.official, reason="")
    services.withdraw_audit(audit=case.audit, by=case.official, reason="Wrong year.")
    assert case.audit.status == AuditStatus.WITHDRAWN
    assert AuditEvent.objects.filter(audit=case.audit).last().comment == "Wrong year."
    assert "audits.step_taken" in kinds_for(case.first)

    published = Case().published()
    with pytest.raises(ValidationError, match="A published audit cannot be withdrawn"):
        services.withdraw_audit(audit=published.audit, by=published.staff, reason="Oops.")
    published.audit.refresh_from_db()
    assert published.audit.status == AuditStatus.PUBLISHED


def test_a_correction_is_a_new_version_listing_its_changes(client):
    case = Case().published()
    old = case.audit
    with pytest.raises(PermissionDenied, match="correct an audit"):
        services.correct_audit(audit=old, by=case.first)
    correction = services.correct_audit(audit=old, by=case.official)
    assert (correction.version, correction.previous_version, correction.status) == (
        2,
        old,
        AuditStatus.DRAFT,
    )
    assert dict(correction.base_values.values_list("variable", "value")) == {
        "labour_force": "150000",
        "unemployed_persons": "12000",
    }
    assert changes_since_previous(correction) == []
    update_value(audit=correction, variable="labour_force", value="160000", by=case.official)
    update_value(audit=correction, variable="population", value="300000", by=case.official)
    assert changes_since_previous(correction) == [
        Change(kind="base", key="labour_force", old="150000", new="160000"),
        Change(kind="base", key="population", old=None, new="300000"),
    ]
    assert changes_since_previous(old) == []
    old.refresh_from_db()
    assert old.status == AuditStatus.PUBLISHED
    assert old.base_values.get(variable="labour_force").value == "150000"

    client.force_login(case.official)
    page = client.get(correction.get_absolute_url()).content.decode()
    assert "Changes since version 1" in page
    assert "160000" in page
    # The old version stays readable by anyone.
    client.logout()
    assert client.get(old.get_absolute_url()).status_code == 200


def test_only_a_published_audit_is_corrected():
    case = Case()
    with pytest.raises(ValidationError, match="Only a published audit is corrected"):
        services.correct_audit(audit=case.audit, by=case.official)


def test_the_correct_page_opens_the_new_version(client):
    case = Case().published()
    client.force_login(case.staff)
    response = client.post(reverse("audits:correct", args=[case.audit.pk]))
    correction = case.audit.next_version
    assert response.url == correction.get_absolute_url()
    client.force_login(person("auditor"))
    assert client.post(reverse("audits:correct", args=[case.audit.pk])).status_code == 403


def test_staff_put_auditors_on_the_team_and_hear_why_one_is_refused(client):
    case = Case()
    client.force_login(case.staff)
    page = client.get(reverse("audits:team", args=[case.audit.pk]))
    assert page.status_code == 200
    assert case.official.profile.name in page.content.decode()
    newcomer = person("auditor")
    client.post(reverse("audits:team", args=[case.audit.pk]), {"user": newcomer.pk})
    assert newcomer.pk in case.audit.auditor_ids()
    # An auditor who entered the city's data is refused, with the service's message.
    enterer = person("auditor")
    enter(case.audit, by=enterer, population="1")
    page = client.post(reverse("audits:team", args=[case.audit.pk]), {"user": enterer.pk})
    assert page.status_code == 400
    assert "they are who entered the audit&#x27;s data" in page.content.decode()
    assert enterer.pk not in case.audit.auditor_ids()
    client.post(reverse("audits:remove_auditor", args=[case.audit.pk, newcomer.pk]))
    assert newcomer.pk not in case.audit.auditor_ids()


def test_who_reaches_the_verification_pages(client):
    case = Case().in_verification()
    verification = reverse("audits:verification", args=[case.audit.pk])
    queries = reverse("audits:queries", args=[case.audit.pk])
    team = reverse("audits:team", args=[case.audit.pk])
    expected = {
        case.first: (200, 200, 403),
        case.official: (403, 200, 403),
        case.staff: (200, 200, 200),
        person("auditor"): (404, 404, 404),
    }
    for user, answers in expected.items():
        client.force_login(user)
        got = tuple(client.get(url).status_code for url in (verification, queries, team))
        assert got == answers, user
    # Staff read the verification but do not act on it.
    client.force_login(case.staff)
    page = client.get(verification).content.decode()
    assert "Raise a query" not in page
    response = client.post(
        reverse("audits:accept_value", args=[case.audit.pk, "base", case.value().pk])
    )
    assert response.status_code == 403


def _queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["audits:verification", "audits:queries"])
def test_the_verification_pages_ask_the_same_queries_for_one_value_or_several(client, page):
    counts = []
    for variables in (["labour_force"], ["labour_force", "population", "households"]):
        case = Case()
        for variable in variables:
            enter(case.audit, by=case.official, **{variable: "1000"})
        case.in_verification()
        for row in case.audit.base_values.filter(variable__in=variables):
            query = services.raise_query(row=row, question="Source?", by=case.first)
            services.answer_query(query=query, answer="Census.", by=case.official)
        services.accept_value(row=case.value(), by=case.second)
        client.force_login(case.first)
        counts.append(_queries_for(client, reverse(page, args=[case.audit.pk])))
    assert counts[0] == counts[1]


def test_the_officials_are_told_of_a_query_by_email_and_in_their_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    case = Case().in_verification()
    city = case.audit.city.name
    with django_capture_on_commit_callbacks(execute=True):
        services.raise_query(row=case.value(), question="Source?", by=case.first)
    assert [message.to for message in mailoutbox] == [[case.official.email]]
    assert mailoutbox[0].subject == (
        f"[WSCO] An auditor asks about unemployed_persons in the audit of {city}"
    )
    told = Notification.objects.filter(recipient=case.official).order_by("pk")
    with translation.override("ro"):
        assert [notification.title for notification in told] == [
            f"Auditul orașului {city}, 2025 este acum în starea: în verificare",
            f"Un auditor întreabă despre unemployed_persons în auditul orașului {city}",
        ]


def test_an_auditor_who_entered_data_cannot_settle_a_query():
    case = Case().in_verification()
    query = services.raise_query(row=case.value(), question="Source?", by=case.first)
    services.answer_query(query=query, answer="Census.", by=case.official)
    enter(case.audit, by=case.second, population="300000")
    with pytest.raises(PartyToCase, match="entered the audit's data"):
        services.settle_query(query=query, by=case.second)
    services.settle_query(query=query, by=case.first)
    assert query.status == QueryStatus.SETTLED


def test_an_auditor_taken_off_the_team_takes_their_signature_along():
    case = Case().in_verification()
    services.sign_verification(audit=case.audit, by=case.first, statement=STATEMENT)
    with pytest.raises(PermissionDenied, match="Only staff"):
        services.remove_auditor(audit=case.audit, user=case.first, by=case.second)
    services.remove_auditor(audit=case.audit, user=case.first, by=case.staff)
    assert not Signature.objects.filter(audit=case.audit).exists()
    assert case.first.pk not in case.audit.auditor_ids()
