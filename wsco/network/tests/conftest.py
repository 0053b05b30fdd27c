"""Populations and indexes shared by the matching tests (built once: they are read-only), and
the settings every network test shares: its own matching index file, a fast password hasher."""

import pytest

from wsco.network import index_file
from wsco.network.matching import MatchingIndex, SearchSettings
from wsco.network.tests.synthetic import Population, population

# Small enough to build in about a second; with these settings the index searches its clusters
# (as it does past `exact_below` members in production) instead of scoring everybody.
CLUSTERED = SearchSettings(exact_below=0, clusters=40, probes=8, rerank=150, group_probes=16)


@pytest.fixture(scope="session")
def planted() -> Population:
    """Return 3,000 members in planted communities (and a tenth who belong to none)."""
    return population(3000, seed=7)


@pytest.fixture(scope="session")
def exact_index(planted: Population) -> MatchingIndex:
    """Return an index of the planted population that scores every member exactly."""
    return MatchingIndex.build(planted.profiles)


@pytest.fixture(scope="session")
def clustered_index(planted: Population) -> MatchingIndex:
    """Return an index of the planted population that searches its clusters."""
    return MatchingIndex.build(planted.profiles, settings=CLUSTERED)


@pytest.fixture(autouse=True)
def _network_index_in_tmp(settings, tmp_path):
    settings.NETWORK_INDEX_PATH = tmp_path / "network" / "index.npz"
    yield
    # Each process keeps the indexes it loaded, by path: forget this test's.
    with index_file._lock:
        index_file._loaded.pop(str(settings.NETWORK_INDEX_PATH), None)
