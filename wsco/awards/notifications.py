"""The awards' kinds of notification: a nomination screened (for its nominator, for its
seconders), the results announced (to both).

`AwardsConfig.ready()` registers them (`register_kinds(KINDS)`).
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wsco.notifications.kinds import Kind

EMAIL = "notifications/email/notification"


def _screened(params: dict) -> str:
    if params["eligible"]:
        return _("Your nomination of %(nominee)s is eligible") % params
    return _("Your nomination of %(nominee)s is not eligible") % params


def _seconded_screened(params: dict) -> str:
    if params["eligible"]:
        return _("A nomination you seconded, of %(nominee)s, is eligible") % params
    return _("A nomination you seconded, of %(nominee)s, is not eligible") % params


def _announced(params: dict) -> str:
    if params["award"] == "winner":
        return _("%(nominee)s won the %(year)s Smart City Industry Awards") % params
    return _("%(nominee)s is a finalist of the %(year)s Smart City Industry Awards") % params


KINDS = [
    Kind(
        name="awards.screened",
        label=gettext_lazy("A nomination of yours was screened"),
        title=_screened,
        link=lambda params: reverse("awards:nomination", kwargs={"pk": params["pk"]}),
        email_template=EMAIL,
        order=700,
    ),
    Kind(
        name="awards.seconded_screened",
        label=gettext_lazy("A nomination you seconded was screened"),
        title=_seconded_screened,
        link=lambda params: reverse("awards:mine"),
        email_template=EMAIL,
        order=705,
    ),
    Kind(
        name="awards.announced",
        label=gettext_lazy("A nominee of yours won or reached the final"),
        title=_announced,
        link=lambda params: reverse(
            "awards:category", kwargs={"year": params["year"], "slug": params["slug"]}
        ),
        email_template=EMAIL,
        order=710,
    ),
]
