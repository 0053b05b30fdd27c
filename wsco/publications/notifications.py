"""The magazine's kinds of notification: review requests and reminders, and each step of an
author's article (the editors' decisions among them).

`PublicationsConfig.ready()` registers them (`register_kinds(KINDS)`); the services send them
with `notify`.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wsco.notifications.kinds import Kind
from wsco.publications.models import ArticleEvent


def _review(params: dict) -> str:
    return reverse("publications:review", kwargs={"pk": params["review"]})


def _step(params: dict) -> str:
    return _('"%(title)s": %(step)s') % {
        "title": params["title"],
        "step": ArticleEvent.Action(params["action"]).label,
    }


def _review_reminder(params: dict) -> str:
    if params["overdue"]:
        return _('Overdue review: "%(title)s"') % params
    return _('Review due soon: "%(title)s"') % params


KINDS = [
    Kind(
        name="publications.article_update",
        label=gettext_lazy("Your article moves on (the editors' decisions included)"),
        title=_step,
        link=lambda params: reverse("publications:submission", kwargs={"pk": params["article"]}),
        email_template="publications/email/article_update",
        order=40,
    ),
    Kind(
        name="publications.review_requested",
        label=gettext_lazy("You are asked to review an article"),
        title=lambda params: _('Please review "%(title)s"') % params,
        link=_review,
        email_template="publications/email/review_requested",
        order=41,
    ),
    Kind(
        name="publications.review_reminder",
        label=gettext_lazy("A review of yours is due"),
        title=_review_reminder,
        link=_review,
        email_template="publications/email/review_reminder",
        order=42,
    ),
    Kind(
        name="publications.review_withdrawn",
        label=gettext_lazy("A review is no longer needed"),
        title=lambda params: _('You no longer need to review "%(title)s"') % params,
        link=_review,
        email_template="publications/email/review_withdrawn",
        order=43,
    ),
]
