"""Duplicate passages, incrementally: new passages are searched against the stored index and each
other, verified exactly as ``cluster/duplicates/groups.py`` verifies them, and kept as per-paragraph matches;
groups are formed from all stored matches when a report needs them.

Why the stored unit is the verified match (before the one-paragraph-per-article pairing and the
grouping): every candidate of one (paragraph, paragraph) key involves the same two articles, so it
is found in the batch that adds the later of them, and ``verified_matches`` merges it exactly as a
one-shot run would. Pairing and grouping look across all matches, so they are re-run on the whole
set (cheap: they only touch matched passages). The result equals a one-shot run's groups on the same
articles (tests/test_store.py checks it), apart from segmentation context (docs/service.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from cluster.config import DuplicateConfig
from cluster.documents import Passage
from cluster.duplicates.groups import (  # the one-shot stage's own steps, reused so both verify alike
    group_matches,
    one_paragraph_per_article,
    search_radius,
    verified_matches,
)
from cluster.duplicates.matches import DuplicateGroup, ParagraphMatch
from cluster.duplicates.neighbours import exact_pairs
from cluster.store.db import Store
from cluster.store.index import VectorIndex
from cluster.stories.signals import ParagraphLink
from cluster.textnorm import words


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
) -> list[ParagraphMatch]:
    """Candidates verified by the one-shot stage's rules; match vec indices use the combined numbering
    (``ParagraphMatch.renumbered`` turns them into passage ids once the new passages have theirs).

    Pairs whose stored side belongs to an article of this batch (its previous version, being replaced)
    are dropped before verification.
    """
    stored = store.passages_by_id(stored_order)
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
    matches = [
        replace(m, vec_left=position[m.vec_left], vec_right=position[m.vec_right], members=()) for m in stored
    ]
    kept = one_paragraph_per_article(matches)
    return group_matches(kept, passages, vectors, texts, cfg)


def shared_links(
    store: Store, article_ids: Sequence[str], extra: Sequence[ParagraphMatch] = ()
) -> list[ParagraphLink]:
    """The paragraphs two of ``article_ids`` share, one link per match kept by the one-paragraph-per-
    article pairing (stored matches, then ``extra``): all ``stories.signals.build_signals`` reads of
    duplicates, without forming the groups."""
    wanted = set(article_ids)
    matches = [m for m in store.matches(article_ids) if m.left[0] in wanted and m.right[0] in wanted]
    matches += [m for m in extra if m.left[0] in wanted and m.right[0] in wanted]
    return [(m.left, m.right) for m in one_paragraph_per_article(matches)]
