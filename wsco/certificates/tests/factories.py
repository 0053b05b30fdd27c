"""Certificates for tests, issued through the service, of a kind the tests register.

`certificate()` issues a valid one; its variants, by name: `expired=True` (its last day was
yesterday), `revoked=True`, `replaced=True` (re-issued once), `with_end=False` (no end date),
`held_by=user` and `organization=...`, `subject=...`.
"""

import datetime

from django.utils import timezone

from wsco.certificates.kinds import register_kind
from wsco.certificates.models import Certificate
from wsco.certificates.services import issue_certificate, reissue_certificate, revoke_certificate
from wsco.members.tests.factories import UserFactory

KIND = "test_award"
register_kind(KIND, "Test award", description="A certificate the tests issue.")


def certificate(
    *,
    title: str = "Smart City Industry Award, Mobility category, 2026",
    holder_name: str = "Cluj-Napoca",
    expired: bool = False,
    revoked: bool = False,
    replaced: bool = False,
    with_end: bool = True,
    held_by=None,
    organization=None,
    subject=None,
    details=None,
    by=None,
) -> Certificate:
    """Issue a certificate (by a member of staff unless `by` is given) in the state asked."""
    staff = by or UserFactory(is_staff=True)
    today = timezone.localdate()
    issued = issue_certificate(
        kind=KIND,
        title=title,
        holder_name=holder_name,
        subject=subject,
        holder_user=held_by,
        holder_organization=organization,
        details=details if details is not None else {"Category": "Mobility", "Edition": "2026"},
        valid_until=today + datetime.timedelta(days=365) if with_end else None,
        by=staff,
    )
    if expired:
        # Issued two years ago, for a year: what the service refuses to issue today.
        Certificate.objects.filter(pk=issued.pk).update(
            issued_at=timezone.now() - datetime.timedelta(days=730),
            valid_until=today - datetime.timedelta(days=1),
        )
        issued.refresh_from_db()
    if replaced:
        reissue_certificate(certificate=issued, by=staff)
        issued.refresh_from_db()
    if revoked:
        issued = revoke_certificate(certificate=issued, by=staff, reason="Issued in error.")
    return issued
