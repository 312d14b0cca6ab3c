"""Stories in the store: new articles join the best existing story or open one; a full re-clustering
runs the one-shot stage (``cluster/stories/clustering.py``) over every stored article and keeps ids by overlap.

Incremental assignment uses the one-shot scorer (learned or mix, as configured) on a neighbourhood:
the new articles, the stored articles nearest to them in meaning or sharing passages with them, and
the members of those articles' stories. A new article joins the story whose members it is, on
average, most similar to when that similarity clears the level at which average linkage merges
(``1 - cut``), exactly the test average linkage applies when it merges a singleton into a cluster;
otherwise it opens a new story (which later articles of the same batch may join). Word weights (TF-IDF) are fitted on the
neighbourhood rather than the whole store, one reason a periodic re-clustering is kept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from cluster.config import StoryConfig
from cluster.documents import Article, Segment, SegmentKind
from cluster.duplicates.matches import ParagraphMatch
from cluster.store.db import Store
from cluster.store.duplicates import shared_links
from cluster.store.matchgraph import MatchGraph
from cluster.store.placement import Placement, Similarity, pairs_read, place_batch, place_lazily
from cluster.stories.bodies import ArticleBodies, body_text
from cluster.stories.clustering import CandidateScores, PairFilter, cluster_stories, learned_cut, learned_similarity
from cluster.stories.features import paragraph_cues
from cluster.stories.scorer import load_scorer
from cluster.stories.signals import (
    ParagraphLink,
    build_signals,
    combined_similarity,
    date_penalty,
    pair_signals,
    paragraph_event_terms,
    story_signals,
)
from cluster.stories.vocabulary import GrowingArray, TermVocabulary
from cluster.textnorm import MEMO_PARAGRAPHS


def stored_bodies(store: Store, ids: Sequence[str] | None = None) -> ArticleBodies:
    """The bodies of stored articles (all, or the given ids), in insertion order, as the one-shot stage
    builds them: texts from the stored segments, vectors as stored when the article was added."""
    articles = store.articles(ids)
    if not articles:
        return ArticleBodies.empty(1)
    segments = store.segments(articles)
    vectors = store.body_vectors([a.id for a in articles])
    return ArticleBodies(
        articles,
        [body_text(a, segments[a.id]) for a in articles],
        np.vstack([vectors[a.id][0] for a in articles]),
        np.vstack([vectors[a.id][1] for a in articles]),
        [vectors[a.id][2] for a in articles],
    )


def similarity(bodies: ArticleBodies, links: list[ParagraphLink], cfg: StoryConfig,
               read: PairFilter | None = None, vocabulary: TermVocabulary | None = None) -> tuple[Similarity, float]:
    """The one-shot stage's article similarity (dates included) with the configured scorer, and the level
    at which its average linkage merges: an article joins a story by the same test a re-clustering applies,
    or ids would churn at every re-clustering. The learned scorer's stays sparse: a batch of 500 into a
    20,000-article store has a neighbourhood of ~14,000 articles, 1.6 GB as a dense matrix. ``read``: the pairs
    the caller reads (``placement.pairs_read``), the only ones the learned scorer then scores. ``vocabulary``: the
    writer's, which keeps the body terms of the paragraphs it has counted (``stories.vocabulary``)."""
    if cfg.scorer == "learned":
        scorer = load_scorer(cfg.scorer_path)
        learned = learned_similarity(bodies, pair_signals(bodies, links, cfg, vocabulary), cfg, scorer, read)
        return learned, 1.0 - learned_cut(cfg, scorer)
    signals = build_signals(bodies, links, cfg, vocabulary)
    mix = combined_similarity(signals, cfg) - date_penalty([a.date for a in bodies.articles], cfg)
    return mix, 1.0 - cfg.distance_threshold


class BodyMatrix:
    """Every stored article's body (vector, lead vector, paragraph count, the article and its body text), in
    memory beside the store: finding a new article's nearest stored articles is then one matrix product, not a
    read of every row (0.5 s at 6,000 articles, growing with the store), and a batch's neighbourhood (~2,000
    stored articles for a batch of wire copies at 20,000) is taken from here, not read from SQLite again
    (``stored_bodies``: 0.13-0.23 s an add of 10). The writer keeps it current after each commit (``append``
    reads the new rows back, so they are what ``stored_bodies`` would read); a replacement reloads it."""

    def __init__(self, store: Store, articles: Sequence[Article] | None = None,
                 segments: Mapping[str, Sequence[Segment]] | None = None) -> None:
        """``articles`` and ``segments``: every stored article and its segments, when the caller read them
        already (the writer's warm-up reads them once for the stored words too)."""
        ids, body, lead, counts, _ = store.article_vectors()
        self.ids: list[str] = ids
        self._rows = (GrowingArray(body.dtype.type, body.shape[1]), GrowingArray(lead.dtype.type, lead.shape[1]))
        self._rows[0].extend(body)
        self._rows[1].extend(lead)
        self.counts: list[int] = counts
        if articles is None:
            articles = store.articles()
            segments = store.segments(articles)
        assert segments is not None
        self.articles: dict[str, tuple[Article, str]] = {a.id: (a, body_text(a, segments[a.id])) for a in articles}
        self.position = {aid: k for k, aid in enumerate(ids)}

    def append(self, store: Store, ids: Sequence[str]) -> None:
        """After a commit: the articles just stored, read back (inserted after every other: ``seq`` order)."""
        if not len(ids):
            return
        articles = store.articles(ids)
        segments = store.segments(articles)
        rows = store.body_vectors(ids)
        order = [a.id for a in articles]
        added = [np.vstack([rows[aid][k] for aid in order]) for k in (0, 1)]
        if not self.ids:  # the first rows: their width and type
            self._rows = (GrowingArray(added[0].dtype.type, added[0].shape[1]),
                          GrowingArray(added[1].dtype.type, added[1].shape[1]))
        for buffer, new in zip(self._rows, added):  # doubling: a batch copies its own rows, not every stored one
            buffer.extend(new)
        self.counts = [*self.counts, *(rows[aid][2] for aid in order)]
        self.articles.update({a.id: (a, body_text(a, segments[a.id])) for a in articles})
        self.position.update({aid: len(self.ids) + k for k, aid in enumerate(order)})
        self.ids = [*self.ids, *order]

    @property
    def matrix(self) -> np.ndarray:
        """Every stored article's body vector, in ``ids`` order (a view: valid until the next ``append``)."""
        return self._rows[0].values

    @property
    def leads(self) -> np.ndarray:
        """Every stored article's lead vector, in ``ids`` order (a view, as ``matrix``)."""
        return self._rows[1].values

    def bodies(self, ids: Sequence[str]) -> ArticleBodies:
        """``stored_bodies(store, ids)``, from memory: the same articles, texts, vectors and counts, in
        insertion order."""
        rows = sorted(self.position[aid] for aid in set(ids) if aid in self.position)
        if not rows:
            return ArticleBodies.empty(1)
        held = [self.articles[self.ids[k]] for k in rows]
        return ArticleBodies([a for a, _ in held], [t for _, t in held], self.matrix[rows], self.leads[rows],
                             [self.counts[k] for k in rows])


def assign_new(
    store: Store,
    new: ArticleBodies,
    new_matches: Sequence[ParagraphMatch],
    cfg: StoryConfig,
    *,
    stored: BodyMatrix | None = None,
    graph: MatchGraph | None = None,
    vocabulary: TermVocabulary | None = None,
    neighbours: int = 30,
    member_cap: int = 60,
) -> Placement:
    """For each new article: the existing story id it joins, or the number of a new story to open; and
    the stored stories the batch bridged (``placement.place_batch``).

    The candidates are the stories of its ``neighbours`` nearest stored articles (by the stored body
    vectors) and of the articles it shares passages with, each seen through up to ``member_cap`` of
    its members closest to the batch. ``graph``: the writer's stored matches in memory; ``vocabulary``: its body
    terms (``stories.vocabulary``)."""
    stored = stored or BodyMatrix(store)
    batch = {a.id for a in new.articles}
    if batch.isdisjoint(stored.position):  # nothing replaced: the stored matrix as it is (a view)
        ids, body, position = stored.ids, stored.matrix, stored.position
    else:  # a copy, the replaced articles' old rows left out
        keep = [k for k, aid in enumerate(stored.ids) if aid not in batch]
        ids = [stored.ids[k] for k in keep]
        body, position = stored.matrix[keep], {aid: k for k, aid in enumerate(ids)}
    old_subset, whole = _neighbourhood(store, ids, position, body, new, new_matches, neighbours, member_cap)
    context = stored.bodies(old_subset) + new if old_subset else new
    links = shared_links(store, [a.id for a in context.articles], extra=new_matches, graph=graph, fresh=list(batch))
    story_of = store.stories_of(old_subset) if old_subset else {}
    members: dict[str, list[int]] = {}
    for k, article in enumerate(context.articles[: len(context.articles) - len(new.articles)]):
        members.setdefault(story_of[article.id], []).append(k)
    offset, count = len(context.articles) - len(new.articles), len(new.articles)
    if cfg.scorer == "learned":  # scored as the placement reaches the stored stories (``placement.place_lazily``)
        scorer = load_scorer(cfg.scorer_path)
        scores = CandidateScores(context, pair_signals(context, links, cfg, vocabulary), cfg, scorer)
        return place_lazily(scores.similarity, members, offset, count, 1.0 - learned_cut(cfg, scorer), whole)
    sim, merge_level = similarity(context, links, cfg, pairs_read(members, len(context.articles), whole), vocabulary)
    return place_batch(sim, members, offset, count, merge_level, whole=whole)


def _neighbourhood(
    store: Store, ids: list[str], position: Mapping[str, int], body: np.ndarray, new: ArticleBodies,
    new_matches: Sequence[ParagraphMatch], neighbours: int, member_cap: int,
) -> tuple[list[str], set[str]]:
    """Stored articles that could share a story with the new ones: nearest in meaning, sharing
    passages, and (capped, closest first) the other members of those articles' stories; and the
    stories seen whole (no member left out by the cap: only those may be merged by a batch). ``position``: each
    of ``ids``' place in it (the writer's ``BodyMatrix.position`` when no batch article is stored: built anew, it
    was a dict of every stored article at each add)."""
    if not ids:
        return [], set()
    semantic = new.vectors @ body.T
    near: set[int] = set()
    for row in semantic:
        near.update(nearest(row, neighbours))
    for m in new_matches:
        for aid in (m.left[0], m.right[0]):
            if aid in position:
                near.add(position[aid])
    closeness = semantic.max(axis=0)
    chosen: set[int] = set(near)
    whole: set[str] = set()
    stories = sorted(set(store.stories_of([ids[k] for k in near]).values()))
    members = store.members_of(stories)
    for sid in stories:
        idx = [position[a] for a in members.get(sid, []) if a in position]
        chosen.update(sorted(idx, key=lambda k: -closeness[k])[:member_cap])
        if len(idx) <= member_cap:
            whole.add(sid)
    return [ids[k] for k in sorted(chosen)], whole


def nearest(row: np.ndarray, k: int) -> list[int]:
    """The positions ``np.argsort(-row)[:k]`` holds, in another order, without sorting the row when they are
    certain: all values above the k-th largest and all equal to it when that makes k (a partition; ~1.5 ms a
    sort of 20,000 stored articles, ten an add). When ties at the k-th value would be cut, the sort picks which
    (its order among equal values), so it is asked."""
    neg = -row
    if 0 < k < len(neg):
        kth = np.partition(neg, k - 1)[k - 1]
        above, tied = np.flatnonzero(neg < kth), np.flatnonzero(neg == kth)
        if len(above) + len(tied) == k:
            return [*above.tolist(), *tied.tolist()]
    return np.argsort(neg)[:k].tolist()


def remember_paragraphs(segments: Mapping[str, Sequence[Segment]], langs: Mapping[str, str]) -> int:
    """Fill the story scorer's paragraph memos (``features.paragraph_cues``, ``signals.paragraph_event_terms``) with
    every stored article's body paragraphs; how many. Why: each add reads the cues and names of its neighbourhood
    (~2,000 stored articles for a batch of wire copies at 20,000), mostly articles no earlier add had read, so
    the memos missed; filled once when the writer warms up, they answer with what they would have computed.
    Skipped when the paragraphs would not fit in the memos (they would only push each other out)."""
    paragraphs = [(s.text, langs[aid]) for aid, segs in segments.items() for s in segs if s.kind is SegmentKind.BODY]
    if len(paragraphs) > MEMO_PARAGRAPHS // 2:
        return 0
    for text, lang in paragraphs:
        paragraph_cues(text, lang)
        paragraph_event_terms(text, lang)
    return len(paragraphs)


def full_clusters(store: Store, cfg: StoryConfig) -> list[set[str]]:
    """The one-shot stage over every stored article: the partition a re-clustering maps onto ids."""
    bodies = stored_bodies(store)
    if not bodies.articles:
        return []
    signals = story_signals(bodies, shared_links(store, [a.id for a in bodies.articles]), cfg)
    return [set(s.articles) for s in cluster_stories(bodies, signals, cfg).stories]

