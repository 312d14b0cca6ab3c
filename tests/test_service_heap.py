"""A service started with the writer's memory read in (``cluster serve``) keeps that memory out of the garbage
collector's full collections, which walked ~1.2 million objects of the 20,000-article store (0.6-1.5 s each with
the interpreter lock held, stalling the request that ran meanwhile: docs/scale-log.md, session 16), and gives the
collector back as it was at shutdown."""

from __future__ import annotations

import gc

from fastapi.testclient import TestClient

from cluster.config import Config
from cluster.ingest.readers import load_corpus
from cluster.service.app import create_app
from cluster.service.heap import GEN2_THRESHOLD
from cluster.store.ingestor import Ingestor, IngestSettings
from tests.conftest import QUOTES, SEEDS


def _walked(*objects: object) -> list[bool]:
    """Whether the collector's generations (what its collections walk) hold each of ``objects``."""
    walked = {id(o) for o in gc.get_objects()}
    return [id(o) in walked for o in objects]


def test_the_store_read_at_start_is_not_walked_by_the_collector(tmp_path, fake_encoder):
    """News articles are stored; a service started with them read into memory answers a POST of a wire copy
    (grouped with its original), while the collector walks none of the stored articles' bodies and runs full
    collections at most a tenth as often as by default; after shutdown its settings are back."""
    config, settings = Config(cache_dir=tmp_path / "cache"), IngestSettings(recluster_every=0)
    stored = load_corpus(SEEDS).articles + load_corpus(QUOTES).articles
    with Ingestor(tmp_path / "store", config, encoder=fake_encoder, settings=settings) as writer:
        writer.add(stored)
    before = gc.get_threshold()
    app = create_app(tmp_path / "store", fake_encoder, config=config, settings=settings, preload_model=True,
                     quotes=False)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        bodies = app.state.ingestor._stored_bodies().articles
        assert len(bodies) == len(stored)
        assert not any(_walked(bodies, *bodies.values()))
        assert gc.get_freeze_count() > 0 and gc.get_threshold()[2] >= GEN2_THRESHOLD == 10 * 10
        copy = {"id": f"wire-{stored[0].id}", "title": stored[0].title, "text": stored[0].text}
        assert client.post("/articles", json=[copy]).status_code == 200
        groups = client.get(f"/articles/{copy['id']}").json()["duplicate_groups"]
        assert stored[0].id in {a for g in groups for a in g["articles"]}
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == before
    assert all(_walked(bodies, *bodies.values()))
