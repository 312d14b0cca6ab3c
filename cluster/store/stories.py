"""Stories in the store: new articles join the best existing story or open one; a full re-clustering
runs the one-shot stage (``cluster/stories/clustering.py``) over every stored article and keeps ids by overlap.

Incremental assignment uses the one-shot signals and cut on a neighbourhood: the new articles, the
stored articles nearest to them in meaning or sharing passages with them, and the members of those
articles' stories. A new article joins the story whose members it is, on average, most similar to
when that similarity clears the average-linkage cut (``1 - distance_threshold``), exactly the test
average linkage applies when it merges a singleton into a cluster; otherwise it opens a new story
(which later articles of the same batch may join). Word weights (TF-IDF) are fitted on the
neighbourhood rather than the whole store, one reason a periodic re-clustering is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cluster.config import StoryConfig
from cluster.documents import Article, Segment, SegmentKind
from cluster.store.db import Store, StoredMatch
from cluster.store.duplicates import pair_groups
from cluster.stories.clustering import build_signals, cluster_stories, combined_similarity, date_penalty


@dataclass
class Features:
    """What the story signals need per article, in one order."""

    articles: list[Article]
    body_texts: list[str]
    body_vecs: np.ndarray
    lead_vecs: np.ndarray
    body_counts: list[int]

    def __add__(self, other: Features) -> Features:
        return Features(
            self.articles + other.articles,
            self.body_texts + other.body_texts,
            _stack(self.body_vecs, other.body_vecs),
            _stack(self.lead_vecs, other.lead_vecs),
            self.body_counts + other.body_counts,
        )


def body_text(article: Article, segments: Sequence[Segment]) -> str:
    """The article's own body (as the one-shot stage builds it): body paragraphs, else the title."""
    return "\n\n".join(s.text for s in segments if s.kind is SegmentKind.BODY) or article.title


def stored_features(store: Store, ids: Sequence[str] | None = None) -> Features:
    articles = store.articles(ids)
    segments = store.segments(articles)
    vectors = store.features([a.id for a in articles])
    if not articles:
        return Features([], [], np.zeros((0, 1), np.float32), np.zeros((0, 1), np.float32), [])
    return Features(
        articles,
        [body_text(a, segments[a.id]) for a in articles],
        np.vstack([vectors[a.id][0] for a in articles]),
        np.vstack([vectors[a.id][1] for a in articles]),
        [vectors[a.id][2] for a in articles],
    )


def similarity(features: Features, groups: list, cfg: StoryConfig) -> np.ndarray:
    """The one-shot stage's article similarity, dates included."""
    signals = build_signals(
        features.articles, features.body_texts, features.body_vecs, features.lead_vecs,
        features.body_counts, groups, cfg,
    )
    return combined_similarity(signals, cfg) - date_penalty([a.date for a in features.articles], cfg)


def assign_new(
    store: Store,
    new: Features,
    new_matches: Sequence[StoredMatch],
    cfg: StoryConfig,
    *,
    neighbours: int = 30,
    member_cap: int = 60,
) -> list[str | int]:
    """For each new article: the existing story id it joins, or the number of a new story to open."""
    batch = {a.id for a in new.articles}
    ids, body, _, _, story = store.article_vectors()
    keep = [k for k, aid in enumerate(ids) if aid not in batch]
    ids, body, story = [ids[k] for k in keep], body[keep], [story[k] for k in keep]
    old_subset = _neighbourhood(ids, body, story, new, new_matches, neighbours, member_cap)
    context = stored_features(store, old_subset) + new if old_subset else new
    groups = pair_groups(store, [a.id for a in context.articles], extra=new_matches)
    sim = similarity(context, groups, cfg)
    story_of = dict(zip(ids, story))
    members: dict[str | int, list[int]] = {}
    for k, article in enumerate(context.articles[: len(context.articles) - len(new.articles)]):
        members.setdefault(story_of[article.id], []).append(k)
    cut = 1.0 - cfg.distance_threshold
    offset = len(context.articles) - len(new.articles)
    decided: list[str | int] = []
    opened = 0
    for n in range(len(new.articles)):
        row = offset + n
        best, best_sim = None, -np.inf
        for sid, idx in members.items():
            mean = float(sim[row, idx].mean())
            if mean > best_sim:
                best, best_sim = sid, mean
        if best is None or best_sim < cut:
            best = opened
            opened += 1
        members.setdefault(best, []).append(row)
        decided.append(best)
    return decided


def _neighbourhood(
    ids: list[str], body: np.ndarray, story: list[str], new: Features,
    new_matches: Sequence[StoredMatch], neighbours: int, member_cap: int,
) -> list[str]:
    """Stored articles that could share a story with the new ones: nearest in meaning, sharing
    passages, and (capped) the other members of those articles' stories."""
    if not ids:
        return []
    semantic = new.body_vecs @ body.T
    near: set[int] = set()
    for row in semantic:
        near.update(np.argsort(-row)[:neighbours].tolist())
    position = {aid: k for k, aid in enumerate(ids)}
    for m in new_matches:
        for aid in (m.left[0], m.right[0]):
            if aid in position:
                near.add(position[aid])
    stories = {story[k] for k in near}
    closeness = semantic.max(axis=0)
    chosen: set[int] = set(near)
    by_story: dict[str, list[int]] = {}
    for k, sid in enumerate(story):
        if sid in stories:
            by_story.setdefault(sid, []).append(k)
    for sid, idx in by_story.items():
        chosen.update(sorted(idx, key=lambda k: -closeness[k])[:member_cap])
    return [ids[k] for k in sorted(chosen)]


def full_clusters(store: Store, cfg: StoryConfig) -> list[set[str]]:
    """The one-shot stage over every stored article: the partition a re-clustering maps onto ids."""
    features = stored_features(store)
    if not features.articles:
        return []
    groups = pair_groups(store, [a.id for a in features.articles])
    signals = build_signals(
        features.articles, features.body_texts, features.body_vecs, features.lead_vecs,
        features.body_counts, groups, cfg,
    )
    result = cluster_stories(features.articles, signals, features.body_texts, cfg)
    return [set(s.articles) for s in result.stories]


def _stack(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if not len(a):
        return b
    if not len(b):
        return a
    return np.vstack([a, b])
