"""The working groups' kinds of notification, registered by `GroupsConfig.ready()`."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wsco.notifications.kinds import Kind

EMAIL = "notifications/email/notification"


def _group(params: dict) -> str:
    return reverse("groups:group", kwargs={"slug": params["slug"]})


def _meeting(params: dict) -> str:
    return reverse("groups:meeting", kwargs={"pk": params["meeting"]})


def _problem(params: dict) -> str:
    return reverse("groups:problem", kwargs={"pk": params["problem"]})


def _join_decided(params: dict) -> str:
    if params["approved"]:
        return _("You are now a member of %(group)s") % params
    return _("Your request to join %(group)s was declined") % params


KINDS = [
    Kind(
        name="groups.join_requested",
        label=gettext_lazy("Someone asks to join a group you chair"),
        title=lambda params: _("A member asks to join %(group)s") % params,
        link=_group,
        email_template=EMAIL,
        order=1,
    ),
    Kind(
        name="groups.join_decided",
        label=gettext_lazy("Your request to join a group is decided"),
        title=_join_decided,
        link=_group,
        email_template=EMAIL,
        order=2,
    ),
    Kind(
        name="groups.invited",
        label=gettext_lazy("You are invited to a working group"),
        title=lambda params: _("You are invited to join %(group)s") % params,
        link=_group,
        email_template=EMAIL,
        order=3,
    ),
    Kind(
        name="groups.meeting_scheduled",
        label=gettext_lazy("A group of yours schedules a meeting"),
        title=lambda params: _("%(group)s meets: %(title)s") % params,
        link=_meeting,
        email_template=EMAIL,
        order=4,
    ),
    Kind(
        name="groups.solution_accepted",
        label=gettext_lazy("The group accepts your solution"),
        title=lambda params: _("The group accepted your solution “%(title)s”") % params,
        link=_problem,
        email_template=EMAIL,
        order=5,
    ),
    Kind(
        name="groups.action_assigned",
        label=gettext_lazy("A meeting gives you an action"),
        title=lambda params: _("Your action, due %(due)s: %(title)s") % params,
        link=_meeting,
        email_template=EMAIL,
        order=6,
    ),
    Kind(
        name="groups.action_due",
        label=gettext_lazy("An action of yours is due"),
        title=lambda params: _("Reminder: “%(title)s” is due %(due)s") % params,
        link=_meeting,
        email_template=EMAIL,
        order=7,
    ),
    Kind(
        name="groups.follow_up_due",
        label=gettext_lazy("A decision maker's commitment is due for follow-up"),
        title=lambda params: _("Follow up with %(given_by)s on “%(title)s”") % params,
        link=_problem,
        email_template=EMAIL,
        order=8,
    ),
]
