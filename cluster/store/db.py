"""The persistent store: articles, segments, passages with their vectors, verified matches and stories
in one SQLite file (WAL), beside the faiss index file (``cluster/store/index.py``).

Why SQLite holds the vectors too: the index file is only a fast copy. Every write goes through one
SQLite transaction per article batch, so a process killed at any point leaves each article either
fully in or fully out; the index is then checked against SQLite on open and rebuilt from the stored
vectors if it disagrees (docs/service.md, "Crash safety").

SQL lives here (schema, connection, transactions, meta), in ``queries.py`` (rows) and in ``listing.py`` (the
tables the service's lists read), nowhere else.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from cluster.config import Config
from cluster.store.index import INDEX_NAME
from cluster.store.listing import LISTING_SCHEMA, Listing

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, seq INTEGER NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL, date TEXT,
    lang TEXT NOT NULL, source TEXT, url TEXT, content_hash TEXT NOT NULL, added_at REAL NOT NULL,
    body_count INTEGER NOT NULL, body_vec BLOB NOT NULL, lead_vec BLOB NOT NULL, story_id TEXT NOT NULL
);
DROP INDEX IF EXISTS articles_story; -- (story_id) alone: a prefix of articles_story_members, kept up by every write for nothing
CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);
CREATE INDEX IF NOT EXISTS articles_story_of ON articles(id, story_id);
CREATE INDEX IF NOT EXISTS articles_story_members ON articles(story_id, seq, id);
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
BUSY_TIMEOUT_MS = 5_000
"""Python's own default (``sqlite3.connect(timeout=5.0)``), restored after a checkpoint."""
CHECKPOINT_WAIT_MS = 250
"""The longest a checkpoint waits for a reader of an older snapshot; past it the next checkpoint goes on."""


class StoreError(RuntimeError):
    """The store is missing or damaged. The message is one line naming the path: commands print it as
    it is instead of a traceback, and never answer a missing store by quietly starting an empty one."""


def check_store_dir(directory: Path, create: bool) -> None:
    """Refuse what would otherwise silently become a new, empty store: a missing directory or database
    (unless ``create``), a database deleted or moved from beside its index, a zero-length database."""
    directory = Path(directory)
    db = directory / DB_NAME
    if not db.exists():
        if (directory / INDEX_NAME).exists():
            raise StoreError(f"{db}: missing beside {INDEX_NAME}: the database was deleted or moved "
                             "(not starting an empty store over it; restore it or use another directory)")
        if not create:
            where = "no such directory" if not directory.exists() else f"no {DB_NAME}"
            raise StoreError(f"{directory}: no store here ({where}); `cluster store init --store DIR` creates one")
        return
    if db.stat().st_size == 0:
        raise StoreError(f"{db}: empty file (0 bytes): the database was truncated; restore it from a backup")


class Store(Listing):
    """One store directory. Not thread-safe: the service serialises writes through one worker.

    Reads and writes of rows are the methods of ``queries.Queries`` and ``listing.Listing`` (which extends it); this class holds
    the connection.
    ``create``: a missing store is made (else ``StoreError``); ``readonly``: SQLite ``mode=ro``, so a
    command that only reads can neither change the store nor wait for its writer."""

    def __init__(
        self, directory: Path, config: Config | None = None, *, create: bool = True, readonly: bool = False
    ) -> None:
        self.directory = Path(directory)
        self.readonly = readonly
        self.wal_behind = False
        """The last ``checkpoint`` left pages out of the database file (a reader outlasted its wait)."""
        check_store_dir(self.directory, create and not readonly)
        self.directory.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._connect()
            self.config = self._load_or_save_config(config, create and not readonly)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.directory / DB_NAME}: damaged database ({exc})") from None

    def _connect(self) -> sqlite3.Connection:
        path = self.directory / DB_NAME
        if self.readonly:
            uri = f"file:{quote(str(path.resolve()))}?mode=ro"
            return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        db.executescript(SCHEMA + LISTING_SCHEMA)
        return db

    def integrity(self) -> str:
        """SQLite's ``quick_check``: "ok", or its first complaint (reads every page: for ``store info``)."""
        try:
            return str(self.db.execute("PRAGMA quick_check(1)").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            return str(exc)

    # --- meta -------------------------------------------------------------------------------------

    def _load_or_save_config(self, config: Config | None, create: bool) -> Config:
        """The config is fixed when the store is created: passages and stories already stored were
        cut with it, so later runs must match them the same way."""
        saved = self.get_meta("config")
        if saved is not None:
            return Config.model_validate_json(saved)
        if not create:
            raise StoreError(f"{self.directory / DB_NAME}: not a news-cluster store (no config recorded)")
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

    def defer_checkpoints(self) -> None:
        """No automatic WAL checkpoint: SQLite runs one inside whichever commit takes the WAL past 1,000 pages,
        copying its pages into the database file and syncing it, so a POST's commit could pay for the group
        rows of the batches before it. The owner calls ``checkpoint`` where a caller is not waiting. A commit
        is as durable either way: it is synced into the WAL (``synchronous=FULL``) before it returns."""
        self.db.execute("PRAGMA wal_autocheckpoint=0")

    def checkpoint(self) -> tuple[int, int]:
        """Copy the WAL's committed pages into the database file, so that the next write restarts the WAL from
        its beginning instead of growing it. ``FULL``: a reader still on an older snapshot is waited for, at
        most ``CHECKPOINT_WAIT_MS`` (reads are short and never wait for the writer inside one); a ``PASSIVE``
        one copies only up to that reader, and a service read during every group refresh then keeps the WAL
        from ever restarting (53 MB after six POSTs of 10). Returns the WAL's pages and how many are copied."""
        self.db.execute(f"PRAGMA busy_timeout={CHECKPOINT_WAIT_MS}")
        try:
            busy, pages, copied = self.db.execute("PRAGMA wal_checkpoint(FULL)").fetchone()
        finally:
            self.db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        self.wal_behind = bool(busy) or copied < pages
        return int(pages), int(copied)

    def close(self) -> None:
        self.db.close()

    def bump_generation(self) -> int:
        generation = self.generation + 1
        self.set_meta("generation", str(generation))
        self.bump_revision()
        return generation

    @property
    def revision(self) -> int:
        """Bumped by every committed write (articles or stories): every answer says which one it read."""
        return int(self.get_meta("revision") or 0)

    def bump_revision(self) -> None:
        self.set_meta("revision", str(self.revision + 1))

    def index_record(self) -> dict | None:
        """What the last index file written was: ``{"generation", "checksum"}`` (None before the first)."""
        saved = self.get_meta("index_file")
        return json.loads(saved) if saved else None

    def record_index(self, generation: int, checksum: str) -> None:
        """Written after the index file is in place: a file that no longer hashes to this (zeroed or
        edited vectors, a foreign file) is rebuilt from SQLite on the next open."""
        with self.transaction():
            self.set_meta("index_file", json.dumps({"generation": generation, "checksum": checksum}))
