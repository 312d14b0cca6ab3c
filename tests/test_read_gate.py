"""An id read in the moment between a POST's answer and the group refresh after it takes the groups the writer
stores, instead of forming them again beside the writer (docs/scale-log.md, session 13)."""

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

    def slow_refresh(self: Ingestor, progress: object = None, pause: object = None) -> bool:
        refreshing.set()
        time.sleep(REFRESH_S)
        return real_refresh(self, progress, pause)

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
    waited: list[float] = []

    def read() -> None:
        started = time.perf_counter()
        gate.wait(1, timeout=5.0)
        waited.append(time.perf_counter() - started)

    async def scenario() -> None:
        first = asyncio.ensure_future(worker.submit([Article("a", "", "one")]))
        second = asyncio.ensure_future(worker.submit([Article("b", "", "two")]))
        reader = threading.Thread(target=read)
        reader.start()
        while not gate.waiting:
            await asyncio.sleep(0.01)
        runner = asyncio.ensure_future(worker.run())
        await asyncio.gather(first, second)
        await asyncio.to_thread(reader.join)
        runner.cancel()

    asyncio.run(scenario())
    assert writer.calls[:3] == ["add", "refresh", "add"], writer.calls
    assert waited[0] < 2.0, "the read waited out its timeout"


class _Writer:
    """Stands for ``Ingestor`` in the worker: counts the revision and records the calls."""

    def __init__(self, fail_refresh: bool) -> None:
        self.calls: list[str] = []
        self.store = SimpleNamespace(revision=0, wal_behind=False)
        self.fail_refresh = fail_refresh

    def add(self, articles: list[Article], **_: bool) -> list[ArticleStatus]:
        time.sleep(0.05)
        self.calls.append("add")
        self.store.revision += 1
        return [ArticleStatus(a.id, "added", "S1") for a in articles]

    def summarise_pending(self, progress: object = None) -> bool:
        return False

    def refresh_groups(self, progress: object = None, pause: object = None) -> bool:
        self.calls.append("refresh")
        if self.fail_refresh:
            raise RuntimeError("the refresh failed")
        return True

    def groups_pending(self) -> bool:
        return False

    def maybe_recluster(self) -> bool:
        return False


def _articles(folders: list) -> list[Article]:
    from cluster.ingest.readers import load_corpus

    return [a for folder in folders for a in load_corpus(folder).articles]


def test_groups_stored_a_component_at_a_time_are_those_stored_in_one_go(tmp_path, fake_encoder):
    """The service's refresh stores one match component at a time: the group rows it ends with equal those of
    the refresh in one transaction, and an article read as soon as its component is stored (the others still to
    do) shows the groups it shows once all are."""
    import shutil

    from cluster.ingest.readers import load_corpus
    from cluster.store.db import Store

    config, settings = Config(cache_dir=tmp_path / "cache"), IngestSettings(recluster_every=0)
    with Ingestor(tmp_path / "one", config, encoder=fake_encoder, settings=settings) as writer:
        writer.add(_articles([SEEDS, QUOTES]))
    shutil.copytree(tmp_path / "one", tmp_path / "parts")
    stored = load_corpus(SEEDS).articles[:4] + load_corpus(QUOTES).articles[:1]
    copies = [Article(f"wire-{a.id}", a.title, a.text, a.date, a.lang, a.source) for a in stored]
    tables, early = {}, {}
    for name in ("one", "parts"):
        writer = Ingestor(tmp_path / name, config, encoder=fake_encoder, settings=settings)
        writer.add(copies, groups_due=False)
        reader = Store(tmp_path / name, create=False)
        progress = _Progress(reader, early) if name == "parts" else None
        assert writer.refresh_groups(progress)
        tables[name] = _group_tables(writer.store)
        if progress is not None:
            assert len(progress.parts) >= 2 and progress.planned_articles >= {c.id for c in copies}
            for aid, answer in early.items():
                assert answer == lookup.article_detail(reader, aid)
        reader.close()
        writer.close()
    for one, parts in zip(tables["one"], tables["parts"]):
        assert [r[:2] for r in one] == [r[:2] for r in parts]
        assert one == parts
    assert any(answer["duplicate_groups"] for answer in early.values())


class _Progress:
    """Records the parts and reads each new copy's article through the tables as soon as its part is stored."""

    def __init__(self, reader, early: dict) -> None:
        self.reader, self.early, self.parts = reader, early, []
        self.planned_articles: set[str] = set()
        self.revision = -1

    def summarised(self, revision: int) -> None:
        pass

    def planned(self, revision: int, articles: set[str]) -> None:
        self.revision, self.planned_articles = revision, set(articles)

    def stored(self, articles: set[str]) -> None:
        self.parts.append(articles)
        for aid in sorted(a for a in articles if a.startswith("wire-")):
            self.early[aid] = lookup.article_detail(self.reader, aid, tables_at=self.revision)
        assert self.reader.listing_revision() != self.reader.revision, "the group list lags until all parts are stored"


def _group_tables(store) -> tuple:
    db = store.db
    return (db.execute("SELECT id, digest, body FROM dup_groups ORDER BY id").fetchall(),
            db.execute("SELECT group_id, article_id FROM dup_group_articles ORDER BY 1, 2").fetchall(),
            db.execute("SELECT group_id, match_id FROM dup_group_matches ORDER BY 1, 2").fetchall(),
            db.execute("SELECT k, v FROM meta WHERE k IN ('listing_revision', 'revision') ORDER BY k").fetchall())
