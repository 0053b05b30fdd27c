"""What the every-field XSS sweep needs from the certificates (see wsco/core/tests/xss_sweep.py).

The certificate is replaced and then revoked, so that its page shows every text it has: the
title, the holder, the reason and its replacement's code.
"""

from wsco.certificates.models import Certificate
from wsco.certificates.tests.factories import certificate

BUILDERS = {
    Certificate: lambda world: certificate(
        replaced=True, revoked=True, held_by=world.person("member")
    ),
}
NOT_WRITTEN_BY_PEOPLE = {
    "certificates.Certificate.code": "a random code the platform makes",
    "certificates.Certificate.kind": "the name of a registered kind",
}
URL_KWARGS = {
    "certificates:verify": lambda world: {"code": world[Certificate].code},
    "certificates:verify_pdf": lambda world: {"code": world[Certificate].code},
    "api-1.0.0:verify_certificate": lambda world: {"code": world[Certificate].code},
}
NOT_PAGES = {
    "certificates:revoke": "an action that answers POST only",
}
