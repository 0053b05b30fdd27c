"""A published audit at a level gets its certificate; a corrected version takes its place."""

import pytest
from django.utils import timezone

from wsco.audits.services.certificates import VALID_FOR
from wsco.audits.services.verification import correct_audit, publish_audit
from wsco.audits.tests.records import (
    AuditFactory,
    CityFactory,
    enter_every_variable,
    person,
    verified,
)
from wsco.certificates.queries import certificates_for, find_by_code
from wsco.members.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_a_published_audit_at_a_level_is_certified_for_a_year():
    city = CityFactory(name="Oradea", municipality=OrganizationFactory(type="city_hall"))
    audit = AuditFactory(city=city, year=2025)
    enter_every_variable(audit)
    publish_audit(audit=verified(audit), by=person(staff=True))
    (certificate,) = certificates_for(audit, kind="audit_level")
    # Every indicator computable: the top of the derived ISO 37120:2018 ladder.
    assert audit.level == "Platinum"
    assert certificate.title == ("ISO 37120:2018 Smart City Audit: Platinum level, data year 2025")
    assert certificate.holder_name == "Oradea"
    assert certificate.holder_organization == city.municipality
    assert certificate.valid_until == timezone.localdate() + VALID_FOR
    assert find_by_code(certificate.code) == certificate


def test_an_audit_that_reaches_no_level_gets_no_certificate():
    audit = AuditFactory()
    publish_audit(audit=verified(audit), by=person(staff=True))
    assert audit.level == "none"
    assert list(certificates_for(audit)) == []


def test_a_published_correction_replaces_the_earlier_versions_certificate():
    staff = person(staff=True)
    first = AuditFactory()
    enter_every_variable(first)
    publish_audit(audit=verified(first), by=staff)
    (old,) = certificates_for(first, kind="audit_level")
    second = correct_audit(audit=first, by=staff)
    publish_audit(audit=verified(second), by=person(staff=True))
    (new,) = certificates_for(second, kind="audit_level")
    old.refresh_from_db()
    assert old.replaced_by == new
    assert new.code != old.code
    assert ("Version", "2") in [(row["label"], row["value"]) for row in new.details]
