"""The matching index: profile vectors, their clusters, and top-k search with exact re-ranking.

Search runs in two steps. Candidate generation scans the clusters nearest to the query with small
dense vectors (themes, and offers and needs reduced to a few dimensions), on which themes and
text score as one dot product, and adds the exact area bonuses from integer codes. Re-ranking then
computes the exact score (full text vectors) of the best few hundred and applies the other-type
quota. `exact_recommend` scores every member exactly: the baseline and the ground truth.
"""

import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from wsco.network.matching import batch, text
from wsco.network.matching.clusters import Clusters
from wsco.network.matching.profiles import (
    AREAS,
    ISO_37120_THEMES,
    Profile,
    Subject,
    Vocabulary,
    Weights,
    theme_matrix,
    theme_vectors,
)
from wsco.network.matching.reasons import pair_reasons, subject_reasons
from wsco.network.matching.selection import choose, ranking_keys, top_positions

NO_ORGANIZATION = -1
TYPE_COLUMN = AREAS.index("organization_type")

# Exact scores and relevance of some rows (all rows for None); a value for each of some rows.
Scorer = Callable[[np.ndarray | None], tuple[np.ndarray, np.ndarray]]
RowFunction = Callable[[np.ndarray], np.ndarray]

# The per-member arrays, in the order of the rows.
MEMBER_ARRAYS = (
    "ids",
    "organization_ids",
    "area_codes",
    "alive",
    "interest",
    "expertise",
    "theme_vectors",
    "vectors",
)


@dataclass(frozen=True, slots=True)
class SearchSettings:
    """How the index trades speed for recall; the defaults meet the issue's targets."""

    reduced_dimensions: int = 64  # for each text: offers and needs
    clusters: int = 0  # 0: about the square root of the number of members
    probes: int = 12  # clusters scanned for one query
    rerank: int = 300  # candidates whose exact score is computed
    group_probes: int = 24  # clusters scanned for a group of members in `recommend_all`
    exact_below: int = 5000  # indexes smaller than this are always searched exactly
    seed: int = 0


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One member to meet (or to work on a subject), with the reasons as data."""

    profile_id: int
    score: float
    reasons: tuple[dict, ...] = ()


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each block sits in the candidate-generation vectors."""

    themes: slice
    offers: slice
    needs: slice

    @classmethod
    def of(cls, themes: int, reduced: int) -> "Layout":
        """Return the layout of `themes` theme dimensions and `reduced` for each text."""
        return cls(
            slice(0, themes),
            slice(themes, themes + reduced),
            slice(themes + reduced, themes + 2 * reduced),
        )

    @property
    def width(self) -> int:
        """Return the number of dimensions."""
        return self.needs.stop


@dataclass(frozen=True, slots=True)
class Query:
    """One search: its candidate-generation vector, bonuses, exact scorer, filters and quota."""

    vector: np.ndarray
    bonus: RowFunction
    score: Scorer
    eligible: RowFunction
    other_type: RowFunction
    quota: int
    pool: np.ndarray | None


class MatchingIndex:
    """Every consenting, visible member's profile as vectors, searchable for the best matches."""

    def __init__(
        self,
        *,
        themes: Sequence[str],
        weights: Weights,
        settings: SearchSettings,
        encoder: text.TextEncoder,
        projection: np.ndarray,
        vocabularies: dict[str, Vocabulary],
    ) -> None:
        """Make an empty index; `build` and `load_index` are the ways to get a filled one."""
        self.themes = tuple(themes)
        self.weights = weights
        self.settings = settings
        self.encoder = encoder
        self.projection = projection
        self.vocabularies = vocabularies
        self.layout = Layout.of(len(self.themes), projection.shape[0])
        self.area_weights = np.array([weights.area_bonus(area) for area in AREAS], np.float32)
        self.ids = np.zeros(0, dtype=np.int64)
        self.organization_ids = np.zeros(0, dtype=np.int64)
        self.area_codes = np.zeros((0, len(AREAS)), dtype=np.int32)
        self.alive = np.zeros(0, dtype=bool)
        self.interest = np.zeros((0, len(self.themes)), dtype=bool)
        self.expertise = np.zeros((0, len(self.themes)), dtype=bool)
        self.theme_vectors = np.zeros((0, len(self.themes)), dtype=np.float32)
        self.offers: text.TextMatrix = np.zeros((0, projection.shape[1]), dtype=np.float32)
        self.needs: text.TextMatrix = np.zeros((0, projection.shape[1]), dtype=np.float32)
        self.vectors = np.zeros((0, self.layout.width), dtype=np.float32)
        self.clusters = Clusters.empty(self.layout.width)
        self.row_of: dict[int, int] = {}

    def __len__(self) -> int:
        """Return the number of members that can be recommended."""
        return int(self.alive.sum())

    # Building -------------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        profiles: Iterable[Profile],
        *,
        themes: Sequence[str] = ISO_37120_THEMES,
        weights: Weights | None = None,
        settings: SearchSettings | None = None,
        encoder: text.TextEncoder | None = None,
        text_model_of: "MatchingIndex | None" = None,
    ) -> "MatchingIndex":
        """Return an index of `profiles`, fitting the text encoder and the clusters on them.

        With `text_model_of`, the texts are encoded with that index's fitted encoder and
        reducer instead, so that scores stay comparable with it.
        """
        profiles = list(profiles)
        if len({profile.id for profile in profiles}) != len(profiles):
            raise ValueError("Each profile id must appear once.")
        settings = settings or SearchSettings()
        texts = [p.offers for p in profiles] + [p.looks_for for p in profiles]
        if text_model_of is None:
            encoder = encoder or text.TfidfEncoder()
            both = encoder.fit_encode(texts)
            projection = text.fit_reducer(both, settings.reduced_dimensions, settings.seed)
        else:
            encoder, projection = text_model_of.encoder, text_model_of.projection
            both = encoder.encode(texts)
        index = cls(
            themes=themes,
            weights=weights or Weights(),
            settings=settings,
            encoder=encoder,
            projection=projection,
            vocabularies={
                area: Vocabulary.of(sorted({getattr(p, area) for p in profiles} - {""}))
                for area in AREAS
            },
        )
        offers, needs = both[: len(profiles)], both[len(profiles) :]
        index._fill(profiles, offers, needs)
        if profiles:
            count = settings.clusters or round(math.sqrt(len(profiles)))
            index.clusters, order = Clusters.fit(index.vectors, count, settings.seed)
            index._reorder(order)
        return index

    def _fill(
        self, profiles: list[Profile], offers: text.TextMatrix, needs: text.TextMatrix
    ) -> None:
        """Set every per-member array from `profiles` and their encoded texts."""
        self.ids = np.array([p.id for p in profiles], dtype=np.int64)
        self.organization_ids = np.array(
            [organization_code(p.organization_id) for p in profiles], dtype=np.int64
        )
        self.area_codes = np.array(
            [[self.vocabularies[area].code(getattr(p, area)) for area in AREAS] for p in profiles],
            dtype=np.int32,
        ).reshape(len(profiles), len(AREAS))
        self.alive = np.ones(len(profiles), dtype=bool)
        self.interest = theme_matrix((p.themes_of_interest for p in profiles), self.themes)
        self.expertise = theme_matrix((p.themes_of_expertise for p in profiles), self.themes)
        self.theme_vectors = theme_vectors(self.interest, self.expertise)
        self.offers, self.needs = offers, needs
        self.vectors = self._vectors(np.arange(len(profiles)))
        self.row_of = {int(profile_id): row for row, profile_id in enumerate(self.ids)}

    def _reorder(self, order: np.ndarray) -> None:
        """Put the rows in `order` (cluster by cluster, so that a cluster is one block)."""
        for name in MEMBER_ARRAYS:
            setattr(self, name, getattr(self, name)[order])
        self.offers, self.needs = self.offers[order], self.needs[order]
        self.row_of = {int(profile_id): row for row, profile_id in enumerate(self.ids)}

    def _vectors(self, rows: np.ndarray) -> np.ndarray:
        """Return the candidate-generation vectors of `rows` from their exact data.

        Each block is scaled by the square root of its weight, so that a member's vector with
        its text blocks swapped (`_query_vectors`) scores another member with one dot product.
        """
        layout, weights = self.layout, self.weights
        vectors = np.zeros((len(rows), layout.width), dtype=np.float32)
        vectors[:, layout.themes] = math.sqrt(weights.themes) * self.theme_vectors[rows]
        text_scale = math.sqrt(weights.complementarity / 2)
        vectors[:, layout.offers] = text_scale * text.reduce(self.offers[rows], self.projection)
        vectors[:, layout.needs] = text_scale * text.reduce(self.needs[rows], self.projection)
        return vectors

    # Updating -------------------------------------------------------------------------------

    def upsert(self, profile: Profile) -> None:
        """Add `profile`, or replace the one with its id, without rebuilding the index.

        The vocabulary, weights and clusters stay those of the build: words first seen now
        count from the next rebuild on.
        """
        row = self.row_of.get(profile.id)
        if row is None:
            row = self._append_row(profile.id)
        self.clusters.leave(row)
        self.organization_ids[row] = organization_code(profile.organization_id)
        self.area_codes[row] = [self.vocabularies[a].code(getattr(profile, a)) for a in AREAS]
        self.interest[row] = theme_matrix([profile.themes_of_interest], self.themes)[0]
        self.expertise[row] = theme_matrix([profile.themes_of_expertise], self.themes)[0]
        self.theme_vectors[row] = theme_vectors(self.interest[[row]], self.expertise[[row]])[0]
        self.offers = text.set_row(self.offers, row, self.encoder.encode([profile.offers]))
        self.needs = text.set_row(self.needs, row, self.encoder.encode([profile.looks_for]))
        self.vectors[row] = self._vectors(np.array([row]))[0]
        self.alive[row] = True
        if len(self.clusters.centroids):
            self.clusters.place(row, self.clusters.probes(self.vectors[row], 1)[0])
        else:  # an index built empty clusters its first members as one
            self.clusters = Clusters.of(
                self.vectors[[row]], np.zeros(len(self.ids), np.int32), self.clusters.home
            )

    def remove(self, profile_id: int) -> None:
        """Take the profile out of every result (hidden, no longer consenting, or gone)."""
        row = self.row_of.get(profile_id)
        if row is not None and self.alive[row]:
            self.alive[row] = False
            self.clusters.leave(row)

    def _append_row(self, profile_id: int) -> int:
        """Add an empty row for a new profile and return it (`text.set_row` appends its texts)."""
        row = len(self.ids)
        self.row_of[profile_id] = row
        for name in MEMBER_ARRAYS:
            array = getattr(self, name)
            setattr(
                self, name, np.concatenate([array, np.zeros((1, *array.shape[1:]), array.dtype)])
            )
        self.ids[row] = profile_id
        self.clusters.append_row()
        return row

    # Scoring --------------------------------------------------------------------------------

    def _query_vectors(self, rows: np.ndarray) -> np.ndarray:
        """Return the vectors whose dot product with a member's vector scores themes and text.

        Offers meet needs, so a query is the member's own vector with its text blocks swapped;
        it is also the point near which the best partners lie, so clusters are probed with it.
        """
        layout = self.layout
        queries = self.vectors[rows].copy()
        queries[:, layout.offers] = self.vectors[rows, layout.needs]
        queries[:, layout.needs] = self.vectors[rows, layout.offers]
        return queries

    def exact_scores(self, row: int, rows: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """Return the exact scores of member `row` against `rows` (all for None), and relevance.

        Relevance is the score without the area bonuses: a candidate with none is no match.
        """
        weights = self.weights
        themes = self.theme_vectors if rows is None else self.theme_vectors[rows]
        theme_score = themes @ self.theme_vectors[row]
        offered = text.dots(self.offers, text.row_vector(self.needs, row), rows)
        needed = text.dots(self.needs, text.row_vector(self.offers, row), rows)
        relevance = weights.themes * theme_score + weights.complementarity * (offered + needed) / 2
        return relevance + self.area_bonus(row, rows), relevance

    def area_bonus(self, row: int, rows: np.ndarray | None) -> np.ndarray:
        """Return the bonus of `rows` (all for None) for the areas they differ from `row` in."""
        codes = self.area_codes if rows is None else self.area_codes[rows]
        bonus = np.zeros(len(codes), dtype=np.float32)
        for column, weight in enumerate(self.area_weights):  # column by column: no bool matmul
            bonus += weight * differs(self.area_codes[row, column], codes[:, column])
        return bonus

    def other_type(self, row: int, rows: np.ndarray) -> np.ndarray:
        """Return which of `rows` have another organization type than member `row`."""
        own = self.area_codes[row, TYPE_COLUMN]
        return differs(own, self.area_codes[rows, TYPE_COLUMN])

    def _subject_query(self, subject: Subject) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return a subject's query vector, exact theme vector and exact need vector."""
        interest = theme_matrix([subject.themes], self.themes)
        themes = theme_vectors(interest, np.zeros_like(interest))[0]
        need = self.encoder.encode([subject.text])
        query = np.zeros(self.layout.width, dtype=np.float32)
        query[self.layout.themes] = math.sqrt(self.weights.themes) * themes
        # A subject's need meets offers at full weight: it has no offers of its own to share it.
        text_scale = self.weights.complementarity / math.sqrt(self.weights.complementarity / 2)
        query[self.layout.offers] = text_scale * text.reduce(need, self.projection)[0]
        return query, themes, text.row_vector(need, 0)

    def _subject_scores(
        self, themes: np.ndarray, need: np.ndarray, rows: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return the exact scores of a subject against `rows` (all for None), twice: no bonus."""
        theme_rows = self.theme_vectors if rows is None else self.theme_vectors[rows]
        scores = self.weights.themes * (theme_rows @ themes)
        scores += self.weights.complementarity * text.dots(self.offers, need, rows)
        return scores, scores

    # Eligibility ----------------------------------------------------------------------------

    def _rows_of(self, profile_ids: Collection[int] | None) -> np.ndarray | None:
        """Return the rows of the indexed ids among `profile_ids` (None stays None)."""
        if profile_ids is None:
            return None
        rows = [self.row_of[i] for i in profile_ids if i in self.row_of]
        return np.unique(np.array(rows, dtype=np.int64))

    def _eligible(
        self, rows: np.ndarray, *, row: int | None, excluded: np.ndarray, pool: np.ndarray | None
    ) -> np.ndarray:
        """Return which `rows` may be recommended to member `row` (or to a subject for None)."""
        eligible = self.alive[rows]
        if row is not None:
            eligible &= rows != row
            organization = self.organization_ids[row]
            if organization != NO_ORGANIZATION:
                eligible &= self.organization_ids[rows] != organization
        if len(excluded):
            eligible &= ~np.isin(rows, excluded)
        if pool is not None:
            eligible &= np.isin(rows, pool)
        return eligible

    # Searching ------------------------------------------------------------------------------

    def recommend(
        self,
        profile_id: int,
        *,
        k: int = 10,
        exclude: Collection[int] = (),
        candidates: Collection[int] | None = None,
        explain: bool = True,
    ) -> list[Recommendation]:
        """Return the best `k` members for `profile_id` to meet, best first.

        Never the member, their organization, anyone in `exclude` (connections, declined,
        blocked, not interested), nor anyone outside `candidates` when it is given.
        """
        row = self.row_of[profile_id]
        rows, scores = self._search(self.member_query(row, k, exclude, candidates), k)
        return self._recommendations(rows, scores, row, explain)

    def exact_recommend(
        self,
        profile_id: int,
        *,
        k: int = 10,
        exclude: Collection[int] = (),
        candidates: Collection[int] | None = None,
        explain: bool = True,
    ) -> list[Recommendation]:
        """Return what `recommend` returns, scoring every member exactly (the ground truth)."""
        row = self.row_of[profile_id]
        rows, scores = self._exact(self.member_query(row, k, exclude, candidates), k)
        return self._recommendations(rows, scores, row, explain)

    def recommend_for_subject(
        self,
        subject: Subject,
        *,
        k: int = 10,
        exclude: Collection[int] = (),
        candidates: Collection[int] | None = None,
        explain: bool = True,
    ) -> list[Recommendation]:
        """Return the best `k` members to work on `subject` (a project, a group, an audit)."""
        vector, themes, need = self._subject_query(subject)
        excluded, pool = self._rows_of(exclude), self._rows_of(candidates)
        query = Query(
            vector=vector,
            bonus=lambda rows: np.zeros(len(rows), dtype=np.float32),
            score=lambda rows: self._subject_scores(themes, need, rows),
            eligible=lambda rows: self._eligible(rows, row=None, excluded=excluded, pool=pool),
            other_type=lambda rows: np.zeros(len(rows), dtype=bool),
            quota=0,
            pool=pool,
        )
        rows, scores = self._search(query, k)
        return [
            Recommendation(
                int(self.ids[other]),
                float(score),
                subject_reasons(self, themes, need, other) if explain else (),
            )
            for other, score in zip(rows, scores, strict=True)
        ]

    def recommend_all(
        self,
        *,
        k: int = 10,
        exclude: Mapping[int, Collection[int]] | None = None,
        profile_ids: Collection[int] | None = None,
        explain: bool = False,
    ) -> dict[int, list[Recommendation]]:
        """Return the best `k` for every member (or those of `profile_ids`), batched.

        `exclude` maps a member's id to the ids never to show them. Reasons are left out by
        default: `explain` gives them for the few pairs a page shows.
        """
        return batch.recommend_all(
            self, k=k, exclude=exclude or {}, profile_ids=profile_ids, explain=explain
        )

    def explain(self, profile_id: int, other_id: int) -> tuple[dict, ...]:
        """Return the reasons `profile_id` should meet `other_id`."""
        return pair_reasons(self, self.row_of[profile_id], self.row_of[other_id])

    def _recommendations(
        self, rows: np.ndarray, scores: np.ndarray, row: int, explain: bool
    ) -> list[Recommendation]:
        """Return member `row`'s chosen rows as recommendations, with reasons if asked."""
        return [
            Recommendation(
                int(self.ids[other]),
                float(score),
                pair_reasons(self, row, other) if explain else (),
            )
            for other, score in zip(rows, scores, strict=True)
        ]

    def member_query(
        self, row: int, k: int, exclude: Collection[int], candidates: Collection[int] | None
    ) -> Query:
        """Return the search for the members that member `row` should meet."""
        excluded, pool = self._rows_of(exclude), self._rows_of(candidates)
        return Query(
            vector=self._query_vectors(np.array([row]))[0],
            bonus=lambda rows: self.area_bonus(row, rows),
            score=lambda rows: self.exact_scores(row, rows),
            eligible=lambda rows: self._eligible(rows, row=row, excluded=excluded, pool=pool),
            other_type=lambda rows: self.other_type(row, rows),
            quota=math.ceil(self.weights.other_type_share * k),
            pool=pool,
        )

    def _search(self, query: Query, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return the chosen rows and their exact scores: from the clusters, or exactly."""
        small = len(self.ids) < self.settings.exact_below
        if not small and (query.pool is None or len(query.pool) >= self.settings.exact_below):
            found = self._approximate(query, k)
            if found is not None:
                return found
        return self._exact(query, k)

    def _exact(self, query: Query, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return the best `k` rows by exact score, every eligible member scored."""
        if query.pool is None:
            rows, (scores, relevance) = np.arange(len(self.ids)), query.score(None)
        else:
            rows = query.pool
            scores, relevance = query.score(rows)
        eligible = query.eligible(rows) & (relevance > 0)
        keys = ranking_keys(scores, rows)
        chosen = choose(keys, eligible, query.other_type(rows), k, query.quota)
        return rows[chosen], scores[chosen]

    def _approximate(self, query: Query, k: int) -> tuple[np.ndarray, np.ndarray] | None:
        """Return the best `k` rows of the nearest clusters, or None if they cannot fill it.

        None sends the search to the exact path, so heavy exclusions or a rare profile cost
        time, never results.
        """
        probes = self.clusters.probes(query.vector, self.settings.probes)
        rows, coarse = self.clusters.scan(probes, self.vectors, query.vector)
        eligible = query.eligible(rows)
        rows, coarse = rows[eligible], coarse[eligible] + query.bonus(rows[eligible])
        pool = top_positions(coarse, np.arange(len(rows)), self.settings.rerank)
        if query.quota:  # the best of other types join the pool, so that the quota can be met
            others = np.flatnonzero(query.other_type(rows))
            pool = np.union1d(pool, top_positions(coarse, others, 3 * query.quota))
        rows = rows[pool]
        scores, relevance = query.score(rows)
        relevant, other_type = relevance > 0, query.other_type(rows)
        if relevant.sum() < k or (other_type & relevant).sum() < query.quota:
            return None
        chosen = choose(ranking_keys(scores, rows), relevant, other_type, k, query.quota)
        return rows[chosen], scores[chosen]


def differs(codes: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Return where `others` differ from `codes`; an unknown value (-1) differs from nothing."""
    return (others != codes) & (others >= 0) & (codes >= 0)


def organization_code(organization_id: int | None) -> int:
    """Return the organization's id, or the code for a member without one."""
    return NO_ORGANIZATION if organization_id is None else int(organization_id)
