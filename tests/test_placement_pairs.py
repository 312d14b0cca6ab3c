"""A store's batch placement scores only the article pairs it reads (``placement.pairs_read``): pairs with a new
article, and pairs of two different stored stories it holds whole. Most candidate pairs of a neighbourhood lie
inside one stored story (each article's nearest are mostly its story's), and no mean the placement compares
reads them, so leaving them unscored must place every batch as scoring all of them does."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from cluster.config import StoryConfig
from cluster.store.placement import pairs_read, place_batch
from cluster.stories.clustering import learned_similarity
from cluster.stories.scorer import load_scorer
from cluster.stories.signals import pair_signals
from tests.store_helpers import only_pairs_read, wire_bodies

STORIES = {"s-1": list(range(0, 10)), "s-2": list(range(10, 30)), "s-3": list(range(30, 48))}
N, COUNT = 60, 12


def _neighbourhood_similarity(seed: int) -> np.ndarray:
    """Two tight stored stories and new rows close to both (a batch that bridges them), the rest noise."""
    rng = np.random.default_rng(seed)
    sim = np.where(rng.random((N, N)) < 0.25, 0.8 * rng.random((N, N)), 0.0)
    for rows in STORIES.values():
        sim[np.ix_(rows, rows)] = np.maximum(sim[np.ix_(rows, rows)], 0.85)
    sim[np.ix_(STORIES["s-1"], STORIES["s-2"])] = 0.3 + 0.3 * rng.random((10, 20))  # one event, told apart
    for row in rng.choice(range(48, N), 4, replace=False):
        for story in ("s-1", "s-2"):
            sim[STORIES[story], row] = 0.6 + 0.3 * rng.random()  # the upper triangle is kept
    sim = np.triu(sim, 1) + np.triu(sim, 1).T
    return sp.csr_matrix(sim)


def test_placement_on_the_pairs_it_reads_equals_placement_on_all_pairs():
    merged = 0
    for seed in range(40):
        sim = _neighbourhood_similarity(seed)
        whole = {"s-1", "s-2"} if seed % 2 else {"s-1", "s-2", "s-3"}
        read = pairs_read(STORIES, N, whole)
        fewer = only_pairs_read(sim, read)
        for level in (0.3, 0.45, 0.6):
            every = place_batch(sim, STORIES, N - COUNT, COUNT, level, whole=whole)
            assert place_batch(fewer, STORIES, N - COUNT, COUNT, level, whole=whole) == every
            merged += bool(every.merges)
        assert fewer.nnz < 0.7 * sim.nnz  # the pairs inside a stored story are most of them
    assert merged >= 10  # batches that bridged two whole stories, whose pairs must then be read


def test_a_story_not_held_whole_is_never_read_against_another_stored_story():
    read = pairs_read(STORIES, N, whole={"s-1", "s-2"})
    left, right = np.array([0, 0, 10, 0, 31, 50, 50]), np.array([5, 12, 31, 50, 35, 51, 3])
    assert read(left, right).tolist() == [False, True, False, True, False, True, True]


def test_learned_similarity_of_the_pairs_read_is_that_of_all_pairs_to_the_bit():
    """Which pairs are candidates depends on every article, and the TF-IDF and names weights are fitted on all
    of them: the pairs kept get exactly the values they get when every candidate pair is scored."""
    bodies = wire_bodies()
    links = [(("a1", 1), ("a6", 1)), (("a0", 1), ("a1", 1))]
    cfg = StoryConfig(scorer="learned")
    signals = pair_signals(bodies, links, cfg)
    stories = {"s-1": [0, 1, 2], "s-2": [3, 4], "s-3": [5]}
    read = pairs_read(stories, len(bodies.articles), whole={"s-1", "s-2"})
    every = learned_similarity(bodies, signals, cfg, load_scorer())
    fewer = learned_similarity(bodies, signals, cfg, load_scorer(), read)
    expected = only_pairs_read(every, read)
    assert 0 < fewer.nnz < every.nnz
    assert (fewer != expected).nnz == 0 and np.array_equal(fewer.toarray(), expected.toarray())
