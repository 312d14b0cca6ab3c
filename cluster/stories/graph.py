"""The sparse candidate graph the learned scorer runs on, and average linkage over it.

Only candidate pairs are scored: each article's ``k`` nearest articles by body vector (faiss inner product:
exact below ``IVF_MIN_ARTICLES``, an IVF index from there), dropped when both are dated further apart than
the window, plus every pair that
shares a duplicate passage (a wire copy or translation is a story however far its vector strays).
Pairs never scored count as p = 0.

Average linkage on that graph is exact, not an approximation of it: two clusters merge only when
their mean similarity reaches ``1 - cut`` > 0, which needs at least one pair between them at that
similarity. So every final cluster lies inside one connected component of the graph of edges with
p >= 1 - cut, and average linkage run on each component alone (missing pairs at p = 0) gives the
same stories as on the whole dense matrix with zeros, at the cost of the components only.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from cluster.config import NeighbourSearchConfig
from cluster.duplicates.neighbours import knn_index, nearest_in_blocks
from cluster.stories.linkage import agglomerate
from cluster.unionfind import UnionFind

IVF_MIN_ARTICLES = 25_000
"""Articles from which each one's nearest are searched in a faiss IVF index (cells and probes as for passages)
instead of exactly. Exact search costs articles² dot products, but as one matrix product it is fast: CPU for
the 31 nearest of every article, exact / IVF, 2.95 / 3.62 s at 17,730 articles (the 300k-passage bench
corpus, same neighbours), 14.7 / 6.7 s at 40,000 (recall 0.99999); exact grows to ~90 s at 100,000
articles and hours at a million."""


def candidate_pairs(
    vectors: np.ndarray, shared: object, dates: Sequence[dt.date | None], k: int, window_days: int
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (left < right) worth scoring: body-vector neighbours within the date window, and shared passages
    (``shared``: the n x n shared-passage signal, dense or a ``lookups.SparsePairs``)."""
    n = len(vectors)
    if n < 2:
        return np.zeros(0, int), np.zeros(0, int)
    k = min(k + 1, n)
    neighbours = nearest_articles(np.ascontiguousarray(vectors, dtype=np.float32), k)
    rows = np.repeat(np.arange(n), k)
    cols = neighbours.ravel()
    keep = (cols >= 0) & (cols != rows)
    rows, cols = rows[keep], cols[keep]
    ordinals = np.array([d.toordinal() if d else np.nan for d in dates], dtype=float)
    gap = np.abs(ordinals[rows] - ordinals[cols])
    near = ~(gap > window_days)  # NaN (an undated side) keeps the pair
    rows, cols = rows[near], cols[near]
    dup_rows, dup_cols = sparse.triu(sparse.csr_matrix(getattr(shared, "matrix", shared)), 1).nonzero()
    left = np.concatenate([np.minimum(rows, cols), dup_rows])
    right = np.concatenate([np.maximum(rows, cols), dup_cols])
    keys = distinct(left.astype(np.int64) * n + right)  # (left, right) in order; unique(axis=0) sorted 10x slower
    return (keys // n).astype(int), (keys % n).astype(int)


def distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` of a plain integer array (the same sorted values) by a sort and a neighbour mask:
    numpy 2.4's ``np.unique`` takes a hashing path there, 40 ms for a story placement's ~60,000 pair keys where
    this takes 1.5 ms (``duplicates.shingles`` met the same at 13 million codes)."""
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def nearest_articles(vectors: np.ndarray, k: int, search: NeighbourSearchConfig | None = None) -> np.ndarray:
    """Each row's ``k`` nearest rows (itself among them; -1 where an IVF search found fewer), n x k."""
    index = knn_index(vectors, search or NeighbourSearchConfig(), IVF_MIN_ARTICLES)
    neighbours = np.empty((len(vectors), k), dtype=np.int64)
    for block, _, ids in nearest_in_blocks(index, vectors, k):
        neighbours[block] = ids
    return neighbours


def sparse_similarity(n: int, left: np.ndarray, right: np.ndarray, values: np.ndarray) -> sparse.csr_matrix:
    """Symmetric n x n similarity holding only the scored pairs."""
    matrix = sparse.coo_matrix((values, (left, right)), shape=(n, n)).tocsr()
    return (matrix + matrix.T).tocsr()


def sparse_average_linkage(similarity: sparse.csr_matrix, cut: float) -> np.ndarray:
    """Average-linkage labels at distance ``cut`` (1 - similarity), one component of strong edges at a time."""
    n = similarity.shape[0]
    strong = similarity.multiply(similarity >= 1.0 - cut).tocsr()
    count, component = connected_components(strong, directed=False)
    labels = np.zeros(n, dtype=int)
    next_label = 0
    for c in range(count):
        members = np.flatnonzero(component == c)
        if len(members) == 1:
            sub_labels = np.zeros(1, dtype=int)
        elif len(members) <= DENSE_COMPONENT_MAX:
            block = similarity[members][:, members].toarray()
            np.fill_diagonal(block, 1.0)
            sub_labels = agglomerate(block, cut)
        else:
            sub_labels = heap_average_linkage(similarity[members][:, members].tocoo(), cut)
        labels[members] = sub_labels + next_label
        next_label += int(sub_labels.max()) + 1
    return labels


DENSE_COMPONENT_MAX = 2000
"""Components up to this size are cut by scikit-learn on a dense block (16 MB at 2,000); larger ones,
which near-copies chain together in a feed of short articles (a 4,000-article store's re-clustering
peaked at 0.7 GB, 20,000 articles at 10.7 GB), by ``heap_average_linkage`` on the scored pairs only."""


def heap_average_linkage(pairs: sparse.coo_matrix, cut: float) -> np.ndarray:
    """Average linkage on a sparse symmetric similarity, unscored pairs counting 0, cut at distance ``cut``.

    The two clusters with the highest mean similarity (sum over scored pairs / product of sizes) merge
    while that mean exceeds ``1 - cut``, as in the dense cut; only clusters joined by a scored pair can
    reach it, so memory and time follow the pairs (a heap with stale entries skipped), not n x n. Only
    means above the level are pushed, so the heap running dry is the cut. The cluster with fewer
    neighbours folds its sums into the other's; the members are tracked by the project's union-find."""
    n = pairs.shape[0]
    level = 1.0 - cut
    sums: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, v in zip(pairs.row.tolist(), pairs.col.tolist(), pairs.data.tolist()):
        if i != j and v > 0:
            sums[i][j] = sums[i].get(j, 0.0) + v / 2  # the matrix holds each pair twice
            sums[j][i] = sums[j].get(i, 0.0) + v / 2
    size = [1] * n
    version = [0] * n
    merged = [False] * n
    components = UnionFind(n)
    heap = [(-total, i, j, 0, 0) for i in range(n) for j, total in sums[i].items() if i < j and total > level]
    heapq.heapify(heap)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if va != version[a] or vb != version[b] or merged[a] or merged[b]:
            continue  # stale: a side has grown or been merged since this mean was pushed
        keep, gone = (a, b) if len(sums[a]) >= len(sums[b]) else (b, a)
        merged[gone] = True
        components.union(keep, gone)
        size[keep] += size[gone]
        version[keep] += 1
        del sums[keep][gone], sums[gone][keep]
        for other, total in sums[gone].items():
            sums[keep][other] = sums[keep].get(other, 0.0) + total
            del sums[other][gone]
            sums[other][keep] = sums[keep][other]
        sums[gone] = {}
        for other, total in sums[keep].items():
            mean = total / (size[keep] * size[other])
            if mean > level:
                low, high = (keep, other) if keep < other else (other, keep)
                heapq.heappush(heap, (-mean, low, high, version[low], version[high]))
    return np.unique([components.find(i) for i in range(n)], return_inverse=True)[1]
