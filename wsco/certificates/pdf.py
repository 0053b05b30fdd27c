"""A certificate as a PDF: A4 landscape, with its code and a QR code of its verification page.

Made on demand and kept in the cache under the certificate's code, its last change, its state
and the language, so a change (a revocation, a replacement) or the passing of its end date
makes a new PDF at once. A certificate that no longer holds is still printed, marked across the
page as revoked, replaced or expired with the date and, for a revocation, the reason: whoever
downloads it sees what its verification page says (docs/certificates.md).
"""

import datetime

import segno
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from wsco.certificates.models import Certificate, CertificateState
from wsco.core.pdf import render_pdf

CERTIFICATE_DOCUMENT = "certificates.certificate"
CACHE_SECONDS = 7 * 24 * 3600


def qr_svg(url: str) -> str:
    """Return an inline SVG QR code of `url` (one module a millimetre, medium correction)."""
    return segno.make(url, error="m").svg_inline(scale=1, unit="mm", border=2)


def certificate_pdf(certificate: Certificate, *, at: datetime.datetime | None = None) -> bytes:
    """Return the PDF of `certificate` as it stands at `at` (now), in the active language."""
    at = at or timezone.now()
    state = certificate.state_at(at)
    html = render_to_string(
        "certificates/certificate_pdf.html",
        {
            "certificate": certificate,
            "state": state,
            "states": CertificateState,
            # The URL is the site's address and a code of the code alphabet: nothing to escape.
            "qr": mark_safe(qr_svg(certificate.absolute_url)),
        },
    )
    return render_pdf(html, document=CERTIFICATE_DOCUMENT)


def cache_key(certificate: Certificate, state: CertificateState) -> str:
    """Return the cache key of a certificate's PDF: any change or new state makes a new key."""
    changed = certificate.updated_at.timestamp()
    language = translation.get_language() or "en"
    return f"certificates:pdf:{certificate.code}:{changed}:{state}:{language}"


def cached_certificate_pdf(certificate: Certificate) -> bytes:
    """Return the PDF of `certificate` now, from the cache when it has not changed."""
    now = timezone.now()
    key = cache_key(certificate, certificate.state_at(now))
    content = cache.get(key)
    if content is None:
        content = certificate_pdf(certificate, at=now)
        cache.set(key, content, CACHE_SECONDS)
    return content


def sample_certificate(markdown: str) -> bytes:
    """Return a revoked certificate's PDF with `markdown` in every text people write."""
    issued = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)
    certificate = Certificate(
        code="7KQ2-M9XD-4RTB-HC3N",
        kind="sample",
        title=markdown[:300],
        holder_name=markdown[:200],
        details=[{"label": markdown[:80], "value": markdown}],
        issued_at=issued,
        valid_until=datetime.date(2028, 3, 1),
        revoked_at=issued + datetime.timedelta(days=30),
        revocation_reason=markdown,
        updated_at=issued,
    )
    return certificate_pdf(certificate, at=issued + datetime.timedelta(days=31))
