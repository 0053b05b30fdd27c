"""Keep each member's network pieces cached until what they show changes.

A member's people to meet (suggestions, organizations, requests waiting, dismissals) and their
connections are kept by `page_cache.cached_part` under the member's own data set
(`member_data_set`), keyed by the member, and ended as well by the shared data sets they show:

- the member's own data set: their suggestions computed again, a connection made, ended or
  messaged, a block, an introduction, a "Not interested" (either person of a pair), and a
  change to a connection's account (its email is shown);
- `DIRECTORY` (`wsco.members.directory_changes`): a change to any profile, organization,
  membership or theme, which is what the suggested people's and connections' cards show;
- `SUGGESTIONS`: everybody's suggestions at once (the index rebuilt, a member leaving it).

Saves and deletes of connections, blocks, introductions and dismissals reach this module
through signals; the services that write suggestions, or write with `update()`, call
`network_changed` themselves.
"""

import hashlib

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from wsco.core.page_cache import cached_part, mark_changed
from wsco.members.directory_changes import DIRECTORY

SUGGESTIONS = "network:suggestions"


def member_data_set(profile_id: int) -> str:
    """Return the name of the data set of `profile_id`'s own network pieces."""
    return f"network:member:{profile_id}"


def network_changed(*profile_ids: int) -> None:
    """Mark changed the network pieces of each member of `profile_ids`."""
    mark_changed(*(member_data_set(profile_id) for profile_id in sorted(set(profile_ids))))


def all_suggestions_changed() -> None:
    """Mark changed every member's suggestions (the index rebuilt, a member gone from it)."""
    mark_changed(SUGGESTIONS)


def member_data_sets(profile_id: int) -> list[str]:
    """Return the data sets whose change ends `profile_id`'s network pieces, their own first."""
    return [member_data_set(profile_id), DIRECTORY, SUGGESTIONS]


def member_part(request, *, piece: str, profile, render, variant: str = "") -> str:
    """Return `piece` of `profile`'s own page as `render(extra_context)` builds it, from the cache.

    `variant` says whatever else the piece depends on (the page number and query, the
    member's state).
    """
    user = request.user
    variant = hashlib.sha256(variant.encode()).hexdigest()
    own, *shared = member_data_sets(profile.pk)
    return cached_part(
        request,
        data_set=own,
        key=f"network:{piece}:{profile.pk}:{user.pk}:{user.is_staff}:{variant}",
        render=render,
        facets=shared,
    )


# The two people of each row the pieces show, by model (filled by `connect`).
_PAIRS: dict[type, tuple[str, str]] = {}


def _pair_changed(sender, instance, **_signal_arguments) -> None:
    first, second = _PAIRS[sender]
    network_changed(getattr(instance, first), getattr(instance, second))


def _account_changed(sender, instance, update_fields=None, **_signal_arguments) -> None:
    """Mark changed the connections of a member whose account changed (their email is shown)."""
    from wsco.members.models import Profile
    from wsco.network.models import Connection

    if not settings.PAGE_CACHE_SECONDS:
        return  # Nothing is kept: no query to find whose pieces to end.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # Signing in changes nothing the pieces show.
    profile_id = Profile.objects.filter(user_id=instance.pk).values_list("pk", flat=True).first()
    if profile_id is None:
        return
    pairs = Connection.objects.filter(Q(first_id=profile_id) | Q(second_id=profile_id))
    others = [
        second if first == profile_id else first
        for first, second in pairs.values_list("first_id", "second_id")
    ]
    network_changed(profile_id, *others)


def connect() -> None:
    """Connect the receivers to the signals of every model the pieces show."""
    from django.contrib.auth import get_user_model

    from wsco.network.models import Block, Connection, DismissedSuggestion, Introduction

    _PAIRS.update(
        {
            Connection: ("first_id", "second_id"),
            Block: ("blocker_id", "blocked_id"),
            Introduction: ("sender_id", "recipient_id"),
            DismissedSuggestion: ("profile_id", "dismissed_id"),
        }
    )
    for model in _PAIRS:
        for signal in (post_save, post_delete):
            signal.connect(_pair_changed, sender=model, dispatch_uid=f"network-parts-{model}")
    post_save.connect(
        _account_changed, sender=get_user_model(), dispatch_uid="network-parts-account"
    )
