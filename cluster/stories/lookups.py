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
            if self.rows.shape[1] == 0:
                return np.zeros(len(left))
            return np.asarray(self.rows[left].multiply(self.rows[right]).sum(axis=1)).ravel()
        return np.clip(np.einsum("ij,ij->i", self.rows[left], self.rows[right]), -1.0, 1.0)


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
