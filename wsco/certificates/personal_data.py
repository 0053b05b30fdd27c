"""A person's certificates in their data export; on deleting the account, what is kept."""

from django.utils.translation import gettext_lazy as _

from wsco.certificates.models import Certificate

KEEPS = _(
    "certificates issued to you, as printed (a certificate is a public record anyone may check "
    "by its code), without the link to your account"
)


def export_certificates(user) -> dict:
    """Return the certificates `user` holds, with their codes and what they certify."""
    return {
        "certificates": [
            {
                "code": certificate.code,
                "kind": certificate.kind,
                "title": certificate.title,
                "holder_name": certificate.holder_name,
                "issued_at": certificate.issued_at,
                "valid_until": certificate.valid_until,
                "state": str(certificate.state),
                "revoked_at": certificate.revoked_at,
                "revocation_reason": certificate.revocation_reason,
            }
            for certificate in Certificate.objects.filter(holder_user=user).order_by("issued_at")
        ]
    }


def erase_certificates(user) -> None:
    """Unlink the certificates `user` holds from the account; the certificates stand."""
    Certificate.objects.filter(holder_user=user).update(holder_user=None)
