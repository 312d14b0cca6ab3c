"""Duplicate passages, incrementally: new passages are searched against the stored index and each
other, verified exactly as ``cluster/duplicates/groups.py`` verifies them, and kept as per-paragraph matches;
groups are formed from all stored matches when a report needs them.

Why the stored unit is the verified match (before the one-paragraph-per-article pairing and the
grouping): every candidate of one (paragraph, paragraph) key involves the same two articles, so it
is found in the batch that adds the later of them, and ``verified_matches`` merges it exactly as a
one-shot run would. Pairing and grouping look across all matches, so they are re-run on the whole
set (cheap: they only touch matched passages). The result equals a one-shot run's groups on the same
articles (tests/test_store.py checks it), apart from segmentation context (docs/service.md).

Reuse inside longer text is aligned as in a one-shot run (``duplicates.align``): the batch's articles
against each other and every stored article (their content words kept in memory by the writer,
``StoredWords``); the regions found are embedded, verified and merged with the batch's matches by the
one-shot ``with_aligned``, and stored as passages of their own (not searchable) and aligned matches.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from cluster.config import DuplicateConfig
from cluster.documents import Article, Passage, Segment
from cluster.duplicates.align import SpanPair, aligned_token_pairs
from cluster.duplicates.grouping import group_matches
from cluster.duplicates.groups import (  # the one-shot stage's own steps, reused so both verify alike
    one_paragraph_per_article,
    search_radius,
    verified_matches,
    with_aligned,
)
from cluster.duplicates.matches import DuplicateGroup, ParagraphMatch
from cluster.duplicates.neighbours import exact_pairs
from cluster.duplicates.shingles import Tokens, Windows, article_tokens, joined, windows
from cluster.store.buckets import StoredBuckets
from cluster.store.db import Store
from cluster.store.index import VectorIndex
from cluster.store.matchgraph import MatchGraph
from cluster.stories.signals import ParagraphLink
from cluster.textnorm import words

StoredPassages = dict[int, tuple[Passage, np.ndarray]]
"""Stored passages and their vectors by passage id (``Store.passages_by_id``)."""


def is_searchable(passage: Passage, cfg: DuplicateConfig) -> bool:
    """Passages shorter than ``min_words`` are never reported, so they are neither indexed nor searched."""
    return len(words(passage.text)) >= cfg.min_words


def new_candidates(
    new: Sequence[Passage],
    vectors: np.ndarray,
    searchable: Sequence[bool],
    index: VectorIndex,
    cfg: DuplicateConfig,
) -> tuple[list[tuple[int, int, float]], list[int]]:
    """Candidate pairs of new passages against the stored index and among themselves.

    Returns (i, j, cosine) over a combined numbering: 0..len(new)-1 are the new passages, then
    len(new)+k is the k-th stored passage of the returned id list. Same-article pairs are left out
    (as in the one-shot search); a replaced article shares its id with its old version, so its old
    passages never match the new ones.
    """
    radius = search_radius(cfg)
    keep = [i for i, ok in enumerate(searchable) if ok]
    found: list[tuple[int, int, float]] = []
    stored_ids: dict[int, int] = {}
    if not keep:
        return found, []
    matrix = np.ascontiguousarray(vectors[keep], dtype=np.float32)
    for q, hits in enumerate(index.range_search(matrix, radius)):
        i = keep[q]
        for pid, sim in hits:
            j = stored_ids.setdefault(pid, len(new) + len(stored_ids))
            found.append((i, j, sim))
    rows, cols, sims = exact_pairs(matrix, radius)
    for q, r, sim in zip(rows.tolist(), cols.tolist(), sims.tolist()):
        i, j = keep[q], keep[r]
        if new[i].article_id != new[j].article_id:
            found.append((i, j, sim))
    return found, list(stored_ids)


def verify_new(
    store: Store,
    new: Sequence[Passage],
    candidates: list[tuple[int, int, float]],
    stored_order: list[int],
    cfg: DuplicateConfig,
    stored: StoredPassages | None = None,
) -> list[ParagraphMatch]:
    """Candidates verified by the one-shot stage's rules; match vec indices use the combined numbering
    (``ParagraphMatch.renumbered`` turns them into passage ids once the new passages have theirs).

    Pairs whose stored side belongs to an article of this batch (its previous version, being replaced)
    are dropped before verification. ``stored``: ``store.passages_by_id(stored_order)`` when the caller read it
    (the writer reads it once for this and ``with_aligned_new``).
    """
    stored = store.passages_by_id(stored_order) if stored is None else stored
    batch_ids = {p.article_id for p in new}
    combined: list[Passage] = list(new)
    for pid in stored_order:
        combined.append(stored[pid][0])
    usable = [
        (i, j, s) for i, j, s in candidates
        if combined[i].article_id != combined[j].article_id
        and not (j >= len(new) and combined[j].article_id in batch_ids)
    ]
    return verified_matches(combined, usable, cfg)


def groups_from_store(store: Store, texts: dict[str, str], cfg: DuplicateConfig,
                      article_ids: Sequence[str] | None = None) -> list[DuplicateGroup]:
    """Duplicate groups over all stored matches (or those touching ``article_ids``), as a one-shot run
    forms them: one paragraph per article pairing, then average-linkage grouping."""
    return groups_of_matches(store, store.matches(article_ids), texts, cfg)


def groups_of_matches(store: Store, stored: Sequence[ParagraphMatch], texts: dict[str, str],
                      cfg: DuplicateConfig) -> list[DuplicateGroup]:
    """Duplicate groups of the given stored matches (passage numbers = passage ids). Exact for every
    group inside the matches when they are closed under the match graph (a connected component):
    pairing and grouping never look past one."""
    if not stored:
        return []
    ids = sorted({x for m in stored for x in (m.vec_left, m.vec_right)})
    loaded = store.passages_by_id(ids)
    position = {pid: k for k, pid in enumerate(ids)}
    passages = [loaded[pid][0] for pid in ids]
    vectors = np.vstack([loaded[pid][1] for pid in ids])
    # Grouping reads only the two ends of each match, so only those are loaded and renumbered.
    matches = [m.renumbered(position) for m in stored]
    kept = one_paragraph_per_article([m for m in matches if not m.aligned]) + [m for m in matches if m.aligned]
    return group_matches(kept, passages, vectors, texts, cfg)


def shared_links(
    store: Store, article_ids: Sequence[str], extra: Sequence[ParagraphMatch] = (), graph: MatchGraph | None = None,
    fresh: Sequence[str] = (),
) -> list[ParagraphLink]:
    """The paragraphs two of ``article_ids`` share, one link per match kept by the one-paragraph-per-
    article pairing (stored matches, then ``extra``): all ``stories.signals.build_signals`` reads of
    duplicates, without forming the groups. ``graph``: the writer's matches in memory (the same rows), which
    keeps the links of stored pairs (``MatchGraph.links``: the same links, in another order); ``fresh``: the
    batch's articles, whose pairs it pairs anew."""
    if graph is not None:
        return graph.links(article_ids, extra, fresh)
    wanted = set(article_ids)
    stored = store.matches(article_ids)
    matches = [m for m in stored if m.left[0] in wanted and m.right[0] in wanted]
    matches += [m for m in extra if m.left[0] in wanted and m.right[0] in wanted]
    return [(m.left, m.right) for m in one_paragraph_per_article(matches)]


class StoredWords:
    """The content words of every stored article, with its text, segments, windows and their LSH buckets, kept
    by the writer (the only one, by its lock) so that each batch is aligned against the store without re-reading
    it, nor re-bucketing every stored window (``buckets``). Updated after a batch commits: a batch that rolls
    back never reaches it."""

    def __init__(self, cfg: DuplicateConfig) -> None:
        self.cfg = cfg
        self.tokens: dict[str, Tokens] = {}
        self.windows: dict[str, Windows] = {}
        self.texts: dict[str, str] = {}
        self.segments: dict[str, list[Segment]] = {}
        self.ids: list[str] = []
        """The stored articles in the order of ``tokens`` (first stored first; a replacement keeps its place)."""
        self.position: dict[str, int] = {}
        self.buckets = StoredBuckets(cfg)
        self.loaded = False

    def load(self, store: Store, articles: Sequence[Article] | None = None,
             segments: dict[str, list[Segment]] | None = None) -> None:
        """Every stored article (``articles`` and ``segments``: all of them, when the caller read them already)."""
        if not self.loaded:
            if articles is None or segments is None:
                articles = store.articles()
                segments = store.segments(articles)
            self.update(articles, segments)
            self.loaded = True

    def update(self, articles: Sequence[Article], segments: dict[str, list[Segment]]) -> None:
        """Add (or replace) articles once they are stored."""
        replaced = [self.position[a.id] for a in articles if a.id in self.position]
        for a in articles:
            self.tokens[a.id] = article_tokens(a, segments[a.id])
            self.windows[a.id] = windows([self.tokens[a.id]], self.cfg)
            self.texts[a.id] = a.text
            self.segments[a.id] = segments[a.id]
            if a.id not in self.position:
                self.position[a.id] = len(self.ids)
                self.ids.append(a.id)
        self.buckets.put([self.position[a.id] for a in articles], [self.windows[a.id] for a in articles], replaced)


def aligned_new(store: Store, stored: StoredWords, batch: Sequence[Article], segments: dict[str, list[Segment]],
                cfg: DuplicateConfig) -> list[SpanPair]:
    """Reused regions between the batch's articles and each other or the stored articles (a replaced
    article's old version left out), found by the one-shot stage's ``aligned_token_pairs``. Only the stored
    articles sharing an LSH bucket with the batch are looked at: the same regions (``buckets``)."""
    if not cfg.align_reuse:
        return []
    stored.load(store)
    ids = {a.id for a in batch}
    fresh = [article_tokens(a, segments[a.id]) for a in batch]
    fresh_windows = [windows([t], cfg) for t in fresh]
    sharing = stored.buckets.sharing(joined(fresh_windows)).tolist()
    old = [aid for aid in (stored.ids[k] for k in sharing) if aid not in ids]
    tokens = fresh + [stored.tokens[aid] for aid in old]
    win = joined(fresh_windows + [stored.windows[aid] for aid in old])
    texts = {**{aid: stored.texts[aid] for aid in old}, **{a.id: a.text for a in batch}}
    shown = {**{aid: stored.segments[aid] for aid in old}, **segments}
    return aligned_token_pairs(tokens, shown, texts, cfg, new=len(batch), win=win)


def with_aligned_new(
    store: Store, new: Sequence[Passage], vectors: np.ndarray, stored_order: list[int], matches: list[ParagraphMatch],
    pairs: Sequence[SpanPair], pair_vectors: np.ndarray, cfg: DuplicateConfig, stored: StoredPassages | None = None,
) -> list[ParagraphMatch]:
    """The batch's verified matches with the aligned regions ``pairs`` (embedded as ``pair_vectors``,
    two rows a pair) verified and merged by the one-shot stage's ``with_aligned``. Numbering: the new
    passages, the stored ones of ``stored_order``, then the regions' passages, a and b of each pair. ``stored``:
    as for ``verify_new``."""
    if not pairs:
        return matches
    loaded = store.passages_by_id(stored_order) if stored is None else stored
    passages = [*new, *(loaded[pid][0] for pid in stored_order), *(p for pair in pairs for p in (pair.a, pair.b))]
    rows = [vectors, *(loaded[pid][1][None, :] for pid in stored_order), pair_vectors]
    n = len(new) + len(stored_order)
    aligned = [(n + 2 * k, n + 2 * k + 1) for k in range(len(pairs))]
    return with_aligned(matches, passages, np.vstack(rows).astype(np.float32), aligned, cfg)
