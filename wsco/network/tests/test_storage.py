"""An index saved to a .npz file loads back giving the same results."""

import dataclasses

import pytest

from wsco.network.matching import MatchingIndex, Subject, load_index, save_index
from wsco.network.tests.conftest import CLUSTERED


def test_a_loaded_index_recommends_what_the_saved_one_did(planted, tmp_path):
    index = MatchingIndex.build(planted.profiles[:2000], settings=CLUSTERED)
    # Changes since the build (moved and new rows) must survive the round trip too.
    index.upsert(dataclasses.replace(planted.profiles[5], themes_of_interest=frozenset({"water"})))
    index.upsert(dataclasses.replace(planted.profiles[2500], id=50_000, organization_id=50_000))
    index.remove(planted.profiles[7].id)
    path = tmp_path / "matching-index"
    save_index(index, path)
    loaded = load_index(path)
    assert len(loaded) == len(index)
    subject = Subject(themes=frozenset({"energy"}), text="smart meters")
    for member in [0, 5, 50_000, 1234]:
        assert loaded.recommend(member) == index.recommend(member)
    assert loaded.recommend_for_subject(subject) == index.recommend_for_subject(subject)
    loaded.upsert(dataclasses.replace(planted.profiles[9], offers="Leak detection."))
    assert loaded.recommend(9)


def test_a_file_of_another_format_is_refused(tmp_path):
    import numpy as np

    path = tmp_path / "old.npz"
    np.savez(path, format_version=np.array(0))
    with pytest.raises(ValueError, match="rebuild"):
        load_index(path)
