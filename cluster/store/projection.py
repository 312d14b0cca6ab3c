"""An exact prefilter for the stored index's range search: an upper bound on every cosine from a quarter of the
dimensions.

A new batch's ~140 passages were multiplied with every stored passage at full width (48,645 x 512 at 20,000
articles: the largest CPU cost of an add of 10) to find the few pairs near the duplicate radius. Rotated into
the principal axes of the stored vectors (the eigenvectors of their second-moment matrix, strongest first), a
cosine splits into the product of the first ``dims`` coordinates and that of the rest, and the rest is at most the
product of the two residual norms (Cauchy-Schwarz). Appending each side's residual norm as one more coordinate
makes that bound a single matrix product of ``dims + 1`` columns. Any orthonormal basis keeps the bound true;
the principal axes make it tight: the stored news passages keep a median residual norm of ~0.43 at 128 of 512
dimensions, and ~0.3 % of the pairs clear the bound at the radius, against ~0.05 % that are hits.

The bound only picks which pairs faiss's own dot product scores again (``index.VectorIndex.range_search``), so the
hits, their order and cosines stay faiss's to the bit as long as the bound is never below a computed cosine by
more than ``BOUND_SLACK``: rotating in float64 and rounding to float32, then a float32 product of 129 terms, is
off by ~1e-5 at most for unit vectors.
"""

from __future__ import annotations

import numpy as np

from cluster.stories.vocabulary import GrowingArray

BOUND_SLACK = 1e-3
"""How far under the radius the bound may be and the pair still be scored again (its float error is ~1e-5)."""
PROJECTED_DIMS = 128
"""Rotated coordinates kept per vector (a quarter of 512): fewer leave a looser bound (at 64, ~5 % of the pairs
clear it and scoring them costs more than the product saved), more cost a larger product."""
FIT_BLOCK = 8192
"""Vectors per float64 block when fitting or rotating (a block of 512-d vectors is 32 MB)."""


class ProjectedBound:
    """The stored vectors rotated onto ``basis``: their first ``dims`` coordinates and residual norm, in the
    index's order, kept current by the index as vectors are added and removed."""

    def __init__(self, basis: np.ndarray, dims: int) -> None:
        """``basis``: ``dims`` orthonormal columns (float64), the strongest axes."""
        self.basis = basis
        self.dims = dims
        self._rows = GrowingArray(np.float32, dims + 1)

    @classmethod
    def fit(cls, stored: np.ndarray, dims: int = PROJECTED_DIMS) -> ProjectedBound:
        """The principal axes of ``stored`` (of their second moments: what is left off is then as small as any
        basis can leave it), holding ``stored``."""
        moments = np.zeros((stored.shape[1], stored.shape[1]))
        for lo in range(0, len(stored), FIT_BLOCK):  # float32 products: the axes need not be exact, only orthonormal
            block = np.asarray(stored[lo : lo + FIT_BLOCK], dtype=np.float32)
            moments += block.T @ block
        _, axes = np.linalg.eigh(moments)  # ascending eigenvalues, orthonormal in float64: strongest axes last
        made = cls(np.ascontiguousarray(axes[:, ::-1][:, :dims]), dims)
        made.extend(stored)
        return made

    @property
    def size(self) -> int:
        return self._rows.size

    def extend(self, vectors: np.ndarray) -> None:
        """Append the rotated rows of vectors just added to the index."""
        for lo in range(0, len(vectors), FIT_BLOCK):
            self._rows.extend(self.rotate(vectors[lo : lo + FIT_BLOCK]))

    def keep(self, kept: np.ndarray) -> None:
        """Keep the rows where ``kept`` (a mask in the index's order) is true: what a removal left, in order."""
        rows = self._rows.values[kept].copy()
        self._rows = GrowingArray(np.float32, self.dims + 1)
        self._rows.extend(rows)

    def rotate(self, vectors: np.ndarray) -> np.ndarray:
        """Each vector's ``dims`` coordinates on the basis, then the norm of what they leave (float32). In float64
        the norm by difference (squared length less that of the coordinates) is off by ~1e-8 at most."""
        wide = np.asarray(vectors, dtype=np.float64)
        turned = wide @ self.basis
        left = np.einsum("ij,ij->i", wide, wide) - np.einsum("ij,ij->i", turned, turned)
        return np.column_stack([turned, np.sqrt(np.maximum(left, 0.0))]).astype(np.float32)

    def above(self, queries: np.ndarray, floor: float, lo: int, hi: int, rotated: np.ndarray | None = None,
              ) -> tuple[np.ndarray, np.ndarray]:
        """(query rows, stored positions ``lo:hi``) whose bound exceeds ``floor``, row by row, in order.
        ``rotated``: the queries already rotated (``rotate``), when the caller asks several spans."""
        turned = self.rotate(queries) if rotated is None else rotated
        bound = turned @ self._rows.values[lo:hi].T
        rows, cols = np.divmod(np.flatnonzero(bound > floor), bound.shape[1])
        return rows, cols + lo
