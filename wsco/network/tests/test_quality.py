"""Recommendations find the planted partners and prefer other organization types."""

import numpy as np
import pytest

from wsco.network.matching import MatchingIndex
from wsco.network.tests.synthetic import Population

INDEXES = ["exact_index", "clustered_index"]


def precision_at_10(index: MatchingIndex, planted: Population) -> float:
    """Return the mean share of planted partners in the community members' top 10."""
    shares = [
        len({r.profile_id for r in index.recommend(member, explain=False)} & partners) / 10
        for member, partners in planted.partners.items()
    ]
    return float(np.mean(shares))


@pytest.mark.parametrize("index_name", INDEXES)
def test_planted_partners_fill_the_top_10(index_name, planted, request):
    index = request.getfixturevalue(index_name)
    assert precision_at_10(index, planted) >= 0.8


@pytest.mark.parametrize("index_name", INDEXES)
def test_half_of_each_top_10_is_of_another_type_when_candidates_exist(index_name, planted, request):
    index = request.getfixturevalue(index_name)
    by_id = {profile.id: profile for profile in planted.profiles}
    for profile in planted.profiles[::7]:
        top = index.recommend(profile.id, explain=False)
        other_type = [
            r for r in top if by_id[r.profile_id].organization_type != profile.organization_type
        ]
        everyone_else = index.exact_recommend(profile.id, k=len(planted.profiles), explain=False)
        available = sum(
            by_id[r.profile_id].organization_type != profile.organization_type
            for r in everyone_else
        )
        assert len(other_type) >= min(5, available)


def test_clusters_find_what_exact_search_finds(clustered_index, planted):
    found = expected = 0
    for profile in planted.profiles[::11]:
        exact = {r.profile_id for r in clustered_index.exact_recommend(profile.id, explain=False)}
        approximate = {r.profile_id for r in clustered_index.recommend(profile.id, explain=False)}
        found += len(exact & approximate)
        expected += len(exact)
    assert found / expected >= 0.95


def test_recommending_for_everyone_matches_one_by_one(clustered_index, planted):
    members = [profile.id for profile in planted.profiles[::13]]
    batched = clustered_index.recommend_all(profile_ids=members)
    found = expected = 0
    for member in members:
        exact = {r.profile_id for r in clustered_index.exact_recommend(member, explain=False)}
        found += len(exact & {r.profile_id for r in batched[member]})
        expected += len(exact)
    assert set(batched) == set(members)
    assert found / expected >= 0.95


def test_scores_are_symmetric(exact_index, planted):
    member = planted.profiles[0].id
    forward = exact_index.exact_recommend(member, k=5, explain=False)
    for other in forward:
        backward = exact_index.exact_recommend(other.profile_id, k=3000, explain=False)
        score_back = next(r.score for r in backward if r.profile_id == member)
        assert score_back == pytest.approx(other.score, abs=1e-5)


@pytest.mark.parametrize("index_name", INDEXES)
def test_recommending_for_everyone_gives_reasons_only_when_asked(index_name, planted, request):
    index = request.getfixturevalue(index_name)
    members = [profile.id for profile in planted.profiles[:20]]
    plain = index.recommend_all(profile_ids=members)
    explained = index.recommend_all(profile_ids=members, explain=True)
    assert all(not r.reasons for found in plain.values() for r in found)
    assert all(r.reasons for found in explained.values() for r in found)
