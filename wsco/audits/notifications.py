"""The audits app's kinds of notification: an audit that waits for someone to act on it.

`AuditsConfig.ready()` registers them (`register_kinds(KINDS)`).
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wsco.notifications.kinds import Kind


def _audit(params: dict) -> str:
    return reverse("audits:audit", kwargs={"pk": params["audit"]})


KINDS = [
    Kind(
        name="audits.submitted",
        label=gettext_lazy("A city submits an audit you verify"),
        title=lambda params: (
            _("%(city)s submitted its audit of %(year)s for verification") % params
        ),
        link=_audit,
        email_template="notifications/email/notification",
        order=1,
    ),
]
