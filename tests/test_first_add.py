"""The service's first POST after a start pays nothing the warm-up could have paid (docs/scale-log.md, session 19).

In the 20,000-article store the first add of 10 after "ready" took ~0.4-0.5 s more CPU than the same batch added
later: the stored bodies' buffers and faiss's flat buffer, filled at the warm-up to exactly their size, were copied
whole into larger ones by the first add, and scikit-learn's first input check and the embedding cache's first opening
ran then. These tests hold the warm-up to leaving room and running those first uses, on news-like data.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import faiss

from cluster.config import Config
from cluster.store.ingestor import Ingestor, IngestSettings
from tests.conftest import EDITED, QUOTES, SEEDS
from tests.store_helpers import labelled_news, load_articles


def _wire_copies(articles: list, count: int) -> list:
    """``count`` stored articles posted again under new ids, as a wire service's copies come in."""
    from dataclasses import replace

    return [replace(a, id=f"wire-{a.id}") for a in articles[:count]]


def _count_metadata_lookups(monkeypatch) -> list[str]:
    """From now on, every look-up of the installed packages' entry points (a scan of their metadata on disk)."""
    import importlib.metadata

    calls: list[str] = []
    real = importlib.metadata.entry_points

    def counted(**selection: str):
        calls.append(str(selection))
        return real(**selection)

    monkeypatch.setattr(importlib.metadata, "entry_points", counted)
    return calls


def _flat_buffer(writer: Ingestor) -> int:
    """The address of the stored passages' vectors in faiss's flat index."""
    return int(faiss.downcast_index(writer.index.index.index).codes.data())


def test_the_first_add_after_the_warm_up_appends_in_place_and_loads_nothing(tmp_path, fake_encoder, monkeypatch):
    """A store of the seeds, edited re-tellings, quotes and 30 news articles, reopened as the service reopens it
    (a new writer, ``warm``): its first add of 10 (wire copies and new articles) appends the bodies and the passage
    vectors to the buffers the warm-up filled, without copying them into new ones, and reads no package metadata;
    the add's answer is the one a writer that was never warmed gives."""
    config, settings = Config(cache_dir=tmp_path / "cache"), IngestSettings(recluster_every=0)
    stored = load_articles([SEEDS, EDITED, QUOTES]) + labelled_news(tmp_path, 36)
    with Ingestor(tmp_path / "store", config, encoder=fake_encoder, settings=settings) as writer:
        writer.add(stored[:-6])
    batch = _wire_copies(stored, 4) + stored[-6:]
    reference = tmp_path / "cold"
    _copy_store(tmp_path / "store", reference)

    with Ingestor(tmp_path / "store", config, encoder=fake_encoder, settings=settings) as writer:
        writer.warm()
        bodies = [rows._data for rows in writer._bodies._rows]
        flat = _flat_buffer(writer)
        looked_up = _count_metadata_lookups(monkeypatch)
        warmed = writer.add(batch, recluster_due=False, groups_due=False)
        assert looked_up == [], "the first add read the installed packages' metadata (scikit-learn's first check)"
        kept = [rows._data for rows in writer._bodies._rows]
        assert all(a is b for a, b in zip(kept, bodies)), "the first add copied every stored body into a new buffer"
        assert _flat_buffer(writer) == flat, "the first add copied every stored passage vector into a new buffer"
        assert {a.id for a in batch} <= set(writer._bodies.ids)

    with Ingestor(reference, config, encoder=fake_encoder, settings=settings) as cold:
        assert cold.add(batch, recluster_due=False, groups_due=False) == warmed
        assert any(s.story for s in warmed)


def _copy_store(source: Path, target: Path) -> None:
    """A consistent copy of a closed store (SQLite's backup API)."""
    import sqlite3

    target.mkdir()
    with sqlite3.connect(source / "store.sqlite") as src, sqlite3.connect(target / "store.sqlite") as dst:
        src.backup(dst)


WARM_THEN_FIT = """
import importlib.metadata, json, sys
from pathlib import Path
from cluster.config import Config
from cluster.stories.signals import _tfidf_rows
from cluster.store.warmup import warm_libraries
texts = json.loads(sys.argv[1])
warm_libraries(Config(cache_dir=Path(sys.argv[2])), texts[:2])
calls = []
real = importlib.metadata.entry_points
importlib.metadata.entry_points = lambda **selection: calls.append(selection) or real(**selection)
_tfidf_rows(texts)
print(json.dumps(calls))
"""


def test_the_warm_up_runs_the_story_stages_first_tfidf_and_opens_the_embedding_cache(tmp_path):
    """In a fresh interpreter (as a service starts), after ``warm_libraries`` on two stored news bodies: the story
    stage's TF-IDF over a neighbourhood of news reads no package metadata (scikit-learn's first input check looks
    up dataframe plugins once per process: ~35 ms the first POST paid), and the embedding cache the adds read is
    already made (its directory and database: the first add's embedding opened it first)."""
    import subprocess

    texts = [f"{a.title}\n\n{a.text}" for a in load_articles([SEEDS, EDITED])][:12]
    cache = tmp_path / "cache"
    done = subprocess.run([sys.executable, "-c", WARM_THEN_FIT, json.dumps(texts), str(cache)], capture_output=True,
                          text=True, check=True, cwd=Path(__file__).resolve().parents[1])
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
    assert list(cache.glob("embeddings-*.sqlite"))
