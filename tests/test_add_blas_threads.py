"""The writer's add runs BLAS on one thread (``store/blas.py``; docs/scale-log.md, session 19): on two cores the
second BLAS thread added ~300 ms of process CPU to an add of 10 and no speed. The answers are the same."""

from __future__ import annotations

from dataclasses import replace

from threadpoolctl import threadpool_info, threadpool_limits

import cluster.store.ingestor as ingestor_module
from cluster.config import Config
from cluster.store.ingestor import Ingestor, IngestSettings
from tests.conftest import EDITED, QUOTES, SEEDS


def _articles(folders: list) -> list:
    from cluster.ingest.readers import load_corpus

    return [a for folder in folders for a in load_corpus(folder).articles]


def _blas_threads() -> list[int]:
    """The thread counts of numpy's and scipy's BLAS (faiss's own follows faiss's OpenMP threads, which its searches
    set themselves: ``duplicates/neighbours.py``)."""
    return [lib["num_threads"] for lib in threadpool_info()
            if lib["user_api"] == "blas" and lib.get("threading_layer") != "openmp"]


def test_an_add_places_its_stories_with_one_blas_thread_and_gives_the_threads_back(tmp_path, fake_encoder,
                                                                                   monkeypatch):
    """The seeds and edited re-tellings stored; a writer started as the service starts it (``warm``) with BLAS set to
    two threads adds the quotes and wire copies of stored articles: while the batch is placed in its stories, every
    numpy and scipy BLAS library runs one thread; after the add they run two again; every article of the batch is in a story."""
    seen: list[list[int]] = []
    real = ingestor_module.assign_new

    def watched(*args, **kwargs):
        seen.append(_blas_threads())
        return real(*args, **kwargs)

    monkeypatch.setattr(ingestor_module, "assign_new", watched)
    config, settings = Config(cache_dir=tmp_path / "cache"), IngestSettings(recluster_every=0)
    stored = _articles([SEEDS, EDITED])
    batch = _articles([QUOTES]) + [replace(a, id=f"wire-{a.id}") for a in stored[:3]]
    with threadpool_limits(2, user_api="blas"), Ingestor(tmp_path / "store", config, encoder=fake_encoder,
                                                         settings=settings) as writer:
        writer.add(stored)
    with threadpool_limits(2, user_api="blas"), Ingestor(tmp_path / "store", config, encoder=fake_encoder,
                                                         settings=settings) as writer:
        writer.warm()  # as the service starts
        seen.clear()
        statuses = writer.add(batch)
        assert _blas_threads() and all(n == 2 for n in _blas_threads())
    assert seen and all(threads and all(n == 1 for n in threads) for threads in seen)
    assert all(s.story for s in statuses)
