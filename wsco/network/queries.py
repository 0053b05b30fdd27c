"""Reads of the network: who may be recommended, who must not be, and the lists on its pages."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, F, Q, QuerySet
from django.db.models.expressions import RawSQL

from wsco.members.models import Organization, Profile, Visibility
from wsco.network.models import (
    Block,
    Connection,
    DismissedSuggestion,
    Introduction,
    IntroductionStatus,
    Suggestion,
)

# Introductions that keep two people out of each other's suggestions: one is waiting for an
# answer (it shows under requests), or one of them said no.
EXCLUDING_STATUSES = [IntroductionStatus.PENDING, IntroductionStatus.DECLINED]


def recommendable_profiles() -> QuerySet[Profile]:
    """Return the profiles the network may suggest: current, consenting, not hidden members."""
    return Profile.objects.filter(is_member=True, recommend_consent=True).exclude(
        visibility=Visibility.HIDDEN
    )


def is_recommendable(profile: Profile) -> bool:
    """Say whether `profile` takes part in recommendations (both ways)."""
    return (
        profile.is_member and profile.recommend_consent and profile.visibility != Visibility.HIDDEN
    )


def exclusion_map(profile_ids: Iterable[int] | None = None) -> dict[int, set[int]]:
    """Return, for each member (of `profile_ids`, or all), the people never to suggest to them.

    Connections, blocks (either way), open or declined introductions (either way) and the
    member's "not interested". Their own organization is left to the engine.
    """
    ids = None if profile_ids is None else list(profile_ids)
    excluded: dict[int, set[int]] = defaultdict(set)

    def pairs(queryset, first: str, second: str, *, both_ways: bool = True) -> None:
        if ids is not None:
            condition = Q(**{f"{first}__in": ids})
            if both_ways:
                condition |= Q(**{f"{second}__in": ids})
            queryset = queryset.filter(condition)
        for one, other in queryset.values_list(first, second).iterator(chunk_size=5000):
            excluded[one].add(other)
            if both_ways:
                excluded[other].add(one)

    pairs(Connection.objects.active(), "first_id", "second_id")
    pairs(Block.objects.all(), "blocker_id", "blocked_id")
    pairs(Introduction.objects.filter(status__in=EXCLUDING_STATUSES), "sender_id", "recipient_id")
    pairs(DismissedSuggestion.objects.all(), "profile_id", "dismissed_id", both_ways=False)
    return excluded


def _excluded_for(profile: Profile) -> RawSQL:
    """Return a condition on a suggestion: `profile` must not be shown its suggested person.

    A live connection, a block (either way), an open or declined introduction (either way), or
    "Not interested". Written as SQL: the same four subqueries built with `Exists` cost the
    ORM ten times longer to compile than the database takes to run them.
    """
    quote = connection.ops.quote_name
    tables = {
        name: quote(model._meta.db_table)
        for name, model in [
            ("connection", Connection),
            ("block", Block),
            ("introduction", Introduction),
            ("dismissed", DismissedSuggestion),
        ]
    }
    other = f"{quote(Suggestion._meta.db_table)}.{quote('suggested_id')}"
    statuses = ", ".join(["%s"] * len(EXCLUDING_STATUSES))
    sql = (
        f"EXISTS (SELECT 1 FROM {tables['connection']} c WHERE c.ended_at IS NULL"
        f" AND ((c.first_id = %s AND c.second_id = {other})"
        f" OR (c.second_id = %s AND c.first_id = {other})))"
        f" OR EXISTS (SELECT 1 FROM {tables['block']} b"
        f" WHERE (b.blocker_id = %s AND b.blocked_id = {other})"
        f" OR (b.blocked_id = %s AND b.blocker_id = {other}))"
        f" OR EXISTS (SELECT 1 FROM {tables['introduction']} i WHERE i.status IN ({statuses})"
        f" AND ((i.sender_id = %s AND i.recipient_id = {other})"
        f" OR (i.recipient_id = %s AND i.sender_id = {other})))"
        f" OR EXISTS (SELECT 1 FROM {tables['dismissed']} d"
        f" WHERE d.profile_id = %s AND d.dismissed_id = {other})"
    )
    pk = profile.pk
    params = [pk, pk, pk, pk, *EXCLUDING_STATUSES, pk, pk, pk]
    return RawSQL(sql, params, output_field=BooleanField())


def visible_suggestions(profile: Profile) -> QuerySet[Suggestion]:
    """Return `profile`'s stored suggestions that still hold, best first, in one query.

    The stored rows are the engine's last answer; this re-checks every exclusion against the
    rows as they are now, so a block, a request or "Not interested" takes effect at once, even
    before the suggestions are computed again.
    """
    suggestions = (
        Suggestion.objects.filter(
            profile=profile,
            suggested__is_member=True,
            suggested__recommend_consent=True,
        )
        .exclude(suggested__visibility=Visibility.HIDDEN)
        .exclude(_excluded_for(profile))
        .select_related("suggested", "suggested__organization")
        .order_by("rank")
    )
    if profile.organization_id:
        suggestions = suggestions.exclude(suggested__organization_id=profile.organization_id)
    return suggestions


@dataclass
class OrganizationToMeet:
    """An organization whose people the member should meet, ranked by its best person."""

    organization: Organization
    people: list[Profile] = field(default_factory=list)


def organizations_to_meet(
    suggestions: Iterable[Suggestion], limit: int = 5
) -> list[OrganizationToMeet]:
    """Return the organizations of the suggested people, in the order of their best person."""
    found: dict[int, OrganizationToMeet] = {}
    for suggestion in suggestions:
        organization = suggestion.suggested.organization
        if organization is None:
            continue
        entry = found.setdefault(organization.pk, OrganizationToMeet(organization))
        entry.people.append(suggestion.suggested)
    return list(found.values())[:limit]


def received_requests(profile: Profile) -> QuerySet[Introduction]:
    """Return the open introductions waiting for `profile`'s answer."""
    waiting = Q(recipient=profile, recipient_accepted=False) | Q(
        sender=profile, sender_accepted=False
    )
    return (
        Introduction.objects.pending()
        .filter(waiting)
        .select_related("sender", "sender__organization", "recipient", "recipient__organization")
    )


def sent_requests(profile: Profile) -> QuerySet[Introduction]:
    """Return the requests `profile` made, and staff introductions they already accepted."""
    mine = Q(sender=profile, introduced_by__isnull=True) | (
        Q(introduced_by__isnull=False)
        & (Q(sender=profile, sender_accepted=True) | Q(recipient=profile, recipient_accepted=True))
    )
    return Introduction.objects.filter(mine).select_related(
        "sender", "sender__organization", "recipient", "recipient__organization"
    )


def connections_of(profile: Profile) -> QuerySet[Connection]:
    """Return `profile`'s live connections, newest activity first, with both people's details."""
    return (
        Connection.objects.of(profile)
        .select_related(
            "first__user", "first__organization", "second__user", "second__organization"
        )
        .order_by(F("last_message_at").desc(nulls_last=True), "-created_at", "-pk")
    )


def dismissed_by(profile: Profile) -> QuerySet[DismissedSuggestion]:
    """Return the people `profile` said "Not interested" to, the latest first."""
    return (
        DismissedSuggestion.objects.filter(profile=profile)
        .select_related("dismissed", "dismissed__organization")
        .order_by("-created_at", "-pk")
    )


def blocked_by(profile: Profile) -> QuerySet[Block]:
    """Return the people `profile` has blocked."""
    return Block.objects.filter(blocker=profile).select_related("blocked", "blocked__organization")
