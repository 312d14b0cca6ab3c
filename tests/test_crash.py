"""kill -9 during ingestion: the store reopens with every article fully in or fully out, the index is
checked and rebuilt, and the next run finishes the job with the same result as a clean run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cluster.config import Config
from cluster.evaluation.data import eval_set, missing_reason
from cluster.ingest.readers import load_corpus
from cluster.report.terminal import to_json
from cluster.store.ingestor import Ingestor, IngestSettings
from cluster.store.report import store_result
from tests.conftest import EDITED, QUOTES, ROOT, SEEDS
from tests.test_store import group_keys, partition

ECB = "ecbplus-dev"
BATCH = 4
SETTINGS = IngestSettings(batch_size=BATCH, recluster_every=0)

# The ingesting child: a real Ingestor adding the corpus in batches, with one hook that announces a
# point of no return and then hangs there, so the parent can kill it exactly in that state.
CHILD = r"""
import sys, time
from pathlib import Path
from cluster.store import db as store_module, index as vector_index
from cluster.config import Config
from cluster.evaluation.data import eval_set, missing_reason
from cluster.store.ingestor import IngestSettings, Ingestor
from cluster.ingest.readers import load_corpus

store_dir, cache_dir, corpus, kill_point = sys.argv[1:5]
committed = {"batches": 0}

def announce(message):
    print(message, flush=True)

if kill_point == "transaction":  # inside the write transaction of batch 3, rows half written
    insert = store_module.Store.insert_matches
    def hanging_insert(self, matches):
        insert(self, matches)
        if committed["batches"] >= 2:
            announce("killable")
            time.sleep(60)
    store_module.Store.insert_matches = hanging_insert
elif kill_point == "index":  # batch 3 committed, its index file half written (a write after every batch)
    from cluster.store import ingestor as ingestor_module
    ingestor_module.INDEX_SAVE_SHARE = 0.0
    def hanging_save(self, directory, generation):
        if committed["batches"] >= 2:
            partial = Path(directory) / ".passages.faiss.999.tmp"
            partial.write_bytes(b"NCIDX1\n" + b"\0" * 1000)
            announce("killable")
            time.sleep(60)
        return save(self, directory, generation)
    save = vector_index.VectorIndex.save
    vector_index.VectorIndex.save = hanging_save

def on_commit(batch):
    committed["batches"] = batch
    announce(f"committed {batch}")
    if kill_point == "after_commit" and batch == 3:  # batch 3 committed, the index file not rewritten since
        announce("killable")
        time.sleep(60)

settings = IngestSettings(batch_size=%d, recluster_every=0)
articles = load_corpus(Path(corpus)).articles
with Ingestor(Path(store_dir), Config(cache_dir=Path(cache_dir)), settings=settings) as ingestor:
    ingestor.add_corpus(articles, on_commit=on_commit)
announce("done")
""" % BATCH


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Arabic seeds, the quote set, edited copies and 20 English ECB+ articles: 33 articles, 9 batches."""
    folder = tmp_path_factory.mktemp("crash_corpus")
    for source in [*SEEDS.glob("*.txt"), *QUOTES.glob("*.txt"), *EDITED.glob("*.txt")]:
        shutil.copy(source, folder / source.name)
    ecb = eval_set(ECB)
    if ecb is None:
        pytest.skip(missing_reason(ECB))
    lines = (ecb / "docs.jsonl").read_text(encoding="utf-8").splitlines()[:20]
    (folder / "ecb.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory, use_encoder, embedding_cache) -> dict:
    """A clean run (also fills the embedding cache, so the child never loads the model)."""
    directory = tmp_path_factory.mktemp("clean_store")
    articles = load_corpus(corpus).articles
    with Ingestor(directory, Config(cache_dir=embedding_cache), encoder=use_encoder, settings=SETTINGS) as ing:
        ing.add_corpus(articles)
        data = to_json(store_result(ing.store))
        data["_stories"] = ing.store.story_of()
        data["_matches"] = ing.store.count("matches")
    return data


def kill_child_at(store_dir: Path, cache_dir: Path, corpus: Path, kill_point: str) -> list[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(store_dir), str(cache_dir), str(corpus), kill_point],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    seen: list[str] = []
    try:
        for line in child.stdout:
            seen.append(line.strip())
            if line.strip() == "killable":
                os.kill(child.pid, signal.SIGKILL)
                break
    finally:
        if child.poll() is None:
            child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, (seen, child.stderr.read())
    return seen


def assert_whole_articles(ing: Ingestor) -> None:
    """No half article: each has its segments and passages; no match points at a missing passage."""
    db = ing.store.db
    assert db.execute(
        "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM segments s WHERE s.article_id = a.id)"
    ).fetchone()[0] == 0
    assert db.execute(
        "SELECT COUNT(*) FROM passages p WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = p.article_id)"
    ).fetchone()[0] == 0
    assert db.execute(
        "SELECT COUNT(*) FROM matches WHERE vec_left NOT IN (SELECT id FROM passages) "
        "OR vec_right NOT IN (SELECT id FROM passages)"
    ).fetchone()[0] == 0
    assert np.array_equal(ing.index.ids(), ing.store.searchable_ids())


@pytest.mark.parametrize("kill_point, committed", [("transaction", 2), ("index", 3), ("after_commit", 3)])
def test_kill_9_mid_ingestion_then_resume(kill_point, committed, corpus, clean, tmp_path, use_encoder, embedding_cache):
    store_dir = tmp_path / "store"
    seen = kill_child_at(store_dir, embedding_cache, corpus, kill_point)
    assert seen[:2] == ["committed 1", "committed 2"]

    with Ingestor(store_dir, encoder=use_encoder, settings=SETTINGS) as ing:
        assert ing.store.count("articles") == committed * BATCH
        assert_whole_articles(ing)
        if kill_point in ("index", "after_commit"):
            assert "generation" in ing.index_rebuilt_because
            assert not list(store_dir.glob(".passages.faiss.*.tmp"))
        statuses = ing.add_corpus(load_corpus(corpus).articles)
        assert sum(s.status == "unchanged" for s in statuses) == committed * BATCH
        data = to_json(store_result(ing.store))
        assert_whole_articles(ing)
        assert ing.store.story_of() == clean["_stories"]
        assert ing.store.count("matches") == clean["_matches"]

    assert data["summary"] == clean["summary"]
    assert group_keys(data) == group_keys(clean)
    assert partition(data) == partition(clean)
    assert json.dumps(data["stories"], sort_keys=True) == json.dumps(clean["stories"], sort_keys=True)
