"""The first read of a just-posted article waits for its match component's groups only, not for the batch's story
summaries too: the worker stores those after the first component (docs/scale-log.md, session 16: on the
20,000-article store the summaries were 0.2-0.4 s of the slowest reads of a just-posted article)."""

from __future__ import annotations

import threading
import time

from fastapi.testclient import TestClient

import cluster.store.materialise as materialise
from cluster.config import Config
from cluster.ingest.readers import load_corpus
from cluster.service.app import create_app
from cluster.store.ingestor import Ingestor, IngestSettings
from tests.conftest import QUOTES, SEEDS
from tests.test_post_during_refresh import _copies
from tests.test_service import settle

SUMMARIES_S = 1.5
"""How long the batch's speakers and summaries are made to take."""


def test_the_first_read_of_a_posted_article_does_not_wait_for_the_summaries(tmp_path, fake_encoder, monkeypatch):
    """Wire copies of four stored news articles are posted; the first copy's read, sent right after the answer,
    returns its groups (the copy with its original) while the batch's summaries are still being stored. Its story
    read then answers as it does once everything has caught up, and the story list holds the copy."""
    config, settings = Config(cache_dir=tmp_path / "cache"), IngestSettings(recluster_every=0)
    stored = load_corpus(SEEDS).articles + load_corpus(QUOTES).articles
    with Ingestor(tmp_path / "store", config, encoder=fake_encoder, settings=settings) as writer:
        writer.add(stored)
    copies = _copies(stored[:3] + stored[-1:], "wire")
    events: list[str] = []
    summarising = threading.Event()
    real_summarise = materialise.summarise_pending

    def slow_summaries(store) -> bool:
        summarising.set()
        time.sleep(SUMMARIES_S)
        done = real_summarise(store)
        events.append("summaries stored")
        return done

    monkeypatch.setattr(materialise, "summarise_pending", slow_summaries)
    monkeypatch.setattr("cluster.store.ingestor.summarise_pending", slow_summaries)
    app = create_app(tmp_path / "store", fake_encoder, config=config, settings=settings, quotes=False)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        posted = client.post("/articles", json=copies).json()["articles"]
        started = time.perf_counter()
        first = client.get(f"/articles/{copies[0]['id']}").json()
        events.append("first read answered")
        waited = time.perf_counter() - started
        story = client.get(f"/stories/{posted[0]['story']}").json()
        listed = client.get("/stories", params={"limit": 100}).json()["stories"]
        settle(client)
        assert summarising.is_set()
        assert events.index("first read answered") < events.index("summaries stored"), (events, waited)
        assert first == client.get(f"/articles/{copies[0]['id']}").json()
        assert story == client.get(f"/stories/{posted[0]['story']}").json()
        assert any(copies[0]["id"] in s["articles"] for s in listed)  # the list waited for the summaries
    carriers = {a for g in first["duplicate_groups"] for a in g["articles"]}
    assert stored[0].id in carriers  # the copy grouped with its original
