"""A live store: id lookups and lists answer from SQLite the moment a POST returns, and agree with each
other; story ids survive a re-clustering."""

from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from cluster.config import Config
from cluster.service.app import create_app
from cluster.store.ingestor import Ingestor, IngestSettings
from tests.conftest import QUOTES, SEEDS
from tests.test_service import records, settle
from tests.test_store import corpus_articles

WITKOFF = ["ar_outlet_a.txt", "ar_outlet_b.txt", "en_outlet_c.txt"]
"""The quote set: one story, the same statement carried by three outlets (two in Arabic, one in English)."""


@pytest.fixture()
def client(tmp_path, use_encoder, embedding_cache):
    app = create_app(tmp_path / "store", use_encoder, config=Config(cache_dir=embedding_cache), quotes=False,
                     settings=IngestSettings(recluster_every=0))
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def timed_get(client: TestClient, path: str, **params) -> tuple[dict, float]:
    start = time.perf_counter()
    answer = client.get(path, params=params)
    assert answer.status_code == 200, answer.text
    return answer.json(), time.perf_counter() - start


def test_a_posted_article_reads_back_at_once_with_its_story_and_groups(client):
    client.post("/articles", json=records(SEEDS))
    posted = client.post("/articles", json=records(QUOTES)).json()["articles"]
    story_of = {p["id"]: p["story"] for p in posted}
    assert len({story_of[a] for a in WITKOFF}) == 1
    for article_id in WITKOFF:  # answered from the tables the POST's transaction wrote
        article, seconds = timed_get(client, f"/articles/{article_id}")
        assert seconds < 10 and article["story"] == story_of[article_id] and article["indexed_passages"] > 0
        carriers = {a for g in article["duplicate_groups"] for a in g["articles"]}
        assert set(WITKOFF) <= carriers, "the statement every outlet carries is one duplicate group"
    story, _ = timed_get(client, f"/stories/{story_of['en_outlet_c.txt']}")
    assert set(story["articles"]) == set(WITKOFF) and [m["id"] for m in story["members"]] == story["articles"]
    assert story["evidence"] and [g["id"] for g in story["evidence_groups"]] == story["evidence"]
    assert story["history"][0]["event"] == "created"
    only, _ = timed_get(client, "/duplicates", article="en_outlet_c.txt")
    assert only["duplicate_groups"] == timed_get(client, "/articles/en_outlet_c.txt")[0]["duplicate_groups"]
    settle(client)  # the lists are current too; their groups and evidence carry the same ids and content
    listed = {g["id"]: g for g in client.get("/duplicates", params={"limit": 500}).json()["duplicate_groups"]}
    for group in story["evidence_groups"]:
        assert listed[group["id"]] == group
    in_list = {s["id"]: s for s in client.get("/stories", params={"limit": 500}).json()["stories"]}
    assert in_list[story["id"]]["evidence"] == story["evidence"]
    assert in_list[story["id"]]["central_article"] == story["central_article"]


def test_unknown_ids_are_404(client):
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/stories/S404").status_code == 404
    assert client.get("/duplicates", params={"article": "nope"}).status_code == 404


def test_story_ids_survive_a_re_clustering(tmp_path, use_encoder, embedding_cache):
    """Articles added four at a time, then the whole store re-clustered: ids follow the overlap."""
    settings = IngestSettings(recluster_every=0, batch_size=4)
    with Ingestor(tmp_path / "store", Config(cache_dir=embedding_cache), encoder=use_encoder,
                  settings=settings) as ingestor:
        ingestor.add_corpus(corpus_articles())
        before = ingestor.store.story_of()
        ingestor.recluster("test")
        after = ingestor.store.story_of()
        again = ingestor.recluster("again")
    changed = [a for a in before if before[a] != after[a]]
    assert len(changed) / len(before) <= 0.25, changed
    assert set(WITKOFF) & set(changed) == set(), "the three carriers of one statement keep their story id"
    assert {sid: sorted(m) for sid, m in again.items()} == {
        sid: sorted(a for a in after if after[a] == sid) for sid in set(after.values())}


def test_a_due_re_clustering_runs_after_the_post_is_answered(tmp_path, use_encoder, embedding_cache, monkeypatch):
    """The POST that makes a re-clustering due is answered first; the re-clustering follows."""
    release, started = threading.Event(), threading.Event()
    recluster = Ingestor.recluster

    def slow_recluster(self, reason="test"):
        started.set()
        release.wait(60)
        return recluster(self, reason)

    monkeypatch.setattr(Ingestor, "recluster", slow_recluster)
    app = create_app(tmp_path / "store", use_encoder, config=Config(cache_dir=embedding_cache), quotes=False,
                     settings=IngestSettings(recluster_every=3))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        start = time.perf_counter()
        answer = client.post("/articles", json=records(QUOTES))
        assert answer.status_code == 200 and time.perf_counter() - start < 30
        assert started.wait(30), "the re-clustering was due and started"
        article, _ = timed_get(client, "/articles/en_outlet_c.txt")  # reads go on meanwhile
        assert article["story"] == {a["id"]: a["story"] for a in answer.json()["articles"]}["en_outlet_c.txt"]
        release.set()
        deadline = time.time() + 60
        while app.state.ingestor.store.get_meta("added_since_recluster") != "0":
            assert time.time() < deadline, "the re-clustering never finished"
            time.sleep(0.1)
