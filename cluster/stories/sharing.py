"""Which paragraphs two articles share as duplicate passages, for every pair that shares any.

The shared-passage signal (``share``) and the re-reading of a partly reused pair (``stories.reuse``) both
read it. It is held as sorted arrays, not a set of (article, paragraph) tuples per pair: a feed where
each article is carried by 30 outlets has ~15 article pairs per article, each sharing a whole body, and
the 300k-passage bench corpus's sets held ~1 GB.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from cluster.documents import Article

ParagraphLink = tuple[tuple[str, int], tuple[str, int]]
"""Two paragraphs, as (article id, segment index), that two articles share as a duplicate passage."""


@dataclass(frozen=True)
class SharedParagraphs:
    """For each pair (a < b) of articles sharing passages, the distinct (article, segment) paragraphs shared.

    ``keys`` are the pairs as ``a * n + b``, sorted; the paragraphs of pair ``k`` are entries
    ``starts[k]:starts[k + 1]`` of ``article`` and ``segment``."""

    n: int
    keys: np.ndarray
    starts: np.ndarray
    article: np.ndarray
    segment: np.ndarray

    @classmethod
    def of(cls, articles: Sequence[Article], links: Iterable[ParagraphLink]) -> SharedParagraphs:
        """From the paragraph links of the duplicate groups (a link inside one article is no sharing)."""
        n = len(articles)
        index = {a.id: i for i, a in enumerate(articles)}
        rows = np.array([(index[left], index[right], left_segment, right_segment)
                         for (left, left_segment), (right, right_segment) in links], dtype=np.int64).reshape(-1, 4)
        a, b, left_segment, right_segment = rows[rows[:, 0] != rows[:, 1]].T
        # Both sides of each link, one after the other (in numpy: a loop over the ~14,000 links of an add of 10 at
        # 20,000 articles, three array appends each, took ~40 ms of the add).
        keys = np.repeat(np.minimum(a, b) * n + np.maximum(a, b), 2)
        sides = np.column_stack([a, b]).ravel()
        segments = np.column_stack([left_segment, right_segment]).ravel()
        key, side, segment = _distinct_rows(keys, sides, segments)
        pair_keys, starts = np.unique(key, return_index=True)
        return cls(n, pair_keys, np.append(starts, len(key)), side, segment)

    def __len__(self) -> int:
        return len(self.keys)

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """The two articles (a < b) of each pair."""
        return self.keys // max(self.n, 1), self.keys % max(self.n, 1)

    def counts(self) -> tuple[np.ndarray, np.ndarray]:
        """Paragraphs each side of each pair shares: the lower-numbered article's, the other's."""
        pair = np.repeat(np.arange(len(self.keys)), np.diff(self.starts))
        low, _ = self.pairs()
        on_low = self.article == low[pair]
        size = len(self.keys)
        return np.bincount(pair[on_low], minlength=size), np.bincount(pair[~on_low], minlength=size)

    def find(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Position of each pair (``left[k]``, ``right[k]``, either order) among ``keys``, -1 where it shares nothing."""
        wanted = np.minimum(left, right).astype(np.int64) * self.n + np.maximum(left, right)
        at = np.searchsorted(self.keys, wanted)
        hit = at < len(self.keys)
        hit[hit] = self.keys[at[hit]] == wanted[hit]
        return np.where(hit, at, -1)

    def segments(self, k: int, side: int) -> frozenset[int]:
        """The paragraphs article ``side`` shares in pair ``k``."""
        lo, hi = self.starts[k], self.starts[k + 1]
        return frozenset(self.segment[lo:hi][self.article[lo:hi] == side].tolist())

    def share(self, body_paragraphs: Sequence[int]) -> sparse.csr_matrix:
        """Share of the longer article's body paragraphs that the two articles share as duplicates (sparse:
        only pairs sharing a passage are stored).

        The longer side, because one reused passage inside an otherwise unrelated article (a quote, a
        recycled background paragraph) must not make it the same story; a wire copy or a translation
        shares most paragraphs of both."""
        a, b = self.pairs()
        paragraphs = np.asarray(body_paragraphs, dtype=np.int64)
        longer = np.maximum(1, np.maximum(paragraphs[a], paragraphs[b])) if len(a) else np.ones(0)
        values = np.minimum(1.0, np.maximum(*self.counts()) / longer)
        rows, cols = np.concatenate([a, b]), np.concatenate([b, a])
        return sparse.csr_matrix((np.concatenate([values, values]), (rows, cols)), shape=(self.n, self.n))


def _distinct_rows(*columns: np.ndarray) -> tuple[np.ndarray, ...]:
    """The distinct rows of non-negative integer columns, sorted, each column apart. Rows are sorted by one
    lexsort and compared with their neighbours: ``np.unique(axis=0)`` copied the 6 million rows of the
    300k-passage bench corpus several times over (0.4 GB at its peak)."""
    if not len(columns[0]):
        return tuple(c[:0] for c in columns)
    order = np.lexsort(columns[::-1])
    ordered = [c[order] for c in columns]
    new = np.ones(len(order), dtype=bool)
    new[1:] = np.any([c[1:] != c[:-1] for c in ordered], axis=0)
    return tuple(c[new] for c in ordered)
