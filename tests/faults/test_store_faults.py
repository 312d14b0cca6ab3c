"""Fault injection on the store: hand-corrupted files, missing or mistyped stores, readers beside a writer.

Each test is a probe that once failed (docs/service.md, "Damaged or missing stores"): zeroed vectors in
the index file went undetected and were written back for good; a damaged database gave a traceback; a
deleted or zero-length database silently became a new empty store; ``store info`` on a mistyped path
created one; read-only commands were refused while a writer held the store. Fast tier: the fake encoder
(a verbatim copy embeds exactly like its original, so a search that misses one is the index's fault).
"""

from __future__ import annotations

import json
import os

import numpy as np
import pytest
from typer.testing import CliRunner

from cli.main import app
from cluster.config import Config
from cluster.documents import Article
from cluster.store.db import DB_NAME, Store, StoreError
from cluster.store.index import INDEX_NAME, VectorIndex
from cluster.store.ingestor import Ingestor, IngestSettings
from tests.conftest import SEEDS
from tests.test_store import corpus_articles

NO_AUTO = IngestSettings(recluster_every=0)


@pytest.fixture()
def config(tmp_path) -> Config:
    return Config(cache_dir=tmp_path / "fake-cache")  # fake vectors never meet a real model's cache


@pytest.fixture()
def store_dir(tmp_path, config, fake_encoder):
    """A store holding the 13 test articles (seeds, quote set, edited set)."""
    directory = tmp_path / "store"
    with Ingestor(directory, config, encoder=fake_encoder, settings=NO_AUTO) as ing:
        ing.add_corpus(corpus_articles())
    return directory


def cli(*args: str):
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def assert_one_line_error(code: int, output: str, *words: str) -> None:
    assert code == 2, output
    assert "Traceback" not in output and output.strip().count("\n") == 0, output
    for word in words:
        assert word in output, output


def zero_index_vectors(directory) -> int:
    """Overwrite every stored vector inside ``passages.faiss`` with zeros, leaving header and ids intact
    (what a bad disk block or a careless edit does): found by their bytes, as SQLite keeps them."""
    store = Store(directory)
    _, vectors = store.searchable_vectors()
    store.close()
    path = directory / INDEX_NAME
    data = bytearray(path.read_bytes())
    zeroed = 0
    for vector in vectors:
        raw = vector.astype(np.float32).tobytes()
        at = data.find(raw)
        if at >= 0:
            data[at : at + len(raw)] = bytes(len(raw))
            zeroed += 1
    path.write_bytes(bytes(data))
    return zeroed


def copies_finding_their_original(ing: Ingestor, originals: list[Article]) -> tuple[int, int]:
    """Post a verbatim copy of each original (new id); count copies matched to their original."""
    searchable = [a for a in originals if ing.store.searchable_count(a.id)]
    copies = [Article(f"copy-{a.id}", a.title, a.text, date=a.date, lang=a.lang) for a in searchable]
    ing.add(copies)
    pairs = {frozenset((m.left[0], m.right[0])) for m in ing.store.matches([c.id for c in copies])}
    found = sum(frozenset((a.id, f"copy-{a.id}")) in pairs for a in searchable)
    return found, len(searchable)


# --- 7a: the index file's vectors -------------------------------------------------------------------


def test_zeroed_index_vectors_are_detected_and_rebuilt_from_sqlite(store_dir, config, fake_encoder):
    assert zero_index_vectors(store_dir) > 100
    with Ingestor(store_dir, config, encoder=fake_encoder, settings=NO_AUTO) as ing:
        assert "checksum" in ing.index_rebuilt_because
        found, total = copies_finding_their_original(ing, corpus_articles())
        assert total >= 10 and found == total  # before the fix: 2 of 15 on the probe's corpus
    with Ingestor(store_dir, config, encoder=fake_encoder, settings=NO_AUTO) as ing:
        assert ing.index_rebuilt_because == ""  # the rebuilt file was recorded, not zeroed again
        ids, vectors = ing.store.searchable_vectors()
        header, index = VectorIndex.read(store_dir / INDEX_NAME)
        order = np.argsort(ids)
        stored = np.vstack([index.index.reconstruct(int(i)) for i in ids[order]])
        assert np.allclose(stored, vectors[order])


def test_any_edit_of_the_index_file_is_caught_by_the_recorded_checksum(store_dir, config, fake_encoder):
    path = store_dir / INDEX_NAME
    data = bytearray(path.read_bytes())
    data[-5000] ^= 0x40  # one flipped bit inside a vector
    path.write_bytes(bytes(data))
    code, output = cli("store", "info", "--store", str(store_dir))
    assert code == 0 and "checksum" in json.loads(output)["index_problem"]
    assert path.read_bytes() == bytes(data)  # info is read-only: it reports, the next writer repairs
    with Ingestor(store_dir, config, encoder=fake_encoder) as ing:
        assert "checksum" in ing.index_rebuilt_because
    assert json.loads(cli("store", "info", "--store", str(store_dir))[1])["index_problem"] is None


# --- 7b: a damaged database -------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["store", "info"], ["store", "history"], ["store", "recluster"],
                                     ["store", "recluster", "--dry-run"], ["serve"]])
def test_damaged_database_is_a_one_line_error(store_dir, command):
    db = store_dir / DB_NAME
    data = bytearray(db.read_bytes())
    data[:100] = os.urandom(100)  # the header: "file is not a database"
    db.write_bytes(bytes(data))
    code, output = cli(*command, "--store", str(store_dir))
    assert_one_line_error(code, output, "damaged database", DB_NAME)


def test_damaged_database_in_a_run_is_a_one_line_error(store_dir, fake_model):
    db = store_dir / DB_NAME
    db.write_bytes(b"this is not sqlite" * 512)
    code, output = cli("run", str(SEEDS), "--store", str(store_dir), "-q")
    assert_one_line_error(code, output, "damaged database")


def test_damaged_pages_inside_the_database_are_reported_by_info(store_dir):
    db = store_dir / DB_NAME
    data = bytearray(db.read_bytes())
    page = 4096
    for at in range(3 * page, len(data) - page, 7 * page):  # garbage over interior pages, header intact
        data[at + 8 : at + 200] = os.urandom(192)
    db.write_bytes(bytes(data))
    code, output = cli("store", "info", "--store", str(store_dir))
    assert "Traceback" not in output
    if code == 0:
        assert json.loads(output)["integrity"] != "ok"
    else:
        assert_one_line_error(code, output, "damaged database")


# --- 7c: deleted, truncated or mistyped stores are never silently new ones -----------------------------


def _delete_db(directory) -> None:
    for suffix in ("", "-wal", "-shm"):
        (directory / (DB_NAME + suffix)).unlink(missing_ok=True)


@pytest.mark.parametrize("damage", ["deleted", "zero-length"])
@pytest.mark.parametrize("command", [["store", "info"], ["store", "history"], ["store", "recluster"], ["serve"]])
def test_missing_or_empty_database_is_an_error_not_a_new_store(store_dir, damage, command):
    _delete_db(store_dir)
    if damage == "zero-length":
        (store_dir / DB_NAME).write_bytes(b"")
    code, output = cli(*command, "--store", str(store_dir))
    assert_one_line_error(code, output, str(store_dir))
    db = store_dir / DB_NAME
    assert (not db.exists()) if damage == "deleted" else db.stat().st_size == 0  # nothing was created


@pytest.mark.parametrize("damage", ["deleted", "zero-length"])
def test_run_into_a_store_whose_database_is_gone_refuses(store_dir, damage, fake_model):
    _delete_db(store_dir)
    if damage == "zero-length":
        (store_dir / DB_NAME).write_bytes(b"")
    code, output = cli("run", str(SEEDS), "--store", str(store_dir), "-q")
    assert_one_line_error(code, output, DB_NAME)
    with pytest.raises(StoreError):
        Ingestor(store_dir, encoder=fake_model)  # the library refuses too, even with create=True


@pytest.mark.parametrize("command", [["store", "info"], ["store", "history"], ["store", "recluster"],
                                     ["store", "recluster", "--dry-run"], ["serve"]])
def test_mistyped_store_path_is_an_error_and_creates_nothing(tmp_path, command):
    missing = tmp_path / "new-stroe"
    code, output = cli(*command, "--store", str(missing))
    assert_one_line_error(code, output, "no store here", str(missing))
    assert not missing.exists()


def test_stores_are_created_explicitly(tmp_path, fake_model):
    made = tmp_path / "made"
    code, output = cli("store", "init", "--store", str(made))
    assert code == 0 and (made / DB_NAME).exists(), output
    assert json.loads(cli("store", "info", "--store", str(made))[1])["articles"] == 0
    assert cli("store", "init", "--store", str(made))[0] == 2  # never over an existing one
    code, output = cli("run", str(SEEDS), "--store", str(tmp_path / "by-run"), "-q", "-f", "json")
    assert code == 0 and len(json.loads(output)["articles"]) == 5


# --- 9: read-only commands beside a writer ------------------------------------------------------------


def test_read_only_commands_run_while_a_writer_holds_the_store(store_dir, config, fake_encoder):
    with Ingestor(store_dir, config, encoder=fake_encoder, settings=NO_AUTO) as writer:
        index_before = (store_dir / INDEX_NAME).read_bytes()
        code, output = cli("store", "info", "--store", str(store_dir))
        assert code == 0, output
        info = json.loads(output)
        assert info["articles"] == 13 and info["integrity"] == "ok" and info["index_problem"] is None
        assert info["index_size"] == writer.index.size
        code, output = cli("store", "history", "--store", str(store_dir))
        assert code == 0 and len(output.splitlines()) >= 1, output
        code, output = cli("store", "recluster", "--dry-run", "--store", str(store_dir))
        assert code == 0 and "nothing written" in output, output
        code, output = cli("store", "recluster", "--store", str(store_dir))  # a second writer is still refused
        assert_one_line_error(code, output, "being written by another process")
        writer.add([Article("late", "Late", "A late article arrives while the readers look on. " * 5)])
        late = json.loads(cli("store", "info", "--store", str(store_dir))[1])
        assert late["articles"] == 14 and late["integrity"] == "ok"
        # the writer rewrites the index file now and then: a whole file behind is no problem
        assert late["index_problem"] is None and late["index_behind"] in (0, 1)
    assert (store_dir / INDEX_NAME).read_bytes() != index_before  # written at the latest on close
    closed = json.loads(cli("store", "info", "--store", str(store_dir))[1])
    assert closed["index_problem"] is None and closed["index_behind"] == 0 and closed["index_size"] > 0
    assert Store(store_dir, readonly=True, create=False).revision > 0


def test_read_only_store_cannot_write(store_dir):
    opened = Store(store_dir, readonly=True, create=False)
    with pytest.raises(Exception, match="readonly"):
        with opened.transaction():
            opened.set_meta("x", "y")
    opened.close()
