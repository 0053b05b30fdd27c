"""Issuing, revoking and re-issuing certificates: the only code that writes them.

Any app issues its certificates here, naming a kind it registered (`kinds.register_kind`) and
the object the certificate is about. Revocation needs a reason and is refused to anyone the
certificate is held by (`wsco.core.access`): its holder, or an administrator of the
organization that holds it. Re-issuing makes a new certificate with a new code and marks the old
one replaced by it; a revoked or already replaced certificate is not re-issued.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.certificates.codes import new_code
from wsco.certificates.kinds import get_kind
from wsco.certificates.models import Certificate
from wsco.core.access import require_not_party
from wsco.core.search import document
from wsco.core.text import clean_text

# Attempts at a fresh code before giving up: with 80 random bits a single clash is already
# beyond reach, so a second failure means something else is wrong.
CODE_ATTEMPTS = 3
Details = Mapping[str, object] | Iterable[tuple[str, object]] | Iterable[Mapping[str, object]]
TITLE_LENGTH = Certificate._meta.get_field("title").max_length
HOLDER_LENGTH = Certificate._meta.get_field("holder_name").max_length


def detail_rows(details: Details | None) -> list[dict[str, str]]:
    """Return `details` as the stored list of {"label", "value"} rows, in the order given.

    Takes a dict ({"Level": "Gold"}), pairs ([("Level", "Gold")]) or rows already stored.
    """
    if not details:
        return []
    items = details.items() if isinstance(details, Mapping) else details
    rows = []
    for item in items:
        label, value = (item["label"], item["value"]) if isinstance(item, Mapping) else item
        rows.append({"label": clean_text(str(label)), "value": clean_text(str(value))})
    return rows


def _required_text(value: str, *, field: str, limit: int) -> str:
    text = clean_text(value or "")
    if not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > limit:
        raise ValidationError(
            {field: _("At most %(limit)d characters, please.") % {"limit": limit}}
        )
    return text


def _subject_fields(subject: models.Model | None) -> dict:
    if subject is None:
        return {"subject_type": None, "subject_id": None}
    if subject.pk is None:
        raise ValueError("A certificate's subject must be saved first.")
    return {
        "subject_type": ContentType.objects.get_for_model(subject),
        "subject_id": subject.pk,
    }


def _create_with_new_code(**fields) -> Certificate:
    """Create the certificate with a fresh code, trying again on the (unlikely) clash."""
    for attempt in range(CODE_ATTEMPTS):
        code = new_code()
        searched = document(fields["holder_name"], fields["title"], code)
        try:
            with transaction.atomic():
                return Certificate.objects.create(code=code, search_document=searched, **fields)
        except IntegrityError:
            # The last attempt's clash is raised: the loop never ends without a certificate.
            if attempt == CODE_ATTEMPTS - 1:
                raise


def _issue(*, kind: str, title: str, holder_name: str, details, valid_until, **fields):
    if get_kind(kind) is None:
        raise ValueError(f"No certificate kind {kind!r} is registered (register_kind).")
    issued_at = timezone.now()
    if valid_until is not None and valid_until < timezone.localdate(issued_at):
        raise ValidationError(
            {"valid_until": _("A certificate cannot expire before it is issued.")}
        )
    return _create_with_new_code(
        kind=kind,
        title=_required_text(title, field="title", limit=TITLE_LENGTH),
        holder_name=_required_text(holder_name, field="holder_name", limit=HOLDER_LENGTH),
        details=detail_rows(details),
        issued_at=issued_at,
        valid_until=valid_until,
        **fields,
    )


def issue_certificate(
    *,
    kind: str,
    title: str,
    holder_name: str,
    subject: models.Model | None = None,
    holder_user=None,
    holder_organization=None,
    details: Details | None = None,
    valid_until: datetime.date | None = None,
    by,
) -> Certificate:
    """Issue a certificate of `kind` to `holder_name` and return it, with its new code.

    `title` says what it certifies ("ISO 37120:2018 Smart City Audit, Gold level, data year
    2025"); `details` are further lines to print, in order; `subject` is the object it is about,
    through which the issuing app finds it again (`queries.certificates_for`); `valid_until` is
    its last valid day (None: no end); `by` is the person issuing it (None for the platform
    itself, such as a task). A kind nobody registered is a programming error (ValueError); a
    missing title or holder, or an end before today, a ValidationError naming the field.
    """
    return _issue(
        kind=kind,
        title=title,
        holder_name=holder_name,
        details=details,
        valid_until=valid_until,
        holder_user=holder_user,
        holder_organization=holder_organization,
        issued_by=by,
        **_subject_fields(subject),
    )


def _locked(certificate: Certificate) -> Certificate:
    return Certificate.objects.select_for_update().get(pk=certificate.pk)


def revoke_certificate(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Revoke `certificate` for `reason` (required, shown on its public page) and return it.

    Nobody revokes a certificate they hold (`PartyToCase`); a revoked certificate stays revoked.
    """
    reason = clean_text(reason or "")
    if not reason:
        raise ValidationError({"reason": _("Say why the certificate is revoked.")})
    with transaction.atomic():
        locked = _locked(certificate)
        require_not_party(by, locked)
        if locked.revoked_at is not None:
            raise ValidationError(_("This certificate is already revoked."))
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.revocation_reason = reason
        locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason", "updated_at"])
    return locked


KEEP = object()


def reissue_certificate(
    *,
    certificate: Certificate,
    by,
    title: str | None = None,
    holder_name: str | None = None,
    details: Details | None = None,
    valid_until=KEEP,
    subject=None,
) -> Certificate:
    """Issue a new certificate in place of `certificate` and return the new one.

    The new certificate has the old one's kind, holders and subject, a new code, and whatever of
    `title`, `holder_name`, `details`, `valid_until` and `subject` is given (the old values
    otherwise; `valid_until=None` issues it without an end; a new `subject` is, say, the
    corrected version of an audit). The old one reads as replaced from then on,
    and its page links to the new one. A revoked or already replaced certificate is not
    re-issued.
    """
    with transaction.atomic():
        old = _locked(certificate)
        if old.revoked_at is not None:
            raise ValidationError(_("A revoked certificate is not re-issued."))
        if old.replaced_by_id is not None:
            raise ValidationError(
                _("This certificate was already replaced by %(code)s.")
                % {"code": old.replaced_by.code}
            )
        new = _issue(
            kind=old.kind,
            title=old.title if title is None else title,
            holder_name=old.holder_name if holder_name is None else holder_name,
            details=old.details if details is None else details,
            valid_until=old.valid_until if valid_until is KEEP else valid_until,
            holder_user_id=old.holder_user_id,
            holder_organization_id=old.holder_organization_id,
            subject_type_id=(
                old.subject_type_id
                if subject is None
                else ContentType.objects.get_for_model(subject).pk
            ),
            subject_id=old.subject_id if subject is None else subject.pk,
            issued_by=by,
        )
        old.replaced_by = new
        old.replaced_at = new.issued_at
        old.save(update_fields=["replaced_by", "replaced_at", "updated_at"])
    certificate.refresh_from_db()
    return new
