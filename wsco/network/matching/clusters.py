"""Clusters of member vectors (k-means), stored so that a probe reads contiguous memory.

At build, members are ordered by cluster, so each cluster's members are one block of rows and a
probe is a slice, not a gather (a gather of scattered rows cost ten times more here). A member
whose profile change moves it to another cluster, or who joins after the build, is listed among
that cluster's extra rows until the next rebuild; its old block row is skipped.
"""

from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans

NO_CLUSTER = -1

# k-means learns from this many members a cluster: it places centroids as well as everybody
# would, in a fraction of the time.
SAMPLE_PER_CLUSTER = 64


@dataclass(slots=True)
class Clusters:
    """Centroids, each row's cluster, and where each cluster's rows are."""

    centroids: np.ndarray
    cluster_of_row: np.ndarray
    home: np.ndarray  # the cluster whose block holds the row, or NO_CLUSTER
    bounds: np.ndarray  # cluster c's block is rows bounds[c] to bounds[c + 1]
    extras: list[np.ndarray]
    centroid_norms: np.ndarray

    @classmethod
    def fit(cls, vectors: np.ndarray, count: int, seed: int) -> tuple["Clusters", np.ndarray]:
        """Return clusters of `vectors` and the order that puts the rows cluster by cluster."""
        count = max(1, min(count, len(vectors)))
        sample = np.random.default_rng(seed).permutation(len(vectors))[: count * SAMPLE_PER_CLUSTER]
        # float64 input: scikit-learn's k-means++ upcasts float32 chunk by chunk, ten times slower.
        kmeans = KMeans(count, n_init=1, max_iter=15, random_state=seed)
        kmeans.fit(vectors[sample].astype(np.float64))
        centroids = kmeans.cluster_centers_.astype(np.float32)
        assigned = nearest(centroids, vectors)
        order = np.argsort(assigned, kind="stable")
        return cls.of(centroids, assigned[order], assigned[order].copy()), order

    @classmethod
    def of(cls, centroids: np.ndarray, cluster_of_row: np.ndarray, home: np.ndarray) -> "Clusters":
        """Return the clusters for saved arrays, finding the blocks and extra rows again."""
        in_blocks = home[home != NO_CLUSTER]  # block rows come first, in cluster order
        bounds = np.searchsorted(in_blocks, np.arange(len(centroids) + 1))
        moved = np.flatnonzero((cluster_of_row != home) & (cluster_of_row != NO_CLUSTER))
        extras = [moved[cluster_of_row[moved] == cluster] for cluster in range(len(centroids))]
        norms = (centroids**2).sum(axis=1)
        return cls(centroids, cluster_of_row, home, bounds, extras, norms)

    @classmethod
    def empty(cls, width: int) -> "Clusters":
        """Return no clusters, for an index without members."""
        none = np.zeros(0, dtype=np.int32)
        return cls.of(np.zeros((0, width), dtype=np.float32), none, none.copy())

    def probes(self, vector: np.ndarray, count: int) -> np.ndarray:
        """Return the `count` clusters whose centroids are nearest to `vector`."""
        # |c - v|² = |c|² - 2 c·v + |v|², and |v|² is the same for every cluster.
        closeness = 2 * (self.centroids @ vector) - self.centroid_norms
        if len(closeness) <= count:
            return np.arange(len(closeness))
        return np.argpartition(closeness, len(closeness) - count)[-count:]

    def scan(
        self, clusters: np.ndarray, vectors: np.ndarray, queries: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return the rows of `clusters` and their dot products with the queries (a row each)."""
        rows, products = [np.zeros(0, dtype=np.int64)], [vectors[:0] @ queries]
        for cluster in clusters:
            start, end = self.bounds[cluster], self.bounds[cluster + 1]
            stayed = self.cluster_of_row[start:end] == cluster
            if stayed.all():
                rows.append(np.arange(start, end))
                products.append(vectors[start:end] @ queries)
            else:
                block = np.arange(start, end)[stayed]
                rows.append(block)
                products.append(vectors[block] @ queries)
            extra = self.extras[cluster]
            if len(extra):
                rows.append(extra)
                products.append(vectors[extra] @ queries)
        return np.concatenate(rows), np.concatenate(products)

    def place(self, row: int, cluster: int) -> None:
        """Put `row` in `cluster` (from no cluster: a new or returning member)."""
        self.cluster_of_row[row] = cluster
        if cluster != self.home[row]:
            self.extras[cluster] = np.append(self.extras[cluster], row)

    def leave(self, row: int) -> None:
        """Take `row` out of its cluster."""
        cluster = self.cluster_of_row[row]
        if cluster != NO_CLUSTER and cluster != self.home[row]:
            self.extras[cluster] = self.extras[cluster][self.extras[cluster] != row]
        self.cluster_of_row[row] = NO_CLUSTER

    def append_row(self) -> None:
        """Make room for one more row, in no cluster and no block."""
        self.cluster_of_row = np.append(self.cluster_of_row, NO_CLUSTER).astype(np.int32)
        self.home = np.append(self.home, NO_CLUSTER).astype(np.int32)


def nearest(centroids: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """Return the index of the centroid nearest to each vector."""
    squared = (centroids**2).sum(axis=1)
    found = np.empty(len(vectors), dtype=np.int32)
    for start in range(0, len(vectors), 8192):  # chunks bound the memory of the distances
        chunk = vectors[start : start + 8192]
        found[start : start + 8192] = np.argmin(squared - 2 * chunk @ centroids.T, axis=1)
    return found
