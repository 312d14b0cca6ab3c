"""Articles -> stories (one real-world event) -> storylines (events that continue one another).

Two decisions, chosen by ``stories.scorer``. The default, ``learned``: p(same story) from the shipped
logistic regression (``scorer.py``) over features of each candidate pair (``reuse.candidate_features``:
each article's nearest articles and those sharing passages, ``graph.candidate_pairs``), less the date
penalty, cut by average linkage on the sparse graph. ``mix``: the four signals of
``cluster/stories/signals.py`` (meaning, wording, names and numbers, shared passages) mixed by hand for
every pair, dates lowering the similarity of articles published far apart, cut at
``distance_threshold`` (docs/stories.md has the ablation and the model card). Either way, stories
whose articles are, on average, close in meaning, body and lead alike (``ArticleSignals.continuation``
>= ``storyline_threshold``: the same actors and subject, whatever the dates) are linked into a
storyline without being merged (``cluster/stories/describe.py``, which also labels each story).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import numpy as np
from scipy import sparse

from cluster.config import StoryConfig
from cluster.stories.bodies import ArticleBodies
from cluster.stories.describe import StoryResult, describe_stories, first_date
from cluster.stories.features import FEATURES
from cluster.stories.graph import candidate_pairs, sparse_average_linkage, sparse_similarity
from cluster.stories.linkage import agglomerate
from cluster.stories.reuse import candidate_features
from cluster.stories.scorer import StoryScorer, load_scorer
from cluster.stories.signals import ArticleSignals, BodyTerms, combined_similarity, date_penalty, pair_date_penalty


def cluster_stories(bodies: ArticleBodies, signals: ArticleSignals, cfg: StoryConfig) -> StoryResult:
    """Stories numbered ``S1``... by size (then first date), with their storylines."""
    articles = bodies.articles
    if cfg.scorer == "learned":
        labels, dated = learned_labels(bodies, signals, cfg)
    else:
        similarity = combined_similarity(signals, cfg)
        dated = similarity - date_penalty([a.date for a in articles], cfg)
        labels = attach_strays(dated, agglomerate(dated, cfg.distance_threshold), cfg.stray_min_similarity)
    members: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        members[int(label)].append(i)
    order = sorted(members.values(), key=lambda m: (-len(m), first_date(articles, m), articles[m[0]].id))
    terms = signals.terms or BodyTerms.count(bodies.texts)
    story_ids = [f"S{k + 1}" for k in range(len(order))]
    return describe_stories(bodies, story_ids, order, terms, dated, signals.continuation, cfg)


def learned_labels(
    bodies: ArticleBodies, signals: ArticleSignals, cfg: StoryConfig
) -> tuple[np.ndarray, sparse.csr_matrix]:
    """Story labels from the learned scorer on the sparse candidate graph, and the similarity (p less
    the date penalty; 0 for pairs never scored) that picks each story's central article."""
    scorer = load_scorer(cfg.scorer_path)
    similarity = learned_similarity(bodies, signals, cfg, scorer)
    return attach_strays(similarity, sparse_average_linkage(similarity, learned_cut(cfg, scorer)), scorer.strays), similarity


def learned_cut(cfg: StoryConfig, scorer: StoryScorer) -> float:
    """The average-linkage distance cut on ``1 - p``: the config's when set, else the one shipped with the
    scorer (chosen out of fold with its weights)."""
    return cfg.learned_cut if cfg.learned_cut is not None else scorer.cut


PairFilter = Callable[[np.ndarray, np.ndarray], np.ndarray]
"""Which of the pairs (``left[k]``, ``right[k]``) a caller will read: a boolean mask."""


def learned_similarity(
    bodies: ArticleBodies, signals: ArticleSignals, cfg: StoryConfig, scorer: StoryScorer,
    read: PairFilter | None = None,
) -> sparse.csr_matrix:
    """p(same story) less the date penalty, for the candidate pairs only; with ``read``, only for the candidate
    pairs the caller will read (the others are left out, as pairs never scored). Which pairs are candidates
    still depends on every article (each one's nearest), and each scored pair's value on that pair alone
    (with the weights fitted on all the articles), so the pairs kept get the values they get unfiltered."""
    return CandidateScores(bodies, signals, cfg, scorer).similarity(read)


class CandidateScores:
    """The learned similarity of a set of articles' candidate pairs, scored as a caller asks for them: a store's
    placement first reads the pairs with a new article, then those of the stored stories the batch reached
    (``store.placement.place_lazily``), ~10 % of the pairs it would read of every story it may bridge. A pair's
    features are computed once; asked again, it keeps them."""

    def __init__(self, bodies: ArticleBodies, signals: ArticleSignals, cfg: StoryConfig, scorer: StoryScorer) -> None:
        self.bodies, self.signals, self.cfg, self.scorer = bodies, signals, cfg, scorer
        self.dates = [a.date for a in bodies.articles]
        self.left, self.right = candidate_pairs(bodies.vectors, signals.shared, self.dates, cfg.candidate_neighbours,
                                                cfg.candidate_window_days)
        self.features = np.zeros((len(self.left), len(FEATURES)))
        self.done = np.zeros(len(self.left), dtype=bool)

    def similarity(self, read: PairFilter | None = None) -> sparse.csr_matrix:
        """The candidate pairs ``read`` keeps (all without it) with their p less the date penalty, the others
        absent. Each pair's features depend on that pair alone, and its probability is computed with its row
        where it stands among all the candidates (BLAS sums a row by its position: scored in a shorter matrix,
        one pair of a test corpus moved in its last bit), so a pair gets the same value whatever else is asked."""
        wanted = np.ones(len(self.left), dtype=bool) if read is None else read(self.left, self.right)
        todo = wanted & ~self.done
        if todo.any():
            self.features[todo] = candidate_features(self.bodies, self.signals, self.left[todo], self.right[todo],
                                                     self.cfg.min_entities)
            self.done |= todo
        left, right = self.left[wanted], self.right[wanted]
        p = self.scorer.probability(self.features)[wanted] - pair_date_penalty(self.dates, left, right, self.cfg)
        return sparse_similarity(len(self.bodies.articles), left, right, np.clip(p, 0.0, 1.0))


def attach_strays(
    similarity: np.ndarray | sparse.csr_matrix, labels: np.ndarray, min_similarity: float,
    max_size: int = 2, min_target: int = 3,
) -> np.ndarray:
    """Clusters of one or two articles join the story (of at least three) they are closest to, on
    average, when that closeness reaches ``min_similarity``.

    Average linkage leaves behind articles that report an event from an unusual angle (a follow-up
    detail, a shorter note): their mean similarity to the story is just under the cut, while the
    story's core is tightly knit. On ECB+ most such strays belong to the nearest large story. One
    pass over the first cut, so attached articles never pull others along. ``similarity`` may be
    sparse (pairs never scored count as 0): each small cluster's rows times a story-membership matrix.
    """
    labels = np.asarray(labels).copy()
    ids, inverse, counts = np.unique(labels, return_inverse=True, return_counts=True)
    targets = np.flatnonzero(counts >= min_target)
    if min_similarity >= 1.0 or not len(targets):
        return labels
    n = len(labels)
    onto = sparse.csr_matrix((np.ones(n), (np.arange(n), inverse)), shape=(n, len(ids)))[:, targets]
    order = np.argsort(inverse, kind="stable")
    members = np.split(order, np.cumsum(counts)[:-1])
    moves = {}
    for c in np.flatnonzero(counts <= max_size):
        sums = np.asarray((similarity[members[c]] @ onto).sum(axis=0)).ravel()
        closeness = sums / (counts[c] * counts[targets])
        best = int(np.argmax(closeness))
        if closeness[best] >= min_similarity:
            moves[c] = targets[best]
    for c, target in moves.items():
        labels[members[c]] = ids[target]
    return labels
