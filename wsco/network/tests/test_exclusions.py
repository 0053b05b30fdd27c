"""No recommendation ever shows the member, their organization, or anyone excluded."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wsco.network.matching import Subject

INDEXES = ["exact_index", "clustered_index"]
MEMBERS = 3000  # the planted population's ids are 0 to 2,999

excluded_ids = st.sets(st.integers(0, MEMBERS - 1), max_size=400)
pools = st.none() | st.sets(st.integers(0, MEMBERS - 1), min_size=1, max_size=3000)


@pytest.mark.parametrize("index_name", INDEXES)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(member=st.integers(0, MEMBERS - 1), excluded=excluded_ids, pool=pools)
def test_no_excluded_member_is_ever_recommended(index_name, request, member, excluded, pool):
    index = request.getfixturevalue(index_name)
    by_id = request.getfixturevalue("planted").profiles
    own_organization = by_id[member].organization_id
    found = index.recommend(member, k=10, exclude=excluded, candidates=pool, explain=False)
    ids = [r.profile_id for r in found]
    assert member not in ids
    assert not set(ids) & excluded
    assert pool is None or set(ids) <= pool
    assert all(by_id[i].organization_id != own_organization for i in ids)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("index_name", INDEXES)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(excluded=excluded_ids)
def test_no_excluded_member_is_recommended_for_a_subject(index_name, request, excluded):
    index = request.getfixturevalue(index_name)
    subject = Subject(themes=frozenset({"water", "energy"}), text="leak detection, smart meters")
    found = index.recommend_for_subject(subject, exclude=excluded, explain=False)
    assert found
    assert not {r.profile_id for r in found} & excluded


def test_recommending_for_everyone_respects_each_members_exclusions(clustered_index, planted):
    members = [profile.id for profile in planted.profiles[:200]]
    first_choices = clustered_index.recommend_all(profile_ids=members)
    # Exclude each member's first five: none of them may come back.
    exclude = {m: {r.profile_id for r in first_choices[m][:5]} for m in members}
    again = clustered_index.recommend_all(profile_ids=members, exclude=exclude)
    for member in members:
        ids = {r.profile_id for r in again[member]}
        assert not ids & exclude[member]
        assert member not in ids
        organization = planted.profiles[member].organization_id
        assert all(planted.profiles[i].organization_id != organization for i in ids)


def test_a_removed_profile_is_never_recommended(planted):
    from wsco.network.matching import MatchingIndex
    from wsco.network.tests.conftest import CLUSTERED

    index = MatchingIndex.build(planted.profiles[:1500], settings=CLUSTERED)
    member = planted.profiles[0].id
    best = index.recommend(member, explain=False)[0].profile_id
    index.remove(best)
    assert best not in {r.profile_id for r in index.recommend(member, explain=False)}
    assert best not in {r.profile_id for r in index.exact_recommend(member, explain=False)}
    assert all(
        best not in {r.profile_id for r in found} for found in index.recommend_all().values()
    )
