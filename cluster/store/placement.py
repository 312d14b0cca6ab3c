"""Where a batch of new articles goes among the stored stories: average linkage over its neighbourhood.

The stored stories enter as clusters already formed and the new articles as singletons; the closest two
clusters (mean similarity) merge while that mean reaches the level at which the one-shot stage's average
linkage merges, so an article joins a story by the test a re-clustering applies (or ids would churn at every
re-clustering). Taking the new articles one by one instead made the order decide: a third outlet that ties
two reports of one event together came too late to join them.

Two stored stories never merge on their own: nothing new says they should, and ids stay stable. But once a
stored story has taken in new articles it may merge with another stored story, as a re-clustering would:
the batch *bridged* them (a wire story read in two halves, then an outlet carrying both). Only stories the
neighbourhood holds whole may merge, so the mean is over all their members. Without this the live store
kept two stories per event until the next re-clustering (ECB+ dev added 10 at a time: 66 stories for 40
events, B3 recall 0.81, against 0.92 after re-clustering).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from cluster.store.listing import story_number
from cluster.stories.clustering import PairFilter

Similarity = np.ndarray | sp.spmatrix | sp.sparray
"""Article x article similarity of a neighbourhood: sparse from the learned scorer, dense from the mix."""


@dataclass(frozen=True)
class Placement:
    decided: list[str | int]
    """Per new article: the stored story id it joins, or the number (in batch order) of a story to open."""
    merges: list[tuple[str, str]] = field(default_factory=list)
    """Stored stories bridged by the batch, in the order they merged: (merged id, id it merged into)."""


def place_batch(sim: Similarity, members: Mapping[str, list[int]], offset: int, count: int, level: float,
                whole: Collection[str] = ()) -> Placement:
    """The new rows ``offset ... offset + count - 1`` of ``sim`` placed among the stored stories ``members``
    (story id -> its rows). ``whole``: the stored stories the neighbourhood holds with all their members,
    which a batch may merge with each other (the larger keeps its id, then the older)."""
    if not count:
        return Placement([])
    stored = list(members)
    clusters = [list(members[sid]) for sid in stored] + [[offset + n] for n in range(count)]
    owner: list[str | None] = [*stored, *([None] * count)]
    sums, size = _cluster_sums(sim, clusters)
    alive = np.ones(len(clusters), dtype=bool)
    touched = np.arange(len(clusters)) >= len(stored)
    """Clusters holding new rows: every open pair has one (two untouched stored stories stay apart)."""
    bridgeable = np.array([sid in whole for sid in stored] + [False] * count)
    closed = np.eye(len(clusters), dtype=bool)
    closed[: len(stored), : len(stored)] = True
    mean = np.where(closed, -np.inf, sums / np.outer(size, size))
    merges: list[tuple[str, str]] = []
    while True:
        cols = np.flatnonzero(touched & alive)
        best = int(np.argmax(mean[:, cols]))
        a, b = best // len(cols), int(cols[best % len(cols)])
        if mean[a, b] < level:
            break
        keep, gone = _survivor(a, b, owner, members)
        if owner[gone] is not None:
            merges.append((str(owner[gone]), str(owner[keep])))
        sums[keep] += sums[gone]
        sums[:, keep] += sums[:, gone]
        size[keep] += size[gone]
        alive[gone] = False
        touched[keep] = True
        clusters[keep] += clusters[gone]
        if bridgeable[keep]:  # a stored story that took in new rows may now meet another whole stored story
            others = bridgeable & alive
            others[keep] = False
            closed[keep, others] = closed[others, keep] = False
        row = np.where(alive & ~closed[keep], sums[keep] / (size[keep] * size), -np.inf)  # only keep's means moved
        mean[keep], mean[:, keep] = row, row
        mean[gone], mean[:, gone] = -np.inf, -np.inf
    return Placement(_story_of_each(clusters, owner, alive, offset, count), merges)


def pairs_read(members: Mapping[str, list[int]], rows: int, whole: Collection[str] = ()) -> PairFilter:
    """Which article pairs ``place_batch`` reads (the others may be left unscored: same decisions): those with a
    new row (rows in no stored story), and those of two different stored stories both held ``whole`` (which a
    batch may bridge). Pairs inside one stored story, or touching a story not held whole, never enter a mean
    it compares (a cluster's own mean is closed; a story not held whole never meets another stored story):
    most of a neighbourhood's candidate pairs, each article's nearest being mostly in its own story."""
    label = np.full(rows, -1, dtype=np.int64)
    for k, sid in enumerate(members):
        label[members[sid]] = k
    bridgeable = np.array([sid in whole for sid in members] + [False], dtype=bool)  # [-1]: a new row

    def read(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        a, b = label[left], label[right]
        return (a < 0) | (b < 0) | ((a != b) & bridgeable[a] & bridgeable[b])

    return read


def place_lazily(score: Callable[[PairFilter], Similarity], members: Mapping[str, list[int]], offset: int,
                 count: int, level: float, whole: Collection[str] = ()) -> Placement:
    """``place_batch`` on the similarity ``score`` gives for the pairs a filter keeps, asking only for the pairs
    its means read: those with a new row, then those of the stored stories the batch reached. Of the pairs
    ``pairs_read`` keeps (every pair of two whole stored stories, which a batch may bridge), a batch of 10 into a
    20,000-article store reaches ~10 stories and reads 2,000-5,000 of 25,000-37,000.

    Same placement as on every pair read: each mean ``place_batch`` compares is of a cluster holding new rows,
    summed from the rows of its stored stories and new articles, and the sums of a story whose pairs were all
    scored are those of the full similarity to the bit (its rows hold the same pairs, the sparse products add
    them in the same order). Placed with the stories reached so far, a batch that reaches no other story was
    placed as on every pair; one that does is placed again with those stories' pairs too."""
    rows = offset + count
    read = pairs_read(members, rows, whole)
    stories = list(members)
    label = np.full(rows, -1, dtype=np.int64)
    for k, sid in enumerate(stories):
        label[members[sid]] = k
    opened = np.zeros(len(stories) + 1, dtype=bool)
    opened[-1] = True  # label -1: a new row

    def reached(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        return read(left, right) & (opened[label[left]] | opened[label[right]])

    while True:
        placement = place_batch(score(reached), members, offset, count, level, whole)
        touched = {sid for sid in placement.decided if isinstance(sid, str)}
        touched.update(sid for merge in placement.merges for sid in merge)
        todo = [k for k, sid in enumerate(stories) if sid in touched and not opened[k]]
        if not todo:
            return placement
        opened[todo] = True


def _survivor(a: int, b: int, owner: list[str | None], members: Mapping[str, list[int]]) -> tuple[int, int]:
    """(kept, merged) of two clusters: a stored story over a batch cluster; of two stored stories the
    larger (its stored members: both are held whole), then the older (lower number), as a re-clustering
    maps ids."""
    oa, ob = owner[a], owner[b]
    if oa is None or ob is None:
        return (a, b) if oa is not None or ob is None else (b, a)
    rank_a, rank_b = (-len(members[oa]), story_number(oa)), (-len(members[ob]), story_number(ob))
    return (a, b) if rank_a <= rank_b else (b, a)


def _cluster_sums(sim: Similarity, clusters: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Each two clusters' summed similarity (clusters x clusters, dense) and each cluster's size. The
    membership matrix is sparse (one entry per row): as a dense 0/1 matrix the product cost clusters x
    rows^2 multiplications, 12 s of a batch of 500 into a 20,000-article store (2,276 clusters, 14,254 rows)."""
    cols = np.concatenate([np.asarray(rows, dtype=np.int64) for rows in clusters])
    owner = np.repeat(np.arange(len(clusters)), [len(rows) for rows in clusters])
    membership = sp.csr_matrix((np.ones(len(cols)), (owner, cols)), shape=(len(clusters), sim.shape[0]))
    sums = membership @ (sim.astype(np.float64) if sp.issparse(sim) else np.asarray(sim, dtype=np.float64))
    sums = sums @ membership.T
    return (sums.toarray() if sp.issparse(sums) else np.asarray(sums)), np.asarray(membership.sum(axis=1)).ravel()


def _story_of_each(clusters: list[list[int]], owner: list[str | None], alive: np.ndarray,
                   offset: int, count: int) -> list[str | int]:
    """The stored story of each new row's cluster, or new stories numbered in the batch's order."""
    of_row: dict[int, int] = {row: c for c in np.flatnonzero(alive) for row in clusters[c]}
    opened: dict[int, int] = {}
    decided: list[str | int] = []
    for n in range(count):
        c = of_row[offset + n]
        sid = owner[c]
        decided.append(sid if sid is not None else opened.setdefault(c, len(opened)))
    return decided
