"""A POST that arrives while the worker stores the previous batch's duplicate groups is not kept waiting for all of
them: the refresh stops between two match components and does the rest after that POST's answer
(docs/scale-log.md, session 15: the group refresh of a POST of 10 took 2.5-4.7 s at 20,000 articles, longer
than the add itself)."""

from __future__ import annotations

import shutil
import threading
import time

from fastapi.testclient import TestClient

import cluster.store.materialise as materialise
from cluster.config import Config
from cluster.documents import Article
from cluster.ingest.readers import load_corpus
from cluster.ingest.records import ArticleRecord
from cluster.service.app import create_app
from cluster.store.db import Store
from cluster.store.ingestor import Ingestor, IngestSettings
from tests.conftest import QUOTES, SEEDS
from tests.test_read_gate import _group_tables
from tests.test_service import settle

PART_S = 0.4
"""How long each component of the refresh is made to take (a POST is queued meanwhile)."""


def _copies(articles: list[Article], prefix: str) -> list[dict]:
    return [{"id": f"{prefix}-{a.id}", "title": a.title, "text": a.text,
             "date": a.date.isoformat() if a.date else None} for a in articles]


def test_a_post_queued_during_a_group_refresh_is_answered_before_it_ends(tmp_path, fake_encoder, monkeypatch):
    """Wire copies of five stored articles (five match components to refresh) are posted; while the first
    component is stored a second POST arrives, with copies of two more articles and a second copy of one of the
    first five. It is written after at most two of the five components, and once the list has caught up the group
    tables are those of a writer that stored every batch's groups in its own transaction, each copy grouped with
    its original."""
    config, settings = Config(cache_dir=tmp_path / "cache"), IngestSettings(recluster_every=0)
    stored = load_corpus(SEEDS).articles + load_corpus(QUOTES).articles
    with Ingestor(tmp_path / "store", config, encoder=fake_encoder, settings=settings) as writer:
        writer.add(stored)
    shutil.copytree(tmp_path / "store", tmp_path / "reference")
    first = _copies(stored[:4] + stored[-1:], "wire")
    second = _copies(stored[4:6], "wire") + _copies(stored[-1:], "again")
    events: list[str] = []
    part_started = threading.Event()
    real_part, real_parts, real_add = materialise.refresh_component, materialise.pending_parts, Ingestor.add

    def slow_part(store, edges, replaced=()):
        part_started.set()
        time.sleep(PART_S)
        real_part(store, edges, replaced)
        events.append("part")

    def counted_parts(store, graph=None):
        parts = real_parts(store, graph)
        events.append(f"plan {len(parts or [])}")
        return parts

    monkeypatch.setattr(materialise, "refresh_component", slow_part)
    monkeypatch.setattr(materialise, "pending_parts", counted_parts)
    monkeypatch.setattr(Ingestor, "add", lambda self, *a, **k: events.append("add") or real_add(self, *a, **k))
    app = create_app(tmp_path / "store", fake_encoder, config=config, settings=settings, quotes=False)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.post("/articles", json=first).status_code == 200
        assert part_started.wait(10)
        assert client.post("/articles", json=second).status_code == 200
        settle(client)
        read = {r["id"]: client.get(f"/articles/{r['id']}").json()["duplicate_groups"] for r in first + second}
    planned = int(events[1].split()[1])
    assert events[:2] == ["add", f"plan {planned}"] and planned >= 4, events
    before_second = events[2:events.index("add", 2)]
    assert 1 <= before_second.count("part") <= 2, f"the second POST waited for the whole refresh: {events}"
    with Ingestor(tmp_path / "reference", config, encoder=fake_encoder, settings=settings) as writer:
        for batch in (first, second):
            writer.add([ArticleRecord.model_validate(r).to_article("http") for r in batch])
        served = Store(tmp_path / "store", create=False)
        assert _group_tables(served) == _group_tables(writer.store)
        served.close()
    for record in first + second:  # what the reads show: each copy grouped with its original
        carriers = {a for g in read[record["id"]] for a in g["articles"]}
        assert record["id"].split("-", 1)[1] in carriers, record["id"]
