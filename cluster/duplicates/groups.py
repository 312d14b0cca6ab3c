"""Duplicate passages across articles: faiss neighbours -> verified pairs -> groups without chaining.

1. Every passage (paragraph or sentence window) is searched against all others (``neighbours``: an
   exact inner-product range search, an IVF index on large corpora): each passage's strongest
   neighbours above the lowest threshold in use.
2. Candidates from the same article are dropped; the rest are verified by ``matching.classify``
   (thresholds per language pair, lexical overlap, conflicting numbers).
3. Matches between the same two paragraphs (a paragraph and its sentences on either side) become one
   passage pair spanning what matched; each paragraph pairs with at most one paragraph per article.
4. Pairs are grouped (``grouping``): connected passages are clustered with average linkage on their
   similarity margins, so that A~B and B~C do not put A and C together when A and C are unrelated; a
   verified link that falls between two groups is kept as a group of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from cluster.config import DuplicateConfig
from cluster.documents import Passage
from cluster.duplicates.align import covered_share, overlap
from cluster.duplicates.crosslingual import is_translation, margins
from cluster.duplicates.grouping import group_matches
from cluster.duplicates.lexical import MatchType, Profile, classify, compare, lexical, pair_threshold, profile
from cluster.duplicates.matches import DuplicateGroup, ParagraphMatch
from cluster.duplicates.neighbours import Pairs, neighbour_pairs, strongest_per_row
from cluster.textnorm import words


@dataclass(frozen=True)
class Candidates:
    """Passage pairs (i, j, cosine) of different articles, as parallel arrays: the 300k-passage bench corpus
    has ~7 million, which as a list of Python tuples held ~660 MB where the arrays hold 140."""

    rows: np.ndarray
    cols: np.ndarray
    sims: np.ndarray

    @classmethod
    def of(cls, triples: Iterable[tuple[int, int, float]]) -> Candidates:
        triples = list(triples)
        rows, cols, sims = zip(*triples) if triples else ((), (), ())
        return cls(np.asarray(rows, np.int64), np.asarray(cols, np.int64), np.asarray(sims, np.float64))

    def __len__(self) -> int:
        return len(self.rows)

    def where(self, keep: np.ndarray) -> Candidates:
        return Candidates(self.rows[keep], self.cols[keep], self.sims[keep])

    def strongest_first(self, chunk: int = 1 << 16) -> Iterator[tuple[int, int, float]]:
        """(i, j, cosine) by falling cosine, ties in their order; as Python numbers a chunk at a time."""
        order = np.argsort(-self.sims, kind="stable")
        for lo in range(0, len(order), chunk):
            part = order[lo : lo + chunk]
            yield from zip(self.rows[part].tolist(), self.cols[part].tolist(), self.sims[part].tolist())


CandidateSearch = Callable[[Sequence[Passage], np.ndarray, list[int], DuplicateConfig], Candidates]
"""Passage pairs of different articles within the search radius, from the rows ``keep`` of the vectors."""


def find_duplicate_groups(
    passages: Sequence[Passage],
    vectors: np.ndarray,
    texts: dict[str, str],
    cfg: DuplicateConfig,
    aligned: Sequence[tuple[int, int]] = (),
    *,
    search: CandidateSearch | None = None,
) -> list[DuplicateGroup]:
    """Duplicate groups among ``passages`` (rows of ``vectors``); ``texts`` maps article id to text.

    ``aligned``: pairs of passages (indices) that ``duplicates.align`` found as one reused region;
    they are verified on their own and replace the paragraph/sentence matches they overlap.
    ``search``: where candidate pairs come from (default: the local neighbour search; an engine may
    run it elsewhere, verification and grouping stay here).
    """
    spans = {k for pair in aligned for k in pair}
    keep = [i for i, p in enumerate(passages) if i not in spans and len(words(p.text)) >= cfg.min_words]
    matches: list[ParagraphMatch] = []
    if len(keep) >= 2:
        # No name holds the candidates: they go once verified (7 million at 300k passages, ~170 MB).
        matches = one_paragraph_per_article(
            verified_matches(passages, (search or neighbour_candidates)(passages, vectors, keep, cfg), cfg))
    if aligned:
        matches = with_aligned(matches, passages, vectors, aligned, cfg)
    return group_matches(matches, passages, vectors, texts, cfg) if matches else []


def with_aligned(
    matches: list[ParagraphMatch], passages: Sequence[Passage], vectors: np.ndarray,
    aligned: Sequence[tuple[int, int]], cfg: DuplicateConfig,
) -> list[ParagraphMatch]:
    """``matches`` plus the verified aligned spans that say more than they do.

    Paragraph or sentence matches lying inside an aligned region and covering most of it
    (``align_cover_share``) already describe it, one paragraph at a time: they stay and the region
    is dropped. Otherwise the region replaces the matches it overlaps (a whole paragraph around a
    reused passage, or one sentence of it, says less about where the reused text starts and ends),
    except whole paragraphs copied inside it: those are reported as they are, beside the region.
    """
    by_docs: dict[frozenset[str], list[int]] = defaultdict(list)
    for k, m in enumerate(matches):
        by_docs[frozenset((m.left[0], m.right[0]))].append(k)
    drop: set[int] = set()
    found = []
    for i, j in aligned:
        a, b = passages[i], passages[j]
        sim = float(vectors[i] @ vectors[j])
        kind = classify(sim, lexical(a.text, b.text, a.lang, b.lang), a.lang, b.lang, cfg)
        if kind is None:
            continue
        sides = {a.article_id: (a.start, a.end), b.article_id: (b.start, b.end)}
        over = [k for k in by_docs[frozenset(sides)] if all(
            overlap(span, sides[key[0]]) for key, span in ((matches[k].left, matches[k].span_left),
                                                           (matches[k].right, matches[k].span_right)))]
        inner = {doc: [s for k in over for key, s in ((matches[k].left, matches[k].span_left),
                                                      (matches[k].right, matches[k].span_right)) if key[0] == doc]
                 for doc in sides}
        if over and all(covered_share(inner[d], sides[d]) >= cfg.align_cover_share for d in sides):
            continue
        drop.update(k for k in over if not _whole_inside(matches[k], passages, sides))
        found.append(ParagraphMatch((a.article_id, a.segment_index), (b.article_id, b.segment_index),
                                    (a.start, a.end), (b.start, b.end), sim, i, j, kind, True, aligned=True))
    return [m for k, m in enumerate(matches) if k not in drop] + found


def _whole_inside(m: ParagraphMatch, passages: Sequence[Passage], sides: dict[str, tuple[int, int]]) -> bool:
    """A paragraph-to-paragraph match lying within the aligned region on both sides."""
    return passages[m.vec_left].whole_paragraph and passages[m.vec_right].whole_paragraph and all(
        covered_share([span], sides[key[0]]) > 0 for key, span in ((m.left, m.span_left), (m.right, m.span_right)))


def search_radius(cfg: DuplicateConfig) -> float:
    """The lowest cosine any language pair accepts: the range every candidate search uses."""
    return min(pair_threshold("a", "b", cfg), pair_threshold("a", "a", cfg))


def neighbour_candidates(
    passages: Sequence[Passage], vectors: np.ndarray, keep: list[int], cfg: DuplicateConfig
) -> Candidates:
    """Passage pairs of different articles within the search radius, with i < j."""
    owners = article_codes(passages, keep)
    return between_articles(passages, keep, neighbour_pairs(vectors, search_radius(cfg), cfg.search, owners, keep))


def article_codes(passages: Sequence[Passage], keep: list[int]) -> np.ndarray:
    """One integer per row of ``keep``: its passage's article."""
    articles: dict[str, int] = {}
    return np.array([articles.setdefault(passages[i].article_id, len(articles)) for i in keep], dtype=np.int64)


def between_articles(passages: Sequence[Passage], keep: list[int], pairs: Pairs) -> Candidates:
    """Pairs of rows of ``keep`` as passage pairs of different articles, each passage's strongest only
    (``neighbours.MAX_CANDIDATES``): what every search, local or on an engine, hands to verification."""
    index = np.asarray(keep, dtype=np.int64)
    rows, cols, sims = pairs
    article = article_codes(passages, keep)
    other = article[rows] != article[cols]
    rows, cols, sims = strongest_per_row((rows[other], cols[other], sims[other]))
    return Candidates(index[rows], index[cols], sims)


def verified_matches(
    passages: Sequence[Passage], candidates: Candidates | Sequence[tuple[int, int, float]], cfg: DuplicateConfig
) -> list[ParagraphMatch]:
    """Verified candidates, merged per (paragraph, paragraph) pair."""
    if not isinstance(candidates, Candidates):
        candidates = Candidates.of(candidates)
    merged: dict[int, ParagraphMatch] = {}
    profiles: dict[int, Profile] = {}
    cross = _cross_language(passages, candidates)
    margin = margins(passages, _triples(candidates.where(cross)), cfg.translation_margin_k, search_radius(cfg))

    def profile_of(k: int) -> Profile:
        if k not in profiles:
            profiles[k] = profile(passages[k].text, passages[k].lang)
        return profiles[k]

    # One (article, paragraph) and one span tuple per passage, shared by all its matches (3 million at
    # 300k passages; a tuple each per match was ~250 MB).
    paragraph_of = cache(lambda k: (passages[k].article_id, passages[k].segment_index))
    span_of = cache(lambda k: (passages[k].start, passages[k].end))
    numbers: dict[tuple[str, int], int] = {}  # a paragraph's number: a pair of them keys ``merged`` as one int
    number_of = cache(lambda k: numbers.setdefault(paragraph_of(k), len(numbers)))

    for i, j, sim in _within_their_cut(candidates, cross, cfg).strongest_first():
        a, b = passages[i], passages[j]
        kind = classify(sim, compare(profile_of(i), profile_of(j)), a.lang, b.lang, cfg)
        if kind is None or (kind is MatchType.TRANSLATION and not is_translation(a, b, margin[(i, j)], cfg)):
            continue  # a report of a similar event in the other language: not a duplicate
        if (a.article_id, a.segment_index) > (b.article_id, b.segment_index):
            i, j, a, b = j, i, b, a
        key = number_of(i) * len(passages) + number_of(j)
        match = merged.get(key)
        if match is None:
            whole = a.whole_paragraph or b.whole_paragraph
            merged[key] = ParagraphMatch(paragraph_of(i), paragraph_of(j), span_of(i), span_of(j), sim, i, j, kind, whole)
        elif not (a.whole_paragraph or b.whole_paragraph) and not match.whole:
            # More sentences of the same two paragraphs match: the reused passage is longer.
            merged[key] = match.widened(a, b)
    return list(merged.values())


def _cross_language(passages: Sequence[Passage], candidates: Candidates) -> np.ndarray:
    """Per candidate: whether its two passages are in different languages."""
    lang = np.array([p.lang for p in passages], dtype=object)
    return lang[candidates.rows] != lang[candidates.cols] if len(candidates) else np.zeros(0, dtype=bool)


def _triples(candidates: Candidates) -> list[tuple[int, int, float]]:
    return list(zip(candidates.rows.tolist(), candidates.cols.tolist(), candidates.sims.tolist()))


def _within_their_cut(candidates: Candidates, cross: np.ndarray, cfg: DuplicateConfig) -> Candidates:
    """The candidates whose cosine reaches their language pair's ``pair_threshold``, decided for all at once:
    the search radius is the lower of the two cuts, and asking per pair cost a call and two language
    look-ups for each of millions of candidates."""
    cut = np.where(cross, pair_threshold("a", "b", cfg), pair_threshold("a", "a", cfg))
    return candidates.where(candidates.sims >= cut)


def one_paragraph_per_article(matches: list[ParagraphMatch]) -> list[ParagraphMatch]:
    """Greedy one-to-one pairing of paragraphs between each two articles, best similarity first.

    A paragraph of A that matches two paragraphs of B is usually one copy plus a near miss (a shared
    sentence of background); keeping only the best stops the near miss from being reported.
    """
    # (paragraph, other article) as one int, paragraph number * width + article number: a set of two new
    # tuples per match held ~0.5 GB at 300k passages.
    paragraphs: dict[tuple[str, int], int] = {}
    articles: dict[str, int] = {}
    width = 2 * len(matches) + 1  # more than there can be articles
    used: set[int] = set()
    kept = []
    for m in sorted(matches, key=lambda m: -m.similarity):
        left, right = paragraphs.setdefault(m.left, len(paragraphs)), paragraphs.setdefault(m.right, len(paragraphs))
        left_key = left * width + articles.setdefault(m.right[0], len(articles))
        right_key = right * width + articles.setdefault(m.left[0], len(articles))
        if left_key in used or right_key in used:
            continue
        used.add(left_key)
        used.add(right_key)
        kept.append(m)
    return kept
