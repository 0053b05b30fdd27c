"""The verification of an audit by WSCO's auditors, its publication and its corrections.

The auditors of an audit accept each value or raise a query about it; the city's officials
answer (changing the value, through `wsco.audits.services.values`, or explaining it); the
auditor settles the query or opens it again. Once every query is settled, two different
auditors sign (four eyes): the second signature verifies the audit. Staff publish a verified
audit, which freezes its values; a correction makes a new version. Every step of the audit goes
through `take_step`, every step of a query through `QUERY_WORKFLOW`, each recorded with who,
when, from, to and the comment; each tells whoever acts next (`notify`).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.accounts.models import User
from wsco.audits.models import (
    AUDIT_WORKFLOW,
    BEFORE_PUBLICATION,
    QUERY_WORKFLOW,
    Audit,
    AuditStatus,
    BaseValue,
    Query,
    QueryEvent,
    QueryResolution,
    QueryStatus,
    ReportedValue,
    Signature,
    TeamMember,
    TeamRole,
)
from wsco.audits.services.audits import (
    add_team_member,
    create_audit,
    remove_team_member,
    take_step,
)
from wsco.audits.services.certificates import certify
from wsco.audits.services.results import store_results
from wsco.audits.services.values import (
    lock_values,
    update_reported_value,
    update_value,
    values_changed,
)
from wsco.notifications.services import notify

# Two different auditors sign a verification (four eyes).
SIGNATURES_NEEDED = 2


# Who may do what ---------------------------------------------------------------------------


def is_audit_auditor(user, audit: Audit) -> bool:
    return user.is_authenticated and user.pk in audit.auditor_ids()


def may_withdraw(user, audit: Audit) -> bool:
    """Say whether `user` may withdraw the audit: staff or its team (officials, auditors)."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.pk in audit.auditor_ids() | audit.official_ids()


def may_correct(user, audit: Audit) -> bool:
    """Say whether `user` may open a correction of the audit: staff or the city's officials."""
    return user.is_authenticated and (user.is_staff or user.pk in audit.official_ids())


def _require_auditor(user, audit: Audit) -> None:
    if not is_audit_auditor(user, audit):
        raise PermissionDenied(_("Only an auditor of this audit does this."))


def _require_staff(user) -> None:
    if not user.is_staff:
        raise PermissionDenied(_("Only staff do this."))


def _require_text(text: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: _("This field is required.")}, code="required")
    return text


# Telling whoever acts next -------------------------------------------------------------------


def _tell(user_ids, *, kind: str, audit: Audit, by=None, **params) -> None:
    """Notify each active person of `user_ids` but `by` of an event of `kind` on `audit`."""
    ids = set(user_ids) - {getattr(by, "pk", None)}
    params = {"audit": audit.pk, "city": audit.city.name, "year": audit.year, **params}
    for person in User.objects.filter(pk__in=ids, is_active=True).order_by("pk"):
        notify(recipient=person, kind=kind, about=f"audits.audit:{audit.pk}", **params)


def _staff_ids() -> set[int]:
    return set(User.objects.filter(is_staff=True, is_active=True).values_list("pk", flat=True))


def _tell_step(user_ids, audit: Audit, by) -> None:
    _tell(user_ids, kind="audits.step_taken", audit=audit, by=by, state=audit.status)


# The team ------------------------------------------------------------------------------------


def add_auditor(*, audit: Audit, user, by) -> TeamMember:
    """Put an auditor on the audit's team (staff); one who is not independent is refused."""
    _require_staff(by)
    if audit.status not in BEFORE_PUBLICATION:
        raise ValidationError(_("Auditors are put on an audit before its publication."))
    return add_team_member(audit=audit, user=user, role=TeamRole.AUDITOR, by=by)


def remove_auditor(*, audit: Audit, user, by) -> None:
    """Take an auditor off the audit's team (staff), with their signature of a verification
    still in progress."""
    _require_staff(by)
    if audit.status not in BEFORE_PUBLICATION:
        raise ValidationError(_("The team of a published audit stays as it was."))
    with transaction.atomic():
        AUDIT_WORKFLOW.lock(audit)
        if audit.status == AuditStatus.VERIFICATION:
            Signature.objects.filter(audit=audit, auditor=user).delete()
        remove_team_member(audit=audit, user=user, by=by)


# Values and queries --------------------------------------------------------------------------


def _require_verification(audit: Audit) -> None:
    if audit.status != AuditStatus.VERIFICATION:
        raise ValidationError(
            _("This audit is not in verification; it is %(state)s.")
            % {"state": AUDIT_WORKFLOW.state_label(audit.status)},
            code="not_in_verification",
        )


def accept_value(*, row: BaseValue | ReportedValue, by) -> BaseValue | ReportedValue:
    """Record that an auditor of the audit accepts a value as entered."""
    audit = row.audit
    _require_auditor(by, audit)
    with transaction.atomic():
        AUDIT_WORKFLOW.lock(audit)
        _require_verification(audit)
        if row.queries.exclude(status=QueryStatus.SETTLED).exists():
            raise ValidationError(
                _("This value has a query that is not settled: settle it first."),
                code="unsettled_query",
            )
        row.accepted_by, row.accepted_at = by, timezone.now()
        type(row).objects.filter(pk=row.pk).update(accepted_by=by, accepted_at=row.accepted_at)
    return row


def _record(query: Query, before: str, by, comment: str = "") -> None:
    QueryEvent.objects.create(
        query=query, from_status=before, to_status=query.status, by=by, comment=comment
    )


def raise_query(*, row: BaseValue | ReportedValue, question: str, by) -> Query:
    """Ask the city about one of its values; its officials are told."""
    audit = row.audit
    _require_auditor(by, audit)
    question = _require_text(question, "question")
    subject = {"base_value": row} if isinstance(row, BaseValue) else {"reported_value": row}
    with transaction.atomic():
        AUDIT_WORKFLOW.lock(audit)
        _require_verification(audit)
        query = Query.objects.create(audit=audit, question=question, raised_by=by, **subject)
        _record(query, "", by)
        # The value is in question again, and so is any signature of the verification.
        type(row).objects.filter(pk=row.pk).update(accepted_by=None, accepted_at=None)
        values_changed(audit)
        _tell(
            audit.official_ids(),
            kind="audits.query_raised",
            audit=audit,
            by=by,
            subject=query.subject_key,
        )
    return query


def _change_value(query: Query, changes: dict, by) -> bool:
    """Change the queried value through the values' service; say whether it changed."""
    row = query.subject
    if isinstance(row, BaseValue):
        before = row.value
        row = update_value(audit=query.audit, variable=row.variable, value=changes["value"], by=by)
        return row.value != before
    before = (row.numerator, row.denominator, row.value)
    row = update_reported_value(audit=query.audit, indicator=row.indicator, by=by, **changes)
    return (row.numerator, row.denominator, row.value) != before


def answer_query(*, query: Query, answer: str, by, changes: dict | None = None) -> Query:
    """Answer a query as an official of the city: explain the value, or change it (`changes`:
    {"value": ...} for a base value; numerator, denominator and value for a reported one)."""
    audit = query.audit
    if not by.is_authenticated or by.pk not in audit.official_ids():
        raise PermissionDenied(_("Only the city's officials answer its auditors' queries."))
    answer = _require_text(answer, "answer")
    with transaction.atomic():
        lock_values(audit)
        _require_verification(audit)
        QUERY_WORKFLOW.lock(query, "answer", by=by)
        changed = bool(changes) and _change_value(query, changes, by)
        before = query.status
        QUERY_WORKFLOW.advance(
            query,
            "answer",
            answer=answer,
            resolution=QueryResolution.CHANGED if changed else QueryResolution.EXPLAINED,
            answered_by=by,
            answered_at=timezone.now(),
        )
        _record(query, before, by, answer)
        _tell(
            {query.raised_by_id} - {None},
            kind="audits.query_answered",
            audit=audit,
            by=by,
            subject=query.subject_key,
        )
    return query


def settle_query(*, query: Query, by, comment: str = "") -> Query:
    """Settle an answered query: the auditor is satisfied with the answer."""
    _require_auditor(by, query.audit)
    with transaction.atomic():
        AUDIT_WORKFLOW.lock(query.audit)
        _require_verification(query.audit)
        QUERY_WORKFLOW.lock(query, "settle", by=by)
        before = query.status
        QUERY_WORKFLOW.advance(query, "settle", settled_by=by, settled_at=timezone.now())
        _record(query, before, by, comment.strip())
    return query


def reopen_query(*, query: Query, by, comment: str) -> Query:
    """Open an answered query again: the auditor says, in `comment`, what is still missing."""
    _require_auditor(by, query.audit)
    comment = _require_text(comment, "comment")
    with transaction.atomic():
        AUDIT_WORKFLOW.lock(query.audit)
        _require_verification(query.audit)
        QUERY_WORKFLOW.lock(query, "reopen", by=by)
        before = query.status
        QUERY_WORKFLOW.advance(query, "reopen")
        _record(query, before, by, comment)
        _tell(
            query.audit.official_ids(),
            kind="audits.query_reopened",
            audit=query.audit,
            by=by,
            subject=query.subject_key,
        )
    return query


# The audit's steps -------------------------------------------------------------------------


def start_verification(*, audit: Audit, by) -> Audit:
    """Begin verifying a submitted audit, as one of its auditors; its officials are told."""
    _require_auditor(by, audit)
    take_step(audit=audit, step="start_verification", by=by)
    _tell_step(audit.official_ids(), audit, by)
    return audit


def sign_verification(*, audit: Audit, by, statement: str) -> Signature:
    """Sign the audit's verification; the second auditor's signature makes it verified.

    Refused while a query is not settled, to an auditor who signed already, and (as every
    decision on the audit) to anyone party to it: its city's officials, its municipality's
    people and whoever entered its data.
    """
    _require_auditor(by, audit)
    statement = _require_text(statement, "statement")
    with transaction.atomic():
        AUDIT_WORKFLOW.lock(audit, "verify", by=by)
        unsettled = audit.queries.exclude(status=QueryStatus.SETTLED).count()
        if unsettled:
            raise ValidationError(
                _("%(count)d queries are not settled: the audit is verified once all are.")
                % {"count": unsettled},
                code="unsettled_queries",
            )
        if Signature.objects.filter(audit=audit, auditor=by).exists():
            raise ValidationError(
                _("You have signed this verification already: a second auditor signs it."),
                code="signed_already",
            )
        signature = Signature.objects.create(audit=audit, auditor=by, statement=statement)
        signers = set(audit.signatures.values_list("auditor_id", flat=True)) & audit.auditor_ids()
        if len(signers) >= SIGNATURES_NEEDED:
            take_step(audit=audit, step="verify", by=by, comment=statement)
            _tell_step(_staff_ids(), audit, by)
        else:
            _tell(audit.auditor_ids(), kind="audits.signature_needed", audit=audit, by=by)
    return signature


def reopen_audit(*, audit: Audit, by, comment: str) -> Audit:
    """Take a verified audit back to verification (its auditors or staff); signatures lapse."""
    if not (by.is_staff or is_audit_auditor(by, audit)):
        raise PermissionDenied(_("Only the audit's auditors or staff reopen its verification."))
    comment = _require_text(comment, "comment")
    with transaction.atomic():
        take_step(audit=audit, step="reopen", by=by, comment=comment)
        Signature.objects.filter(audit=audit).delete()
        _tell_step(audit.auditor_ids(), audit, by)
    return audit


def publish_audit(*, audit: Audit, by) -> Audit:
    """Publish a verified audit (staff): its results are worked out one last time and frozen."""
    _require_staff(by)
    with transaction.atomic():
        AUDIT_WORKFLOW.lock(audit, "publish", by=by)
        # The results published are those of the values verified, never older ones.
        store_results(audit)
        take_step(audit=audit, step="publish", by=by)
        certify(audit=audit, by=by)
        _tell_step(audit.official_ids() | audit.auditor_ids(), audit, by)
    return audit


def withdraw_audit(*, audit: Audit, by, reason: str) -> Audit:
    """Withdraw an audit before its publication (its team or staff), saying why."""
    if not may_withdraw(by, audit):
        raise PermissionDenied(_("Only the audit's team or staff withdraw it."))
    reason = _require_text(reason, "reason")
    with transaction.atomic():
        take_step(audit=audit, step="withdraw", by=by, comment=reason)
        _tell_step(audit.official_ids() | audit.auditor_ids(), audit, by)
    return audit


# Corrections -------------------------------------------------------------------------------

# What a value's copy does not take from the published one: its row, its audit, and an
# acceptance that belongs to the verification of the earlier version.
NOT_COPIED = {"id", "audit", "accepted_by", "accepted_at", "updated_at"}


def _copy_rows(model, source: Audit, target: Audit) -> None:
    names = [
        model_field.attname
        for model_field in model._meta.concrete_fields
        if model_field.name not in NOT_COPIED
    ]
    model.objects.bulk_create(
        model(audit=target, **{name: getattr(row, name) for name in names})
        for row in model.objects.filter(audit=source).order_by("pk")
    )


def correct_audit(*, audit: Audit, by) -> Audit:
    """Open a new version of a published audit, as a draft with a copy of its values.

    The published version stays as it is, readable; the copy carries each value with its
    source, comment and evidence, and the audit's officials. Staff or the city's officials.
    """
    if not may_correct(by, audit):
        raise PermissionDenied(_("Only staff or the city's officials correct an audit."))
    with transaction.atomic():
        AUDIT_WORKFLOW.lock(audit)
        correction = create_audit(city=audit.city, year=audit.year, previous=audit, by=by)
        for model in (BaseValue, ReportedValue):
            _copy_rows(model, audit, correction)
        for member in audit.team.filter(role=TeamRole.OFFICIAL).select_related("user"):
            add_team_member(audit=correction, user=member.user, role=TeamRole.OFFICIAL, by=by)
        store_results(correction)
        _tell(
            audit.official_ids(),
            kind="audits.correction_opened",
            audit=correction,
            by=by,
        )
    return correction
