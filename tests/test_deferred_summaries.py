"""A batch's speakers and story summaries are stored after the POST's answer (``materialise.summarise_pending``),
and what reads them answers what it answers once they are stored (docs/scale-log.md, session 14)."""

from __future__ import annotations

import shutil
import threading
import time

from fastapi.testclient import TestClient

from cluster.config import Config
from cluster.documents import Article
from cluster.service.app import create_app
from cluster.store.ingestor import Ingestor, IngestSettings
from cluster.store.materialise import summaries_pending
from tests.conftest import EDITED, QUOTES, SEEDS
from tests.test_service import records, settle

SLOW_S = 0.6
"""How long the deferred summaries are made to take here (~0.3 s a POST of 10 at 20,000 articles)."""


def _articles(folders: list) -> list[Article]:
    from cluster.ingest.readers import load_corpus

    return [a for folder in folders for a in load_corpus(folder).articles]


def _listing(store) -> tuple:
    db = store.db
    return (db.execute("SELECT * FROM story_summaries ORDER BY id").fetchall(),
            db.execute("SELECT * FROM story_outlets ORDER BY 1, 2").fetchall(),
            db.execute("SELECT * FROM article_speakers ORDER BY 1, 2").fetchall())


def test_deferred_summaries_equal_those_of_the_batch_transaction(tmp_path, fake_encoder):
    """Batches added with their summaries and speakers left to after the commit (as the service adds them; the
    next add stores the previous batch's first) end with the summaries, outlets and speakers of batches that
    stored them in their own transaction, story keywords included (weighed against the latest articles, which the
    next batch changes); before ``summarise_pending`` the new stories have no summary and say so."""
    config, settings = Config(cache_dir=tmp_path / "cache"), IngestSettings(recluster_every=0)
    with Ingestor(tmp_path / "now", config, encoder=fake_encoder, settings=settings) as writer:
        writer.add(_articles([SEEDS]))
    shutil.copytree(tmp_path / "now", tmp_path / "later")
    quotes, edited = _articles([QUOTES]), _articles([EDITED])
    batches = [quotes[: len(quotes) // 2], quotes[len(quotes) // 2 :], edited]
    tables = {}
    for name, due in (("now", True), ("later", False)):
        with Ingestor(tmp_path / name, config, encoder=fake_encoder, settings=settings) as writer:
            for k, batch in enumerate(batches):
                statuses = writer.add(batch, groups_due=due)
                if not due:
                    assert summaries_pending(writer.store)
                    stored = {r[0] for r in _listing(writer.store)[0]}
                    assert {s.story for s in statuses} - stored, "the batch's new stories are summarised later"
                if not due and k == 1:  # the third batch stores this one's first
                    continue
                writer.refresh_groups()
                assert not summaries_pending(writer.store)
            tables[name] = _listing(writer.store)
    assert tables["now"] == tables["later"]
    assert tables["now"][2], "the quote corpus names speakers"


def test_a_story_list_read_before_the_summaries_answers_what_it_answers_after(tmp_path, fake_encoder, monkeypatch):
    """Articles posted while the worker's deferred summaries are slowed: ``GET /stories`` (plain, by outlet and by
    speaker) and the posted articles' story reads, issued before the summaries are stored, answer what they answer
    once every deferred row is stored: the new stories listed, with their members and speakers (the evidence groups
    a list item names come from the duplicate groups, which the list of groups shows when their refresh is done:
    ``listing_revision``, as before)."""
    config, settings = Config(cache_dir=tmp_path / "cache"), IngestSettings(recluster_every=0)
    with Ingestor(tmp_path / "store", config, encoder=fake_encoder, settings=settings) as writer:
        writer.add(_articles([SEEDS]))
    real = Ingestor.summarise_pending
    summarising = threading.Event()

    def slow(self: Ingestor, progress: object = None) -> bool:
        if self.store.get_meta("groups_pending") is not None:
            summarising.set()
            time.sleep(SLOW_S)
        return real(self, progress)

    monkeypatch.setattr(Ingestor, "summarise_pending", slow)
    posted_records = records(QUOTES)
    app = create_app(tmp_path / "store", fake_encoder, config=config, settings=settings)
    queries = [{}, {"speaker": "witkoff"}, {"outlet": posted_records[0]["source"] or "none"}, {"limit": 200}]
    with TestClient(app, base_url="http://127.0.0.1") as client:
        posted = client.post("/articles", json=posted_records).json()["articles"]
        assert summarising.wait(5)
        started = time.perf_counter()
        during = [client.get("/stories", params=q).json() for q in queries]
        waited = time.perf_counter() - started
        stories = {p["story"]: client.get(f"/stories/{p['story']}").json() for p in posted}
        settle(client)
        after = [client.get("/stories", params=q).json() for q in queries]
        assert _without_evidence(during) == _without_evidence(after)
        assert stories == {sid: client.get(f"/stories/{sid}").json() for sid in stories}
    listed = {s["id"] for s in after[-1]["stories"]}
    assert {p["story"] for p in posted} <= listed
    assert after[1]["total"] >= 1, "a posted article quotes Witkoff"
    assert waited < SLOW_S + 5, "the list read waited out its timeout"


def _without_evidence(pages: list[dict]) -> list[dict]:
    return [{**page, "stories": [{k: v for k, v in s.items() if k != "evidence"} for s in page["stories"]]}
            for page in pages]
