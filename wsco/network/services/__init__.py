"""Every write of the network: introductions and connections (`introductions`), and the
matching index with its stored suggestions (`recommendations`).

The recommendation services load NumPy and scikit-learn (about 1.5 s), which pages never need:
they are imported on first use, so that web workers and commands start without them.
"""

from importlib import import_module

from wsco.network.services.introductions import (
    accept_introduction,
    block_member,
    decline_introduction,
    dismiss_suggestion,
    introduce_members,
    refusal_to_ask,
    report_member,
    request_introduction,
    resolve_report,
    restore_suggestion,
    send_message,
    unblock_member,
    withdraw_introduction,
)

RECOMMENDATION_SERVICES = {
    "PersonMatch",
    "rebuild_index",
    "refresh_member_vector",
    "refresh_suggestions",
    "suggest_people_for",
}


def __getattr__(name: str):
    if name in RECOMMENDATION_SERVICES:
        return getattr(import_module("wsco.network.services.recommendations"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    "refusal_to_ask",
    "report_member",
    "request_introduction",
    "resolve_report",
    "restore_suggestion",
    "send_message",
    "suggest_people_for",
    "unblock_member",
    "withdraw_introduction",
]
