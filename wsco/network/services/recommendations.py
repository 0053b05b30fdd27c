"""Recommendations: the matching index built from members' profiles, and their stored suggestions.

The engine (`wsco.network.matching`) works on plain dataclasses; this module turns profile rows
into them (`engine_profile`), keeps the index file up to date (`index_file`), and stores
each consenting member's best matches as `Suggestion` rows with the engine's reasons as data.

- `rebuild_index()` (the `network_rebuild` command): every consenting member, from scratch.
- `refresh_member_vector(profile_id=...)` (the `refresh_member_vector` task, queued by the
  profile service after an edit): that member's vector, their suggestions, and the suggestions of
  the members they match best, since a score is the same both ways.
- `suggest_people_for(themes=..., text=..., limit=...)`: who should work on a project, a working
  group or an audit's weakest themes.

Where things live, and why: the index is a file under `VAR_DIR` (see `index_file`), written
atomically under a lock by the task worker and the command; the suggestions are database rows.
Pages and the API read rows, so every web worker, on any number of machines, shows the same
suggestions without loading the index or NumPy, with the query count of any list page, and
re-checks exclusions (blocks, requests, "Not interested") in the same query, so they apply at
once. Only `suggest_people_for` reads the index in a web process, reloading it when the file
changes; on several machines it needs the file shared (or the call made from a task).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from wsco.members.models import AREA_OF_TYPE, Profile
from wsco.network import matching
from wsco.network.explanations import render_reasons
from wsco.network.index_file import current_index, delete_index, exclusive, write_index
from wsco.network.models import Suggestion
from wsco.network.page_parts import all_suggestions_changed, network_changed
from wsco.network.queries import exclusion_map, is_recommendable, recommendable_profiles

# Rows kept per member: the page shows 10 and the home panel 3; the rest stand in for the
# ones a member dismisses or asks to meet before the next refresh.
SUGGESTIONS_KEPT = 20
# After one member changes, the members they match best are refreshed too: the score is
# symmetric, so they are the ones whose lists the change can enter.
NEIGHBOURS_REFRESHED = 20
BATCH = 500


def engine_profile(profile: Profile) -> matching.Profile:
    """Return `profile` as the matching engine sees it: themes, texts and areas, nothing else.

    The engine's "sector" is the organization's broad area (industry, public sector, academia,
    ...), which the network prefers to differ from the member's own.
    """
    organization = profile.organization
    organization_type = organization.type if organization else ""
    return matching.Profile(
        id=profile.pk,
        organization_id=organization.pk if organization else None,
        organization_type=organization_type,
        sector=str(AREA_OF_TYPE.get(organization_type, "")) if organization else "",
        country=profile.country.code or "",
        themes_of_interest=frozenset(theme.slug for theme in profile.themes_of_interest.all()),
        themes_of_expertise=frozenset(theme.slug for theme in profile.themes_of_expertise.all()),
        offers=profile.offers,
        looks_for=profile.looks_for,
    )


def engine_profiles(profiles: QuerySet[Profile]) -> list[matching.Profile]:
    """Return the engine's view of each of `profiles`, in four queries whatever their number."""
    profiles = (
        profiles.select_related("organization")
        .prefetch_related("themes_of_interest", "themes_of_expertise")
        .order_by("pk")
    )
    # pragma: no mutate: the size of the chunks read changes no result.
    return [engine_profile(profile) for profile in profiles.iterator(chunk_size=2000)]


def _is_indexed(index: matching.MatchingIndex, profile_id: int) -> bool:
    row = index.row_of.get(profile_id)
    return row is not None and bool(index.alive[row])


def rebuild_index() -> int:
    """Build the index of every consenting member again, and store everybody's suggestions.

    Returns the number of members in the index.
    """
    # Read the profiles under the lock too: a member's update that lands meanwhile then waits
    # for the new file instead of being overwritten by an older read.
    with exclusive():
        profiles = engine_profiles(recommendable_profiles())
        if not profiles:
            delete_index()
            index = None
        else:
            index = matching.MatchingIndex.build(profiles)
            write_index(index)
    if index is None:
        Suggestion.objects.all().delete()
        all_suggestions_changed()
        return 0
    profile_ids = [profile.id for profile in profiles]
    for start in range(0, len(profile_ids), BATCH):
        # Everybody's pieces end once below, rather than one member's at a time.
        refresh_suggestions(
            profile_ids=profile_ids[start : start + BATCH], index=index, mark_each=False
        )
    Suggestion.objects.exclude(profile__in=recommendable_profiles()).delete()
    all_suggestions_changed()
    return len(profile_ids)


def refresh_member_vector(*, profile_id: int) -> None:
    """Bring one member's vector and suggestions up to date after their profile changed.

    A member who no longer takes part (hidden, no consent, membership over, account gone) leaves
    the index and everybody's suggestions.
    """
    profile = (
        Profile.objects.select_related("organization")
        .prefetch_related("themes_of_interest", "themes_of_expertise")
        .filter(pk=profile_id)
        .first()
    )
    taking_part = profile is not None and is_recommendable(profile)
    if current_index() is None:
        if taking_part:
            rebuild_index()
        return
    with exclusive():
        index = current_index()
        if index is None:  # removed meanwhile: no member takes part any more
            return
        if taking_part:
            index.upsert(engine_profile(profile))
        else:
            index.remove(profile_id)
        write_index(index)
    if not taking_part:
        Suggestion.objects.filter(Q(profile_id=profile_id) | Q(suggested_id=profile_id)).delete()
        all_suggestions_changed()  # They leave everybody's suggestions.
        return
    # pragma: no mutate: only the ids are used, so `explain` changes no result.
    neighbours = [
        recommendation.profile_id
        for recommendation in index.recommend(profile_id, k=NEIGHBOURS_REFRESHED, explain=False)
    ]
    refresh_suggestions(profile_ids=[profile_id, *neighbours], index=index)


def refresh_suggestions(
    *,
    profile_ids: Iterable[int],
    index: matching.MatchingIndex | None = None,
    mark_each: bool = True,
) -> None:
    """Compute and store the suggestions of the given members (replacing what was stored).

    `mark_each`: end each member's cached network pieces (`page_parts`); a caller storing
    everybody's says False and ends them all at once.
    """
    index = index or current_index()
    profile_ids = list(profile_ids)
    if index is None or not profile_ids:
        return
    indexed = [profile_id for profile_id in profile_ids if _is_indexed(index, profile_id)]
    # Members are searched together, a group at a time, which is several times faster than one
    # by one; the reasons are computed only for the rows kept.
    found = index.recommend_all(
        k=SUGGESTIONS_KEPT, exclude=exclusion_map(indexed), profile_ids=indexed, explain=True
    )
    now = timezone.now()
    rows = [
        Suggestion(
            profile_id=profile_id,
            suggested_id=recommendation.profile_id,
            rank=rank,
            score=recommendation.score,
            reasons=[dict(reason) for reason in recommendation.reasons],
            computed_at=now,
        )
        for profile_id in indexed
        for rank, recommendation in enumerate(found.get(profile_id, []), start=1)
    ]
    with transaction.atomic():
        # Two workers refreshing the same member would both delete, then both insert: locking
        # the members' rows (in a fixed order) makes the second wait and replace the first's.
        # pragma: no mutate: SQLite, which the mutation runner uses, locks no row.
        list(
            Profile.objects.select_for_update()
            .filter(pk__in=profile_ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Suggestion.objects.filter(profile_id__in=profile_ids).delete()
        Suggestion.objects.bulk_create(rows, batch_size=1000)  # pragma: no mutate (batch size)
        if mark_each:
            network_changed(*profile_ids)


@dataclass
class PersonMatch:
    """A member who could work on something, with why, in words."""

    profile: Profile
    score: float
    reasons: list[str] = field(default_factory=list)


def suggest_people_for(
    *,
    themes: Iterable,
    text: str = "",
    limit: int = 10,
    exclude: Iterable[int] = (),
    candidates: Iterable[int] | None = None,
) -> list[PersonMatch]:
    """Return the consenting members best placed to work on something with `themes` and `text`.

    `themes` are theme slugs or `Theme` rows (a project's, a working group's, an audit's weakest);
    `text` says what it needs. Members in `exclude` (profile ids) are left out; with
    `candidates` (profile ids), only those are considered (the ones a viewer may see, say).
    """
    index = current_index()
    if index is None or limit <= 0:
        return []
    subject = matching.Subject(
        themes=frozenset(getattr(theme, "slug", theme) for theme in themes), text=text
    )
    pool = None if candidates is None else set(candidates)
    if pool is not None and not pool:
        return []
    recommendations = index.recommend_for_subject(
        subject, k=limit, exclude=set(exclude), candidates=pool
    )
    profiles = (
        recommendable_profiles()
        .select_related("organization")
        .in_bulk([recommendation.profile_id for recommendation in recommendations])
    )
    return [
        PersonMatch(
            profile=profiles[recommendation.profile_id],
            score=recommendation.score,
            reasons=render_reasons(recommendation.reasons),
        )
        for recommendation in recommendations
        if recommendation.profile_id in profiles
    ]
