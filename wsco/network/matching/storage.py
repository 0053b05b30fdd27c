"""Saving an index to a NumPy .npz file and loading it back, with no pickled objects.

A management command rebuilds the index and saves it; each worker loads the file.
"""

from dataclasses import astuple
from pathlib import Path

import numpy as np
import scipy.sparse as sparse

from wsco.network.matching import text
from wsco.network.matching.clusters import Clusters
from wsco.network.matching.index import MEMBER_ARRAYS, MatchingIndex, SearchSettings
from wsco.network.matching.profiles import AREAS, Vocabulary, Weights

FORMAT_VERSION = 1


def save_index(index: MatchingIndex, path: str | Path) -> None:
    """Write `index` to `path` (a .npz file)."""
    arrays: dict[str, np.ndarray] = {
        "format_version": np.array(FORMAT_VERSION),
        "themes": np.array(index.themes, dtype=str),
        "weights": np.array(astuple(index.weights), dtype=np.float64),
        "settings": np.array(astuple(index.settings), dtype=np.int64),
        "encoder_kind": np.array(index.encoder.kind),
        "projection": index.projection,
        "centroids": index.clusters.centroids,
        "cluster_of_row": index.clusters.cluster_of_row,
        "home": index.clusters.home,
    }
    arrays |= {f"encoder_{name}": value for name, value in index.encoder.state().items()}
    arrays |= {name: getattr(index, name) for name in MEMBER_ARRAYS}
    for area in AREAS:
        arrays[f"{area}_values"] = np.array(index.vocabularies[area].values, dtype=str)
    for name in ("offers", "needs"):
        arrays |= text_arrays(name, getattr(index, name))
    with open(path, "wb") as file:  # np.savez would add ".npz" to a name without it
        np.savez(file, **arrays)


def load_index(path: str | Path) -> MatchingIndex:
    """Return the index saved at `path`."""
    with np.load(path, allow_pickle=False) as saved:
        arrays = {name: saved[name] for name in saved.files}
    if int(arrays["format_version"]) != FORMAT_VERSION:
        raise ValueError(f"{path} holds a matching index of another format; rebuild it.")
    encoder_class = text.ENCODERS[str(arrays["encoder_kind"])]
    encoder_state = {
        name.removeprefix("encoder_"): value
        for name, value in arrays.items()
        if name.startswith("encoder_") and name != "encoder_kind"
    }
    index = MatchingIndex(
        themes=[str(theme) for theme in arrays["themes"]],
        weights=Weights(*(float(value) for value in arrays["weights"])),
        settings=SearchSettings(*(int(value) for value in arrays["settings"])),
        encoder=encoder_class.from_state(encoder_state),
        projection=arrays["projection"],
        vocabularies={
            area: Vocabulary.of(str(value) for value in arrays[f"{area}_values"]) for area in AREAS
        },
    )
    for name in MEMBER_ARRAYS:
        setattr(index, name, arrays[name])
    index.offers = text_matrix("offers", arrays)
    index.needs = text_matrix("needs", arrays)
    index.clusters = Clusters.of(arrays["centroids"], arrays["cluster_of_row"], arrays["home"])
    index.row_of = {int(profile_id): row for row, profile_id in enumerate(index.ids)}
    return index


def text_arrays(name: str, matrix: text.TextMatrix) -> dict[str, np.ndarray]:
    """Return the arrays that hold a text matrix, sparse (CSR parts) or dense."""
    if not sparse.issparse(matrix):
        return {f"{name}_dense": matrix}
    return {
        f"{name}_data": matrix.data,
        f"{name}_indices": matrix.indices,
        f"{name}_indptr": matrix.indptr,
        f"{name}_shape": np.array(matrix.shape),
    }


def text_matrix(name: str, arrays: dict[str, np.ndarray]) -> text.TextMatrix:
    """Return the text matrix that `text_arrays` saved under `name`."""
    if f"{name}_dense" in arrays:
        return arrays[f"{name}_dense"]
    parts = (arrays[f"{name}_data"], arrays[f"{name}_indices"], arrays[f"{name}_indptr"])
    return sparse.csr_matrix(parts, shape=tuple(arrays[f"{name}_shape"]))
