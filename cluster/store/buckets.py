"""The LSH buckets of every stored article's windows, kept by the writer so that a batch is aligned against
the stored articles that share a bucket with it, not against the whole store.

Why this gives the same regions as aligning against every stored article (``duplicates.aligned_new``): a
pair of windows is a candidate only when they share a bucket (one band's key), and only pairs with a window
of the batch are kept. Every bucket holding a batch window holds, besides the batch's windows, the windows of
stored articles that own one with that key, so with all those articles' windows the bucket is whole: the same
size (``shingle_max_bucket``) and, the articles kept in store order after the batch's, the same order (each
window meets its next ``shingles.BUCKET_PARTNERS``). Buckets holding no batch window give only pairs of two
stored articles, which are dropped anyway. Window and article numbers shift but keep their order, and the
candidate pairs are sorted by them, so the regions come out the same and in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from cluster.config import DuplicateConfig
from cluster.duplicates.shingles import Windows, band_keys


class StoredBuckets:
    """Every band key of every stored window, sorted, with the position of the article owning the window (its
    place in ``StoredWords``' order). Kept in numpy: 16 keys a window, ~3 million at 20,000 short articles."""

    def __init__(self, cfg: DuplicateConfig) -> None:
        self.cfg = cfg
        self.keys = np.zeros(0, np.uint64)
        self.owners = np.zeros(0, np.int64)

    def put(self, positions: Sequence[int], parts: Sequence[Windows], replaced: Sequence[int] = ()) -> None:
        """Take in the windows of the articles at ``positions``; ``replaced``: positions whose old windows go."""
        if len(replaced):
            kept = ~np.isin(self.owners, np.asarray(replaced, np.int64))
            self.keys, self.owners = self.keys[kept], self.owners[kept]
        if not parts:
            return
        # one call for all: 0.5 s CPU for the windows of 20,000 articles, 26 s called article by article
        keys = band_keys(np.concatenate([w.signatures for w in parts]), self.cfg).ravel()
        owners = np.repeat(np.asarray(positions, np.int64), [w.signatures.shape[0] * self.cfg.shingle_bands
                                                             for w in parts])
        order = np.argsort(keys, kind="stable")
        keys, owners = keys[order], owners[order]
        at = np.searchsorted(self.keys, keys)
        self.keys, self.owners = np.insert(self.keys, at, keys), np.insert(self.owners, at, owners)

    def sharing(self, windows: Windows) -> np.ndarray:
        """Positions (ascending) of the stored articles owning a window that shares a band key with one of
        ``windows``. A key of one band equal to another band's only adds an article: never misses one."""
        wanted = band_keys(windows.signatures, self.cfg).ravel()
        lo = np.searchsorted(self.keys, wanted, "left")
        counts = np.searchsorted(self.keys, wanted, "right") - lo
        if not counts.sum():
            return np.zeros(0, np.int64)
        starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
        return np.unique(self.owners[starts + np.arange(counts.sum())])
