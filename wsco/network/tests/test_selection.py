"""The engine's two hard rules on a top k, at their limits: never the member themselves (with or
without an organization), and at least half of it, rounded up, from another organization type.

Each population is made so that the quota decides: the member's own type scores better on every
count (the same themes as the member) than the other type (one theme in four in common, plus the
area bonuses: 1 x 0.5 + 0.3 + 0.1 = 0.9 < 1.0, with the default weights), so a top k left to the
scores would hold no other type at all. Every rule is checked on the three ways the engine
searches: exactly, in the nearest clusters, and for many members at once.
"""

import math

import pytest

from wsco.network.matching import MatchingIndex, Profile, SearchSettings, Weights
from wsco.network.matching.selection import choose

CLUSTERED = SearchSettings(exact_below=0, clusters=4, probes=4, rerank=150, group_probes=4)
SEARCHES = ["exact", "clusters", "everyone"]


def person(id, *, organization_id, organization_type="company", themes=("water",)):
    return Profile(
        id=id,
        organization_id=organization_id,
        organization_type=organization_type,
        sector="industry" if organization_type == "company" else "public",
        country="RO",
        themes_of_interest=frozenset(themes),
    )


def population(*, own_type: int, other_type: int, me_organization=1) -> list[Profile]:
    """Return member 0 (a company), `own_type` other companies and `other_type` city halls."""
    me = [person(0, organization_id=me_organization)]
    companies = [person(id, organization_id=100 + id) for id in range(1, own_type + 1)]
    city_halls = [
        person(
            id,
            organization_id=100 + id,
            organization_type="city_hall",
            themes=("water", "energy", "health", "housing"),
        )
        for id in range(own_type + 1, own_type + other_type + 1)
    ]
    return me + companies + city_halls


def top(profiles: list[Profile], search: str, *, k: int, member: int = 0) -> list[int]:
    """Return member's top `k` ids, found the way `search` names."""
    if search == "exact":
        index = MatchingIndex.build(profiles)
        return [r.profile_id for r in index.recommend(member, k=k, explain=False)]
    index = MatchingIndex.build(profiles, settings=CLUSTERED)
    if search == "clusters":
        return [r.profile_id for r in index.recommend(member, k=k, explain=False)]
    return [r.profile_id for r in index.recommend_all(k=k)[member]]


def city_halls(ids: list[int], profiles: list[Profile]) -> int:
    by_id = {profile.id: profile for profile in profiles}
    return sum(by_id[id].organization_type == "city_hall" for id in ids)


def test_the_scores_alone_would_leave_the_other_type_out():
    profiles = population(own_type=30, other_type=30)
    index = MatchingIndex.build(profiles, weights=Weights(other_type_share=0))
    found = [r.profile_id for r in index.recommend(0, k=10, explain=False)]
    assert city_halls(found, profiles) == 0


@pytest.mark.parametrize("search", SEARCHES)
@pytest.mark.parametrize(("k", "quota"), [(10, 5), (5, 3), (1, 1)])
def test_the_quota_is_half_of_k_rounded_up_and_no_more(search, k, quota):
    # ceil(0.5 x 10) = 5, ceil(0.5 x 5) = 3, ceil(0.5 x 1) = 1: one fewer would be a bug, and so
    # would one more, since a company scores better than any city hall.
    assert math.ceil(Weights().other_type_share * k) == quota
    profiles = population(own_type=30, other_type=30)
    found = top(profiles, search, k=k)
    assert len(found) == k
    assert city_halls(found, profiles) == quota


@pytest.mark.parametrize("search", SEARCHES)
def test_fewer_candidates_of_another_type_than_the_quota_all_come_in(search):
    profiles = population(own_type=30, other_type=4)
    found = top(profiles, search, k=10)
    assert len(found) == 10
    assert city_halls(found, profiles) == 4


@pytest.mark.parametrize("search", SEARCHES)
@pytest.mark.parametrize("organization", [1, None], ids=["with organization", "without"])
def test_a_member_is_never_suggested_to_themselves(search, organization):
    profiles = population(own_type=30, other_type=30, me_organization=organization)
    found = top(profiles, search, k=10)
    assert 0 not in found
    assert len(found) == 10


@pytest.mark.parametrize("search", SEARCHES)
def test_members_without_an_organization_are_suggested_to_each_other(search):
    # No organization is no shared organization: two such members may meet.
    profiles = [
        person(0, organization_id=None),
        person(1, organization_id=None),
        *population(own_type=20, other_type=20)[2:],
    ]
    assert 1 in top(profiles, search, k=10)


def test_choose_makes_room_for_the_quota_from_the_lowest_of_the_same_type():
    import numpy as np

    # Hand-made: six candidates, scores 6 to 1; the two lowest (scores 2 and 1) are of another
    # type. The best 4 are 6, 5, 4, 3; a quota of 2 replaces 4 and 3 by 2 and 1.
    scores = np.array([6, 5, 4, 3, 2, 1])
    other_type = np.array([False, False, False, False, True, True])
    eligible = np.ones(6, dtype=bool)
    assert list(choose(scores, eligible, other_type, 4, 2)) == [0, 1, 4, 5]
    assert list(choose(scores, eligible, other_type, 4, 1)) == [0, 1, 2, 4]
    assert list(choose(scores, eligible, other_type, 4, 0)) == [0, 1, 2, 3]
