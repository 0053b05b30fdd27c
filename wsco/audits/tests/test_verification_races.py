"""Requests that race on an audit's verification: the audit row's lock serialises them.

See wsco/core/tests/concurrency.py for how the contenders run on PostgreSQL and on SQLite.
"""

import pytest

from wsco.audits.models import Audit, AuditStatus, Query, QueryStatus, Signature
from wsco.audits.services import verification as services
from wsco.audits.services.values import update_value
from wsco.audits.tests.test_verification import STATEMENT, Case
from wsco.core.tests.concurrency import contend, refusals, successes

pytestmark = pytest.mark.django_db(transaction=True)


def copy(audit: Audit) -> Audit:
    return Audit.objects.select_related("city").get(pk=audit.pk)


def test_two_auditors_signing_at_once_verify_the_audit_once():
    case = Case().in_verification()
    outcomes = contend(
        [
            lambda: services.sign_verification(
                audit=copy(case.audit), by=case.first, statement=STATEMENT
            ),
            lambda: services.sign_verification(
                audit=copy(case.audit), by=case.second, statement=STATEMENT
            ),
        ]
    )
    assert len(successes(outcomes)) == 2
    assert Signature.objects.filter(audit=case.audit).count() == 2
    case.audit.refresh_from_db()
    assert case.audit.status == AuditStatus.VERIFIED
    assert case.audit.events.filter(to_status=AuditStatus.VERIFIED).count() == 1


def test_a_write_racing_the_publication_is_refused_or_published_with_it():
    case = Case().verified()
    outcomes = contend(
        [
            lambda: services.publish_audit(audit=copy(case.audit), by=case.staff),
            lambda: update_value(
                audit=copy(case.audit), variable="labour_force", value="1", by=case.official
            ),
        ]
    )
    # A verified audit takes no write either way; once published, it is frozen.
    assert len(successes(outcomes)) == 1
    assert refusals(outcomes) in (
        ["The values of an audit that is verified cannot be changed."],
        ["This audit is published: its values are frozen. A correction makes a new version of it."],
    )
    assert case.value("labour_force").value == "150000"


def test_an_answer_and_a_second_answer_at_once_make_one():
    case = Case().in_verification()
    query = services.raise_query(row=case.value(), question="Source?", by=case.first)
    outcomes = contend(
        [
            lambda: services.answer_query(
                query=Query.objects.get(pk=query.pk), answer="Census.", by=case.official
            )
            for _ in range(2)
        ]
    )
    assert len(successes(outcomes)) == 1
    assert refusals(outcomes) == ["Only an open query is answered; this one is answered."]
    query.refresh_from_db()
    assert query.status == QueryStatus.ANSWERED
    assert query.events.filter(to_status=QueryStatus.ANSWERED).count() == 1


def test_a_query_racing_the_second_signature_never_leaves_a_verified_audit_in_question():
    case = Case().in_verification()
    services.sign_verification(audit=case.audit, by=case.first, statement=STATEMENT)
    outcomes = contend(
        [
            lambda: services.sign_verification(
                audit=copy(case.audit), by=case.second, statement=STATEMENT
            ),
            lambda: services.raise_query(row=case.value(), question="Source?", by=case.first),
        ]
    )
    assert len(successes(outcomes)) == 1
    case.audit.refresh_from_db()
    if case.audit.status == AuditStatus.VERIFIED:
        assert not Query.objects.filter(audit=case.audit).exists()
        assert refusals(outcomes) == ["This audit is not in verification; it is verified."]
    else:
        assert Query.objects.filter(audit=case.audit, status=QueryStatus.OPEN).count() == 1
        assert not Signature.objects.filter(audit=case.audit).exists()
