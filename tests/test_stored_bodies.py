"""The writer keeps every stored article's body in memory (``stories.BodyMatrix``) and takes a batch's story
neighbourhood from there instead of reading it from SQLite again (docs/scale-log.md, session 14)."""

from __future__ import annotations

import dataclasses

import numpy as np

from cluster.config import Config
from cluster.store.ingestor import Ingestor, IngestSettings
from cluster.store.stories import BodyMatrix, stored_bodies
from cluster.stories.bodies import ArticleBodies
from tests.conftest import EDITED, QUOTES, SEEDS
from tests.store_helpers import add_failing


def _articles(folders: list) -> list:
    from cluster.ingest.readers import load_corpus

    return [a for folder in folders for a in load_corpus(folder).articles]


def _same(kept: ArticleBodies, read: ArticleBodies) -> None:
    assert kept.articles == read.articles
    assert kept.texts == read.texts
    assert kept.counts == read.counts
    assert kept.vectors.dtype == read.vectors.dtype and np.array_equal(kept.vectors, read.vectors)
    assert np.array_equal(kept.leads, read.leads)


def _check(writer: Ingestor) -> None:
    """The bodies kept equal those read afresh: all of them, and a neighbourhood-like subset in any order."""
    kept, store = writer._stored_bodies(), writer.store
    assert kept.ids == [a.id for a in store.articles()]
    _same(kept.bodies(kept.ids), stored_bodies(store))
    some = kept.ids[::3][::-1] + ["not-stored"]
    _same(kept.bodies(some), stored_bodies(store, some))
    fresh = BodyMatrix(store)
    assert fresh.ids == kept.ids and np.array_equal(fresh.matrix, kept.matrix)


def test_the_bodies_kept_equal_those_read_after_batches_a_replacement_and_a_failed_batch(tmp_path, fake_encoder,
                                                                                        monkeypatch):
    """Wire-like corpora added in batches (their bodies read back after each commit), a replacement (which reloads
    them: the replaced article's body and place change) and a batch whose transaction fails (never taken in): the
    bodies the writer places new articles against are, each time, what SQLite holds."""
    config, settings = Config(cache_dir=tmp_path / "cache"), IngestSettings(recluster_every=0)
    seeds, quotes, edited = _articles([SEEDS]), _articles([QUOTES]), _articles([EDITED])
    with Ingestor(tmp_path / "store", config, encoder=fake_encoder, settings=settings) as writer:
        writer.add(seeds[:6])
        writer.warm()
        writer.add(seeds[6:])
        _check(writer)
        writer.add(quotes[:3], groups_due=False)
        _check(writer)
        target = seeds[2]
        writer.add([dataclasses.replace(target, text=target.text.split("\n\n")[0]), *quotes[3:]])
        _check(writer)
        before = writer._stored_bodies().ids
        add_failing(writer, edited, monkeypatch)
        assert writer._stored_bodies().ids == before
        _check(writer)
        writer.add(edited)
        _check(writer)
