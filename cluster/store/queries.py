"""Every read and write of the store's rows. With ``db.py`` (schema, connection, transactions, meta)
this is the one place that speaks SQL: the rest of the store, and the service, call these methods.

``Queries`` is a mixin of ``db.Store``: it only needs the connection ``self.db``. Writes are meant to
be called inside ``Store.transaction``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from cluster.documents import Article, Passage, Segment, SegmentKind
from cluster.duplicates.lexical import MatchType
from cluster.duplicates.matches import ParagraphMatch

CHUNK = 500
"""Ids per ``IN (...)`` list: well under SQLite's limit on bound variables."""
_STORIES_OF = "SELECT id, story_id FROM articles INDEXED BY articles_story_of WHERE id IN ({marks})"
_STORIES_OF_ROWS = "SELECT id, story_id FROM articles WHERE id IN ({marks})"
_MATCH_COLUMNS = (
    "left_article, left_segment, right_article, right_segment, left_start, left_end, right_start, right_end, "
    "similarity, vec_left, vec_right, match_type, whole, members"
)


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


ALIGNED = 2
"""``whole`` of a stored aligned region (``ParagraphMatch.aligned``): its spans are kept as they are."""


def _match_row(m: ParagraphMatch) -> tuple:
    whole = ALIGNED if m.aligned else int(m.whole)
    return (m.left[0], m.left[1], m.right[0], m.right[1], *m.span_left, *m.span_right, float(m.similarity),
            m.vec_left, m.vec_right, m.match_type.value, whole, "[]")  # members: a column no longer read


def _match_of(r: Sequence) -> ParagraphMatch:
    """A stored match; its passage numbers are store passage ids."""
    return ParagraphMatch((r[0], r[1]), (r[2], r[3]), (r[4], r[5]), (r[6], r[7]), r[8], r[9], r[10],
                          MatchType(r[11]), bool(r[12]), r[12] == ALIGNED)


class Queries:
    """The SQL of ``Store`` (see ``db.Store``), by table."""

    db: sqlite3.Connection

    def _in_chunks(self, query: str, ids: Sequence) -> list[tuple]:
        """Rows of ``query`` for every id, ``CHUNK`` ids per statement; ``{marks}`` in the query is
        replaced by the ``?`` list of each chunk. Rows come chunk by chunk, each in the query's order."""
        rows: list[tuple] = []
        for lo in range(0, len(ids), CHUNK):
            chunk = list(ids[lo : lo + CHUNK])
            rows += self.db.execute(query.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
        return rows

    def count(self, table: str) -> int:
        assert table in {"articles", "segments", "passages", "matches", "stories", "story_history"}
        return int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def segment_passages(self) -> int:
        """Passages the segmenter made (paragraphs and sentence windows), aligned regions left out."""
        return int(self.db.execute("SELECT COUNT(*) FROM passages WHERE whole != ?", (ALIGNED,)).fetchone()[0])

    # --- articles ---------------------------------------------------------------------------------

    def article_hashes(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        """Content hash of the given articles (all articles when ``ids`` is None)."""
        if ids is None:
            return dict(self.db.execute("SELECT id, content_hash FROM articles"))
        return dict(self._in_chunks("SELECT id, content_hash FROM articles WHERE id IN ({marks})", list(ids)))

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY seq")]

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Articles in insertion order (all, or the given ids)."""
        query = "SELECT id, title, text, date, lang, source, url FROM articles"
        if ids is None:
            rows = self.db.execute(query + " ORDER BY seq").fetchall()
        else:
            rows = self._in_chunks(query + " WHERE id IN ({marks}) ORDER BY seq", ids)
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
        """Segments of the given articles (one query per ``CHUNK`` articles: live reads stay few round trips)."""
        by_id = {a.id: a for a in articles}
        query = ('SELECT article_id, idx, kind, start, "end" FROM segments WHERE article_id IN ({marks}) '
                 "ORDER BY article_id, idx")
        out: dict[str, list[Segment]] = {a.id: [] for a in articles}
        for aid, i, kind, start, end in self._in_chunks(query, list(by_id)):
            out[aid].append(Segment(aid, i, SegmentKind(kind), by_id[aid].text[start:end], start, end))
        return out

    def article_vectors(self) -> tuple[list[str], np.ndarray, np.ndarray, list[int], list[str]]:
        """Ids, body vectors, lead vectors, body paragraph counts and story ids of every article."""
        query = "SELECT id, body_vec, lead_vec, body_count, story_id FROM articles ORDER BY seq"
        rows = self.db.execute(query).fetchall()
        if not rows:
            return [], np.zeros((0, 1), np.float32), np.zeros((0, 1), np.float32), [], []
        ids = [r[0] for r in rows]
        body = np.vstack([_vec(r[1]) for r in rows])
        lead = np.vstack([_vec(r[2]) for r in rows])
        return ids, body, lead, [int(r[3]) for r in rows], [r[4] for r in rows]

    def body_vectors(self, ids: Sequence[str]) -> dict[str, tuple[np.ndarray, np.ndarray, int]]:
        """Body vector, lead vector and body paragraph count of the given articles."""
        rows = self._in_chunks("SELECT id, body_vec, lead_vec, body_count FROM articles WHERE id IN ({marks})", ids)
        return {aid: (_vec(body), _vec(lead), int(count)) for aid, body, lead, count in rows}

    def article_state(self, article_id: str) -> tuple[str, str] | None:
        """(content hash, story id) of a stored article; None if unknown."""
        return self.db.execute("SELECT content_hash, story_id FROM articles WHERE id = ?", (article_id,)).fetchone()

    def stories_of(self, ids: Sequence[str]) -> dict[str, str]:
        """The story of each given article, read from the index ``articles_story_of`` (id, story_id): the
        story id is the row's last column, after the text and both vectors, so reaching it in the table walks
        each row's overflow pages (~2,000 rows an add of 10 at 20,000: 20-35 ms, 5-10 ms by the index). SQLite
        would pick the primary key's own index (unique), hence ``INDEXED BY``; a store opened read-only
        that predates the index is read from the table."""
        try:
            return dict(self._in_chunks(_STORIES_OF, ids))
        except sqlite3.OperationalError as exc:
            if "no such index" not in str(exc):
                raise
            return dict(self._in_chunks(_STORIES_OF_ROWS, ids))

    def story_members(self, story_id: str) -> list[str]:
        """Ids of a story's articles, in insertion order (a live read: current after each commit)."""
        return [r[0] for r in self.db.execute("SELECT id FROM articles WHERE story_id = ? ORDER BY seq", (story_id,))]

    def members_of(self, story_ids: Sequence[str]) -> dict[str, list[str]]:
        """``story_members`` of each story, by story id (a story without members left out): one statement per
        ``CHUNK`` stories, where a story's placement neighbourhood asked one each (~180 an add of 10 at 20,000);
        answered by the covering index ``articles_story_members`` (story_id, seq, id), not the rows."""
        members: dict[str, list[str]] = {}
        query = "SELECT story_id, id FROM articles WHERE story_id IN ({marks}) ORDER BY story_id, seq"
        for sid, aid in self._in_chunks(query, list(story_ids)):
            members.setdefault(sid, []).append(aid)
        return members

    def story_of(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT id, story_id FROM articles"))

    def story_of_article(self, article_id: str) -> str:
        return self.db.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()[0]

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

    def searchable_count(self, article_id: str) -> int:
        """Passages of one article held by the index."""
        query = "SELECT COUNT(*) FROM passages WHERE article_id = ? AND searchable = 1"
        return int(self.db.execute(query, (article_id,)).fetchone()[0])

    def passages_by_id(self, ids: Iterable[int]) -> dict[int, tuple[Passage, np.ndarray]]:
        """Stored passages (text cut from their article) and vectors, by passage id. Each article's text is read
        once, not once per passage: an add's ~2,000 stored candidates come from a few hundred articles, and the
        join that read the text with every passage decoded ~10 MB of article text into strings (~30 ms an add)."""
        rows = self._in_chunks(
            'SELECT id, article_id, segment_index, kind, start, "end", lang, whole, vec FROM passages '
            "WHERE id IN ({marks})",
            sorted(set(int(i) for i in ids)),
        )
        texts = dict(self._in_chunks("SELECT id, text FROM articles WHERE id IN ({marks})",
                                     sorted({r[1] for r in rows})))  # fmt: skip
        return {
            r[0]: (Passage(r[1], r[2], SegmentKind(r[3]), texts[r[1]][r[4] : r[5]], r[4], r[5], r[6], r[7] == 1),
                   _vec(r[8]))
            for r in rows if r[1] in texts  # as the join was: a passage's article must be stored
        }

    def passage_ids_of(self, article_ids: Iterable[str]) -> list[int]:
        out: list[int] = []
        for aid in article_ids:
            out += [r[0] for r in self.db.execute("SELECT id FROM passages WHERE article_id = ?", (aid,))]
        return out

    # --- matches ----------------------------------------------------------------------------------

    def matches(self, article_ids: Iterable[str] | None = None) -> list[ParagraphMatch]:
        """Every stored match, or those touching the given articles; passage numbers are passage ids."""
        query = f"SELECT {_MATCH_COLUMNS} FROM matches"
        if article_ids is None:
            return [_match_of(r) for r in self.db.execute(query + " ORDER BY id")]
        rows, seen = [], set()
        for aid in dict.fromkeys(article_ids):
            for row in self.db.execute(query + " WHERE left_article = ? OR right_article = ?", (aid, aid)):
                key = row[:8]  # two aligned regions may join the same two paragraphs
                if key not in seen:
                    seen.add(key)
                    rows.append(row)
        return [_match_of(r) for r in rows]

    def matches_after(self, row_id: int) -> list[tuple[int, ParagraphMatch]]:
        """(row id, match) of every stored match with a row id above ``row_id``, in row-id order."""
        query = f"SELECT id, {_MATCH_COLUMNS} FROM matches WHERE id > ? ORDER BY id"
        return [(r[0], _match_of(r[1:])) for r in self.db.execute(query, (row_id,))]

    def matches_by_row(self) -> dict[int, ParagraphMatch]:
        """Row id -> match, for every stored match (a fill of the list tables: groups are named by row ids)."""
        return dict(self.matches_after(0))

    def matches_at(self, paragraphs: Iterable[tuple[str, int]]) -> list[tuple[int, ParagraphMatch]]:
        """(row id, match) of every stored match with an end at one of the given (article, segment)
        paragraphs: one step of walking the match graph outward from an article (live reads). Rows are
        fetched by article (indexed, ``CHUNK`` ids a query) and kept when an end is a wanted paragraph."""
        wanted = set(paragraphs)
        articles = sorted({aid for aid, _ in wanted})
        rows: dict[int, tuple] = {}
        for side in ("left", "right"):
            query = f"SELECT id, {_MATCH_COLUMNS} FROM matches WHERE {side}_article IN ({{marks}})"
            for row in self._in_chunks(query, articles):
                if (row[1], row[2]) in wanted or (row[3], row[4]) in wanted:
                    rows[row[0]] = row
        return [(rid, _match_of(row[1:])) for rid, row in sorted(rows.items())]

    def matched_paragraphs(self, article_ids: Iterable[str]) -> list[tuple[str, int]]:
        """The (article, segment) paragraphs of these articles that some stored match ends at."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[tuple[str, int], None] = {}
        for side in ("left", "right"):
            query = f"SELECT {side}_article, {side}_segment FROM matches WHERE {side}_article IN ({{marks}})"
            out.update(dict.fromkeys((a, int(s)) for a, s in self._in_chunks(query, ids)))
        return sorted(out)

    def match_row_ids(self) -> dict[tuple[str, int, str, int], int]:
        """(left article, left segment, right article, right segment) -> row id, of every stored match."""
        query = "SELECT left_article, left_segment, right_article, right_segment, id FROM matches"
        return {(r[0], r[1], r[2], r[3]): r[4] for r in self.db.execute(query)}

    def insert_matches(self, matches: Sequence[ParagraphMatch]) -> None:
        """Store matches whose passage numbers are passage ids."""
        query = f"INSERT INTO matches ({_MATCH_COLUMNS}) VALUES ({', '.join('?' * 14)})"
        self.db.executemany(query, [_match_row(m) for m in matches])

    # --- article writes ---------------------------------------------------------------------------

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
        return self.insert_passages(rows.passages, rows.vectors, rows.searchable)

    def insert_passages(self, passages: Sequence[Passage], vectors: np.ndarray, searchable: Sequence[bool],
                        aligned: bool = False) -> list[int]:
        """Insert passages of stored (or being stored) articles; returns their ids in order. ``aligned``:
        reused regions (``duplicates.align``), kept apart from the segmenter's passages (``whole`` =
        ``ALIGNED``) and never searchable: they are matched lexically, not through the index."""
        ids = []
        for p, vec, search in zip(passages, vectors, searchable):
            cursor = self.db.execute(
                "INSERT INTO passages (article_id, segment_index, kind, start, \"end\", lang, whole, searchable, vec) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (p.article_id, p.segment_index, p.kind.value, p.start, p.end, p.lang,
                 ALIGNED if aligned else int(p.whole_paragraph), int(search and not aligned), _blob(vec)),
            )
            ids.append(int(cursor.lastrowid))
        return ids

    def set_story(self, article_ids: Iterable[str], story_id: str) -> None:
        self.db.executemany("UPDATE articles SET story_id = ? WHERE id = ?", [(story_id, a) for a in article_ids])

    # --- stories and their history ----------------------------------------------------------------

    def insert_story(self, story_id: str) -> None:
        stamp = now_iso()
        self.db.execute("INSERT INTO stories VALUES (?, 'active', ?, ?, NULL)", (story_id, stamp, stamp))

    def touch_story(self, story_id: str) -> None:
        self.db.execute("UPDATE stories SET updated_at = ? WHERE id = ?", (now_iso(), story_id))

    def story_size(self, story_id: str) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM articles WHERE story_id = ?", (story_id,)).fetchone()[0])

    def mark_story_emptied(self, story_id: str) -> None:
        self.db.execute("UPDATE stories SET status = 'emptied', updated_at = ? WHERE id = ?", (now_iso(), story_id))

    def mark_story_merged(self, story_id: str, into: str) -> None:
        self.db.execute(
            "UPDATE stories SET status = 'merged', resolved_to = ?, updated_at = ? WHERE id = ?",
            (into, now_iso(), story_id),
        )

    def story_status(self, story_id: str) -> tuple[str, str | None] | None:
        """(status, the id it resolved to) of an issued story id; None for an id never issued."""
        return self.db.execute("SELECT status, resolved_to FROM stories WHERE id = ?", (story_id,)).fetchone()

    def live_story_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM stories WHERE status = 'active'").fetchone()[0])

    def add_history(
        self, event: str, story_id: str, other_id: str | None, reason: str, articles: Sequence[str]
    ) -> None:
        self.db.execute(
            "INSERT INTO story_history (at, event, story_id, other_id, reason, articles) VALUES (?, ?, ?, ?, ?, ?)",
            (now_iso(), event, story_id, other_id, reason, json.dumps(list(articles), ensure_ascii=False)),
        )

    def history_rows(self, story_id: str | None, limit: int) -> list[tuple[str, str, str, str | None, str, list[str]]]:
        """(at, event, story id, other id, reason, articles) in order, of every event or of those
        naming ``story_id`` (as the story, the other, or one of a comma-joined list of others)."""
        query = "SELECT at, event, story_id, other_id, reason, articles FROM story_history"
        args: tuple = ()
        if story_id is not None:
            query += " WHERE story_id = ? OR other_id = ? OR other_id LIKE ?"
            args = (story_id, story_id, f"%{story_id},%")
        rows = self.db.execute(query + " ORDER BY seq LIMIT ?", (*args, limit)).fetchall()
        return [(*r[:5], json.loads(r[5])) for r in rows]
