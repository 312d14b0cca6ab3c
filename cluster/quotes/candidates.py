"""Candidate quote pairs for ``matching``: wire copies collapsed, units embedded, nearest units paired.

Split from ``matching``: which pairs are worth verifying is a question of search cost (copies, sentence
units, nearest neighbours in each language), apart from whether a pair is one statement (``links``).
"""

from __future__ import annotations

import numpy as np

from cluster.config import NeighbourSearchConfig
from cluster.duplicates.lexical import MatchType
from cluster.quotes.extract import Quote
from cluster.quotes.links import QuoteLink
from cluster.quotes.nearest import nearest_pairs
from cluster.segment.paragraphs import sentence_spans
from cluster.textnorm import word_tuple


def wire_copies(quotes: list[Quote], speaker_of: list[int | None]) -> tuple[list[int], list[QuoteLink]]:
    """Per quote, the instance that stands for it in the search (itself, or an earlier quote of the
    same words, language and speaker in another article), and a verbatim link to each such instance.

    Wire copies repeat a quote in many articles; searching and verifying every copy against every other
    made the stage grow with the square of the copies. A copy is linked to the earlier instances here, in
    one pass, and only the others are embedded, searched and verified: with the same words and speaker
    a copy would verify exactly as its instance does, and groups are connected components. A quote
    repeated in its own article stays an instance of its own, as quotes of one article never link."""
    instances: dict[tuple[str, tuple[str, ...], int | None], list[int]] = {}
    representative: list[int] = []
    links: list[QuoteLink] = []
    for k, quote in enumerate(quotes):
        earlier = instances.setdefault((quote.lang, word_tuple(quote.text), speaker_of[k]), [])
        links += [QuoteLink(e, k, 1.0, MatchType.VERBATIM, False) for e in earlier
                  if quotes[e].article_id != quote.article_id]
        if not earlier or any(quotes[e].article_id == quote.article_id for e in earlier):
            earlier.append(k)
            representative.append(k)
        else:
            representative.append(earlier[0])
    return representative, links


def units(quotes: list[Quote], min_part_words: int) -> tuple[np.ndarray, list[str]]:
    """Texts to embed: each quote, plus each of its sentences when it has two or more."""
    owners, texts = [], []
    for k, quote in enumerate(quotes):
        owners.append(k)
        texts.append(quote.text)
        spans = sentence_spans(quote.text)
        if len(spans) > 1:
            for s, e in spans:
                if len(word_tuple(quote.text[s:e])) >= min_part_words:
                    owners.append(k)
                    texts.append(quote.text[s:e])
    return np.asarray(owners), texts


def candidate_pairs(
    vectors: np.ndarray, owners: np.ndarray, quotes: list[Quote], radius: float, copies: dict[int, list[int]],
    search: NeighbourSearchConfig | None = None,
) -> dict[tuple[int, int], float]:
    """Quote pairs of different articles with a unit pair among each other's nearest at cosine ``radius``
    or more, best cosine, best first (in array operations: the search returns pairs by the hundred thousand).

    A pair of one article stands for the pairs of one with the other's copies in other articles."""
    langs = np.asarray([quotes[k].lang for k in owners.tolist()])
    rows, cols, sims = nearest_pairs(vectors, langs, radius, search or NeighbourSearchConfig())
    qa, qb = owners[rows], owners[cols]
    a, b = np.minimum(qa, qb), np.maximum(qa, qb)
    codes: dict[str, int] = {}
    article = np.asarray([codes.setdefault(q.article_id, len(codes)) for q in quotes], dtype=np.int64)
    cross = (a != b) & (article[a] != article[b])
    pairs_a, pairs_b, pair_sims = [a[cross]], [b[cross]], [sims[cross]]
    same = np.flatnonzero((a != b) & (article[a] == article[b]))
    if copies and len(same):
        names = [q.article_id for q in quotes]
        extra = [(x, y, sims[k]) for k in same.tolist() if a[k] in copies or b[k] in copies
                 for x, y in _throughcopies(int(a[k]), int(b[k]), names, copies)]
        if extra:
            pairs_a.append(np.asarray([min(x, y) for x, y, _ in extra], dtype=np.int64))
            pairs_b.append(np.asarray([max(x, y) for x, y, _ in extra], dtype=np.int64))
            pair_sims.append(np.asarray([s for _, _, s in extra], dtype=sims.dtype))
    a, b, s = np.concatenate(pairs_a), np.concatenate(pairs_b), np.concatenate(pair_sims)
    order = np.lexsort((-s, b, a))  # per pair, its best cosine first
    a, b, s = a[order], b[order], s[order]
    first = np.ones(len(a), dtype=bool)
    first[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    a, b, s = a[first], b[first], s[first]
    best = np.argsort(-s, kind="stable")
    return dict(zip(zip(a[best].tolist(), b[best].tolist()), s[best].tolist()))


def _throughcopies(a: int, b: int, article: list[str], copies: dict[int, list[int]]) -> list[tuple[int, int]]:
    first_b = next((c for c in copies.get(b, ()) if article[c] != article[a]), None)
    first_a = next((c for c in copies.get(a, ()) if article[c] != article[b]), None)
    return [(x, y) for x, y in ((a, first_b), (first_a, b)) if x is not None and y is not None]
