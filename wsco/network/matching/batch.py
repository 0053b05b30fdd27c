"""Every member's top k at once: queries grouped by cluster, scored block by block.

Members whose queries fall near the same clusters want much the same candidates, so each group
scans the clusters most of its members would probe with one matrix product (the area bonuses
included, as one-hot blocks), keeps each member's best few hundred and re-ranks them exactly, as
array operations. A member the group's candidates cannot serve (too few relevant, or too few of
another type) is searched alone.
"""

import math
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

import numpy as np
from threadpoolctl import threadpool_limits

from wsco.network.matching import text
from wsco.network.matching.profiles import AREAS
from wsco.network.matching.selection import choose, ranking_keys

if TYPE_CHECKING:
    from wsco.network.matching.index import MatchingIndex, Recommendation

# Members scored together: large enough for an efficient matrix product, small enough that
# they agree on which clusters to scan.
GROUP_SIZE = 64
# Clusters each member of a group votes for; the group scans the `group_probes` most voted.
MEMBER_PROBES = 8
# Columns for each area's one-hot block in candidate generation.
AREA_BUCKETS = 16


def recommend_all(
    index: "MatchingIndex",
    *,
    k: int,
    exclude: Mapping[int, Collection[int]],
    profile_ids: Collection[int] | None,
    explain: bool,
) -> dict[int, list["Recommendation"]]:
    """Return each member's best `k` to meet (see `MatchingIndex.recommend_all`)."""
    if profile_ids is None:
        rows = np.flatnonzero(index.alive)
    else:
        rows = np.array([index.row_of[i] for i in profile_ids if i in index.row_of], np.int64)
    if len(index.ids) < index.settings.exact_below or not len(index.clusters.centroids):
        return {
            int(index.ids[row]): index.recommend(
                int(index.ids[row]),
                k=k,
                exclude=exclude.get(int(index.ids[row]), ()),
                explain=explain,
            )
            for row in rows
        }
    # One BLAS thread: the products here are thin (a group of members against a few thousand
    # candidates), and threads that wait on each other made them ten times slower.
    with threadpool_limits(limits=1, user_api="blas"):
        return recommend_rows(index, rows, k=k, exclude=exclude, explain=explain)


def recommend_rows(
    index: "MatchingIndex",
    rows: np.ndarray,
    *,
    k: int,
    exclude: Mapping[int, Collection[int]],
    explain: bool,
) -> dict[int, list["Recommendation"]]:
    """Return the best `k` for each member of `rows`, group by group."""
    queries = np.hstack([index._query_vectors(rows), -area_one_hot(index, rows, weighted=True)])
    candidates = np.hstack([index.vectors, area_one_hot(index, np.arange(len(index.ids)))])
    results: dict[int, list[Recommendation]] = {}
    for group in groups(index, queries[:, : index.layout.width]):
        found = recommend_group(index, rows[group], queries[group], candidates, k, exclude)
        for row, (chosen, scores) in zip(rows[group], found, strict=True):
            if chosen is None:  # the group's candidates cannot serve this member
                profile_id = int(index.ids[row])
                results[profile_id] = index.recommend(
                    profile_id, k=k, exclude=exclude.get(profile_id, ()), explain=explain
                )
            else:
                results[int(index.ids[row])] = index._recommendations(chosen, scores, row, explain)
    return results


def groups(index: "MatchingIndex", queries: np.ndarray) -> list[np.ndarray]:
    """Return groups of query positions that want much the same clusters.

    Members are sorted by their nearest cluster, then by their second nearest, and cut into
    groups of at most GROUP_SIZE: the fewer clusters a group's members disagree on, the fewer
    candidates it scans.
    """
    clusters = index.clusters
    closeness = 2 * (queries @ clusters.centroids.T) - clusters.centroid_norms
    if closeness.shape[1] < 2:
        return [
            np.arange(start, min(start + GROUP_SIZE, len(queries)))
            for start in range(0, len(queries), GROUP_SIZE)
        ]
    nearest_two = np.argpartition(-closeness, 1, axis=1)[:, :2]
    closer = np.take_along_axis(closeness, nearest_two, axis=1)
    swapped = closer[:, 0] < closer[:, 1]
    nearest_two[swapped] = nearest_two[swapped][:, ::-1]
    order = np.lexsort((nearest_two[:, 1], nearest_two[:, 0]))
    firsts = nearest_two[order, 0]
    cuts = np.flatnonzero(np.diff(firsts)) + 1
    return [
        same[start : start + GROUP_SIZE]
        for same in np.split(order, cuts)
        for start in range(0, len(same), GROUP_SIZE)
    ]


def area_one_hot(index: "MatchingIndex", rows: np.ndarray, *, weighted: bool = False) -> np.ndarray:
    """Return each row's area values as one-hot blocks (AREA_BUCKETS columns an area).

    Values share a column modulo AREA_BUCKETS, so two countries may look alike here: this only
    ranks candidates, and the exact re-ranking tells them apart.
    """
    one_hot = np.zeros((len(rows), len(AREAS) * AREA_BUCKETS), dtype=np.float32)
    for column, weight in enumerate(index.area_weights):
        codes = index.area_codes[rows, column]
        known = np.flatnonzero(codes >= 0)
        one_hot[known, column * AREA_BUCKETS + codes[known] % AREA_BUCKETS] = (
            weight if weighted else 1
        )
    return one_hot


def recommend_group(
    index: "MatchingIndex",
    rows: np.ndarray,
    queries: np.ndarray,
    candidates: np.ndarray,
    k: int,
    exclude: Mapping[int, Collection[int]],
) -> list[tuple[np.ndarray | None, np.ndarray | None]]:
    """Return the chosen rows and scores of each member of one group, or None for a member
    whose candidates here cannot fill their top `k`."""
    clusters = index.clusters
    closeness = 2 * (queries[:, : index.layout.width] @ clusters.centroids.T)
    closeness -= clusters.centroid_norms
    probes = min(MEMBER_PROBES, closeness.shape[1])
    nearest_probes = np.argpartition(closeness, closeness.shape[1] - probes, axis=1)[:, -probes:]
    # The clusters most of the group would probe: the union of everyone's probes would scan
    # far more members for one or two more found among thousands.
    votes = np.bincount(nearest_probes.ravel(), minlength=closeness.shape[1])
    shared = np.argsort(-votes, kind="stable")[: index.settings.group_probes]
    scanned, products = clusters.scan(shared[votes[shared] > 0], candidates, queries.T)
    depth = min(index.settings.rerank, len(scanned))
    if depth == 0:
        return [(None, None)] * len(rows)
    coarse = products.T
    best = np.argpartition(coarse, coarse.shape[1] - depth, axis=1)[:, -depth:]
    pairs = scanned[best]  # (members, depth): the rows each member re-ranks
    scores, relevance = exact_pair_scores(index, rows, pairs)
    allowed = allowed_pairs(index, rows, pairs, exclude) & (relevance > 0)
    quota = math.ceil(index.weights.other_type_share * k)
    type_column = AREAS.index("organization_type")
    other_type = differs_from(
        index.area_codes[rows, type_column][:, None], index.area_codes[pairs, type_column]
    )
    found = []
    for member in range(len(rows)):
        if allowed[member].sum() < k or (other_type[member] & allowed[member]).sum() < quota:
            found.append((None, None))
            continue
        keys = ranking_keys(scores[member], pairs[member])
        chosen = choose(keys, allowed[member], other_type[member], k, quota)
        found.append((pairs[member][chosen], scores[member][chosen]))
    return found


def allowed_pairs(
    index: "MatchingIndex",
    rows: np.ndarray,
    pairs: np.ndarray,
    exclude: Mapping[int, Collection[int]],
) -> np.ndarray:
    """Return which of each member's `pairs` may be shown to them."""
    allowed = index.alive[pairs] & (pairs != rows[:, None])
    organizations = index.organization_ids[rows][:, None]
    allowed &= (index.organization_ids[pairs] != organizations) | (organizations < 0)
    for member, row in enumerate(rows):
        excluded = exclude.get(int(index.ids[row]))
        if excluded:
            allowed[member] &= ~np.isin(pairs[member], index._rows_of(excluded))
    return allowed


def exact_pair_scores(
    index: "MatchingIndex", rows: np.ndarray, pairs: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return the exact scores and relevance of each member of `rows` with its `pairs` row."""
    weights = index.weights
    owners = np.repeat(np.arange(len(rows)), pairs.shape[1])
    others = pairs.ravel()
    themes = np.einsum("ij,ij->i", index.theme_vectors[rows][owners], index.theme_vectors[others])
    offered = text.owned_dots(index.offers, others, dense_rows(index.needs, rows), owners)
    needed = text.owned_dots(index.needs, others, dense_rows(index.offers, rows), owners)
    relevance = weights.themes * themes + weights.complementarity * (offered + needed) / 2
    area = differs_from(index.area_codes[rows][owners], index.area_codes[others])
    scores = relevance + area @ index.area_weights
    return scores.reshape(pairs.shape), relevance.reshape(pairs.shape)


def dense_rows(matrix: text.TextMatrix, rows: np.ndarray) -> np.ndarray:
    """Return the given rows of a text matrix as a dense array."""
    selected = matrix[rows]
    return selected.toarray() if text.sparse.issparse(selected) else selected


def differs_from(codes: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Return where `others` differ from `codes`; an unknown value (-1) differs from nothing."""
    return (others != codes) & (others >= 0) & (codes >= 0)
