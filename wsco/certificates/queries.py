"""Reading certificates: those issued for an object, and the one a typed code names."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from wsco.certificates.codes import normalize_code
from wsco.certificates.models import Certificate


def certificates_for(subject: models.Model, *, kind: str | None = None):
    """Return the certificates issued about `subject` (of `kind` if given), newest first."""
    certificates = Certificate.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
    )
    if kind is not None:
        certificates = certificates.filter(kind=kind)
    return certificates.select_related("replaced_by")


def find_by_code(text: str) -> Certificate | None:
    """Return the certificate whose code `text` names, read leniently (`normalize_code`)."""
    code = normalize_code(text)
    if code is None:
        return None
    return (
        Certificate.objects.select_related("replaced_by", "holder_organization", "subject_type")
        .filter(code=code)
        .first()
    )
