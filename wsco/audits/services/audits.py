"""Cities, their officials, audits, their teams and every change of an audit's state."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wsco.audits.models import (
    AUDIT_WORKFLOW,
    Audit,
    AuditEvent,
    AuditStatus,
    City,
    CityOfficial,
    TeamMember,
    TeamRole,
    editions_key,
)
from wsco.audits.services.benchmarks import queue_benchmarks
from wsco.audits.services.report import request_reports
from wsco.core.access import parties_of
from wsco.members.queries import can_edit_organization

# The time each step stamps on the audit, besides its status.
STAMPS = {"submit": "submitted_at", "verify": "verified_at", "publish": "published_at"}


def _name(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.name if profile is not None else user.email


def _unique_slug(name: str) -> str:
    base = slugify(name)[:160] or "city"
    slug, number = base, 2
    while City.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def create_city(*, name: str, country: str, **facts) -> City:
    """Create a city with a slug made from its name (`facts`: the other fields of `City`)."""
    city = City(name=name, country=country, slug=_unique_slug(name), **facts)
    city.full_clean()
    city.save()
    return city


def may_name_officials(user, city: City) -> bool:
    """Say whether `user` names a city's officials: staff, or an admin of its municipality."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return city.municipality is not None and can_edit_organization(user, city.municipality)


def name_official(*, city: City, user, by) -> CityOfficial:
    """Make `user` an official of `city` (acting for it); `by` must be allowed to name them."""
    if not may_name_officials(by, city):
        raise PermissionDenied(_("Only staff or the municipality's administrators name officials."))
    official, _created = CityOfficial.objects.get_or_create(
        city=city, user=user, defaults={"named_by": by}
    )
    return official


def remove_official(*, city: City, user, by) -> None:
    if not may_name_officials(by, city):
        raise PermissionDenied(_("Only staff or the municipality's administrators name officials."))
    CityOfficial.objects.filter(city=city, user=user).delete()


def create_audit(
    *, city: City, year: int, editions=("ISO37120:2018",), by, previous: Audit | None = None
) -> Audit:
    """Open an audit of `city` for `year`; one per city, year and set of editions.

    `previous` is the published audit this one corrects: the new one is its next version.
    """
    key = editions_key(editions)
    version = 1
    if previous is not None:
        if previous.status != AuditStatus.PUBLISHED:
            raise ValidationError(_("Only a published audit is corrected by a new version."))
        version = previous.version + 1
        city, year, key = previous.city, previous.year, previous.editions
    clash = (
        Audit.objects.filter(city=city, year=year, editions=key, version=version)
        .exclude(status=AuditStatus.WITHDRAWN)
        .first()
    )
    if clash is not None:
        raise ValidationError(
            _("%(city)s already has an audit of %(year)s for %(editions)s (%(status)s).")
            % {
                "city": city.name,
                "year": year,
                "editions": clash.editions_label,
                "status": clash.get_status_display().lower(),
            },
            code="audit_exists",
        )
    try:
        with transaction.atomic():
            audit = Audit.objects.create(
                city=city,
                year=year,
                editions=key,
                version=version,
                previous_version=previous,
                created_by=by,
            )
            AuditEvent.objects.create(audit=audit, to_status=audit.status, by=by)
    except IntegrityError as error:  # a second request raced this one past the check above
        raise ValidationError(
            _("%(city)s already has an audit of %(year)s for these editions.")
            % {"city": city.name, "year": year},
            code="audit_exists",
        ) from error
    return audit


def add_team_member(*, audit: Audit, user, role: str, by) -> TeamMember:
    """Put `user` on the audit's team; an auditor must be independent of the city's case."""
    if role == TeamRole.AUDITOR:
        reason = parties_of(audit).get(user.pk)
        if reason is not None:
            raise ValidationError(
                _("%(name)s cannot audit this city: they are %(reason)s.")
                % {"name": _name(user), "reason": reason},
                code="not_independent",
            )
        if not user.has_role("auditor"):
            raise ValidationError(
                _("%(name)s does not hold the auditor role.") % {"name": _name(user)}
            )
    elif user.pk in audit.auditor_ids():
        raise ValidationError(_("An auditor of this audit cannot also enter its data."))
    member, created = TeamMember.objects.get_or_create(
        audit=audit, user=user, defaults={"role": role, "added_by": by}
    )
    if not created and member.role != role:
        raise ValidationError(
            _("%(name)s is already on this audit's team as %(role)s.")
            % {"name": _name(user), "role": member.get_role_display().lower()}
        )
    audit.forget_people()
    return member


def remove_team_member(*, audit: Audit, user, by) -> None:
    TeamMember.objects.filter(audit=audit, user=user).delete()
    audit.forget_people()


def take_step(*, audit: Audit, step: str, by, comment: str = "", **changes) -> Audit:
    """Take one step of the audit's workflow and record it in its history.

    The one way an audit changes state: the row is locked, the step checked (a decision is
    refused to anyone party to the audit), the state and its time stamp written, and an
    `AuditEvent` (who, when, from, to, comment) added, all in one transaction.
    """
    with transaction.atomic():
        AUDIT_WORKFLOW.lock(audit, step, by=by)
        before = audit.status
        stamp = STAMPS.get(step)
        if stamp:
            changes[stamp] = timezone.now()
        AUDIT_WORKFLOW.advance(audit, step, **changes)
        AuditEvent.objects.create(
            audit=audit, from_status=before, to_status=audit.status, by=by, comment=comment
        )
        if step == "publish":
            # Benchmarks across published audits are worked out again in a task, after
            # commit, and the public report is made as soon as the step commits.
            queue_benchmarks()
            request_reports(audit)
    return audit
