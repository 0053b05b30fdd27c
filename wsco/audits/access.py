"""Who may see and do what on an audit; views reach audits only through these helpers.

Published audits are public. Everything before publication (values, evidence, queries, drafts,
reports) reaches only the audit's team (its city officials and auditors), the city's officials
and staff: other people get a 404, as if the audit did not exist.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from wsco.audits.models import Audit, AuditReport, AuditStatus, City, TeamRole


def readable_audits(user) -> QuerySet[Audit]:
    """Return the audits `user` may read: published ones, and their own team's or city's."""
    audits = Audit.objects.select_related("city")
    if user.is_authenticated and user.is_staff:
        return audits
    published = Q(status=AuditStatus.PUBLISHED)
    if not user.is_authenticated:
        return audits.filter(published)
    own = Q(team__user=user) | Q(city__official_rows__user=user)
    ids = Audit.objects.filter(published | own).values("pk")
    return audits.filter(pk__in=ids)


def can_read_audit(user, audit: Audit) -> bool:
    if audit.status == AuditStatus.PUBLISHED:
        return True
    if not user.is_authenticated:
        return False
    return user.is_staff or is_on_team(user, audit) or user.pk in audit.official_ids()


def is_on_team(user, audit: Audit) -> bool:
    return user.is_authenticated and audit.team.filter(user=user).exists()


def is_official(user, audit: Audit) -> bool:
    """Say whether `user` acts for the audit's city (enters data, answers queries)."""
    return user.is_authenticated and user.pk in audit.official_ids()


def is_auditor(user, audit: Audit) -> bool:
    return user.is_authenticated and audit.team.filter(user=user, role=TeamRole.AUDITOR).exists()


def can_enter_data(user, audit: Audit) -> bool:
    """Say whether `user` may change the audit's values now: its officials, while editable."""
    return audit.is_editable and is_official(user, audit)


def get_audit_for_user(user, pk: int) -> Audit:
    """Return audit `pk` if `user` may read it; 404 for anyone else."""
    audit = Audit.objects.select_related("city", "city__municipality").filter(pk=pk).first()
    if audit is None or not can_read_audit(user, audit):
        raise Http404
    return audit


def get_city(slug: str) -> City:
    city = City.objects.select_related("municipality").filter(slug=slug).first()
    if city is None:
        raise Http404
    return city


def _audit_allowing(user, pk: int, allowed) -> Audit:
    """Return audit `pk` if `allowed(user, audit)`; 403 for its other readers, 404 for others."""
    audit = get_audit_for_user(user, pk)
    if not allowed(user, audit):
        raise PermissionDenied
    return audit


def works_on_audit(user, audit: Audit) -> bool:
    """Say whether `user` works on the audit: staff, its team, or its city's officials."""
    return user.is_authenticated and (
        user.is_staff or is_on_team(user, audit) or user.pk in audit.official_ids()
    )


def get_audit_for_staff(user, pk: int) -> Audit:
    """Return audit `pk` for staff (its team page)."""
    return _audit_allowing(user, pk, lambda user, audit: user.is_staff)


def get_audit_for_verification(user, pk: int) -> Audit:
    """Return audit `pk` for its auditors and staff (staff read only): its verification."""
    return _audit_allowing(user, pk, lambda user, audit: user.is_staff or is_auditor(user, audit))


def get_audit_for_team(user, pk: int) -> Audit:
    """Return audit `pk` for whoever works on it: its queries are never public, even once the
    audit is published."""
    return _audit_allowing(user, pk, works_on_audit)


def may_read_evidence(user, row) -> bool:
    """Say whether `user` may download the evidence of a value (`row`: BaseValue/ReportedValue).

    Evidence stays with the audit's people even once the audit is published: its team, the
    city's officials and staff.
    """
    return works_on_audit(user, row.audit)


def cities_for_new_audit(user) -> QuerySet[City]:
    """Return the cities `user` may open an audit of: all for staff, their own for officials."""
    if not user.is_authenticated:
        return City.objects.none()
    if user.is_staff:
        return City.objects.all()
    return City.objects.filter(official_rows__user=user)


def get_audit_for_editor(user, pk: int) -> Audit:
    """Return audit `pk` if `user` may change its values now; 404 if they may not read it, 403
    if they may read it only."""
    audit = get_audit_for_user(user, pk)
    if not can_enter_data(user, audit):
        raise PermissionDenied
    return audit


def may_read_report(user, report: AuditReport) -> bool:
    """Say whether `user` may download an audit's report (in any language): whoever may read
    the audit."""
    return can_read_audit(user, report.audit)
