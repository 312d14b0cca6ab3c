"""The persistent store: articles, segments, passages with their vectors, verified matches and stories
in one SQLite file (WAL), beside the faiss index file (``cluster/store/index.py``).

Why SQLite holds the vectors too: the index file is only a fast copy. Every write goes through one
SQLite transaction per article batch, so a process killed at any point leaves each article either
fully in or fully out; the index is then checked against SQLite on open and rebuilt from the stored
vectors if it disagrees (docs/service.md, "Crash safety").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cluster.config import Config
from cluster.documents import Article, Passage, Segment, SegmentKind

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


def content_hash(article: Article) -> str:
    """What makes two versions of an article the same: title, text, date and outlet fields."""
    fields = [article.title, article.text, article.date.isoformat() if article.date else "", article.lang,
              article.source or "", article.url or ""]
    return hashlib.blake2b("\x1f".join(fields).encode("utf-8"), digest_size=16).hexdigest()


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _blob(vector: np.ndarray) -> bytes:
    return np.ascontiguousarray(vector, dtype=np.float32).tobytes()


def _vec(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


@dataclass(frozen=True)
class StoredMatch:
    """A verified match between two paragraphs, as ``duplicates.ParagraphMatch`` holds it, with passage ids."""

    left: tuple[str, int]
    right: tuple[str, int]
    span_left: tuple[int, int]
    span_right: tuple[int, int]
    similarity: float
    vec_left: int
    vec_right: int
    match_type: str
    whole: bool
    members: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class NewArticleRows:
    """Everything one new article adds to the store (built before the write transaction)."""

    article: Article
    segments: list[Segment]
    passages: list[Passage]
    vectors: np.ndarray
    searchable: list[bool]
    body_count: int
    body_vec: np.ndarray
    lead_vec: np.ndarray
    story_id: str


class Store:
    """One store directory. Not thread-safe: the service serialises writes through one worker."""

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

    # --- articles ---------------------------------------------------------------------------------

    def article_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        ids = list(ids)
        for lo in range(0, len(ids), 500):
            chunk = ids[lo : lo + 500]
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(f"SELECT id, content_hash FROM articles WHERE id IN ({marks})", chunk))
        return out

    def count(self, table: str) -> int:
        assert table in {"articles", "segments", "passages", "matches", "stories", "story_history"}
        return int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY seq")]

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Articles in insertion order (all, or the given ids)."""
        query = "SELECT id, title, text, date, lang, source, url FROM articles"
        if ids is None:
            rows = self.db.execute(query + " ORDER BY seq").fetchall()
        else:
            rows = []
            for lo in range(0, len(ids), 500):
                chunk = list(ids[lo : lo + 500])
                rows += self.db.execute(query + f" WHERE id IN ({','.join('?' * len(chunk))}) ORDER BY seq", chunk)
        return [
            Article(id=r[0], title=r[1], text=r[2], date=dt.date.fromisoformat(r[3]) if r[3] else None,
                    lang=r[4], source=r[5], url=r[6])
            for r in rows
        ]

    def recent_articles(self, limit: int) -> list[Article]:
        """The last ``limit`` articles stored, oldest first."""
        ids = [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY seq DESC LIMIT ?", (limit,))]
        return self.articles(ids[::-1]) if ids else []

    def segments(self, articles: Sequence[Article]) -> dict[str, list[Segment]]:
        out: dict[str, list[Segment]] = {}
        for article in articles:
            rows = self.db.execute(
                'SELECT idx, kind, start, "end" FROM segments WHERE article_id = ? ORDER BY idx', (article.id,)
            )
            out[article.id] = [
                Segment(article.id, i, SegmentKind(kind), article.text[s:e], s, e) for i, kind, s, e in rows
            ]
        return out

    def article_vectors(self) -> tuple[list[str], np.ndarray, np.ndarray, list[int], list[str]]:
        """Ids, body vectors, lead vectors, body paragraph counts and story ids of every article."""
        rows = self.db.execute("SELECT id, body_vec, lead_vec, body_count, story_id FROM articles ORDER BY seq").fetchall()
        if not rows:
            return [], np.zeros((0, 1), np.float32), np.zeros((0, 1), np.float32), [], []
        ids = [r[0] for r in rows]
        body = np.vstack([_vec(r[1]) for r in rows])
        lead = np.vstack([_vec(r[2]) for r in rows])
        return ids, body, lead, [int(r[3]) for r in rows], [r[4] for r in rows]

    def features(self, ids: Sequence[str]) -> dict[str, tuple[np.ndarray, np.ndarray, int]]:
        """Body vector, lead vector and body paragraph count of the given articles."""
        out: dict[str, tuple[np.ndarray, np.ndarray, int]] = {}
        for lo in range(0, len(ids), 500):
            chunk = list(ids[lo : lo + 500])
            marks = ",".join("?" * len(chunk))
            for aid, body, lead, count in self.db.execute(
                f"SELECT id, body_vec, lead_vec, body_count FROM articles WHERE id IN ({marks})", chunk
            ):
                out[aid] = (_vec(body), _vec(lead), int(count))
        return out

    def stories_of(self, ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for lo in range(0, len(ids), 500):
            chunk = list(ids[lo : lo + 500])
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(f"SELECT id, story_id FROM articles WHERE id IN ({marks})", chunk))
        return out

    def story_of(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT id, story_id FROM articles"))

    # --- passages and vectors ---------------------------------------------------------------------

    def searchable_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """Ids and vectors of every passage the index must hold (rebuilds read these)."""
        rows = self.db.execute("SELECT id, vec FROM passages WHERE searchable = 1 ORDER BY id").fetchall()
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
        return np.array([r[0] for r in rows], dtype=np.int64), np.vstack([_vec(r[1]) for r in rows])

    def searchable_ids(self) -> np.ndarray:
        return np.array([r[0] for r in self.db.execute("SELECT id FROM passages WHERE searchable = 1 ORDER BY id")],
                        dtype=np.int64)

    def passages_by_id(self, ids: Iterable[int]) -> dict[int, tuple[Passage, np.ndarray]]:
        """Stored passages (text cut from their article) and vectors, by passage id."""
        ids = sorted(set(int(i) for i in ids))
        rows = []
        for lo in range(0, len(ids), 500):
            chunk = ids[lo : lo + 500]
            rows += self.db.execute(
                'SELECT p.id, p.article_id, p.segment_index, p.kind, p.start, p."end", p.lang, p.whole, p.vec, '
                f"a.text FROM passages p JOIN articles a ON a.id = p.article_id WHERE p.id IN ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
        return {
            r[0]: (Passage(r[1], r[2], SegmentKind(r[3]), r[9][r[4] : r[5]], r[4], r[5], r[6], bool(r[7])), _vec(r[8]))
            for r in rows
        }

    def passage_ids_of(self, article_ids: Iterable[str]) -> list[int]:
        out: list[int] = []
        for aid in article_ids:
            out += [r[0] for r in self.db.execute("SELECT id FROM passages WHERE article_id = ?", (aid,))]
        return out

    # --- matches ----------------------------------------------------------------------------------

    def matches(self, article_ids: Iterable[str] | None = None) -> list[StoredMatch]:
        """Every stored match, or those touching the given articles."""
        query = (
            "SELECT left_article, left_segment, right_article, right_segment, left_start, left_end, right_start, "
            "right_end, similarity, vec_left, vec_right, match_type, whole, members FROM matches"
        )
        if article_ids is None:
            rows = self.db.execute(query + " ORDER BY id").fetchall()
        else:
            wanted = list(dict.fromkeys(article_ids))
            rows, seen = [], set()
            for aid in wanted:
                for row in self.db.execute(query + " WHERE left_article = ? OR right_article = ?", (aid, aid)):
                    key = (row[0], row[1], row[2], row[3])
                    if key not in seen:
                        seen.add(key)
                        rows.append(row)
        return [
            StoredMatch((r[0], r[1]), (r[2], r[3]), (r[4], r[5]), (r[6], r[7]), r[8], r[9], r[10], r[11],
                        bool(r[12]), tuple(tuple(m) for m in json.loads(r[13])))
            for r in rows
        ]

    # --- writes (call inside ``transaction``) -----------------------------------------------------

    def delete_articles(self, ids: Sequence[str]) -> None:
        """Remove articles with their segments, passages and every match touching them."""
        for aid in ids:
            self.db.execute("DELETE FROM matches WHERE left_article = ? OR right_article = ?", (aid, aid))
            self.db.execute("DELETE FROM passages WHERE article_id = ?", (aid,))
            self.db.execute("DELETE FROM segments WHERE article_id = ?", (aid,))
            self.db.execute("DELETE FROM articles WHERE id = ?", (aid,))

    def insert_article(self, rows: NewArticleRows) -> list[int]:
        """Insert one article, its segments and passages; returns the new passage ids in order."""
        a = rows.article
        seq = int(self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0])
        self.db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.id, seq, a.title, a.text, a.date.isoformat() if a.date else None, a.lang, a.source, a.url,
             content_hash(a), time.time(), rows.body_count, _blob(rows.body_vec), _blob(rows.lead_vec), rows.story_id),
        )
        self.db.executemany(
            "INSERT INTO segments VALUES (?, ?, ?, ?, ?)",
            [(a.id, s.index, s.kind.value, s.start, s.end) for s in rows.segments],
        )
        ids = []
        for p, vec, searchable in zip(rows.passages, rows.vectors, rows.searchable):
            cursor = self.db.execute(
                "INSERT INTO passages (article_id, segment_index, kind, start, \"end\", lang, whole, searchable, vec) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (a.id, p.segment_index, p.kind.value, p.start, p.end, p.lang, int(p.whole_paragraph),
                 int(searchable), _blob(vec)),
            )
            ids.append(int(cursor.lastrowid))
        return ids

    def insert_matches(self, matches: Sequence[StoredMatch]) -> None:
        self.db.executemany(
            "INSERT INTO matches (left_article, left_segment, right_article, right_segment, left_start, left_end, "
            "right_start, right_end, similarity, vec_left, vec_right, match_type, whole, members) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (m.left[0], m.left[1], m.right[0], m.right[1], *m.span_left, *m.span_right, m.similarity,
                 m.vec_left, m.vec_right, m.match_type, int(m.whole), json.dumps([list(x) for x in m.members]))
                for m in matches
            ],
        )

    def set_story(self, article_ids: Iterable[str], story_id: str) -> None:
        self.db.executemany("UPDATE articles SET story_id = ? WHERE id = ?", [(story_id, a) for a in article_ids])

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

    def story_of_article(self, article_id: str) -> str:
        return self.db.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
