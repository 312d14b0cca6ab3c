"""A store's batch placement scores only the article pairs it reads (``placement.pairs_read``): pairs with a new
article, and pairs of two different stored stories it holds whole. Most candidate pairs of a neighbourhood lie
inside one stored story (each article's nearest are mostly its story's), and no mean the placement compares
reads them, so leaving them unscored must place every batch as scoring all of them does."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from cluster.config import StoryConfig
from cluster.documents import Article
from cluster.store.placement import pairs_read, place_batch
from cluster.stories.bodies import ArticleBodies
from cluster.stories.clustering import learned_similarity
from cluster.stories.scorer import load_scorer
from cluster.stories.signals import pair_signals
from tests.store_helpers import only_pairs_read

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
    texts = [
        "Turkish intelligence chief Ibrahim Kalin met Hamas leaders in Istanbul on Wednesday.\n\n"
        "They discussed a ceasefire in Gaza and the release of 24 hostages.",
        "Ibrahim Kalin met Hamas leaders in Istanbul on Wednesday, officials said.\n\n"
        "The talks covered a Gaza ceasefire and 24 hostages.",
        "Kalin and Hamas leaders met in Istanbul on Wednesday on a Gaza truce.",
        "A magnitude 6.1 earthquake struck near Malatya on Monday, killing 12 people.\n\n"
        "Rescue teams searched collapsed buildings in Malatya through the night.",
        "The Malatya earthquake on Monday killed 12 and injured 140, officials said.",
        "The Ankara Security Forum opened on Saturday with diplomats from 20 countries.",
        "Hamas leaders met Ibrahim Kalin in Istanbul on Wednesday; 24 hostages were discussed.\n\n"
        "The talks covered a Gaza ceasefire and 24 hostages.",
        "Rescuers in Malatya pulled 3 survivors from the rubble on Tuesday after Monday's earthquake.",
    ]
    rng = np.random.default_rng(5)
    base = rng.normal(size=(3, 16))
    vectors = np.vstack([base[k] + 0.3 * rng.normal(size=16) for k in (0, 0, 0, 1, 1, 2, 0, 1)]).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    articles = [Article(id=f"a{k}", title="", text=t, lang="en") for k, t in enumerate(texts)]
    paragraphs = [dict(enumerate(t.split("\n\n"))) for t in texts]
    bodies = ArticleBodies(articles, texts, vectors, vectors.copy(), [len(p) for p in paragraphs], paragraphs)
    links = [(("a1", 1), ("a6", 1)), (("a0", 1), ("a1", 1))]
    cfg = StoryConfig(scorer="learned")
    signals = pair_signals(bodies, links, cfg)
    stories = {"s-1": [0, 1, 2], "s-2": [3, 4], "s-3": [5]}
    read = pairs_read(stories, len(texts), whole={"s-1", "s-2"})
    every = learned_similarity(bodies, signals, cfg, load_scorer())
    fewer = learned_similarity(bodies, signals, cfg, load_scorer(), read)
    expected = only_pairs_read(every, read)
    assert 0 < fewer.nnz < every.nnz
    assert (fewer != expected).nnz == 0 and np.array_equal(fewer.toarray(), expected.toarray())
