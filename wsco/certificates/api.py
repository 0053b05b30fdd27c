"""The certificates API: a certificate's public verification, by its code."""

import datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from wsco.accounts.auth import optional_auth
from wsco.certificates import limits
from wsco.certificates.models import Certificate
from wsco.certificates.queries import find_by_code
from wsco.core.text import CleanText

router = Router(tags=["certificates"], auth=optional_auth)


class DetailOut(Schema):
    label: str
    value: str


class CertificateOut(Schema):
    code: str = Field(description="The verification code, formatted XXXX-XXXX-XXXX-XXXX.")
    kind: str = Field(description="The issuing app's kind, e.g. audit_level.")
    kind_label: str
    title: str = Field(description="What the certificate certifies.")
    holder_name: str
    details: list[DetailOut]
    issued_at: datetime.datetime
    valid_until: datetime.date | None = Field(description="Its last valid day; null: no end.")
    state: str = Field(description="valid, expired, revoked or replaced, now.")
    revoked_at: datetime.datetime | None
    revocation_reason: str
    replaced_by: str | None = Field(description="The code of the certificate replacing it.")
    replaced_at: datetime.datetime | None
    url: str = Field(description="Its public verification page.")
    pdf_url: str


def certificate_data(certificate: Certificate, *, at: datetime.datetime) -> dict:
    """Return what the verification page says of `certificate`, as the API's fields."""
    base = certificate.absolute_url.removesuffix(certificate.get_absolute_url())
    state = certificate.state_at(at)
    return {
        "code": certificate.code,
        "kind": certificate.kind,
        "kind_label": certificate.kind_label,
        "title": certificate.title,
        "holder_name": certificate.holder_name,
        "details": [{"label": label, "value": value} for label, value in certificate.detail_lines],
        "issued_at": certificate.issued_at,
        "valid_until": certificate.valid_until,
        "state": str(state),
        "revoked_at": certificate.revoked_at,
        "revocation_reason": certificate.revocation_reason,
        "replaced_by": certificate.replaced_by.code if certificate.replaced_by_id else None,
        "replaced_at": certificate.replaced_at,
        "url": certificate.absolute_url,
        "pdf_url": base + reverse("certificates:verify_pdf", kwargs={"code": certificate.code}),
    }


@router.get(
    "/certificates/{code}",
    response=CertificateOut,
    summary="Verify a certificate",
)
def verify_certificate(request: HttpRequest, code: CleanText):
    """Return a certificate by its code (read leniently: case, spaces, dashes, O for 0, I and L
    for 1), with its state now. Unknown codes count against the caller's address: past the
    limit, every lookup answers 429 for a while."""
    if not limits.may_look_up(request):
        raise HttpError(429, "Too many unknown codes from your address; try again later.")
    certificate = find_by_code(code)
    if certificate is None:
        if not limits.count_miss(request):
            raise HttpError(429, "Too many unknown codes from your address; try again later.")
        raise HttpError(404, "No certificate has this code.")
    return certificate_data(certificate, at=timezone.now())
