"""A course certificate as an Open Badges 3.0 credential (an `OpenBadgeCredential`, JSON-LD).

The credential is not signed: whoever receives it checks it at its `id`, the certificate's
public `/verify/<code>/` page, which says whether it still holds.
"""

import datetime

from django.conf import settings

from wsco.courses.models import Enrolment

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def _iso(moment) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def credential(enrolment: Enrolment) -> dict:
    """Return the Open Badges 3.0 credential of `enrolment`'s certificate."""
    certificate = enrolment.certificate
    course = enrolment.course
    site = settings.SITE_URL.rstrip("/")
    body = {
        "@context": CONTEXT,
        "id": certificate.absolute_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.title,
        "issuer": {
            "id": site + "/",
            "type": ["Profile"],
            "name": "World's Smart Cities Organization",
            "url": site + "/",
        },
        "validFrom": _iso(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.holder_name,
            "achievement": {
                "id": site + course.get_absolute_url(),
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": course.title,
                "description": course.summary,
                "criteria": {
                    "narrative": "Every required lesson done and every required quiz passed."
                },
                "creditsAvailable": float(course.cpd_hours),
                "inLanguage": course.language,
            },
        },
    }
    if certificate.valid_until is not None:
        body["validUntil"] = f"{certificate.valid_until.isoformat()}T23:59:59Z"
    return body
