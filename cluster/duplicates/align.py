"""Aligned reuse spans: matching windows grown into the maximal reused region on both sides.

Why: a window pair only says "these ~N words share most of their vocabulary". A reused passage of
300 words yields a chain of such pairs, and its true edges fall inside the first and last windows.
Pairs of one article pair whose ranges touch on both sides are merged; the region is then widened by
half a window and trimmed back, from each end, to the first words the other side also has, so the
reported ``start``/``end`` cover the reused text, not the paragraph (or the window grid) around it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from cluster.config import DuplicateConfig
from cluster.documents import Article, Passage, Segment
from cluster.duplicates.shingles import Tokens, Windows, article_tokens, candidate_pairs, windows

MAX_PARAGRAPH_SHARE = 0.7
"""A region covering this share of its paragraphs on both sides is left to the paragraph matcher:
alignment is for reuse diluted inside longer text. On ECB+ dev, regions made of whole paragraphs of
two versions of a wire story were reported as one long edited pair beside (or instead of) the
verbatim paragraph pairs the gold lists."""


@dataclass(frozen=True)
class SpanPair:
    """Two reused regions of two articles, found lexically (to be verified like any passage pair)."""

    a: Passage
    b: Passage
    jaccard: float


def aligned_span_pairs(
    articles: Sequence[Article], segments: dict[str, list[Segment]], cfg: DuplicateConfig
) -> list[SpanPair]:
    """Every lexically aligned reused region between two articles of the corpus (same language)."""
    if not cfg.align_reuse:
        return []
    tokens = [article_tokens(a, segments.get(a.id, [])) for a in articles]
    return aligned_token_pairs(tokens, segments, {a.id: a.text for a in articles}, cfg)


def aligned_token_pairs(
    tokens: Sequence[Tokens], segments: Mapping[str, list[Segment]], texts: Mapping[str, str],
    cfg: DuplicateConfig, new: int | None = None, win: Windows | None = None,
) -> list[SpanPair]:
    """``aligned_span_pairs`` over articles already reduced to their content words.

    ``new``: only the first ``new`` token lists are new (a store's batch, the rest stored): regions
    between two stored articles were found when the later of them was added, and are skipped.
    ``win``: the windows of ``tokens`` when already computed (``shingles.joined``).
    """
    win = windows(tokens, cfg) if win is None else win
    out = []
    half = max(1, cfg.shingle_window // 2)
    for (x, y), found in _by_article_pair(tokens, win, candidate_pairs(win, cfg), new):
        for region in _merge(found, half):
            out += _span_pairs(tokens[x], tokens[y], region, half, segments, texts, cfg)
    return out


def _by_article_pair(
    tokens: Sequence[Tokens], win: Windows, pairs: np.ndarray, new: int | None
) -> Iterator[tuple[tuple[int, int], list[tuple[int, int, int, int]]]]:
    """The window pairs of each two articles of one language, as token ranges (``lo_a, hi_a, lo_b, hi_b``),
    oriented by article id whatever the order of the input; in numpy and one article pair at a time (a
    list of every pair's ranges held 100 MB on the 30k bench corpus, where 30 outlets carry each article)."""
    i, j = pairs[:, 0], pairs[:, 1]
    x, y = win.article[i], win.article[j]
    ids = np.array([t.article_id for t in tokens], dtype=object)
    flip = ids[x] > ids[y]
    x, y, i, j = np.where(flip, y, x), np.where(flip, x, y), np.where(flip, j, i), np.where(flip, i, j)
    langs = np.array([t.lang for t in tokens], dtype=object)
    keep = langs[x] == langs[y]
    if new is not None:
        keep &= np.minimum(x, y) < new
    x, y, i, j = x[keep], y[keep], i[keep], j[keep]
    if not len(x):
        return
    order = np.lexsort((y, x))  # stable: within an article pair, the pairs keep their sorted order
    x, y, i, j = x[order], y[order], i[order], j[order]
    starts = np.flatnonzero(np.r_[True, (x[1:] != x[:-1]) | (y[1:] != y[:-1])])
    ends = np.r_[starts[1:], len(x)]
    for g in np.argsort(np.minimum.reduceat(order, starts), kind="stable").tolist():  # first found, first
        lo, hi = int(starts[g]), int(ends[g])
        ranges = np.column_stack([win.lo[i[lo:hi]], win.hi[i[lo:hi]], win.lo[j[lo:hi]], win.hi[j[lo:hi]]])
        yield (int(x[lo]), int(y[lo])), [tuple(r) for r in ranges.tolist()]


def _merge(found: list[tuple[int, int, int, int]], gap: int) -> list[tuple[int, int, int, int]]:
    """Window pairs merged while both sides overlap or lie within ``gap`` tokens of the region."""
    regions: list[list[int]] = []
    for a0, a1, b0, b1 in sorted(found):
        for r in regions:
            if a0 <= r[1] + gap and r[0] <= a1 + gap and b0 <= r[3] + gap and r[2] <= b1 + gap:
                r[0], r[1], r[2], r[3] = min(r[0], a0), max(r[1], a1), min(r[2], b0), max(r[3], b1)
                break
        else:
            regions.append([a0, a1, b0, b1])
    return [tuple(r) for r in regions]  # type: ignore[misc]


def _trim(words: tuple[str, ...], lo: int, hi: int, other: set[str]) -> tuple[int, int]:
    """Drop tokens from both ends until two of the next three are also in ``other``."""
    while lo < hi and not _anchored(words, other, lo, 1, lo, hi):
        lo += 1
    while hi > lo and not _anchored(words, other, hi - 1, -1, lo, hi):
        hi -= 1
    return lo, hi


def _anchored(words: tuple[str, ...], other: set[str], k: int, step: int, lo: int, hi: int) -> bool:
    """Token ``k`` is in ``other``, and so is one of the next two (``step``: the direction) inside ``lo:hi``, or
    there is no next one there. Asks the first token alone when it is not shared, as most dropped tokens are:
    the trim asked all three each step (~90,000 steps an add of 10 into the 20,000-article store)."""
    if words[k] not in other:
        return False
    ahead = [t for t in (k + step, k + 2 * step) if lo <= t < hi]
    return not ahead or any(words[t] in other for t in ahead)


def _fragments(tok: Tokens, lo: int, hi: int, half: int) -> tuple[int, int]:
    """Cut a first or last paragraph piece shorter than half a window: it only came in by the
    widening (a headline summarising the passage shares its words but is not the reused text)."""
    if hi - lo < 2 or tok.segs[lo] == tok.segs[hi - 1]:
        return lo, hi
    first = int(np.searchsorted(tok.segs[lo:hi], tok.segs[lo], side="right"))
    if first < half:
        lo += first
    last = int(np.searchsorted(tok.segs[lo:hi], tok.segs[hi - 1], side="left"))
    if hi - lo - last < half and last > 0:
        hi = lo + last
    return lo, hi


def _span_pairs(
    ta: Tokens, tb: Tokens, region: tuple[int, int, int, int], half: int,
    segments: Mapping[str, list[Segment]], texts: Mapping[str, str], cfg: DuplicateConfig,
) -> list[SpanPair]:
    a0, a1, b0, b1 = region
    widened = (max(0, a0 - half), min(len(ta.words), a1 + half), max(0, b0 - half), min(len(tb.words), b1 + half))
    out = []
    for a0, a1, b0, b1 in _pieces(ta, tb, _narrowed(ta, tb, widened, half), half):
        if min(a1 - a0, b1 - b0) < cfg.shingle_min_words:
            continue
        if min(paragraph_share(ta, a0, a1), paragraph_share(tb, b0, b1)) >= MAX_PARAGRAPH_SHARE:
            continue  # whole paragraphs on both sides: the paragraph matcher judges them, undiluted
        set_a, set_b = set(ta.words[a0:a1]), set(tb.words[b0:b1])
        jaccard = len(set_a & set_b) / len(set_a | set_b)
        if jaccard >= cfg.shingle_min_jaccard:
            out.append(SpanPair(_passage(ta, a0, a1, segments, texts), _passage(tb, b0, b1, segments, texts), jaccard))
    return out


def _narrowed(ta: Tokens, tb: Tokens, region: tuple[int, int, int, int], half: int) -> tuple[int, int, int, int]:
    a0, a1, b0, b1 = region
    for _ in range(2):  # each side's trim narrows the vocabulary the other side is trimmed against
        a0, a1 = _fragments(ta, *_trim(ta.words, a0, a1, set(tb.words[b0:b1])), half)
        b0, b1 = _fragments(tb, *_trim(tb.words, b0, b1, set(ta.words[a0:a1])), half)
    return a0, a1, b0, b1


def _pieces(ta: Tokens, tb: Tokens, region: tuple[int, int, int, int], half: int, depth: int = 3,
            ) -> list[tuple[int, int, int, int]]:
    """The region cut where one side has a stretch the other side does not share (``_gap``): two
    passages pasted near each other, with other text between them, are two reuses, not one."""
    for side in (0, 1):
        own, other = (ta, tb) if side == 0 else (tb, ta)
        lo, hi, olo, ohi = region if side == 0 else (*region[2:], *region[:2])
        gap = _gap(own.words, lo, hi, set(other.words[olo:ohi]), half)
        if gap is not None and depth > 0:
            out = []
            for plo, phi in ((lo, gap[0]), (gap[1], hi)):
                piece = (plo, phi, olo, ohi) if side == 0 else (olo, ohi, plo, phi)
                out += _pieces(ta, tb, _narrowed(ta, tb, piece, half), half, depth - 1)
            return out
    return [region]


def _gap(words: tuple[str, ...], lo: int, hi: int, other: set[str], size: int) -> tuple[int, int] | None:
    """The first stretch of ``size`` or more tokens inside ``lo:hi`` of which at most a tenth recur
    in ``other`` (a reused copy, edited or shuffled, keeps well over half of its words)."""
    if hi - lo < 3 * size:
        return None
    shared = np.fromiter((w in other for w in words[lo:hi]), bool, hi - lo).astype(np.int64)
    sums = np.convolve(shared, np.ones(size, np.int64), mode="valid")
    quiet = np.flatnonzero(sums <= size // 10)
    quiet = quiet[(quiet > 0) & (quiet + size < len(shared))]
    if not len(quiet):
        return None
    start = int(quiet[0])
    end = start + size
    while end - size + 1 < len(sums) and sums[end - size + 1] <= size // 10 and end < len(shared) - 1:
        end += 1
    return lo + start, lo + end


def paragraph_share(tok: Tokens, lo: int, hi: int) -> float:
    """Share of the words of the paragraphs a region touches that the region covers. Words are in text
    order, so the paragraphs touched are those from the first word's to the last word's."""
    if hi <= lo:
        return 0.0
    touched = np.searchsorted(tok.segs, tok.segs[hi - 1], side="right") - np.searchsorted(tok.segs, tok.segs[lo])
    return (hi - lo) / max(1, int(touched))


def _passage(tok: Tokens, lo: int, hi: int, segments: Mapping[str, list[Segment]], texts: Mapping[str, str],
             ) -> Passage:
    start, end = int(tok.starts[lo]), int(tok.ends[hi - 1])
    seg = next((s for s in segments[tok.article_id] if s.start <= start < s.end), segments[tok.article_id][0])
    return Passage(tok.article_id, seg.index, seg.kind, texts[tok.article_id][start:end], start, end, tok.lang, False)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def covered_share(inner: list[tuple[int, int]], outer: tuple[int, int]) -> float:
    """Share of ``outer`` covered by those ``inner`` spans that lie within it (a tenth of its length
    of slack): a paragraph reaching far beyond ``outer`` does not count as describing it."""
    size = outer[1] - outer[0]
    slack = size // 10
    inside = sorted((max(s, outer[0]), min(e, outer[1])) for s, e in inner
                    if s >= outer[0] - slack and e <= outer[1] + slack)
    covered, reach = 0, outer[0]
    for s, e in inside:
        covered += max(0, e - max(s, reach))
        reach = max(reach, e)
    return covered / size if size else 0.0
