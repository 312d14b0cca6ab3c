"""Verified paragraph matches -> the groups of copies a reader is shown, without chaining.

Connected passages are clustered with average linkage on their similarity margins, so that A~B and B~C do
not put A and C together when A and C are unrelated; a verified link that falls between two groups is kept
as a group of its own. Each group's links are classified again on the passages as widened (``_make_group``).
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from cluster.config import DuplicateConfig
from cluster.documents import Passage, SegmentKind
from cluster.duplicates.lexical import Lexical, classify, compare, pair_threshold, profile
from cluster.duplicates.matches import DuplicateGroup, GroupPassage, ParagraphMatch, PassagePair


def group_matches(
    matches: list[ParagraphMatch],
    passages: Sequence[Passage],
    vectors: np.ndarray,
    texts: dict[str, str],
    cfg: DuplicateConfig,
) -> list[DuplicateGroup]:
    node_of: dict[tuple[str, int], list[int]] = defaultdict(list)
    spans: list[tuple[int, int]] = []
    node_vec: list[int] = []
    node_lang: list[str] = []
    node_kind: list[SegmentKind] = []
    node_key: list[tuple[str, int]] = []

    def node(key: tuple[str, int], span: tuple[int, int], vec: int, aligned: bool) -> int:
        """The paragraph's node (widened to ``span``), or for an aligned region the node of nearly the
        same region: two passages reused at different places of one paragraph are two copies, and a
        region must not widen to the paragraph (or to another region) around it."""
        if aligned:
            n = next((n for n in node_of[key[0], -1] if _same_region(spans[n], span)), None)
            key_of = (key[0], -1)
        else:
            n = node_of[key][0] if node_of[key] else None
            key_of = key
        if n is None:
            node_of[key_of].append(len(spans))
            spans.append(span)
            node_vec.append(vec)
            node_lang.append(passages[vec].lang)
            node_kind.append(passages[vec].kind)
            node_key.append(key)
            return len(spans) - 1
        spans[n] = (min(spans[n][0], span[0]), max(spans[n][1], span[1]))
        if passages[vec].whole_paragraph:
            node_vec[n] = vec
        return n

    ends = array("q")
    for m in matches:  # two node numbers a match, no tuple each (3 million matches at 300k passages)
        ends.extend((node(m.left, m.span_left, m.vec_left, m.aligned), node(m.right, m.span_right, m.vec_right, m.aligned)))
    left, right = np.frombuffer(ends, dtype=np.int64).reshape(-1, 2).T

    labels = _cluster_nodes(left, right, matches, vectors[node_vec], node_lang, cfg)
    groups = [_make_group([(int(left[e]), int(right[e]), matches[e]) for e in edges.tolist()], spans, node_key,
                          node_lang, node_kind, texts, cfg) for edges in _edges_by_label(labels, left, right)]  # fmt: skip
    return sorted(groups, key=lambda g: (-len(g.articles), -g.best_similarity))


def _edges_by_label(labels: np.ndarray, left: np.ndarray, right: np.ndarray) -> list[np.ndarray]:
    """The edges inside each cluster of nodes (clusters in the order of their first edge), then each edge
    that falls between two clusters on its own: a verified link is never dropped."""
    same = labels[left] == labels[right]
    inside = [run for run in _runs(labels[left][same], np.flatnonzero(same)) if len(run)]
    inside.sort(key=lambda run: run[0])
    return inside + list(np.flatnonzero(~same).reshape(-1, 1))


def _same_region(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two aligned regions of one article that are one copy (80% of their union shared)."""
    return min(a[1], b[1]) - max(a[0], b[0]) >= 0.8 * (max(a[1], b[1]) - min(a[0], b[0]))


def _cluster_nodes(
    left: np.ndarray,
    right: np.ndarray,
    matches: list[ParagraphMatch],
    node_vectors: np.ndarray,
    node_lang: list[str],
    cfg: DuplicateConfig,
) -> np.ndarray:
    """Average-linkage clusters inside each connected component, on margins over the pair threshold.

    Margins (similarity minus the threshold of the pair's languages) put translations and copies on
    one scale; a group holds together while its passages are, on average, above their thresholds.
    Components are numbered by their first node, and labels follow that order.
    """
    n = len(node_vectors)
    count, component = connected_components(sparse.coo_matrix((np.ones(len(left)), (left, right)), shape=(n, n)),
                                            directed=False)  # fmt: skip
    members_of = _runs(component, np.arange(n), count)
    edges_of = _runs(component[left], np.arange(len(left)), count)
    labels = np.zeros(n, dtype=np.int64)
    next_label = 0
    for c in np.argsort([m[0] for m in members_of], kind="stable").tolist():
        members = members_of[c]
        if len(members) <= 2:
            labels[members] = next_label
            next_label += 1
            continue
        sims = node_vectors[members] @ node_vectors[members].T
        position = {x: r for r, x in enumerate(members.tolist())}
        for e in edges_of[c].tolist():  # a matched sentence can beat its paragraphs' cosine
            row, col = position[int(left[e])], position[int(right[e])]
            sims[row, col] = sims[col, row] = max(float(sims[row, col]), matches[e].similarity)
        langs = np.array([node_lang[x] for x in members.tolist()])
        thr = np.where(langs[:, None] == langs[None, :], pair_threshold("a", "a", cfg), pair_threshold("a", "b", cfg))
        margin = (sims - thr) / np.maximum(1e-6, 1 - thr)
        distance = np.clip(1.0 - margin, 0.0, None)
        np.fill_diagonal(distance, 0.0)
        found = _average_linkage(distance, 1.0 + cfg.group_linkage_slack)
        labels[members] = next_label + found
        next_label += int(found.max()) + 1
    return labels


def _runs(keys: np.ndarray, values: np.ndarray, count: int = 0) -> list[np.ndarray]:
    """``values`` split by key: part ``k`` holds those of key ``k`` (at least ``count`` parts, some maybe
    empty), each in its original order."""
    order = np.argsort(keys, kind="stable")
    return np.split(values[order], np.cumsum(np.bincount(keys, minlength=count))[:-1])


def _average_linkage(distance: np.ndarray, threshold: float) -> np.ndarray:
    """Average-linkage labels below ``threshold``. A component whose passages are all within the threshold
    of each other (the carriers of one wire paragraph, the usual case) is one cluster without asking
    scikit-learn: every average of distances under the threshold is under it. That call costs about a
    millisecond a component whatever its size, and a large corpus has thousands."""
    if distance.max() < threshold:
        return np.zeros(len(distance), dtype=int)
    from sklearn.cluster import AgglomerativeClustering  # sklearn's import pulls pandas and scipy.stats

    clustering = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=threshold).fit(distance)  # fmt: skip
    return clustering.labels_


def _make_group(
    edges: list[tuple[int, int, ParagraphMatch]],
    spans: list[tuple[int, int]],
    node_key: list[tuple[str, int]],
    node_lang: list[str],
    node_kind: list[SegmentKind],
    texts: dict[str, str],
    cfg: DuplicateConfig,
) -> DuplicateGroup:
    nodes = sorted({x for a, b, _ in edges for x in (a, b)}, key=lambda x: (node_key[x], spans[x]))
    position = {x: k for k, x in enumerate(nodes)}
    passages = tuple(
        GroupPassage(
            article_id=node_key[x][0],
            segment_index=node_key[x][1],
            kind=node_kind[x],
            start=spans[x][0],
            end=spans[x][1],
            text=texts[node_key[x][0]][spans[x][0] : spans[x][1]],
            lang=node_lang[x],
        )
        for x in nodes
    )
    # Each passage's words read once per group: through the memo of ``profile`` a 30-carrier group's hundreds of
    # links missed it on large corpora (~6 million profiles at 300k passages).
    profiles = [profile(p.text, p.lang) for p in passages]
    pairs = []
    for a, b, m in edges:
        pa, pb = passages[position[a]], passages[position[b]]
        lex: Lexical = compare(profiles[position[a]], profiles[position[b]])
        kind = classify(m.similarity, lex, pa.lang, pb.lang, cfg) or m.match_type
        pairs.append(PassagePair(position[a], position[b], round(m.similarity, 4), round(lex.overlap, 4), kind))
    return DuplicateGroup(passages=passages, pairs=tuple(sorted(pairs, key=lambda p: (p.a, p.b))))
