"""Duplicate passages across articles: faiss neighbours -> verified pairs -> groups without chaining.

1. Every passage (paragraph or sentence window) is searched against all others with an exact
   inner-product range search: all neighbours above the lowest threshold in use, however many
   outlets carry the passage.
2. Candidates from the same article are dropped; the rest are verified by ``matching.classify``
   (thresholds per language pair, lexical overlap, conflicting numbers).
3. Matches between the same two paragraphs (a paragraph and its sentences on either side) become one
   passage pair spanning what matched; each paragraph pairs with at most one paragraph per article.
4. Pairs are grouped: connected passages are clustered with average linkage on their similarity
   margins, so that A~B and B~C do not put A and C together when A and C are unrelated; a verified
   link that falls between two groups is kept as a group of its own.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from cluster.config import DuplicateConfig
from cluster.documents import Passage, SegmentKind
from cluster.duplicates.lexical import Lexical, MatchType, Profile, classify, compare, lexical, pair_threshold, profile
from cluster.textnorm import words

_MATCH_ORDER = {m: k for k, m in enumerate(MatchType)}
"""Match types in the order reports list them (strongest evidence first)."""


@dataclass(frozen=True)
class GroupPassage:
    """One article's copy of a duplicated passage."""

    article_id: str
    segment_index: int
    kind: SegmentKind
    start: int
    end: int
    text: str
    lang: str


@dataclass(frozen=True)
class PassagePair:
    """Two passages of a group (indices into ``DuplicateGroup.passages``) and how they relate."""

    a: int
    b: int
    similarity: float
    lexical_overlap: float
    match_type: MatchType


@dataclass(frozen=True)
class DuplicateGroup:
    """One passage carried by several articles, with the evidence for each link."""

    passages: tuple[GroupPassage, ...]
    pairs: tuple[PassagePair, ...]

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(p.article_id for p in self.passages))

    @property
    def best_similarity(self) -> float:
        return max(p.similarity for p in self.pairs)

    @property
    def match_types(self) -> list[MatchType]:
        return sorted({p.match_type for p in self.pairs}, key=_MATCH_ORDER.__getitem__)

    @property
    def languages(self) -> list[str]:
        return sorted({p.lang for p in self.passages})


@dataclass(frozen=True)
class ParagraphMatch:
    """A verified match between two paragraphs of two articles (spans grow as sentences join).

    ``vec_left``/``vec_right`` and ``members`` number passages: positions in the passage list of a run,
    or passage ids in the store (``renumbered`` moves a match from one numbering to the other).
    """

    left: tuple[str, int]
    right: tuple[str, int]
    span_left: tuple[int, int]
    span_right: tuple[int, int]
    similarity: float
    vec_left: int
    vec_right: int
    match_type: MatchType
    """The type of the best-scoring evidence (kept if the merged spans no longer classify alone)."""
    whole: bool
    """The best evidence spans a whole paragraph on one side at least: its spans stay as they are."""
    members: tuple[tuple[int, int], ...] = ()

    def renumbered(self, number: Mapping[int, int] | Sequence[int]) -> ParagraphMatch:
        """The same match with every passage number ``k`` replaced by ``number[k]``."""
        return replace(
            self, vec_left=number[self.vec_left], vec_right=number[self.vec_right],
            members=tuple((number[a], number[b]) for a, b in self.members),
        )

    def widened(self, a: Passage, b: Passage, pair: tuple[int, int]) -> ParagraphMatch:
        """The match grown by one more matching pair of sentences of the same two paragraphs."""
        return replace(
            self,
            span_left=(min(self.span_left[0], a.start), max(self.span_left[1], a.end)),
            span_right=(min(self.span_right[0], b.start), max(self.span_right[1], b.end)),
            members=(*self.members, pair),
        )


def find_duplicate_groups(
    passages: Sequence[Passage],
    vectors: np.ndarray,
    texts: dict[str, str],
    cfg: DuplicateConfig,
) -> list[DuplicateGroup]:
    """Duplicate groups among ``passages`` (rows of ``vectors``); ``texts`` maps article id to text."""
    keep = [i for i, p in enumerate(passages) if len(words(p.text)) >= cfg.min_words]
    if len(keep) < 2:
        return []
    candidates = _neighbour_candidates(passages, vectors, keep, cfg)
    matches = verified_matches(passages, candidates, cfg)
    matches = one_paragraph_per_article(matches)
    return group_matches(matches, passages, vectors, texts, cfg)


def search_radius(cfg: DuplicateConfig) -> float:
    """The lowest cosine any language pair accepts: the range every candidate search uses."""
    return min(pair_threshold("a", "b", cfg), pair_threshold("a", "a", cfg))


def similar_pairs(matrix: np.ndarray, radius: float, block: int = 2048) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair of rows ``i < j`` of unit vectors whose inner product reaches ``radius``: (i, j, cosine).

    An exact faiss range search. Each block of queries searches only the rows from its own start on:
    pairs are symmetric, so the lower triangle would find each pair twice (half the work saved).
    """
    import faiss  # here, not at module level: reports and the CLI's start-up do not pay for it

    faiss.omp_set_num_threads(os.cpu_count() or 1)
    matrix = np.ascontiguousarray(matrix, dtype=np.float32)
    rows, cols, sims = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.float32)]
    for lo in range(0, len(matrix), block):
        index = faiss.IndexFlatIP(matrix.shape[1])
        index.add(matrix[lo:])
        lims, found, ids = index.range_search(matrix[lo : lo + block], float(radius))
        i = lo + np.repeat(np.arange(len(lims) - 1), np.diff(lims).astype(np.int64))
        j = lo + ids.astype(np.int64)
        upper = j > i
        rows.append(i[upper])
        cols.append(j[upper])
        sims.append(found[upper])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)


def _neighbour_candidates(
    passages: Sequence[Passage], vectors: np.ndarray, keep: list[int], cfg: DuplicateConfig
) -> list[tuple[int, int, float]]:
    """Passage pairs of different articles within the search radius, as (i, j, cosine) with i < j."""
    rows, cols, sims = similar_pairs(vectors[keep], search_radius(cfg))
    index = np.asarray(keep, dtype=np.int64)
    return [
        (i, j, sim)
        for i, j, sim in zip(index[rows].tolist(), index[cols].tolist(), sims.tolist())
        if passages[i].article_id != passages[j].article_id
    ]


def verified_matches(
    passages: Sequence[Passage], candidates: list[tuple[int, int, float]], cfg: DuplicateConfig
) -> list[ParagraphMatch]:
    """Verified candidates, merged per (paragraph, paragraph) pair."""
    merged: dict[tuple[tuple[str, int], tuple[str, int]], ParagraphMatch] = {}
    profiles: dict[int, Profile] = {}

    def profile_of(k: int) -> Profile:
        if k not in profiles:
            profiles[k] = profile(passages[k].text, passages[k].lang)
        return profiles[k]

    for i, j, sim in sorted(candidates, key=lambda c: -c[2]):
        a, b = passages[i], passages[j]
        if sim < pair_threshold(a.lang, b.lang, cfg):
            continue
        kind = classify(sim, compare(profile_of(i), profile_of(j)), a.lang, b.lang, cfg)
        if kind is None:
            continue
        if (a.article_id, a.segment_index) > (b.article_id, b.segment_index):
            i, j, a, b = j, i, b, a
        key = ((a.article_id, a.segment_index), (b.article_id, b.segment_index))
        match = merged.get(key)
        if match is None:
            whole = a.whole_paragraph or b.whole_paragraph
            merged[key] = ParagraphMatch(key[0], key[1], (a.start, a.end), (b.start, b.end), sim, i, j, kind, whole,
                                         ((i, j),))
        elif not (a.whole_paragraph or b.whole_paragraph) and not match.whole:
            # More sentences of the same two paragraphs match: the reused passage is longer.
            merged[key] = match.widened(a, b, (i, j))
    return list(merged.values())


def one_paragraph_per_article(matches: list[ParagraphMatch]) -> list[ParagraphMatch]:
    """Greedy one-to-one pairing of paragraphs between each two articles, best similarity first.

    A paragraph of A that matches two paragraphs of B is usually one copy plus a near miss (a shared
    sentence of background); keeping only the best stops the near miss from being reported.
    """
    used: set[tuple[tuple[str, int], str]] = set()
    kept = []
    for m in sorted(matches, key=lambda m: -m.similarity):
        left_key, right_key = (m.left, m.right[0]), (m.right, m.left[0])
        if left_key in used or right_key in used:
            continue
        used.update({left_key, right_key})
        kept.append(m)
    return kept


def group_matches(
    matches: list[ParagraphMatch],
    passages: Sequence[Passage],
    vectors: np.ndarray,
    texts: dict[str, str],
    cfg: DuplicateConfig,
) -> list[DuplicateGroup]:
    node_of: dict[tuple[str, int], int] = {}
    spans: list[tuple[int, int]] = []
    node_vec: list[int] = []
    node_lang: list[str] = []
    node_kind: list[SegmentKind] = []
    node_key: list[tuple[str, int]] = []

    def node(key: tuple[str, int], span: tuple[int, int], vec: int) -> int:
        if key not in node_of:
            node_of[key] = len(spans)
            spans.append(span)
            node_vec.append(vec)
            node_lang.append(passages[vec].lang)
            node_kind.append(passages[vec].kind)
            node_key.append(key)
            return node_of[key]
        n = node_of[key]
        spans[n] = (min(spans[n][0], span[0]), max(spans[n][1], span[1]))
        if passages[vec].whole_paragraph:
            node_vec[n] = vec
        return n

    edges = []
    for m in matches:
        edges.append((node(m.left, m.span_left, m.vec_left), node(m.right, m.span_right, m.vec_right), m))

    labels = _cluster_nodes(len(spans), edges, vectors[node_vec], node_lang, cfg)
    by_label: dict[int, list[tuple[int, int, ParagraphMatch]]] = defaultdict(list)
    leftovers = []
    for a, b, m in edges:
        (by_label[labels[a]] if labels[a] == labels[b] else leftovers).append((a, b, m))
    groups = [_make_group(es, spans, node_key, node_lang, node_kind, texts, cfg) for es in by_label.values()]
    groups += [_make_group([e], spans, node_key, node_lang, node_kind, texts, cfg) for e in leftovers]
    return sorted(groups, key=lambda g: (-len(g.articles), -g.best_similarity))


def _cluster_nodes(
    n: int,
    edges: list[tuple[int, int, ParagraphMatch]],
    node_vectors: np.ndarray,
    node_lang: list[str],
    cfg: DuplicateConfig,
) -> list[int]:
    """Average-linkage clusters inside each connected component, on margins over the pair threshold.

    Margins (similarity minus the threshold of the pair's languages) put translations and copies on
    one scale; a group holds together while its passages are, on average, above their thresholds.
    """
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in edges:
        parent[find(a)] = find(b)
    components: dict[int, list[int]] = defaultdict(list)
    for x in range(n):
        components[find(x)].append(x)

    labels = [0] * n
    next_label = 0
    observed: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for a, b, m in edges:
        observed[find(a)].append((a, b, m.similarity))
    for root, members in components.items():
        if len(members) <= 2:
            for x in members:
                labels[x] = next_label
            next_label += 1
            continue
        sims = node_vectors[members] @ node_vectors[members].T
        position = {x: r for r, x in enumerate(members)}
        for x, y, sim in observed[root]:  # a matched sentence can beat its paragraphs' cosine
            r, c = position[x], position[y]
            sims[r, c] = sims[c, r] = max(float(sims[r, c]), sim)
        langs = np.array([node_lang[x] for x in members])
        thr = np.where(langs[:, None] == langs[None, :], pair_threshold("a", "a", cfg), pair_threshold("a", "b", cfg))
        margin = (sims - thr) / np.maximum(1e-6, 1 - thr)
        distance = np.clip(1.0 - margin, 0.0, None)
        np.fill_diagonal(distance, 0.0)
        from sklearn.cluster import AgglomerativeClustering  # sklearn's import pulls pandas and scipy.stats

        clustering = AgglomerativeClustering(
            n_clusters=None,
            metric="precomputed",
            linkage="average",
            distance_threshold=1.0 + cfg.group_linkage_slack,
        ).fit(distance)
        for x, lab in zip(members, clustering.labels_):
            labels[x] = next_label + int(lab)
        next_label += int(clustering.labels_.max()) + 1
    return labels


def _make_group(
    edges: list[tuple[int, int, ParagraphMatch]],
    spans: list[tuple[int, int]],
    node_key: list[tuple[str, int]],
    node_lang: list[str],
    node_kind: list[SegmentKind],
    texts: dict[str, str],
    cfg: DuplicateConfig,
) -> DuplicateGroup:
    nodes = sorted({x for a, b, _ in edges for x in (a, b)}, key=lambda x: node_key[x])
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
    pairs = []
    for a, b, m in edges:
        pa, pb = passages[position[a]], passages[position[b]]
        lex: Lexical = lexical(pa.text, pb.text, pa.lang, pb.lang)
        kind = classify(m.similarity, lex, pa.lang, pb.lang, cfg) or m.match_type
        pairs.append(PassagePair(position[a], position[b], round(m.similarity, 4), round(lex.overlap, 4), kind))
    return DuplicateGroup(passages=passages, pairs=tuple(sorted(pairs, key=lambda p: (p.a, p.b))))
