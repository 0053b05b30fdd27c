"""The certificate a published audit earns: its level, issued through `wsco.certificates`.

A published audit that reaches a level for one of its editions gets one certificate (kind
`audit_level`), held by the city (and its municipality, if it is on the platform), valid for a
year from publication, as audit certification is annual. A corrected version, once published,
takes the place of the earlier version's certificate (`reissue_certificate`): the old code then
reads as replaced and leads to the new one.
"""

import datetime

from django.utils import timezone

from wsco.audits.engine.levels import NO_LEVEL
from wsco.audits.models import EDITIONS, Audit
from wsco.certificates.queries import certificates_for
from wsco.certificates.services import issue_certificate, reissue_certificate

KIND = "audit_level"
VALID_FOR = datetime.timedelta(days=365)


def _reached(audit: Audit) -> dict[str, str]:
    return {
        edition: level
        for edition, level in (audit.levels or {}).items()
        if level and level != NO_LEVEL
    }


def _title(audit: Audit, reached: dict[str, str]) -> str:
    edition, level = next(iter(reached.items()))
    return f"{EDITIONS[edition]} Smart City Audit: {level} level, data year {audit.year}"


def _details(audit: Audit, reached: dict[str, str]) -> list[tuple[str, str]]:
    rows = [(f"Level, {EDITIONS[edition]}", level) for edition, level in reached.items()]
    rows.append(("City", f"{audit.city.name}, {audit.city.country.name}"))
    rows.append(("Data year", str(audit.year)))
    if audit.version > 1:
        rows.append(("Version", str(audit.version)))
    return rows


def certify(*, audit: Audit, by):
    """Issue (or, for a corrected version, re-issue) the certificate of a published audit.

    Returns the certificate, or None when the audit reached no level.
    """
    reached = _reached(audit)
    if not reached:
        return None
    fields = {
        "title": _title(audit, reached),
        "details": _details(audit, reached),
        "valid_until": timezone.localdate() + VALID_FOR,
    }
    earlier = audit.previous_version
    current = None
    if earlier is not None:
        current = next(
            (
                each
                for each in certificates_for(earlier, kind=KIND)
                if each.revoked_at is None and each.replaced_by_id is None
            ),
            None,
        )
    if current is not None:
        return reissue_certificate(certificate=current, by=by, subject=audit, **fields)
    return issue_certificate(
        kind=KIND,
        holder_name=audit.city.name,
        holder_organization=audit.city.municipality,
        subject=audit,
        by=by,
        **fields,
    )
