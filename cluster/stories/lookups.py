"""Pairwise signals read per pair, so that the learned story scorer never builds an n x n matrix.

The learned scorer reads ~30 candidate pairs per article (``graph.candidate_pairs``); the mix reads
all n^2. These lookups answer ``lookup[left, right]`` for the listed pairs only, from per-article rows
(unit vectors, sparse TF-IDF rows, a sparse matrix of shared passages), and ``Continuation`` gives the
mean body-and-lead cosine between groups of articles (storylines) from the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass(frozen=True)
class RowCosines:
    """Cosine of two unit rows (dense vectors or sparse TF-IDF rows), for the pairs asked."""

    rows: np.ndarray | sparse.csr_matrix

    def __getitem__(self, index: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        left, right = index
        if sparse.issparse(self.rows):
            return sparse_row_dots(self.rows, left, right)
        out = np.empty(len(left), dtype=self.rows.dtype)
        for start in range(0, len(left), DENSE_PAIR_CHUNK):
            stop = start + DENSE_PAIR_CHUNK
            out[start:stop] = np.einsum("ij,ij->i", self.rows[left[start:stop]], self.rows[right[start:stop]])
        return np.clip(out, -1.0, 1.0)


DENSE_PAIR_CHUNK = 1 << 10
"""Pairs whose dense rows are gathered at a time: all at once gathered two copies of a row per pair (the
300k-passage bench corpus's ~600k candidate pairs of 512-d body vectors: 2.4 GB, the stage's peak). 1,024 pairs of
512-d float32 rows are 2 MB a side, which stays in cache: a story placement's ~30,000 pairs took 80-380 ms a signal
in chunks of 16,384 and 25-50 ms in these, the same bits (each pair's product is summed on its own row)."""


PAIR_CHUNK = 1024
"""Pairs whose sparse rows are multiplied at a time: two chunks of TF-IDF rows stay small enough for the
cache, where all pairs at once copied every row ~40 times (a 720-article corpus: ~80 MB per side)."""


def sparse_row_dots(rows: sparse.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Dot product of rows ``left[k]`` and ``right[k]`` for each k, the same values as multiplying whole
    rows: terms held by one row only never meet another, so they are dropped first (most word pairs
    of a corpus occur in one article), and the pairs are taken a chunk at a time."""
    rows = sparse.csr_matrix(rows)
    met = np.flatnonzero(np.bincount(rows.indices, minlength=rows.shape[1]) >= 2)
    if not len(met) or not len(left):
        return np.zeros(len(left))
    rows = rows[:, met].tocsr()
    out = np.empty(len(left))
    for start in range(0, len(left), PAIR_CHUNK):
        stop = start + PAIR_CHUNK
        out[start:stop] = np.asarray(rows[left[start:stop]].multiply(rows[right[start:stop]]).sum(axis=1)).ravel()
    return out


@dataclass(frozen=True)
class SparsePairs:
    """A sparse symmetric matrix read per pair (0 where nothing is stored)."""

    matrix: sparse.csr_matrix

    def __getitem__(self, index: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        left, right = index
        return np.asarray(self.matrix[left, right]).ravel() if len(left) else np.zeros(0)


@dataclass(frozen=True)
class SameValue:
    """True where both articles carry the same value (their language)."""

    values: np.ndarray

    def __getitem__(self, index: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        left, right = index
        return self.values[left] == self.values[right]


@dataclass(frozen=True)
class BothTrue:
    """True where both articles have the flag (enough names to compare)."""

    flags: np.ndarray

    def __getitem__(self, index: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        left, right = index
        return self.flags[left] & self.flags[right]


@dataclass(frozen=True)
class Continuation:
    """The mean of body and lead cosines (``signals.continuation``) kept as its two factors, so the mean
    between groups of articles, (M V)(M V)^T averaged with (M L)(M L)^T, costs groups x n x dim."""

    vectors: np.ndarray
    leads: np.ndarray

    def between(self, membership: np.ndarray) -> np.ndarray:
        body, lead = membership @ self.vectors, membership @ self.leads
        return (body @ body.T + lead @ lead.T) / 2
