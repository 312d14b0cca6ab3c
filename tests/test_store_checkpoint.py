"""The WAL checkpoint is the writer's to schedule, never a POST's commit (docs/scale-log.md, session 16).

SQLite checkpoints inside whichever commit takes the WAL past 1,000 pages: in the service that was a POST's commit
(59-267 ms of a POST of 10 into the 20,000-article store, when a read kept the refresh's checkpoint from finishing).
The writer now checkpoints after a batch's groups are stored, between the batches of a corpus and at close. Fast tier:
the fake encoder, news articles of the labelled quote set, posted as the service posts them.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cluster.config import Config
from cluster.ingest.readers import load_corpus
from cluster.service.app import IDLE_CHECKPOINT_S, BatchWorker
from cluster.store.db import DB_NAME, Store
from cluster.store.ingestor import Ingestor, IngestSettings

LABELLED = Path(__file__).parent / "data" / "quotes_labelled.jsonl"
POSTS, BATCH = 5, 25
NO_AUTO = IngestSettings(recluster_every=0)


def news_records(count: int) -> list[dict]:
    """The first ``count`` news articles of the labelled quote set (Arabic and English, distinct stories, in the
    repo) as corpus records."""
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()[:count]]
    return [{key: row[key] for key in ("id", "title", "text", "lang")} for row in rows]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def news(tmp_path_factory) -> list:
    """125 news articles: enough for the WAL to pass 1,000 pages."""
    folder = tmp_path_factory.mktemp("news")
    write_jsonl(folder / "news.jsonl", news_records(POSTS * BATCH))
    return load_corpus(folder).articles


def file_state(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


def test_no_posted_batch_commit_runs_a_checkpoint_and_the_wal_stays_bounded(tmp_path, news, fake_encoder):
    """Five POSTs of 25 as the service runs them (the add, its answer, then its groups): the database file is not
    written during any add (the old automatic checkpoint wrote it in the fourth), and after each batch's groups the
    WAL is checkpointed, so that the next batch restarts it instead of growing it with the store."""
    directory = tmp_path / "store"
    db, wal = directory / DB_NAME, directory / f"{DB_NAME}-wal"
    with Ingestor(directory, Config(cache_dir=tmp_path / "cache"), encoder=fake_encoder, settings=NO_AUTO) as ing:
        for k in range(POSTS):
            before = file_state(db)
            ing.add(news[k * BATCH : (k + 1) * BATCH], recluster_due=False, groups_due=False)
            assert file_state(db) == before, f"POST {k + 1}: its commit checkpointed the WAL into the database file"
            ing.refresh_groups()
        assert wal.stat().st_size < db.stat().st_size / 2, "the WAL grew with every batch: never restarted"
        assert ing.store.count("articles") == POSTS * BATCH


CHILD = r"""
import sys
from pathlib import Path
from cluster.config import Config
from cluster.ingest.readers import load_corpus
from cluster.store.ingestor import Ingestor, IngestSettings
from tests.fake_encoder import FakeEncoder

directory, corpus = Path(sys.argv[1]), Path(sys.argv[2])
articles = load_corpus(corpus).articles
ing = Ingestor(directory, Config(cache_dir=directory.parent / "cache"), encoder=FakeEncoder(),
               settings=IngestSettings(recluster_every=0))
ing.add(articles[:25])
ing.add(articles[25:], recluster_due=False, groups_due=False)  # a POST: answered, its groups not yet stored
print("answered", flush=True)
sys.stdin.read()  # killed here, before any checkpoint
"""


def test_a_batch_answered_before_its_checkpoint_survives_a_kill(tmp_path, news):
    """kill -9 right after a POST's add returned (its groups and the checkpoint not run): the batch is in the WAL,
    synced at its commit, so the reopened store holds it, stories and all, and stores its groups on opening."""
    corpus = write_jsonl(tmp_path / "posted.jsonl", news_records(35))
    directory = tmp_path / "store"
    env = {**os.environ, "PYTHONPATH": str(Path.cwd())}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(directory), str(corpus)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout.readline().strip() == "answered"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    with Ingestor(directory, create=False, settings=NO_AUTO) as ing:  # the open stores the groups left pending
        posted = [a.id for a in load_corpus(corpus).articles[25:]]
        assert set(ing.store.stories_of(posted)) == set(posted)
        assert not ing.groups_pending() and ing.store.listing_revision() == ing.store.revision
    assert Store(directory).integrity() == "ok"


def test_the_service_checkpoints_again_when_idle_after_a_read_cut_a_checkpoint_short(tmp_path, news, fake_encoder):
    """A read holding its snapshot past the checkpoint after a batch's groups leaves the WAL behind (the add's commit
    no longer checkpoints, so nothing else would): the worker, with no POST waiting, checkpoints it again."""
    directory = tmp_path / "store"
    with Ingestor(directory, Config(cache_dir=tmp_path / "cache"), encoder=fake_encoder, settings=NO_AUTO) as ing:
        ing.add(news[:BATCH])
        reader = sqlite3.connect(directory / DB_NAME)
        reader.execute("BEGIN")
        reader.execute("SELECT COUNT(*) FROM articles").fetchone()  # a GET's snapshot, before the next batch
        ing.add(news[BATCH : 2 * BATCH], recluster_due=False, groups_due=False)
        ing.refresh_groups()
        assert ing.store.wal_behind
        reader.close()

        async def idle_worker() -> None:
            task = asyncio.create_task(BatchWorker(ing).run())
            await asyncio.sleep(3 * IDLE_CHECKPOINT_S)
            task.cancel()

        asyncio.run(idle_worker())
        assert not ing.store.wal_behind
