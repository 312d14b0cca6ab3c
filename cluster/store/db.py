"""The persistent store: articles, segments, passages with their vectors, verified matches and stories
in one SQLite file (WAL), beside the faiss index file (``cluster/store/index.py``).

Why SQLite holds the vectors too: the index file is only a fast copy. Every write goes through one
SQLite transaction per article batch, so a process killed at any point leaves each article either
fully in or fully out; the index is then checked against SQLite on open and rebuilt from the stored
vectors if it disagrees (docs/service.md, "Crash safety").

SQL lives here (schema, connection, transactions, meta) and in ``queries.py`` (rows), nowhere else.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cluster.config import Config
from cluster.store.queries import Queries

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, seq INTEGER NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL, date TEXT,
    lang TEXT NOT NULL, source TEXT, url TEXT, content_hash TEXT NOT NULL, added_at REAL NOT NULL,
    body_count INTEGER NOT NULL, body_vec BLOB NOT NULL, lead_vec BLOB NOT NULL, story_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);
CREATE TABLE IF NOT EXISTS segments (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, kind TEXT NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT NULL, segment_index INTEGER NOT NULL,
    kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, lang TEXT NOT NULL,
    whole INTEGER NOT NULL, searchable INTEGER NOT NULL, vec BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_article ON passages(article_id);
CREATE TABLE IF NOT EXISTS matches (
    id INTEGER PRIMARY KEY AUTOINCREMENT, left_article TEXT NOT NULL, left_segment INTEGER NOT NULL,
    right_article TEXT NOT NULL, right_segment INTEGER NOT NULL, left_start INTEGER NOT NULL,
    left_end INTEGER NOT NULL, right_start INTEGER NOT NULL, right_end INTEGER NOT NULL,
    similarity REAL NOT NULL, vec_left INTEGER NOT NULL, vec_right INTEGER NOT NULL,
    match_type TEXT NOT NULL, whole INTEGER NOT NULL, members TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS matches_left ON matches(left_article);
CREATE INDEX IF NOT EXISTS matches_right ON matches(right_article);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, status TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    resolved_to TEXT
);
CREATE TABLE IF NOT EXISTS story_history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, event TEXT NOT NULL, story_id TEXT NOT NULL,
    other_id TEXT, reason TEXT NOT NULL, articles TEXT NOT NULL
);
"""

DB_NAME = "store.sqlite"


class Store(Queries):
    """One store directory. Not thread-safe: the service serialises writes through one worker.

    Reads and writes of rows are the methods of ``queries.Queries``; this class holds the connection."""

    def __init__(self, directory: Path, config: Config | None = None) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.directory / DB_NAME, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)
        self.config = self._load_or_save_config(config)

    # --- meta -------------------------------------------------------------------------------------

    def _load_or_save_config(self, config: Config | None) -> Config:
        """The config is fixed when the store is created: passages and stories already stored were
        cut with it, so later runs must match them the same way."""
        saved = self.get_meta("config")
        if saved is not None:
            return Config.model_validate_json(saved)
        config = config or Config()
        with self.transaction():
            self.set_meta("config", config.model_dump_json())
            self.set_meta("generation", "0")
            self.set_meta("story_counter", "0")
            self.set_meta("added_since_recluster", "0")
        return config

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @property
    def generation(self) -> int:
        """Bumped by every committed write that changes the passages (the index file records it)."""
        return int(self.get_meta("generation") or 0)

    def next_story_id(self) -> str:
        """A fresh story id; ids are never reused, so an old id can always be resolved."""
        counter = int(self.get_meta("story_counter") or 0) + 1
        self.set_meta("story_counter", str(counter))
        return f"S{counter}"

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside commits together or not at all."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """Several reads that see one commit point (WAL: a deferred read transaction), so a view is
        never half before and half after a concurrent write."""
        self.db.execute("BEGIN")
        try:
            yield self.db
        finally:
            self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    def bump_generation(self) -> int:
        generation = self.generation + 1
        self.set_meta("generation", str(generation))
        self.bump_revision()
        return generation

    @property
    def revision(self) -> int:
        """Bumped by every committed write (articles or stories): readers cache views per revision."""
        return int(self.get_meta("revision") or 0)

    def bump_revision(self) -> None:
        self.set_meta("revision", str(self.revision + 1))
