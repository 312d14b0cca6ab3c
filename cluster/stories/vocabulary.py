"""Body term counts numbered against a vocabulary the store's writer keeps for its lifetime.

Placing a batch counts the words and word pairs of its neighbourhood's bodies (``BodyTerms.count``, ~2,000
stored articles for a batch of wire copies at 20,000): 0.27 s of CPU an add, nearly all of it splitting the same
stored paragraphs into words again and numbering their terms. A paragraph's terms depend on its text alone, so
``TermVocabulary`` numbers each distinct (normalised) paragraph's terms once, keyed by that text, and keeps the
sorted rank of every term it has seen; a neighbourhood's counts are then gathered from the kept numbers and
re-numbered to the neighbourhood's own sorted terms. The result is ``BodyTerms.count``'s: the same terms, columns,
counts and paragraph rows, so the IDF and every float fitted on the neighbourhood stay as they were.

Keyed by text, an entry is never stale: a batch that rolls back or an article replaced leaves entries that are
still right for their text (only their memory stays, until the writer drops the vocabulary).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

import numpy as np
from scipy import sparse

from cluster.stories.terms import (
    _TOKEN,
    BREAK,
    COUNT,
    BodyTerms,
    ParagraphCounts,
    _break_pairs,
    _membership,
    _sparse_counts,
    counts_of,
)
from cluster.textnorm import normalize


class GrowingArray:
    """A 1-D array that grows by doubling its capacity: appending copies the new values only (amortised), not
    everything held, as ``np.concatenate`` of the whole would at every batch.

    A growth leaves room for as much again as it then holds, a first bulk fill too: the writer's warm-up fills the
    stored bodies (20,000 rows of two 512-d vectors) at once, and a buffer sized to them exactly made the service's
    first add of 10 copy all of it into a new one (~0.2 s; docs/scale-log.md, session 19). The room is zeros
    never written (``np.zeros`` maps them lazily), so it costs address space, not memory."""

    def __init__(self, dtype: type, width: int = 0) -> None:
        """``width``: 0 for a vector, else the length of each row (a matrix growing by rows)."""
        shape = (1024,) if not width else (16, width)
        self._data = np.zeros(shape, dtype=dtype)
        self.size = 0

    def extend(self, values: np.ndarray) -> None:
        """Append ``values`` (elements, or rows when this holds rows)."""
        end = self.size + len(values)
        if end > len(self._data):
            grown = np.zeros((2 * max(end, len(self._data)), *self._data.shape[1:]), dtype=self._data.dtype)
            grown[: self.size] = self._data[: self.size]
            self._data = grown
        self._data[self.size : end] = values
        self.size = end

    @property
    def values(self) -> np.ndarray:
        """What was appended (a view: valid until the next ``extend``)."""
        return self._data[: self.size]


class TermVocabulary:
    """Every term of the paragraphs counted so far, numbered in the order first seen, with its rank among them
    all in sorted order; and, per distinct normalised paragraph, the numbers of its words then its word pairs."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        """Term -> its number."""
        self.terms: list[str] = []
        """Number -> term."""
        self._paragraphs: dict[str, int] = {}
        """Normalised paragraph -> its entry (``_start``, ``_length``)."""
        self._grams = GrowingArray(np.int32)
        self._start = GrowingArray(np.int64)
        self._length = GrowingArray(np.int64)
        self._sorted = np.zeros(0, dtype=object)
        """The ranked terms, sorted."""
        self._by_rank = np.zeros(0, dtype=np.int64)
        """Their numbers, in the same order."""
        self._rank = np.zeros(0, dtype=np.int64)
        """Number -> rank."""

    def __len__(self) -> int:
        """How many distinct paragraphs are kept."""
        return len(self._paragraphs)

    def learn(self, body_texts: Sequence[str]) -> None:
        """Number the paragraphs of these bodies now (the writer's warm-up), so that adds find them kept."""
        for text in body_texts:
            for part in normalize(text).lower().split(BREAK):
                self._entry(part)
        self._settle()

    def count(self, body_texts: Sequence[str]) -> BodyTerms:
        """``BodyTerms.count(body_texts)``, from the kept numbers (paragraphs not seen yet are numbered first)."""
        texts = [normalize(t).lower().split(BREAK) for t in body_texts]
        rows: dict[str, int] = {}
        entries: list[int] = []
        for parts in texts:
            for part in parts:
                if part not in rows:
                    rows[part] = len(entries)
                    entries.append(self._entry(part))
        starts, lengths = self._start.values[entries], self._length.values[entries]
        ends = self._ends(starts, lengths)
        breaks = [np.array([self.ids.setdefault(pair, len(self.ids)) for pair in
                            _break_pairs([rows[p] for p in parts], ends)], dtype=np.int64) for parts in texts]
        self._settle()
        grams = self._grams.values[_gather(starts, lengths)]
        column, names = self._columns(grams, breaks)
        if not len(names):  # no text has a word
            return BodyTerms(sparse.csr_matrix((len(body_texts), 0)), np.array([], dtype=object))
        part_counts = counts_of(np.repeat(np.arange(len(entries)), lengths), column[grams], len(entries), len(names))
        membership = _membership([[rows[p] for p in parts] for parts in texts], len(entries))
        counts = membership @ part_counts + _sparse_counts([column[b] for b in breaks], len(names))
        counts = sparse.csr_matrix(counts, dtype=COUNT)
        counts.sort_indices()
        return BodyTerms(counts, names, None, ParagraphCounts(rows, part_counts, ends, self.ids, column))

    def _entry(self, part: str) -> int:
        """The kept entry of a normalised paragraph, numbering its words then word pairs when first seen."""
        entry = self._paragraphs.get(part)
        if entry is None:
            tokens = _TOKEN.findall(part)
            grams = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
            ids = self.ids
            numbers = np.array([ids.setdefault(g, len(ids)) for g in grams], dtype=np.int32)
            entry = self._paragraphs[part] = self._start.size
            self._start.extend(np.array([self._grams.size]))
            self._length.extend(np.array([len(numbers)]))
            self._grams.extend(numbers)
        return entry

    def _ends(self, starts: np.ndarray, lengths: np.ndarray) -> list[tuple[str, str] | None]:
        """Each paragraph's first and last word, None when it has none (its words come first: ``n`` words then
        ``n - 1`` pairs)."""
        self._settle_terms()
        grams, terms = self._grams.values, self.terms
        if not len(grams):
            return [None] * len(starts)
        some = lengths > 0  # an empty paragraph's start may be past the end
        first = grams[np.where(some, starts, 0)].tolist()
        last = grams[np.where(some, starts + (lengths + 1) // 2 - 1, 0)].tolist()
        return [(terms[a], terms[b]) if n else None for a, b, n in zip(first, last, lengths.tolist())]

    def _settle_terms(self) -> None:
        """``terms`` for the numbers ``ids`` gave out since (the newest keys of an insertion-ordered dict)."""
        new = len(self.ids) - len(self.terms)
        if new:
            self.terms.extend(reversed(list(islice(reversed(self.ids), new))))

    def _settle(self) -> None:
        """``terms`` and the ranks, for every number given out: the new terms sorted and merged into the sorted
        ones (a copy of the rank arrays, not a sort of every term again)."""
        self._settle_terms()
        ranked = len(self._rank)
        if ranked == len(self.terms):
            return
        new = np.empty(len(self.terms) - ranked, dtype=object)
        new[:] = self.terms[ranked:]
        order = np.argsort(new, kind="stable")
        new, numbers = new[order], np.arange(ranked, len(self.terms), dtype=np.int64)[order]
        at = np.searchsorted(self._sorted, new)
        self._sorted = np.insert(self._sorted, at, new)
        self._by_rank = np.insert(self._by_rank, at, numbers)
        self._rank = np.empty(len(self._by_rank), dtype=np.int64)
        self._rank[self._by_rank] = np.arange(len(self._by_rank))

    def _columns(self, grams: np.ndarray, breaks: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Number -> the neighbourhood's column (-1 where it has not the term), and its terms in sorted order."""
        used = np.zeros(len(self.terms), dtype=bool)
        used[grams] = True
        for b in breaks:
            used[b] = True
        ranks = np.sort(self._rank[np.flatnonzero(used)])
        column = np.full(len(self.terms), -1, dtype=np.int32)
        column[self._by_rank[ranks]] = np.arange(len(ranks), dtype=np.int32)
        return column, self._sorted[ranks]


def _gather(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Positions of the given runs (start, length) of a flat array, one run after another."""
    offsets = np.cumsum(lengths) - lengths
    return np.repeat(starts - offsets, lengths) + np.arange(int(lengths.sum()), dtype=np.int64)

