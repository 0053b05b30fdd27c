"""Issuing, revoking and re-issuing certificates, and what state each is in over time."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils import timezone

from wsco.certificates import services
from wsco.certificates.access import get_certificate_for_staff
from wsco.certificates.codes import normalize_code
from wsco.certificates.models import Certificate, CertificateState
from wsco.certificates.queries import certificates_for, find_by_code
from wsco.certificates.services import (
    issue_certificate,
    reissue_certificate,
    revoke_certificate,
)
from wsco.certificates.tests.factories import KIND, certificate
from wsco.core.access import PartyToCase
from wsco.core.tests.constraints import violates
from wsco.members.models import MembershipKind
from wsco.members.tests.factories import (
    MemberProfileFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    membership_type,
)

pytestmark = pytest.mark.django_db


def test_issuing_stores_what_it_certifies_with_a_new_code():
    staff = UserFactory(is_staff=True)
    organization = OrganizationFactory(name="Primăria Cluj-Napoca")
    issued = issue_certificate(
        kind=KIND,
        title="  ISO 37120:2018 Smart City Audit, Gold level, data year 2025 ",
        holder_name="Cluj-Napoca",
        holder_organization=organization,
        subject=organization,
        details=[("Level", "Gold"), ("Editions", "ISO 37120:2018")],
        valid_until=timezone.localdate() + datetime.timedelta(days=730),
        by=staff,
    )
    issued.refresh_from_db()
    assert normalize_code(issued.code) == issued.code
    assert issued.title == "ISO 37120:2018 Smart City Audit, Gold level, data year 2025"
    assert issued.detail_lines == [("Level", "Gold"), ("Editions", "ISO 37120:2018")]
    assert issued.issued_by == staff
    assert issued.state == CertificateState.VALID
    assert list(certificates_for(organization)) == [issued]
    assert list(certificates_for(organization, kind="other")) == []
    assert find_by_code(issued.code.lower().replace("-", " ")) == issued


def test_each_certificate_gets_its_own_code():
    codes = {certificate().code for _ in range(5)}
    assert len(codes) == 5


def test_a_kind_nobody_registered_is_refused():
    with pytest.raises(ValueError, match="No certificate kind 'unknown' is registered"):
        issue_certificate(kind="unknown", title="A", holder_name="B", by=None)
    assert not Certificate.objects.exists()


def test_a_certificate_needs_a_title_and_a_holder():
    with pytest.raises(ValidationError, match="required"):
        issue_certificate(kind=KIND, title="  ", holder_name="Iași", by=None)
    with pytest.raises(ValidationError, match="required"):
        issue_certificate(kind=KIND, title="Gold", holder_name="", by=None)
    assert not Certificate.objects.exists()


def test_a_certificate_may_end_today_but_not_yesterday():
    today = timezone.localdate()
    assert issue_certificate(kind=KIND, title="A", holder_name="B", valid_until=today, by=None)
    with pytest.raises(ValidationError, match="cannot expire before it is issued"):
        issue_certificate(
            kind=KIND,
            title="A",
            holder_name="B",
            valid_until=today - datetime.timedelta(days=1),
            by=None,
        )
    assert Certificate.objects.count() == 1


def test_revoking_records_who_when_and_why():
    issued = certificate()
    staff = UserFactory(is_staff=True)
    revoke_certificate(certificate=issued, by=staff, reason="The audit's data were falsified.")
    issued.refresh_from_db()
    assert issued.revoked_by == staff
    assert issued.revocation_reason == "The audit's data were falsified."
    assert issued.state == CertificateState.REVOKED


def test_revoking_needs_a_reason():
    issued = certificate()
    with pytest.raises(ValidationError, match="Say why"):
        revoke_certificate(certificate=issued, by=UserFactory(is_staff=True), reason="  ")
    issued.refresh_from_db()
    assert issued.revoked_at is None


def test_a_revoked_certificate_is_not_revoked_twice():
    issued = certificate(revoked=True)
    first = issued.revoked_at
    with pytest.raises(ValidationError, match="already revoked"):
        revoke_certificate(certificate=issued, by=UserFactory(is_staff=True), reason="Again.")
    issued.refresh_from_db()
    assert issued.revoked_at == first


def test_nobody_revokes_a_certificate_they_hold_not_even_staff():
    holder = UserFactory(is_staff=True, is_superuser=True)
    issued = certificate(held_by=holder)
    with pytest.raises(PartyToCase, match="you are its holder"):
        revoke_certificate(certificate=issued, by=holder, reason="I would rather not.")
    issued.refresh_from_db()
    assert issued.revoked_at is None


def test_an_administrator_of_the_holding_organization_does_not_revoke_it():
    organization = OrganizationFactory()
    administrator = MemberProfileFactory()
    administrator.user.is_staff = True
    administrator.user.save()
    MembershipFactory(
        membership_type=membership_type(MembershipKind.CORPORATE),
        organization=organization,
        profile=administrator,
    )
    issued = certificate(organization=organization)
    with pytest.raises(PartyToCase, match="an administrator of its holder"):
        revoke_certificate(certificate=issued, by=administrator.user, reason="No.")
    revoke_certificate(certificate=issued, by=UserFactory(is_staff=True), reason="Withdrawn.")
    issued.refresh_from_db()
    assert issued.state == CertificateState.REVOKED


def test_reissuing_makes_a_new_certificate_that_replaces_the_old():
    organization = OrganizationFactory()
    old = certificate(subject=organization, organization=organization)
    staff = UserFactory(is_staff=True)
    new = reissue_certificate(
        certificate=old, by=staff, title="Corrected title", details={"Level": "Platinum"}
    )
    old.refresh_from_db()
    assert new.code != old.code
    assert old.replaced_by == new
    assert old.replaced_at == new.issued_at
    assert old.state == CertificateState.REPLACED
    assert new.state == CertificateState.VALID
    assert (new.title, new.holder_name, new.kind) == ("Corrected title", old.holder_name, KIND)
    assert new.detail_lines == [("Level", "Platinum")]
    assert new.valid_until == old.valid_until
    assert new.holder_organization == organization
    assert set(certificates_for(organization)) == {old, new}


def test_reissuing_may_drop_the_end_date():
    new = reissue_certificate(certificate=certificate(), by=None, valid_until=None)
    assert new.valid_until is None


def test_a_revoked_or_replaced_certificate_is_not_reissued():
    with pytest.raises(ValidationError, match="revoked certificate is not re-issued"):
        reissue_certificate(certificate=certificate(revoked=True), by=None)
    replaced = certificate(replaced=True)
    with pytest.raises(ValidationError, match="already replaced by"):
        reissue_certificate(certificate=replaced, by=None)
    assert Certificate.objects.count() == 3


def test_an_expired_certificate_is_reissued_only_with_a_new_end():
    expired = certificate(expired=True)
    with pytest.raises(ValidationError, match="cannot expire before it is issued"):
        reissue_certificate(certificate=expired, by=None)
    next_year = timezone.localdate() + datetime.timedelta(days=365)
    new = reissue_certificate(certificate=expired, by=None, valid_until=next_year)
    assert new.state == CertificateState.VALID


# States over time ---------------------------------------------------------------------------


def at(year, month, day, hour=12):
    """Return a moment in the platform's time zone (Europe/Bucharest)."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def test_a_certificate_is_valid_through_its_last_day_and_expired_the_next():
    issued = Certificate(
        issued_at=at(2025, 1, 10), valid_until=datetime.date(2026, 1, 9), code="x", kind=KIND
    )
    assert issued.state_at(at(2026, 1, 9, 23)) == CertificateState.VALID
    # Midnight in Bucharest is 22:00 UTC the evening before: the day is the reader's, not UTC's.
    assert issued.state_at(at(2026, 1, 10, 0)) == CertificateState.EXPIRED


def test_a_revocation_counts_from_its_moment_and_wins_over_everything():
    issued = Certificate(
        issued_at=at(2025, 1, 10),
        valid_until=datetime.date(2025, 6, 1),
        revoked_at=at(2025, 3, 1),
        replaced_at=at(2025, 2, 1),
    )
    assert issued.state_at(at(2025, 1, 31)) == CertificateState.VALID
    assert issued.state_at(at(2025, 2, 1)) == CertificateState.REPLACED
    assert issued.state_at(at(2025, 3, 1)) == CertificateState.REVOKED
    assert issued.state_at(at(2027, 1, 1)) == CertificateState.REVOKED


def test_a_certificate_without_an_end_never_expires():
    issued = Certificate(issued_at=at(2025, 1, 10), valid_until=None)
    assert issued.state_at(at(2125, 1, 1)) == CertificateState.VALID


@pytest.mark.parametrize("state", list(CertificateState))
def test_the_state_filter_agrees_with_each_certificate_s_state(state):
    made = {
        CertificateState.VALID: certificate(),
        CertificateState.EXPIRED: certificate(expired=True),
        CertificateState.REVOKED: certificate(revoked=True),
        CertificateState.REPLACED: certificate(replaced=True),
    }
    found = set(Certificate.objects.in_state(state))
    assert made[state] in found
    assert all(each.state == state for each in found)
    assert all(
        each.state != state
        for each in Certificate.objects.exclude(pk__in=[each.pk for each in found])
    )


def test_a_title_may_fill_its_column_but_not_overflow_it():
    assert issue_certificate(kind=KIND, title="T" * 300, holder_name="Arad", by=None)
    with pytest.raises(ValidationError, match="At most 300 characters"):
        issue_certificate(kind=KIND, title="T" * 301, holder_name="Arad", by=None)
    assert Certificate.objects.count() == 1


def test_a_subject_must_be_saved_before_it_is_certified():
    with pytest.raises(ValueError, match="must be saved first"):
        issue_certificate(
            kind=KIND, title="A", holder_name="B", subject=OrganizationFactory.build(), by=None
        )
    assert not Certificate.objects.exists()


def test_a_code_that_clashes_is_drawn_again(monkeypatch):
    taken = certificate().code
    drawn = iter([taken, "7KQ2-M9XD-4RTB-HC3N"])
    monkeypatch.setattr(services, "new_code", lambda: next(drawn))
    issued = issue_certificate(kind=KIND, title="A", holder_name="B", by=None)
    assert issued.code == "7KQ2-M9XD-4RTB-HC3N"


def test_a_code_that_keeps_clashing_gives_up_after_three_draws(monkeypatch):
    taken = certificate().code
    draws = []
    monkeypatch.setattr(services, "new_code", lambda: draws.append(taken) or taken)
    with pytest.raises(
        IntegrityError,
        match=violates("certificates_certificate_code_key", "certificates_certificate.code"),
    ):
        issue_certificate(kind=KIND, title="A", holder_name="B", by=None)
    assert len(draws) == services.CODE_ATTEMPTS == 3
    assert Certificate.objects.count() == 1


def test_the_certificate_given_to_reissue_reads_as_replaced_afterwards():
    old = certificate()
    new = reissue_certificate(certificate=old, by=None)
    assert old.replaced_by == new
    assert old.state == CertificateState.REPLACED


def test_staff_alone_fetch_a_certificate_to_decide_on_it():
    issued = certificate()
    assert get_certificate_for_staff(UserFactory(is_staff=True), issued.code.lower()) == issued
    with pytest.raises(PermissionDenied, match=r"^$"):
        get_certificate_for_staff(UserFactory(), issued.code)
    with pytest.raises(Http404, match=r"^$"):
        get_certificate_for_staff(UserFactory(is_staff=True), "0000-0000-0000-0000")
