"""The passage search's prefilter on the principal axes (``store.projection``, docs/scale-log.md, session 17): an
upper bound on every cosine from a quarter of the dimensions picks the pairs faiss scores again. The hits must be
faiss's own flat range search's, to the bit and in its order, as the full-width product's were."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from cluster.store import index as vector_index
from cluster.store.projection import ProjectedBound
from tests.conftest import EDITED, SEEDS
from tests.fake_encoder import fake_vector

DATA = Path(__file__).resolve().parent / "data"


NEWS = (SEEDS, EDITED, DATA / "outlets" / "dev", DATA / "similar-events" / "dev", DATA / "reuse-ar" / "dev")
"""English and Arabic news: the seeds, edited re-tellings, one event told by several outlets, similar events."""


def _news_vectors() -> tuple[np.ndarray, np.ndarray]:
    """News articles' paragraphs, sentences and 16-word windows (fake encoder, 384-d): stored, and the edited
    every sixth paragraph again with its first word dropped, as the ~140 queries of an add (near copies)."""
    from cluster.ingest.readers import load_corpus

    articles = [a for folder in NEWS for a in load_corpus(folder).articles]
    paragraphs = [p.strip() for a in articles for p in a.text.split("\n") if len(p.split()) > 5]
    sentences = [s.strip() for p in paragraphs for s in p.split(". ") if len(s.split()) > 5]
    windows = [" ".join(w[k : k + 16]) for w in (p.split() for p in paragraphs) for k in range(0, len(w) - 16, 8)]
    stored = np.vstack([fake_vector(t) for t in paragraphs + sentences + windows])
    queries = np.vstack([fake_vector(" ".join(p.split()[1:])) for p in paragraphs[::6][:140]])
    return stored, queries


def _faiss_own(made: vector_index.VectorIndex, queries: np.ndarray, radius: float) -> list[list[tuple[int, float]]]:
    lims, sims, labels = made.index.range_search(queries, radius)
    return [list(zip(labels[a:b].tolist(), sims[a:b].tolist())) for a, b in zip(lims, lims[1:])]


def test_the_bounded_search_finds_faiss_own_hits_on_news_passages(monkeypatch):
    """Stored news passages, before and with the bound in use (fitted on them; across prefilter blocks): every radius the
    duplicate stages use gives faiss's hits, order and cosines; after a removal and an add (the rows it keeps on
    the axes follow the index) too. The bound lets through a small share of the pairs, never a hit less."""
    stored, queries = _news_vectors()
    monkeypatch.setattr(vector_index, "BOUND_MIN_ROWS", 500)
    monkeypatch.setattr(vector_index, "PREFILTER_ROWS", 700)  # several products, the last one short
    assert len(stored) > 1500
    made = vector_index.VectorIndex.build(np.arange(10_000, 10_000 + len(stored)), stored, stored.shape[1])
    assert made.range_search(queries, 0.62) == _faiss_own(made, queries, 0.62) and made._bound is None
    made.prepare()  # the writer's warm-up
    for radius in (0.5, 0.62, 0.75, 0.88):
        expected = _faiss_own(made, queries, radius)
        assert sum(map(len, expected)) > 50, "the paragraphs have stored near copies in range"
        assert made.range_search(queries, radius) == expected
    assert made._bound is not None and made._bound.size == made.size, "the search used the bound"
    rows, _ = made._bound.above(queries, 0.62 - 1e-3, 0, made.size)
    assert len(rows) < 0.25 * len(queries) * made.size, "the bound rules most pairs out"

    made.remove(np.arange(10_000, 10_000 + len(stored), 5))
    made.add(np.arange(50_000, 50_100), stored[:100])
    assert made._bound.size == made.size
    refit = ProjectedBound(made._bound.basis, made._bound.dims)
    refit.extend(made._stored())
    np.testing.assert_array_equal(refit._rows.values, made._bound._rows.values)
    for radius in (0.62, 0.88):
        assert made.range_search(queries, radius) == _faiss_own(made, queries, radius)


def test_the_bound_is_never_below_a_cosine():
    """Any pair of news passages: the bound (first axes' product plus the product of the residual norms) is at
    least the cosine, whatever the number of axes kept."""
    stored, queries = _news_vectors()
    cosines = queries @ stored.T
    for dims in (8, 64, 128):
        bound = ProjectedBound.fit(stored, dims)
        bounds = bound.rotate(queries) @ bound._rows.values.T
        assert (bounds >= cosines - 1e-5).all()
