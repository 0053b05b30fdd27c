"""Updating one profile gives what a full rebuild (with the same text model) gives."""

import dataclasses

import numpy as np
import pytest

from wsco.network.matching import MatchingIndex, Profile
from wsco.network.tests.conftest import CLUSTERED
from wsco.network.tests.synthetic import Population

SETTINGS = {"exact": None, "clustered": CLUSTERED}


def changed(profile: Profile) -> Profile:
    """Return `profile` moved to other themes, texts and organization type."""
    return dataclasses.replace(
        profile,
        organization_type="company",
        sector="technology",
        themes_of_interest=frozenset({"water", "wastewater"}),
        themes_of_expertise=frozenset({"water"}),
        offers="We offer leak detection and smart water meters.",
        looks_for="Looking for stormwater management and pilot sites.",
    )


def same_results(first: list, second: list) -> None:
    """Assert two result lists hold the same members with the same scores, in order."""
    assert [r.profile_id for r in first] == [r.profile_id for r in second]
    assert [r.score for r in first] == pytest.approx([r.score for r in second], abs=1e-5)


@pytest.mark.parametrize("settings_name", SETTINGS)
def test_updated_profile_scores_as_after_a_rebuild(settings_name, planted: Population):
    profiles = planted.profiles[:1500]
    index = MatchingIndex.build(profiles, settings=SETTINGS[settings_name])
    member = profiles[100]
    index.upsert(changed(member))
    rebuilt_profiles = [changed(p) if p.id == member.id else p for p in profiles]
    rebuilt = MatchingIndex.build(
        rebuilt_profiles, settings=SETTINGS[settings_name], text_model_of=index
    )
    row, rebuilt_row = index.row_of[member.id], rebuilt.row_of[member.id]
    assert np.allclose(index.vectors[row], rebuilt.vectors[rebuilt_row])
    same_results(index.exact_recommend(member.id, k=20), rebuilt.exact_recommend(member.id, k=20))
    # Others see the changed profile as a rebuild would show it.
    partner = index.exact_recommend(member.id, k=1)[0].profile_id
    same_results(index.exact_recommend(partner, k=20), rebuilt.exact_recommend(partner, k=20))
    if settings_name == "exact":
        same_results(index.recommend(member.id), rebuilt.recommend(member.id))


def test_a_new_profile_is_found_without_rebuilding(planted: Population):
    profiles = planted.profiles[:1500]
    index = MatchingIndex.build(profiles, settings=CLUSTERED)
    partner = profiles[0]
    # A twin of the first member's best partner, from a new organization and a new country.
    best = index.exact_recommend(partner.id, k=1)[0].profile_id
    twin = dataclasses.replace(
        profiles[best], id=99_999, organization_id=99_999, country="Atlantis"
    )
    index.upsert(twin)
    assert 99_999 in {r.profile_id for r in index.recommend(partner.id)}
    rebuilt = MatchingIndex.build([*profiles, twin], settings=CLUSTERED, text_model_of=index)
    same_results(index.exact_recommend(twin.id, k=20), rebuilt.exact_recommend(twin.id, k=20))
    same_results(index.recommend(twin.id), index.exact_recommend(twin.id))


def test_removed_then_restored_profile_comes_back(planted: Population):
    index = MatchingIndex.build(planted.profiles[:1500], settings=CLUSTERED)
    member = planted.profiles[0]
    before = index.recommend(member.id)
    hidden = before[0].profile_id
    index.remove(hidden)
    assert len(index) == 1499
    index.upsert(planted.profiles[hidden])
    same_results(index.recommend(member.id), before)
