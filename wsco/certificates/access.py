"""Who a certificate is held by, and the helpers that fetch a certificate for a person."""

from django.http import Http404
from django.utils.translation import gettext as _

from wsco.certificates.models import Certificate
from wsco.certificates.queries import find_by_code
from wsco.members.access import require_staff
from wsco.members.services.affiliations import administrator_ids


def certificate_parties(certificate: Certificate) -> dict[int, str]:
    """Return the people a certificate is held by: its holder, and whoever administers a current
    membership of the organization holding it (they act for it)."""
    parties = {}
    if certificate.holder_organization_id is not None:
        role = _("an administrator of its holder")
        parties |= dict.fromkeys(administrator_ids(certificate.holder_organization), role)
    if certificate.holder_user_id is not None:
        parties[certificate.holder_user_id] = _("its holder")
    return parties


def get_certificate_for_staff(user, code: str) -> Certificate:
    """Return the certificate `code` names to staff; 403 for anyone else, 404 if unknown."""
    require_staff(user)
    certificate = find_by_code(code)
    if certificate is None:
        raise Http404
    return certificate
