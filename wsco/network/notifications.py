"""The network's kinds of notification: requests and their answers, introductions, messages.

`NetworkConfig.ready()` registers them (`register_kinds(KINDS)`); the services send them
with `notify`.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wsco.notifications.kinds import Kind


def _requests(params: dict) -> str:
    return reverse("network:requests")


def _thread(params: dict) -> str:
    return reverse("network:thread", kwargs={"pk": params["connection"]})


KINDS = [
    Kind(
        name="network.request_received",
        label=gettext_lazy("A member asks to meet you"),
        title=lambda params: _("%(name)s would like to meet you") % params,
        link=_requests,
        email_template="network/email/request_received",
        order=20,
    ),
    Kind(
        name="network.staff_introduction",
        label=gettext_lazy("The secretariat introduces you to a member"),
        title=lambda params: _("The secretariat would like you to meet %(name)s") % params,
        link=_requests,
        email_template="network/email/staff_introduction",
        order=21,
    ),
    Kind(
        name="network.request_accepted",
        label=gettext_lazy("An introduction is accepted"),
        title=lambda params: _("You and %(name)s are now connected") % params,
        link=_thread,
        email_template="network/email/request_accepted",
        order=22,
    ),
    Kind(
        name="network.request_declined",
        label=gettext_lazy("Your request to meet is declined"),
        title=lambda params: _("%(name)s declined your request to meet") % params,
        link=_requests,
        email_template="notifications/email/notification",
        # Declining is quiet by design: the asker finds it among their sent requests.
        email_default=False,
        order=23,
    ),
    Kind(
        name="network.message_received",
        label=gettext_lazy("A connection writes to you"),
        title=lambda params: _("%(name)s sent you a message") % params,
        link=_thread,
        email_template="notifications/email/notification",
        order=24,
    ),
]
