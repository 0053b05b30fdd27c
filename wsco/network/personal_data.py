"""The network's share of a person's data: what the data export holds, and what erasing does.

Registered with the accounts app's registry (`wsco.accounts.personal_data.register_section`)
in `NetworkConfig.ready()`.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wsco.accounts.models import User
from wsco.network.models import (
    Block,
    Connection,
    DismissedSuggestion,
    Introduction,
    Message,
    Report,
)

DELETES = _("your introductions, connections, messages, blocks and reports")


def export_network_data(user: User) -> dict:
    """Return the person's network data; other people appear by name only."""
    profile = getattr(user, "profile", None)
    if profile is None:
        return {}
    introductions = Introduction.objects.involving(profile).select_related("sender", "recipient")
    connections = Connection.objects.filter(Q(first=profile) | Q(second=profile)).select_related(
        "first", "second"
    )
    return {
        "introductions": [
            {
                "with": introduction.other(profile).name,
                "asked_by_you": introduction.sender_id == profile.pk and not introduction.by_staff,
                "introduced_by_the_secretariat": introduction.by_staff,
                "message": introduction.message,
                "status": introduction.status,
                "created_at": introduction.created_at,
                "answered_at": introduction.answered_at,
            }
            for introduction in introductions
        ],
        "connections": [
            {
                "with": connection.other(profile).name,
                "created_at": connection.created_at,
                "ended_at": connection.ended_at,
            }
            for connection in connections
        ],
        "messages_sent": [
            {
                "to": message.connection.other(profile).name,
                "body": message.body,
                "at": message.sent_at,
            }
            for message in Message.objects.filter(sender=profile).select_related(
                "connection__first", "connection__second"
            )
        ],
        "blocked": [
            {"name": block.blocked.name, "at": block.created_at}
            for block in Block.objects.filter(blocker=profile).select_related("blocked")
        ],
        "reports_made": [
            {
                "about": report.reported.name,
                "reason": report.reason,
                "details": report.details,
                "at": report.created_at,
            }
            for report in Report.objects.filter(reporter=profile).select_related("reported")
        ],
        "not_interested_in": [
            dismissal.dismissed.name
            for dismissal in DismissedSuggestion.objects.filter(profile=profile).select_related(
                "dismissed"
            )
        ],
    }


def erase_network_data(user: User) -> None:
    """Take the person out of the matching index once their account is gone.

    Their introductions, connections, messages, blocks, reports and suggestions go with their
    profile (the foreign keys cascade); the index file is refreshed after the commit.
    """
    profile = getattr(user, "profile", None)
    if profile is not None:
        from wsco.network.tasks import queue_vector_refresh

        queue_vector_refresh(profile_id=profile.pk)
