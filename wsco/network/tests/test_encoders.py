"""Any encoder with the text-encoder interface works, dense ones included."""

import zlib
from collections.abc import Sequence
from typing import ClassVar

import numpy as np
import pytest

from wsco.network.matching import MatchingIndex, SearchSettings, SentenceEncoder
from wsco.network.matching.text import analyze
from wsco.network.tests.synthetic import population


class HashingEncoder:
    """A dense stand-in for a sentence model: words hashed into 48 dimensions."""

    kind: ClassVar[str] = "hashing"

    def fit_encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode `texts`: there is nothing to learn."""
        return self.encode(texts)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return unit rows of hashed word counts."""
        rows = np.zeros((len(texts), 48), dtype=np.float32)
        for row, text in enumerate(texts):
            for term in analyze(text):
                rows[row, zlib.crc32(term.encode()) % 48] += 1
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)

    def terms(self) -> None:
        """Return None: hashed columns are not words."""
        return None

    def state(self) -> dict[str, np.ndarray]:
        """Return nothing: the encoder has no state."""
        return {}


@pytest.mark.parametrize(
    "search_settings", [SearchSettings(), SearchSettings(exact_below=0, clusters=20)]
)
def test_a_dense_encoder_finds_the_planted_partners(search_settings):
    planted = population(1500, seed=3)
    index = MatchingIndex.build(
        planted.profiles, encoder=HashingEncoder(), settings=search_settings
    )
    shares = [
        len({r.profile_id for r in index.recommend(member)} & partners) / 10
        for member, partners in list(planted.partners.items())[::5]
    ]
    assert np.mean(shares) >= 0.8
    reasons = index.recommend(planted.profiles[0].id)[0].reasons
    assert reasons[0]["code"] == "shared_themes"
    assert all("terms" not in reason for reason in reasons)  # dense columns quote no words


def test_sentence_encoder_encodes_when_its_model_is_installed():
    pytest.importorskip("sentence_transformers")
    try:
        vectors = SentenceEncoder().encode(["traffic sensors", ""])
    except OSError:
        pytest.skip("the model is not in the local cache")
    assert np.linalg.norm(vectors[0]) == pytest.approx(1, abs=1e-4)
    assert not vectors[1].any()
