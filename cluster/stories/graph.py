"""The sparse candidate graph the learned scorer runs on, and average linkage over it.

Only candidate pairs are scored: each article's ``k`` nearest articles by body vector (faiss, exact
inner product), dropped when both are dated further apart than the window, plus every pair that
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
from collections.abc import Sequence

import faiss
import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from cluster.stories.linkage import agglomerate


def candidate_pairs(
    vectors: np.ndarray, shared: object, dates: Sequence[dt.date | None], k: int, window_days: int
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (left < right) worth scoring: body-vector neighbours within the date window, and shared passages
    (``shared``: the n x n shared-passage signal, dense or a ``lookups.SparsePairs``)."""
    n = len(vectors)
    if n < 2:
        return np.zeros(0, int), np.zeros(0, int)
    k = min(k + 1, n)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    _, neighbours = index.search(np.ascontiguousarray(vectors, dtype=np.float32), k)
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
    pairs = np.unique(np.column_stack([left, right]), axis=0) if len(left) else np.zeros((0, 2), int)
    return pairs[:, 0].astype(int), pairs[:, 1].astype(int)


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
        else:
            block = similarity[members][:, members].toarray()
            np.fill_diagonal(block, 1.0)
            sub_labels = agglomerate(block, cut)
        labels[members] = sub_labels + next_label
        next_label += int(sub_labels.max()) + 1
    return labels
