"""Compose the platform's emails in the recipient's language and queue them for sending."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from wsco.core.tasks import send_email


def queue_email(
    *, to: str | list[str], template: str, context: dict, language: str | None = None
) -> None:
    """Render `template`_subject.txt and `template`.txt (and .html if present) and queue them.

    `template` names a pair such as "members/email/application_approved"; the subject file holds
    one line. The email is rendered in `language` (the site's default when not given), with
    `SITE_URL` in the context for absolute links.
    """
    recipients = [to] if isinstance(to, str) else list(to)
    context = {"SITE_URL": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
    send_email.enqueue(
        to=recipients, subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", text=text
    )
