"""Every write of the network: introductions and connections (`introductions`), and the
matching index with its stored suggestions (`recommendations`)."""

from wsco.network.services.introductions import (
    accept_introduction,
    block_member,
    decline_introduction,
    dismiss_suggestion,
    introduce_members,
    report_member,
    request_introduction,
    resolve_report,
    send_message,
    unblock_member,
    withdraw_introduction,
)
from wsco.network.services.recommendations import (
    PersonMatch,
    rebuild_index,
    refresh_member_vector,
    refresh_suggestions,
    suggest_people_for,
)

__all__ = [
    "PersonMatch",
    "accept_introduction",
    "block_member",
    "decline_introduction",
    "dismiss_suggestion",
    "introduce_members",
    "rebuild_index",
    "refresh_member_vector",
    "refresh_suggestions",
    "report_member",
    "request_introduction",
    "resolve_report",
    "send_message",
    "suggest_people_for",
    "unblock_member",
    "withdraw_introduction",
]
