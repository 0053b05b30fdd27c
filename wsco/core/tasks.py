"""Background tasks of the core app: sending email."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import TaskContext, task

from wsco.tasks.services import run_once


@task(takes_context=True)
def send_email(
    context: TaskContext, *, to: list[str], subject: str, text: str, html: str = ""
) -> None:
    """Send one email (queued, so that a slow mail server never slows a page), once per task.

    A task run again after its worker died does not send what an earlier attempt sent; the
    Message-ID, the same on every attempt, lets mail systems drop a copy sent in the instant
    between the server's acceptance and the record of it.
    """
    domain = urlsplit(settings.SITE_URL).hostname or "wsco.invalid"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=to,
        headers={"Message-ID": f"<{context.task_result.id}.email@{domain}>"},
    )
    if html:
        message.attach_alternative(html, "text/html")
    run_once(context=context, key="email", effect=message.send)
