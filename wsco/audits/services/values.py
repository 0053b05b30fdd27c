"""Writing an audit's values: the one guard every write path goes through, and the writes.

Data entry on the web, the spreadsheet import and the city's answers to queries all change
values through `lock_values` (and, for one value, `update_value` / `update_reported_value`):
the audit's row is locked and its state checked, so a published audit is frozen whichever way
a write comes, and a publication cannot slip in between the check and the write.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.models import (
    AUDIT_WORKFLOW,
    Audit,
    AuditStatus,
    BaseValue,
    ReportedValue,
    Signature,
)
from wsco.audits.services.results import store_results


def lock_values(audit: Audit) -> Audit:
    """Lock `audit`'s row and refuse to change its values unless its state allows it.

    Call it inside `transaction.atomic()`, before the write. A published audit is frozen (a
    correction makes a new version); otherwise values change only in draft and in verification
    (the city's answers to its auditors' queries).
    """
    AUDIT_WORKFLOW.lock(audit)
    if audit.status == AuditStatus.PUBLISHED:
        raise ValidationError(
            _(
                "This audit is published: its values are frozen. "
                "A correction makes a new version of it."
            ),
            code="frozen",
        )
    if not audit.is_editable:
        raise ValidationError(
            _("The values of an audit that is %(state)s cannot be changed.")
            % {"state": AUDIT_WORKFLOW.state_label(audit.status)},
            code="not_editable",
        )
    return audit


def values_changed(audit: Audit) -> None:
    """Forget the audit's verification signatures: they were given to other values."""
    Signature.objects.filter(audit=audit).delete()


def _save_changes(row, changes: dict, by) -> bool:
    """Write `changes` to `row`, clearing its acceptance when anything changed; say if it did."""
    changed = {name: text for name, text in changes.items() if getattr(row, name) != text}
    if not changed and row.pk is not None:
        return False
    for name, text in changed.items():
        setattr(row, name, text)
    row.entered_by = by
    row.accepted_by, row.accepted_at = None, None
    row.save()
    return True


def update_value(
    *,
    audit: Audit,
    variable: str,
    value: str,
    by,
    source: str | None = None,
    comment: str | None = None,
) -> BaseValue:
    """Set a base variable's value (as written) for the audit; the engine works it out again.

    A change of the value clears an auditor's acceptance of it and the audit's signatures.
    """
    if variable not in load_catalogue().variables:
        raise ValidationError(
            _("%(variable)s is not a variable of the catalogue.") % {"variable": variable},
            code="unknown_variable",
        )
    with transaction.atomic():
        lock_values(audit)
        row = BaseValue.objects.filter(audit=audit, variable=variable).first()
        row = row or BaseValue(audit=audit, variable=variable)
        changes = {"value": value.strip()}
        if source is not None:
            changes["source"] = source
        if comment is not None:
            changes["comment"] = comment
        if _save_changes(row, changes, by):
            values_changed(audit)
            store_results(audit)
    return row


def update_reported_value(
    *,
    audit: Audit,
    indicator: str,
    by,
    numerator: str | None = None,
    denominator: str | None = None,
    value: str | None = None,
) -> ReportedValue:
    """Set a reported indicator's numerator, denominator or value (those given) for the audit."""
    if indicator not in load_catalogue().indicators:
        raise ValidationError(
            _("%(indicator)s is not an indicator of the catalogue.") % {"indicator": indicator},
            code="unknown_indicator",
        )
    given = {"numerator": numerator, "denominator": denominator, "value": value}
    with transaction.atomic():
        lock_values(audit)
        row = ReportedValue.objects.filter(audit=audit, indicator=indicator).first()
        row = row or ReportedValue(audit=audit, indicator=indicator)
        changes = {name: text.strip() for name, text in given.items() if text is not None}
        if _save_changes(row, changes, by):
            values_changed(audit)
            store_results(audit)
    return row
