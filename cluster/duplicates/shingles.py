"""Lexical candidates for reuse inside longer text: MinHash LSH over sliding windows of content words.

Why: one embedding per paragraph dilutes a 60-word passage pasted into a 200-word paragraph, and
sentence windows break when the copy is shuffled. A window's *set* of normalised content words
survives word and phrase shuffling, function-word edits and some synonyms, and MinHash LSH finds
windows sharing most of that set in time near linear in the corpus (buckets, never all pairs).

Hashing is vectorised with numpy: token hashes x permutations, block minima with ``reduceat``; a
window is two adjacent blocks, so windows overlap by half and every window costs one ``minimum``.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cluster.config import DuplicateConfig
from cluster.documents import Article, Segment, SegmentKind
from cluster.textnorm import normalize, stopwords

_PRIME = (1 << 31) - 1
_TOKEN = r"[^\W_]+(?:[.,]\d+)*"


@dataclass(frozen=True)
class Tokens:
    """The content words of one article's non-furniture text, with offsets into ``Article.text``."""

    article_id: str
    lang: str
    words: tuple[str, ...]
    starts: np.ndarray
    ends: np.ndarray
    segs: np.ndarray
    """The paragraph (segment index) of each word."""


@dataclass(frozen=True)
class Windows:
    """Every article's windows: owner article (index into the token list), token range, signature."""

    article: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    signatures: np.ndarray


def article_tokens(article: Article, segments: Sequence[Segment]) -> Tokens:
    """Content words (stop words and one-letter tokens dropped) of the body and related segments."""
    import re

    stop = stopwords(article.lang)
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    segs: list[int] = []
    for seg in segments:
        if seg.kind is SegmentKind.BOILERPLATE:
            continue
        for m in re.finditer(_TOKEN, seg.text):
            w = _norm(m.group())
            if len(w) > 1 and w not in stop:
                words.append(w)
                starts.append(seg.start + m.start())
                ends.append(seg.start + m.end())
                segs.append(seg.index)
    arrays = (np.asarray(x, np.int64) for x in (starts, ends, segs))
    return Tokens(article.id, article.lang, tuple(words), *arrays)


def _norm(token: str) -> str:
    """Normalised, with the Arabic conjunction prefix "w" dropped (``والرئيس`` = ``الرئيس``)."""
    w = normalize(token)
    return w[1:] if len(w) > 3 and w[0] == "و" and w[1] == "ا" else w


def _hash_words(words: Sequence[str]) -> np.ndarray:
    return np.fromiter((zlib.crc32(w.encode("utf-8")) & 0x7FFFFFFF for w in words), np.int64, len(words))


def _permutations(cfg: DuplicateConfig) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1)
    n = cfg.shingle_permutations
    return rng.integers(1, _PRIME, n, dtype=np.int64), rng.integers(0, _PRIME, n, dtype=np.int64)


WINDOW_SCALES = (1, 2, 4)
"""Window sizes, as multiples of ``shingle_window``. A word shuffle moves runs across the whole
passage, so a 32-word window of a shuffled 200-word copy holds words from everywhere in it and shares
a fifth of its set with any 32-word window of the source; windows two and four times as long hold most
of a 60-130-word passage on both sides. Reuse dev (tests/data/reuse-ar/dev; source-copy edited,
word-shuffle, copy-copy recall, pair precision): (1,) 46/51, 11/15, 60/68, 0.964; (1, 3) 50/51, 15/15,
66/68, 1.000; (1, 4) 50/51, 15/15, 65/68, 0.993; (1, 6) 49/51, 14/15, 64/68, 0.986; (1, 2, 4) 50/51,
15/15, 68/68, 0.993 (verbatim 28/28 for all)."""


def windows(tokens: Sequence[Tokens], cfg: DuplicateConfig) -> Windows:
    """MinHash signatures of windows of ``shingle_window`` content words (and of each longer size of
    ``WINDOW_SCALES``), every half window."""
    a, b = _permutations(cfg)
    owners, los, his, sigs = [], [], [], []
    for k, tok in enumerate(tokens):
        n = len(tok.words)
        if n < cfg.shingle_min_words:
            continue
        values = (_hash_words(tok.words)[:, None] * a[None, :] + b[None, :]) % _PRIME
        covered = 0  # the longest window of the sizes done: one of them is the whole article
        for scale in WINDOW_SCALES:
            half = max(1, scale * cfg.shingle_window // 2)
            if n <= covered:
                break
            covered = 2 * half
            lo, hi, sig = _scale_windows(values, n, half)
            owners.append(np.full(len(sig), k))
            los.append(lo)
            his.append(hi)
            sigs.append(sig)
    if not sigs:
        empty = np.zeros(0, np.int64)
        return Windows(empty, empty, empty, np.zeros((0, cfg.shingle_permutations), np.int64))
    return Windows(np.concatenate(owners), np.concatenate(los), np.concatenate(his), np.concatenate(sigs))


def joined(parts: Sequence[Windows]) -> Windows:
    """Windows computed one article at a time (``windows([tokens])``), as ``windows`` of all those
    articles would number them: a store keeps each stored article's windows instead of re-hashing."""
    if not parts:
        return Windows(*(np.zeros(0, np.int64) for _ in range(3)), np.zeros((0, 0), np.int64))
    owners = [np.full(len(w.lo), k) for k, w in enumerate(parts)]
    return Windows(np.concatenate(owners), np.concatenate([w.lo for w in parts]),
                   np.concatenate([w.hi for w in parts]), np.concatenate([w.signatures for w in parts]))


def _scale_windows(values: np.ndarray, n: int, half: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lo, hi, signature) of windows of ``2 * half`` tokens starting every ``half`` tokens."""
    edges = np.arange(0, n, half)
    blocks = np.minimum.reduceat(values, edges, axis=0)
    if len(blocks) == 1:
        return edges, np.array([n]), blocks
    return edges[:-1], np.minimum(edges[:-1] + 2 * half, n), np.minimum(blocks[:-1], blocks[1:])


BUCKET_PARTNERS = 24
"""Windows of one LSH bucket each window is paired with: the next 24 in corpus order. A bucket of up to 25
windows gives every pair, as before; a passage reused by 40 outlets gives a chain of overlapping runs that
still connects all of them (its group forms the same), not the 780 pairs whose alignment grows with the
square of the carriers (bench corpus at 300k passages: ~38 copies of each window)."""


def candidate_pairs(win: Windows, cfg: DuplicateConfig) -> np.ndarray:
    """Window pairs (i < j) of different articles that share an LSH bucket and whose estimated
    Jaccard reaches ``shingle_min_jaccard``; shape (n, 2), sorted.

    A bucket holding more than ``shingle_max_bucket`` windows is a formula every outlet uses, not
    a reused passage, and is skipped; in a smaller one each window meets its next ``BUCKET_PARTNERS``.
    Buckets are runs of equal band keys after a sort, paired in numpy (16 bytes a pair: a Python set
    of tuples took 3 GB on the 100k-passage bench corpus).
    """
    found = [np.zeros(0, np.int64)]
    n = len(win.article)
    for band in range(cfg.shingle_bands):
        keys = band_key(win.signatures, band, cfg)
        order = np.argsort(keys, kind="stable")  # equal keys keep index order: i < j within a bucket
        ordered = keys[order]
        edges = np.flatnonzero(np.diff(ordered)) + 1
        starts, ends = np.r_[0, edges], np.r_[edges, len(order)]
        small = np.repeat((ends - starts) <= cfg.shingle_max_bucket, ends - starts)
        for d in range(1, BUCKET_PARTNERS + 1):
            same = (ordered[:-d] == ordered[d:]) & small[:-d]
            i, j = order[:-d][same], order[d:][same]
            other = win.article[i] != win.article[j]
            found.append(i[other] * n + j[other])
    codes = np.sort(np.concatenate(found))
    codes = codes[np.r_[True, codes[1:] != codes[:-1]]] if len(codes) else codes  # np.unique: 50x slower here ¹
    if not len(codes):
        return np.zeros((0, 2), np.int64)
    pairs = np.column_stack([codes // n, codes % n])
    keep = np.concatenate([
        (win.signatures[pairs[lo : lo + PAIR_CHUNK, 0]] == win.signatures[pairs[lo : lo + PAIR_CHUNK, 1]]).mean(axis=1)
        >= cfg.shingle_min_jaccard for lo in range(0, len(pairs), PAIR_CHUNK)
    ])  # fmt: skip
    return pairs[keep]


# ¹ numpy 2.4's ``np.unique`` of a plain integer array takes a hashing path: 11 s for 13 million codes where a
# sort and a neighbour mask take 0.2 s (the same values). It was a quarter of the alignment step's CPU at 93k passages.

PAIR_CHUNK = 1 << 15
"""Pairs whose signatures are compared at a time: each side gathers a row of 64 int64 per pair, so 2^15 pairs
hold 2 x 16 MB (2^18 held 268 MB, the peak of the whole alignment step on the 30k bench corpus)."""


def band_keys(signatures: np.ndarray, cfg: DuplicateConfig) -> np.ndarray:
    """Every window's key in every LSH band (windows x bands), as ``candidate_pairs`` buckets them: a store
    keeps its windows' keys to find which stored articles share a bucket with a batch's windows."""
    keys = [band_key(signatures, band, cfg) for band in range(cfg.shingle_bands)]
    return np.column_stack(keys) if len(signatures) else np.zeros((0, cfg.shingle_bands), np.uint64)


def band_key(signatures: np.ndarray, band: int, cfg: DuplicateConfig) -> np.ndarray:
    """Each window's key in LSH band ``band``: one place says which signature rows a band hashes, for the
    buckets ``candidate_pairs`` forms and the keys a store keeps (``band_keys``), which must agree."""
    rows = cfg.shingle_permutations // cfg.shingle_bands
    return _band_keys(signatures[:, band * rows : (band + 1) * rows])


def _band_keys(part: np.ndarray) -> np.ndarray:
    """One 64-bit key per window for its rows of one band (a multiply-add hash, wrapping): two
    windows share a bucket when their keys are equal."""
    mult = np.random.default_rng(7).integers(1, 1 << 62, part.shape[1], dtype=np.int64) | 1
    with np.errstate(over="ignore"):
        return (part.astype(np.uint64) * mult.astype(np.uint64)).sum(axis=1, dtype=np.uint64)
