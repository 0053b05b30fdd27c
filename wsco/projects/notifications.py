"""The projects' kinds of notification: reminders of milestones, gates decided, invitations.

`ProjectsConfig.ready()` registers them (`register_kinds(KINDS)`).
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wsco.notifications.kinds import Kind
from wsco.projects.models import Decision, InvitationStatus, Stage

EMAIL = "notifications/email/notification"


def _project(name: str = "projects:project"):
    return lambda params: reverse(name, kwargs={"slug": params["slug"]})


def _milestone_due(params: dict) -> str:
    return (
        ngettext(
            "“%(milestone)s” of %(project)s is due in %(days)s day",
            "“%(milestone)s” of %(project)s is due in %(days)s days",
            params["days"],
        )
        % params
    )


def _gate_decided(params: dict) -> str:
    return _("The %(stage)s gate of %(project)s: %(decision)s") % {
        "project": params["project"],
        "stage": str(Stage(params["stage"]).label).lower(),
        "decision": str(Decision(params["decision"]).label),
    }


def _answered(params: dict) -> str:
    if params["answer"] == InvitationStatus.ACCEPTED:
        return _("Your invitation to %(project)s was accepted") % params
    return _("Your invitation to %(project)s was declined") % params


KINDS = [
    Kind(
        name="projects.milestone_due",
        label=gettext_lazy("A milestone you own falls due soon"),
        title=_milestone_due,
        link=_project("projects:milestones"),
        email_template=EMAIL,
        order=1,
    ),
    Kind(
        name="projects.reviewer_named",
        label=gettext_lazy("You are named a reviewer of a project's gate"),
        title=lambda params: (
            _("You review the %(stage)s gate of %(project)s")
            % {**params, "stage": str(Stage(params["stage"]).label).lower()}
        ),
        link=_project("projects:gates"),
        email_template=EMAIL,
        order=2,
    ),
    Kind(
        name="projects.gate_decided",
        label=gettext_lazy("A gate of a project you run is decided"),
        title=_gate_decided,
        link=_project("projects:gates"),
        email_template=EMAIL,
        order=3,
    ),
    Kind(
        name="projects.invited",
        label=gettext_lazy("You are invited to join a project's team"),
        title=lambda params: _("You are invited to join the team of %(project)s") % params,
        link=lambda params: reverse("projects:invitations"),
        email_template=EMAIL,
        order=4,
    ),
    Kind(
        name="projects.invitation_answered",
        label=gettext_lazy("Someone answers your invitation to a project"),
        title=_answered,
        link=_project("projects:team"),
        email_template=EMAIL,
        order=5,
    ),
]
