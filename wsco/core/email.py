"""Compose the platform's emails in the recipient's language and queue them for sending."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from wsco.core.tasks import send_email


def queue_email(
    *, to: str | list[str], template: str, context: dict, language: str | None = None
) -> None:
    """Render `template`_subject.txt and `template`.txt and queue them once the change commits.

    `template` names a pair such as "members/email/application_approved"; the subject file holds
    one line. The email is rendered at once, in `language` (the site's default when not given),
    with `SITE_URL` in the context for absolute links; it is queued when the current transaction
    commits (at once outside one), so that a change refused or rolled back sends nothing.
    """
    recipients = [to] if isinstance(to, str) else list(to)
    context = {"SITE_URL": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
    subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}"
    transaction.on_commit(lambda: send_email.enqueue(to=recipients, subject=subject, text=text))
