"""An id read in the moment between a POST's answer and the group refresh after it takes the groups the writer
stores, instead of forming them again beside the writer (docs/scale.md section 5, session 13)."""

from __future__ import annotations

import asyncio
import threading
import time
from types import SimpleNamespace

from fastapi.testclient import TestClient

import cluster.store.lookup as lookup
from cluster.config import Config
from cluster.documents import Article
from cluster.service.app import BatchWorker, create_app
from cluster.service.gate import GroupsGate
from cluster.store.ingestor import ArticleStatus, Ingestor, IngestSettings
from tests.conftest import QUOTES, SEEDS
from tests.test_service import records, settle

REFRESH_S = 0.6
"""How long the refresh is made to take here (on the 20,000-article store it takes 1-3 s a batch of wire copies)."""


def test_a_read_right_after_a_post_takes_the_writers_groups(tmp_path, fake_encoder, monkeypatch):
    """Wire copies of stored articles are posted; their article, story and group reads, issued while the refresh
    runs, answer with the groups the refresh stores (the copies grouped with their originals) and never form a
    component's groups themselves (0.3-3.3 s a read beside the refresh at 20,000 articles)."""
    config, settings = Config(cache_dir=tmp_path / "cache"), IngestSettings(recluster_every=0)
    with Ingestor(tmp_path / "store", config, encoder=fake_encoder, settings=settings) as writer:
        writer.add(_articles([SEEDS, QUOTES]))
    formed: list[list[str]] = []
    real_around, real_refresh = lookup.groups_around, Ingestor.refresh_groups
    monkeypatch.setattr(lookup, "groups_around", lambda store, ids, cfg: formed.append(list(ids)) or
                        real_around(store, ids, cfg))
    refreshing = threading.Event()

    def slow_refresh(self: Ingestor) -> bool:
        refreshing.set()
        time.sleep(REFRESH_S)
        return real_refresh(self)

    monkeypatch.setattr(Ingestor, "refresh_groups", slow_refresh)
    copies = [{**r, "id": f"wire-{r['id']}"} for r in records(QUOTES)]
    app = create_app(tmp_path / "store", fake_encoder, config=config, settings=settings, quotes=False)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        posted = client.post("/articles", json=copies).json()["articles"]
        assert refreshing.wait(5)
        during = {c["id"]: client.get(f"/articles/{c['id']}").json() for c in copies}
        stories = {p["story"]: client.get(f"/stories/{p['story']}").json() for p in posted}
        listed = client.get("/duplicates", params={"article": copies[0]["id"]}).json()["duplicate_groups"]
        settle(client)
        after = {c["id"]: client.get(f"/articles/{c['id']}").json() for c in copies}
        assert formed == [], "a read formed a component's groups itself, beside the writer"
        assert during == after
        assert stories == {sid: client.get(f"/stories/{sid}").json() for sid in stories}
        assert listed == after[copies[0]["id"]]["duplicate_groups"]
    for copy in copies:  # what the reads showed: each copy grouped with its original
        carriers = {a for g in during[copy["id"]]["duplicate_groups"] for a in g["articles"]}
        assert copy["id"].removeprefix("wire-") in carriers


def test_the_worker_refreshes_before_its_next_batch_when_a_read_waits():
    """POSTs queued behind a batch would defer the group refresh (up to ``GROUPS_LAG`` batches); a read waiting for
    the groups makes the worker refresh first, and a refresh that fails releases the read all the same."""
    writer = _Writer(fail_refresh=True)
    gate = GroupsGate()
    worker = BatchWorker(writer, max_articles=1, gate=gate)  # one POST a batch
    waited: list[bool] = []

    async def scenario() -> None:
        first = asyncio.ensure_future(worker.submit([Article("a", "", "one")]))
        second = asyncio.ensure_future(worker.submit([Article("b", "", "two")]))
        reader = threading.Thread(target=lambda: waited.append(gate.wait(1, timeout=5.0)))
        reader.start()
        while not gate.waiting:
            await asyncio.sleep(0.01)
        runner = asyncio.ensure_future(worker.run())
        await asyncio.gather(first, second)
        await asyncio.to_thread(reader.join)
        runner.cancel()

    asyncio.run(scenario())
    assert writer.calls[:3] == ["add", "refresh", "add"], writer.calls
    assert waited == [True]


class _Writer:
    """Stands for ``Ingestor`` in the worker: counts the revision and records the calls."""

    def __init__(self, fail_refresh: bool) -> None:
        self.calls: list[str] = []
        self.store = SimpleNamespace(revision=0)
        self.fail_refresh = fail_refresh

    def add(self, articles: list[Article], **_: bool) -> list[ArticleStatus]:
        time.sleep(0.05)
        self.calls.append("add")
        self.store.revision += 1
        return [ArticleStatus(a.id, "added", "S1") for a in articles]

    def refresh_groups(self) -> bool:
        self.calls.append("refresh")
        if self.fail_refresh:
            raise RuntimeError("the refresh failed")
        return True

    def maybe_recluster(self) -> bool:
        return False


def _articles(folders: list) -> list[Article]:
    from cluster.ingest.readers import load_corpus

    return [a for folder in folders for a in load_corpus(folder).articles]
