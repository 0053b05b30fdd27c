"""The audits' kinds of notification: an audit, step by step, tells whoever acts next.

The auditors (or staff) of an audit submitted, the city's officials of a query to answer, the
auditor of an answer to read, the second auditor of a signature to add, staff of an audit to
publish. `AuditsConfig.ready()` registers them (`register_kinds(KINDS)`).
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wsco.audits.models import AuditStatus
from wsco.notifications.kinds import Kind

EMAIL = "notifications/email/notification"


def _page(name: str):
    return lambda params: reverse(name, kwargs={"pk": params["audit"]})


def _step_taken(params: dict) -> str:
    # The state is stored as its key and named in the reader's language.
    state = str(AuditStatus(params["state"]).label).lower()
    return _("The audit of %(city)s, %(year)s is now %(state)s") % {**params, "state": state}


KINDS = [
    Kind(
        name="audits.query_raised",
        label=gettext_lazy("An auditor asks about your city's audit"),
        title=lambda params: (
            _("An auditor asks about %(subject)s in the audit of %(city)s") % params
        ),
        link=_page("audits:queries"),
        email_template=EMAIL,
        order=1,
    ),
    Kind(
        name="audits.query_answered",
        label=gettext_lazy("The city answers your query"),
        title=lambda params: _("%(city)s answered your query about %(subject)s") % params,
        link=_page("audits:verification"),
        email_template=EMAIL,
        order=2,
    ),
    Kind(
        name="audits.query_reopened",
        label=gettext_lazy("An auditor is not satisfied with an answer"),
        title=lambda params: (
            _("The query about %(subject)s in the audit of %(city)s is open again") % params
        ),
        link=_page("audits:queries"),
        email_template=EMAIL,
        order=3,
    ),
    Kind(
        name="audits.step_taken",
        label=gettext_lazy("An audit you work on changes state"),
        title=_step_taken,
        link=_page("audits:audit"),
        email_template=EMAIL,
        order=4,
    ),
    Kind(
        name="audits.signature_needed",
        label=gettext_lazy("An audit awaits your signature"),
        title=lambda params: (
            _("The verification of %(city)s, %(year)s awaits a second auditor's signature") % params
        ),
        link=_page("audits:verification"),
        email_template=EMAIL,
        order=5,
    ),
    Kind(
        name="audits.correction_opened",
        label=gettext_lazy("A published audit is corrected"),
        title=lambda params: _("A correction of the audit of %(city)s, %(year)s is open") % params,
        link=_page("audits:audit"),
        email_template=EMAIL,
        order=6,
    ),
    Kind(
        name="audits.submitted",
        label=gettext_lazy("A city submits an audit you verify"),
        title=lambda params: (
            _("%(city)s submitted its audit of %(year)s for verification") % params
        ),
        link=_page("audits:audit"),
        email_template=EMAIL,
        order=0,
    ),
]
