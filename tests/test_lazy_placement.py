"""A store's batch placement asks the scorer for the pairs its means read as it reaches stored stories
(``placement.place_lazily``): the pairs with a new article first, then those of the stored stories the batch
joined or merged. It must place every batch as scoring every pair ``pairs_read`` keeps does (each pair of two
whole stored stories, which a batch may bridge), while scoring far fewer of them when the neighbourhood holds
many stories; and the scorer must give a pair asked in a later step the value it gets asked with all the rest."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from cluster.config import StoryConfig
from cluster.store.placement import pairs_read, place_batch, place_lazily
from cluster.stories.clustering import CandidateScores, learned_similarity
from cluster.stories.features import all_cues, article_cues, body_cues, remember_cues
from cluster.stories.scorer import load_scorer
from cluster.stories.signals import pair_signals
from tests.store_helpers import WIRE_TEXTS, only_pairs_read, wire_bodies

SIZES = (6, 9, 4, 12, 7, 5, 8, 3, 10, 6) * 3
STORIES = {f"s-{k + 1}": list(range(sum(SIZES[:k]), sum(SIZES[: k + 1]))) for k in range(len(SIZES))}
STORED = sum(SIZES)
COUNT = 8
N = STORED + COUNT


def _neighbourhood(seed: int) -> sp.csr_matrix:
    """Thirty tight stored stories, some pairs of them one event told apart (a bridge waiting for its batch), and
    new rows close to one or two of four of them, the rest noise: the shape of a batch of wire copies' neighbourhood."""
    rng = np.random.default_rng(seed)
    sim = np.where(rng.random((N, N)) < 0.2, 0.5 * rng.random((N, N)), 0.0)
    for rows in STORIES.values():
        sim[np.ix_(rows, rows)] = np.maximum(sim[np.ix_(rows, rows)], 0.8 + 0.15 * rng.random((len(rows), len(rows))))
    names = list(STORIES)
    for _ in range(8):
        a, b = rng.choice(len(names), 2, replace=False)
        rows_a, rows_b = STORIES[names[a]], STORIES[names[b]]
        sim[np.ix_(rows_a, rows_b)] = 0.3 + 0.35 * rng.random((len(rows_a), len(rows_b)))
    for row in range(STORED, N):
        for story in rng.choice(names[:4], rng.integers(1, 3), replace=False):  # the batch's events
            sim[STORIES[story], row] = 0.55 + 0.4 * rng.random()  # the upper triangle is kept
    sim = np.triu(sim, 1) + np.triu(sim, 1).T
    return sp.csr_matrix(sim)


def test_placement_asking_for_the_stories_it_reaches_equals_placement_on_every_pair_read():
    merged = asked_total = read_total = 0
    for seed in range(30):
        sim = _neighbourhood(seed)
        whole = set(STORIES) - ({"s-4"} if seed % 3 else set())
        every_read = only_pairs_read(sim, pairs_read(STORIES, N, whole))
        for level in (0.35, 0.5, 0.65):
            asked: set[tuple[int, int]] = set()

            def score(read, sim=sim, asked=asked):
                part = only_pairs_read(sim, read)
                upper = sp.triu(part, 1).tocoo()
                asked.update(zip(upper.row.tolist(), upper.col.tolist()))
                return part

            every = place_batch(every_read, STORIES, STORED, COUNT, level, whole=whole)
            assert place_lazily(score, STORIES, STORED, COUNT, level, whole) == every
            merged += bool(every.merges)
            asked_total += len(asked)
            read_total += every_read.nnz // 2
    assert merged >= 10  # batches that bridged whole stories, whose pairs were then asked for
    assert asked_total < 0.5 * read_total  # 30 %: the stories no new article reached were never scored


def test_pairs_asked_in_steps_get_the_values_of_all_pairs_asked_at_once_to_the_bit():
    bodies = wire_bodies()
    cfg = StoryConfig(scorer="learned")
    signals = pair_signals(bodies, [(("a1", 1), ("a6", 1)), (("a0", 1), ("a1", 1))], cfg)
    every = learned_similarity(bodies, signals, cfg, load_scorer())
    scores = CandidateScores(bodies, signals, cfg, load_scorer())
    first = scores.similarity(lambda left, right: (left >= 6) | (right >= 6))  # the new rows' pairs
    assert 0 < first.nnz < every.nnz and scores.done.sum() == first.nnz // 2
    both = scores.similarity(lambda left, right: (left >= 6) | (right >= 6) | (left < 3))  # and a story reached
    assert first.nnz < both.nnz < every.nnz
    for part in (first, both):
        rows, cols = part.nonzero()
        assert np.array_equal(np.asarray(part[rows, cols]).ravel(), np.asarray(every[rows, cols]).ravel())
    assert np.array_equal(scores.similarity().toarray(), every.toarray())


def test_the_writer_remembers_each_stored_body_s_cues_as_read_afresh():
    bodies = wire_bodies()
    assert remember_cues((t, a.lang, a.date) for t, a in zip(bodies.texts, bodies.articles)) == len(WIRE_TEXTS)
    misses = body_cues.cache_info().misses
    cues = all_cues(bodies, {0, 3, 7})
    assert body_cues.cache_info().misses == misses  # every one remembered: no text read again
    assert [c is None for c in cues] == [k not in {0, 3, 7} for k in range(len(WIRE_TEXTS))]
    assert all(cues[k] == article_cues(WIRE_TEXTS[k], "en") for k in (0, 3, 7))
