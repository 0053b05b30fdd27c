"""The members' kinds of notification: decisions on applications and requests to join, renewal
reminders, and seats on an organization's membership.

`MembersConfig.ready()` registers them (`register_kinds(KINDS)`); the services send them
with `notify_person`.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wsco.members.models import Profile
from wsco.notifications.kinds import Kind
from wsco.notifications.services import notify


def _application(params: dict) -> str:
    return reverse("members:application", kwargs={"pk": params["application"]})


def _home(params: dict) -> str:
    return reverse("members:home")


def _approved(params: dict) -> str:
    if params["renewal"]:
        return _("Your renewal is approved: the fee to pay")
    return _("Welcome to WSCO: your application is approved")


def _renewal_reminder(params: dict) -> str:
    if params["offset"] > 0:
        return _("Your WSCO membership ends in 30 days")
    if params["offset"] == 0:
        return _("Your WSCO membership ends today")
    return _("Last reminder: renew your WSCO membership")


def _join_request_decided(params: dict) -> str:
    if params["approved"]:
        return _("You are listed with %(organization)s") % params
    return _("Your request to join %(organization)s was not approved") % params


def _seat_answered(params: dict) -> str:
    if params["accepted"]:
        return _("An invitation to your membership was accepted")
    return _("An invitation to your membership was declined")


KINDS = [
    Kind(
        name="members.application_info_requested",
        label=gettext_lazy("The secretariat asks about your application"),
        title=lambda params: _("A question about your membership application"),
        link=_application,
        email_template="members/email/application_info_requested",
        order=1,
    ),
    Kind(
        name="members.application_approved",
        label=gettext_lazy("Your application is approved"),
        title=_approved,
        link=_application,
        email_template="members/email/application_approved",
        order=2,
    ),
    Kind(
        name="members.application_rejected",
        label=gettext_lazy("Your application is not approved"),
        title=lambda params: _("Your membership application was not approved"),
        link=_application,
        email_template="members/email/application_rejected",
        order=3,
    ),
    Kind(
        name="members.renewal_reminder",
        label=gettext_lazy("Your membership is ending"),
        title=_renewal_reminder,
        link=_home,
        email_template="members/email/renewal_reminder",
        order=4,
    ),
    Kind(
        name="members.join_requested",
        label=gettext_lazy("Someone asks to join your organization"),
        title=lambda params: _("A request to join %(organization)s") % params,
        link=lambda params: reverse("members:join_requests"),
        email_template="members/email/join_requested",
        order=5,
    ),
    Kind(
        name="members.join_request_decided",
        label=gettext_lazy("Your request to join an organization is decided"),
        title=_join_request_decided,
        link=_home,
        email_template="members/email/join_request_decided",
        order=6,
    ),
    Kind(
        name="members.seat_invitation_answered",
        label=gettext_lazy("Someone answers an invitation to your membership"),
        title=_seat_answered,
        link=lambda params: reverse(
            "members:seat_invitations", kwargs={"pk": params["membership"]}
        ),
        email_template="members/email/seat_invitation_answered",
        order=7,
    ),
    Kind(
        name="members.seat_removed",
        label=gettext_lazy("An organization stops covering you"),
        title=lambda params: (
            _("You are no longer covered by the membership of %(organization)s") % params
        ),
        link=_home,
        email_template="members/email/seat_removed",
        order=8,
    ),
]


def notify_person(profile: Profile, kind: str, *, about, context: dict, **params) -> None:
    """Tell `profile`'s person of a members event; `context` is the email's (never stored)."""
    notify(
        recipient=profile.user,
        kind=kind,
        about=f"{about._meta.label_lower}:{about.pk}",
        email_context={"profile": profile, **context},
        **params,
    )
