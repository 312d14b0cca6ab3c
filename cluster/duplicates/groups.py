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

from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from cluster.config import DuplicateConfig
from cluster.documents import Passage, SegmentKind
from cluster.duplicates.align import covered_share, overlap
from cluster.duplicates.crosslingual import is_translation, margins
from cluster.duplicates.lexical import Lexical, MatchType, Profile, classify, compare, lexical, pair_threshold, profile
from cluster.duplicates.matches import DuplicateGroup, GroupPassage, ParagraphMatch, PassagePair
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
        candidates = (search or neighbour_candidates)(passages, vectors, keep, cfg)
        matches = one_paragraph_per_article(verified_matches(passages, candidates, cfg))
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
    margin = margins(passages, _cross_script(passages, candidates), cfg.translation_margin_k, search_radius(cfg))

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

    for i, j, sim in candidates.strongest_first():
        a, b = passages[i], passages[j]
        if sim < pair_threshold(a.lang, b.lang, cfg):
            continue
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


def _cross_script(passages: Sequence[Passage], candidates: Candidates) -> list[tuple[int, int, float]]:
    """The candidates whose two passages are in different languages (the only ones margins are for)."""
    lang = np.array([p.lang for p in passages], dtype=object)
    cross = np.flatnonzero(lang[candidates.rows] != lang[candidates.cols]) if len(candidates) else []
    return list(zip(candidates.rows[cross].tolist(), candidates.cols[cross].tolist(), candidates.sims[cross].tolist()))


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
