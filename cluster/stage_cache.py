"""The run cache: a re-run of an unchanged corpus with unchanged settings serves the reports it wrote.

Monitoring re-reads the same articles all day. The embedding cache already spares the model, but
every later stage (neighbours, verification, stories, quotes, rendering) ran again, so a warm run of a
large corpus was only ~2x faster than a cold one. Here the rendered outputs of a run (the text report,
the JSON contract) are kept in one SQLite file beside the embedding cache, keyed by a digest of

* the loaded input: every field of every article (id, title, text, date, language, source, url,
  path), and what ingest skipped or noticed;
* the settings: the whole Config except where caches live, the model id (which changes when the
  weights do), and a digest of this package's source, so that a code change never serves a stale run.

Any change to one of these is a different key: nothing to invalidate by hand. Nothing is pickled: the
values are the same UTF-8 text a fresh run prints (zlib-compressed as they were rendered:
cluster/rendered.py), and the JSON one validates against the ``Report`` contract when a view (HTML, CSV) is built from it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from cluster.config import Config
from cluster.documents import Article, SkippedInput
from cluster.rendered import RenderedView, Views

PACKAGE_ROOTS = (Path(__file__).resolve().parent, Path(__file__).resolve().parents[1] / "models")
"""Source trees whose code shapes a report: any edit there changes every key."""
KEEP_RUNS = 32
"""Distinct runs kept; older ones are dropped (a run of a large corpus holds tens of MB of reports)."""
_UNKEYED = {"cache_embeddings": None, "cache_dir": None}
"""Config fields that say where and whether to cache, never what a run finds."""
_UNKEYED_SCALE = {"cache_runs", "workers"}
"""``scale`` fields that say how a run is carried out (caching, processes), never what it finds."""


def _feed(digest: hashlib._Hash, *parts: object) -> None:
    """Length-prefixed fields, so that ("ab", "c") and ("a", "bc") never hash alike."""
    for part in parts:
        data = ("\x00" if part is None else str(part)).encode("utf-8")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)


def input_digest(articles: Sequence[Article], skipped: Sequence[SkippedInput], notices: Sequence[str]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for a in articles:
        _feed(digest, "article", a.id, a.title, a.text, a.date, a.lang, a.source, a.url, a.path)
    for s in skipped:
        _feed(digest, "skipped", s.path, s.reason)
    _feed(digest, "notices", *notices)
    return digest.hexdigest()


@functools.cache
def code_digest() -> str:
    """Digest of every Python file of the package and the model registry (read once per process)."""
    digest = hashlib.blake2b(digest_size=20)
    for root in PACKAGE_ROOTS:
        for path in sorted(root.rglob("*.py")):
            _feed(digest, path.relative_to(root).as_posix(), path.read_bytes().hex())
    return digest.hexdigest()


def settings_digest(config: Config) -> str:
    import models

    settings = config.model_dump(mode="json")
    settings.update(_UNKEYED)
    settings["scale"] = {k: v for k, v in settings.get("scale", {}).items() if k not in _UNKEYED_SCALE}
    digest = hashlib.blake2b(digest_size=20)
    _feed(digest, json.dumps(settings, sort_keys=True), models.model_id(config.model), code_digest())
    return digest.hexdigest()


def run_key(
    articles: Sequence[Article], skipped: Sequence[SkippedInput], notices: Sequence[str], config: Config
) -> str:
    """The key of one run: the input and the settings it ran with."""
    return f"{input_digest(articles, skipped, notices)}-{settings_digest(config)}"


class RunCache:
    """Rendered outputs of earlier runs, one row per (run key, view) in ``runs.sqlite`` (WAL)."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / "runs.sqlite"
        self._db = sqlite3.connect(self.path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS run_view (key TEXT NOT NULL, view TEXT NOT NULL, body BLOB NOT NULL, "
            "used REAL NOT NULL, PRIMARY KEY (key, view))"
        )
        self._db.commit()

    @classmethod
    def open(cls, config: Config) -> RunCache | None:
        """The cache beside the embedding cache; None when caching is off (``--no-cache``)."""
        import models

        if not (config.cache_embeddings and config.scale.cache_runs):
            return None
        return cls(config.cache_dir or models.cache_dir() / "embeddings")

    def get(self, key: str, views: Iterable[str]) -> Views | None:
        """Every asked view of the run ``key`` (still compressed: read or written out on demand), or None when
        any one is missing."""
        wanted = list(dict.fromkeys(views))
        marks = ",".join("?" * len(wanted))
        rows = self._db.execute(f"SELECT view, body FROM run_view WHERE key = ? AND view IN ({marks})", [key, *wanted])
        found = {view: RenderedView(body) for view, body in rows}
        if len(found) < len(wanted):
            return None
        self._db.execute("UPDATE run_view SET used = ? WHERE key = ?", (time.time(), key))
        self._db.commit()
        return Views(found)

    def put(self, key: str, views: Views | Mapping[str, str]) -> None:
        """Store a run's views: as rendered (``Views``, already compressed), or texts compressed here."""
        blobs = views.blobs() if isinstance(views, Views) else {
            view: RenderedView.of_text(text).blob for view, text in views.items()}
        now = time.time()
        self._db.executemany(
            "INSERT OR REPLACE INTO run_view VALUES (?, ?, ?, ?)",
            [(key, view, body, now) for view, body in blobs.items()],
        )
        self._db.execute(
            "DELETE FROM run_view WHERE key NOT IN "
            "(SELECT key FROM run_view GROUP BY key ORDER BY MAX(used) DESC LIMIT ?)",
            (KEEP_RUNS,),
        )
        self._db.commit()

    def forget(self, key: str) -> None:
        """Drop the run ``key``: the benchmark re-times every stage after embedding this way, with the
        embedding cache warm, and the run it stores serves the warm re-run that follows."""
        self._db.execute("DELETE FROM run_view WHERE key = ?", (key,))
        self._db.commit()

    def close(self) -> None:
        self._db.close()
