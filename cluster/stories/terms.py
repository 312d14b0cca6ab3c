"""Word and word-pair counts of article bodies: the wording signal, story keywords, and the same
counts for an article read without some of its paragraphs (``stories.reuse``).

Counted paragraph by paragraph, once: an article's row is the sum of its paragraphs' rows plus the
word pairs across each paragraph break, the same terms scikit-learn's ``CountVectorizer(ngram_range=(1,
2))`` counts in the whole text (no word spans a paragraph break). So an article less a shared
paragraph (the learned scorer reads ~1,200 such stand-ins on a 720-article corpus, nearly every
paragraph of it) is a sum of rows already counted instead of a second pass over the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from scipy import sparse

from cluster.textnorm import normalize

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
"""scikit-learn's default token pattern (what ``CountVectorizer`` splits words by)."""

COUNT = np.int32
"""The dtype of every count matrix: a term occurs far fewer than 2^31 times in a text, and at 300k bench passages
the paragraph and article counts hold ~20 million entries (int64 cost ~80 MB more at the story stage's peak)."""
BREAK = "\n\n"
"""What joins body paragraphs in ``ArticleBodies.texts``."""


@dataclass(frozen=True)
class ParagraphCounts:
    """The counts of each distinct (normalised) paragraph, and its first and last word."""

    rows: dict[str, int]
    counts: sparse.csr_matrix
    ends: list[tuple[str, str] | None]
    seen: dict[str, int]
    """Term -> the number it got when first seen; ``order`` turns that into its column. Numbered against a kept
    vocabulary (``stories.vocabulary``), it holds other texts' terms too: their ``order`` is -1 (or past its end)."""
    order: np.ndarray


@dataclass(frozen=True)
class BodyTerms:
    """Word and word-pair counts of each article's body, counted once for three uses: the wording
    signal (all terms), story keywords (single words only) and re-read texts (``tfidf_of``)."""

    counts: sparse.csr_matrix
    names: np.ndarray
    vectorizer: Any = None
    """A ``CountVectorizer`` on these terms, when one was fitted (else one is built on ``names`` if needed)."""
    paragraphs: ParagraphCounts | None = None
    """Per-paragraph counts (``count`` keeps them; ``tfidf_of`` sums them)."""

    @classmethod
    def count(cls, body_texts: Sequence[str]) -> BodyTerms:
        """Counts of every body text (its paragraphs joined by blank lines), terms in sorted order."""
        texts = [normalize(t).lower().split(BREAK) for t in body_texts]
        vocabulary: dict[str, int] = {}
        rows: dict[str, int] = {}
        features: list[np.ndarray] = []  # arrays, not lists: 10,000 lists alive here set off a full GC
        ends: list[tuple[str, str] | None] = []
        for parts in texts:
            for part in parts:
                if part not in rows:
                    rows[part] = len(features)
                    tokens = _TOKEN.findall(part)
                    ends.append((tokens[0], tokens[-1]) if tokens else None)
                    grams = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
                    features.append(np.array([vocabulary.setdefault(g, len(vocabulary)) for g in grams], dtype=np.int32))
        breaks = [[vocabulary.setdefault(pair, len(vocabulary)) for pair in _break_pairs([rows[p] for p in parts], ends)]
                  for parts in texts]
        if not vocabulary:  # no text has a word
            return cls(sparse.csr_matrix((len(body_texts), 0)), np.array([], dtype=object))
        names = sorted(vocabulary)
        order = np.empty(len(names), dtype=np.int32)
        order[[vocabulary[name] for name in names]] = np.arange(len(names))
        part_counts = _sparse_counts([order[f] for f in features], len(names))
        membership = _membership([[rows[p] for p in parts] for parts in texts], len(features))
        counts = membership @ part_counts + _sparse_counts([order[b] for b in breaks], len(names))
        counts = sparse.csr_matrix(counts, dtype=COUNT)
        counts.sort_indices()
        return cls(counts, np.array(names, dtype=object), None, ParagraphCounts(rows, part_counts, ends, vocabulary, order))

    @cached_property
    def idf(self) -> np.ndarray:
        """Smoothed IDF of every term over these bodies, fitted once for the wording signal, the story
        keywords and the re-read texts of ``tfidf_of`` (a subset of columns has the same IDF per term)."""
        from sklearn.feature_extraction.text import TfidfTransformer

        return TfidfTransformer(sublinear_tf=True).fit(self.counts).idf_

    @cached_property
    def columns(self) -> dict[str, int]:
        """Term -> column."""
        if self.vectorizer is not None:
            return self.vectorizer.vocabulary_
        return {name: k for k, name in enumerate(self.names)}

    def tfidf(self, columns: np.ndarray | None = None) -> sparse.csr_matrix:
        """Sublinear TF-IDF rows (unit length) over all terms or the given columns."""
        counts = self.counts if columns is None else self.counts[:, columns]
        if counts.shape[1] == 0:  # no article has a word (e.g. one-letter texts): nothing to weigh
            return sparse.csr_matrix(counts.shape)
        return weigh(counts, self.idf if columns is None else self.idf[columns])

    def tfidf_of(self, paragraphs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Unit-length TF-IDF rows of other texts, each given as its paragraphs (an article with some
        paragraphs left out), on this corpus's terms and IDF so that their cosines sit on the scale of
        the wording signal: the sum of the paragraphs' counts and of the word pairs across each break,
        so a row equals that of the paragraphs joined."""
        if self.counts.shape[1] == 0:
            return sparse.csr_matrix((len(paragraphs), 0))
        distinct = list(dict.fromkeys(normalize(p).lower() for text in paragraphs for p in text))
        counts, ends = self._paragraph_counts(distinct)
        where = {p: k for k, p in enumerate(distinct)}
        positions = [[where[normalize(p).lower()] for p in text] for text in paragraphs]
        pairs = [[k for pair in _break_pairs(text, ends) if (k := self._column(pair)) is not None] for text in positions]
        summed = _membership(positions, len(distinct)) @ counts + _sparse_counts(pairs, len(self.names))
        return weigh(sparse.csr_matrix(summed), self.idf)

    def _column(self, term: str) -> int | None:
        """The column of a term, None when no body has it (read through ``count``'s own numbering where
        it is kept: no second dictionary of ~100,000 terms)."""
        if self.paragraphs is not None:
            seen, order = self.paragraphs.seen.get(term), self.paragraphs.order
            return None if seen is None or seen >= len(order) or order[seen] < 0 else int(order[seen])
        return self.columns.get(term)

    def _paragraph_counts(self, distinct: list[str]) -> tuple[sparse.csr_matrix, list[tuple[str, str] | None]]:
        """Counts and end words of the given normalised paragraphs: the stored rows where ``count`` saw
        the paragraph, else counted now on these terms."""
        stored = self.paragraphs or ParagraphCounts({}, sparse.csr_matrix((0, len(self.names)), dtype=COUNT), [])
        new = [p for p in distinct if p not in stored.rows]
        at = {p: len(stored.ends) + k for k, p in enumerate(new)}
        source = np.array([stored.rows[p] if p in stored.rows else at[p] for p in distinct], dtype=np.int64)
        ends = stored.ends + [(t[0], t[-1]) if (t := _TOKEN.findall(p)) else None for p in new]
        counts = stored.counts
        if new:
            counts = sparse.vstack([counts, sparse.csr_matrix(self._counter().transform(new), dtype=COUNT)], format="csr")
        return counts[source], [ends[k] for k in source]

    def _counter(self) -> Any:
        """A vectorizer counting these terms (the fitted one, else one built on ``names``)."""
        if self.vectorizer is not None:
            return self.vectorizer
        from sklearn.feature_extraction.text import CountVectorizer

        return CountVectorizer(ngram_range=(1, 2), vocabulary=self.columns).fit([])


def weigh(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear TF-IDF rows of unit length: what scikit-learn's ``TfidfTransformer(sublinear_tf=True)``
    computes, with an IDF fitted once (``BodyTerms.idf``)."""
    from sklearn.preprocessing import normalize as unit_rows

    weights = sparse.csr_matrix(counts, dtype=np.float64, copy=True)
    np.log(weights.data, weights.data)
    weights.data += 1.0
    weights.data *= idf[weights.indices]
    return unit_rows(weights, norm="l2", copy=False).tocsr()


def _break_pairs(parts: Sequence[int], ends: Sequence[tuple[str, str] | None]) -> list[str]:
    """The word pairs across the breaks of a text made of these paragraphs (by position in ``ends``):
    the last word of one paragraph with words and the first of the next that has one."""
    pairs, previous = [], None
    for part in parts:
        if ends[part] is None:
            continue
        if previous is not None:
            pairs.append(f"{previous} {ends[part][0]}")
        previous = ends[part][1]
    return pairs


def _sparse_counts(ids: Sequence[Sequence[int]], width: int) -> sparse.csr_matrix:
    """One row per list, counting how often each column id occurs in it."""
    lengths = [len(row) for row in ids]
    flat = np.concatenate([np.asarray(row, dtype=np.int32) for row in ids]) if ids else np.zeros(0, np.int32)
    return counts_of(np.repeat(np.arange(len(ids)), lengths), flat, len(ids), width)


def counts_of(rows: np.ndarray, columns: np.ndarray, height: int, width: int) -> sparse.csr_matrix:
    """A ``height`` x ``width`` count matrix: how often each (row, column) occurs in the two arrays."""
    matrix = sparse.csr_matrix((np.ones(len(columns), dtype=COUNT), (rows, columns)), shape=(height, width))
    matrix.sum_duplicates()
    return matrix


def _membership(parts: Sequence[Sequence[int]], width: int) -> sparse.csr_matrix:
    """Texts x paragraphs: how often each text holds each paragraph."""
    return _sparse_counts(parts, width)
