"""The SQL of the service's lists: tables the writer fills at write time so that every list is a query.

Why tables: the lists (``GET /articles``, ``GET /stories`` with its filters, ``GET /duplicates``) were answered
from a view of the whole store (the ``cluster run --store`` report) rebuilt after writes: 65 s, 7.7 GB and
the interpreter lock at 20,000 articles, and answers one rebuild behind. Here the writer keeps, in the same
transaction as the rows they derive from, what a list item needs (``cluster/store/materialise.py`` decides
what to write and when):

- ``story_summaries``: one row per live story, the fields ``StoryOut`` returns (evidence aside) and the keys
  lists sort and filter on; ``story_outlets`` the case-folded outlets of its members.
- ``dup_groups``: every current duplicate group (stable id, article count, best similarity, the group's JSON
  as the contract gives it); ``dup_group_articles`` which articles carry it. A story's evidence is read from
  these at list time (groups with two of its members or more), so a group renamed by a batch that did not
  touch the story's members still shows its current id. ``dup_group_matches``: the stored matches each group
  links (a batch finds the groups it supersedes through the matches of the components it changed).
- ``article_speakers``: the speaker names quoted in each article (case-folded, with their known other-script
  forms), for ``GET /stories?speaker=``.

``meta.listing_revision`` is the store revision the tables reflect; the writer opens a store whose tables lag
(a store made before them, or written by an older version) by filling them once.

Orders (docs/service.md): stories largest first, then earliest first date (undated last), then older id;
duplicate groups most articles first, then best similarity, then older id (lower ``D`` number).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cluster.store.queries import Queries

LISTING_SCHEMA = """
CREATE TABLE IF NOT EXISTS story_summaries (
    id TEXT PRIMARY KEY, label TEXT NOT NULL, keywords TEXT NOT NULL, articles TEXT NOT NULL,
    central_article TEXT NOT NULL, first_date TEXT, last_date TEXT, size INTEGER NOT NULL,
    number INTEGER NOT NULL, first_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS story_summaries_order ON story_summaries(size DESC, first_key, number);
CREATE TABLE IF NOT EXISTS story_outlets (
    story_id TEXT NOT NULL, outlet TEXT NOT NULL, PRIMARY KEY (story_id, outlet)
);
CREATE INDEX IF NOT EXISTS story_outlets_outlet ON story_outlets(outlet);
CREATE TABLE IF NOT EXISTS dup_groups (
    id TEXT PRIMARY KEY, number INTEGER NOT NULL, articles INTEGER NOT NULL, best REAL NOT NULL, body TEXT NOT NULL,
    digest TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dup_groups_order ON dup_groups(articles DESC, best DESC, number);
CREATE TABLE IF NOT EXISTS dup_group_articles (
    group_id TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (group_id, article_id)
);
CREATE INDEX IF NOT EXISTS dup_group_articles_article ON dup_group_articles(article_id);
CREATE TABLE IF NOT EXISTS dup_group_matches (
    group_id TEXT NOT NULL, match_id INTEGER NOT NULL, PRIMARY KEY (group_id, match_id)
);
CREATE INDEX IF NOT EXISTS dup_group_matches_match ON dup_group_matches(match_id);
CREATE TABLE IF NOT EXISTS article_speakers (
    article_id TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (article_id, name)
);
"""

LISTING_VERSION = "2"
"""The layout of these tables: a store whose tables were written under another is filled again."""
UNDATED = "9999-12-31"
"""``first_key`` of a story without a dated member: sorts after every dated one."""
_STORY_COLUMNS = "id, label, keywords, articles, central_article, first_date, last_date"
_STORY_ORDER = "ORDER BY s.size DESC, s.first_key, s.number"
_GROUP_ORDER = "ORDER BY g.articles DESC, g.best DESC, g.number"


@dataclass(frozen=True)
class StoryRow:
    """What ``story_summaries`` holds of one story (``materialise.summarise`` derives it)."""

    id: str
    label: str
    keywords: tuple[str, ...]
    articles: tuple[str, ...]
    central_article: str
    first_date: str | None
    last_date: str | None
    outlets: frozenset[str]

    def to_json(self, evidence: list[str]) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "keywords": list(self.keywords), "articles": list(self.articles),
                "central_article": self.central_article, "first_date": self.first_date,
                "last_date": self.last_date, "evidence": evidence}


@dataclass(frozen=True)
class GroupRow:
    id: str
    articles: tuple[str, ...]
    best: float
    body: dict[str, Any]
    digest: str
    """What the group was formed from (``materialise.group_digest``): an unchanged group is not rewritten."""
    matches: tuple[int, ...]
    """Row ids of the stored matches it links."""


@dataclass(frozen=True)
class StoryFilter:
    """``GET /stories`` filters; None: not applied. ``outlet`` and ``speaker`` are case-folded by the caller."""

    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    speaker: str | None = None


def story_number(story_id: str) -> int:
    """The number of an ``S<n>`` id, for ordering (ids of another form sort last)."""
    digits = story_id.lstrip("S")
    return int(digits) if digits.isdigit() else 1 << 30


def group_number(group_id: str) -> int:
    digits = group_id[1:]
    return int(digits) if digits.isdigit() else 0


class Listing(Queries):
    """Reads and writes of the list tables, beside the rows of ``queries.Queries`` (``db.Store`` is both)."""

    # --- state ------------------------------------------------------------------------------------

    def listing_revision(self) -> int | None:
        """The store revision the tables reflect; None when never filled, or filled under another layout."""
        version = self.db.execute("SELECT v FROM meta WHERE k = 'listing_version'").fetchone()
        row = self.db.execute("SELECT v FROM meta WHERE k = 'listing_revision'").fetchone()
        return int(row[0]) if row and version and version[0] == LISTING_VERSION else None

    def mark_listing_current(self) -> None:
        """The tables reflect the revision about to commit (call last, inside the write's transaction)."""
        revision = self.db.execute("SELECT v FROM meta WHERE k = 'revision'").fetchone()
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('listing_revision', ?)", (revision[0] if revision else "0",))
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('listing_version', ?)", (LISTING_VERSION,))

    def clear_listing(self) -> None:
        for table in ("story_summaries", "story_outlets", "dup_groups", "dup_group_articles", "dup_group_matches",
                      "article_speakers"):
            self.db.execute(f"DELETE FROM {table}")

    # --- writes -----------------------------------------------------------------------------------

    def put_stories(self, rows: Iterable[StoryRow]) -> None:
        """Insert or replace story summaries (and their outlets)."""
        for r in rows:
            self.delete_stories([r.id])
            self.db.execute(
                "INSERT INTO story_summaries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (r.id, r.label, json.dumps(list(r.keywords), ensure_ascii=False),
                 json.dumps(list(r.articles), ensure_ascii=False), r.central_article, r.first_date, r.last_date,
                 len(r.articles), story_number(r.id), r.first_date or UNDATED),
            )
            self.db.executemany("INSERT INTO story_outlets VALUES (?, ?)", [(r.id, o) for o in sorted(r.outlets)])

    def delete_stories(self, story_ids: Iterable[str]) -> None:
        for sid in story_ids:
            self.db.execute("DELETE FROM story_summaries WHERE id = ?", (sid,))
            self.db.execute("DELETE FROM story_outlets WHERE story_id = ?", (sid,))

    def group_digests_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Group id -> digest, of every stored group carried by one of these articles."""
        query = ("SELECT g.id, g.digest FROM dup_groups g WHERE g.id IN "
                 "(SELECT group_id FROM dup_group_articles WHERE article_id IN ({marks}))")
        return dict(self._in_chunks(query, sorted(set(article_ids))))

    def group_digests_linking(self, match_ids: Iterable[int]) -> dict[str, str]:
        """Group id -> digest, of every stored group linking one of these matches."""
        query = ("SELECT g.id, g.digest FROM dup_groups g WHERE g.id IN "
                 "(SELECT group_id FROM dup_group_matches WHERE match_id IN ({marks}))")
        return dict(self._in_chunks(query, sorted(set(match_ids))))

    def delete_groups(self, group_ids: Iterable[str]) -> None:
        for gid in group_ids:
            for table, key in (("dup_groups", "id"), ("dup_group_articles", "group_id"), ("dup_group_matches", "group_id")):
                self.db.execute(f"DELETE FROM {table} WHERE {key} = ?", (gid,))

    def put_groups(self, groups: Iterable[GroupRow]) -> None:
        for g in groups:
            self.delete_groups([g.id])
            self.db.execute("INSERT OR REPLACE INTO dup_groups VALUES (?, ?, ?, ?, ?, ?)",
                            (g.id, group_number(g.id), len(g.articles), float(g.best),
                             json.dumps(g.body, ensure_ascii=False), g.digest))
            self.db.executemany("INSERT OR IGNORE INTO dup_group_articles VALUES (?, ?)",
                                [(g.id, a) for a in g.articles])
            self.db.executemany("INSERT OR IGNORE INTO dup_group_matches VALUES (?, ?)",
                                [(g.id, m) for m in g.matches])

    def put_speakers(self, names: dict[str, Iterable[str]]) -> None:
        """The speaker names of these articles, replacing what was stored for them."""
        for aid, found in names.items():
            self.db.execute("DELETE FROM article_speakers WHERE article_id = ?", (aid,))
            self.db.executemany("INSERT OR IGNORE INTO article_speakers VALUES (?, ?)", [(aid, n) for n in sorted(found)])

    def delete_speakers(self, article_ids: Iterable[str]) -> None:
        for aid in article_ids:
            self.db.execute("DELETE FROM article_speakers WHERE article_id = ?", (aid,))

    # --- reads ------------------------------------------------------------------------------------

    def article_page(self, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        """Articles in insertion order with their story, and the total."""
        query = "SELECT id, title, date, lang, source, url, story_id FROM articles ORDER BY seq LIMIT ? OFFSET ?"
        keys = ("id", "title", "date", "lang", "source", "url", "story")
        rows = [dict(zip(keys, r)) for r in self.db.execute(query, (limit, offset))]
        return rows, int(self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def story_page(self, wanted: StoryFilter, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        """Stories matching the filter, in list order, with their evidence, and the total."""
        where, args = _story_where(wanted)
        total = int(self.db.execute(f"SELECT COUNT(*) FROM story_summaries s {where}", args).fetchone()[0])
        query = f"SELECT {_STORY_COLUMNS} FROM story_summaries s {where} {_STORY_ORDER} LIMIT ? OFFSET ?"
        rows = [_story_row(r) for r in self.db.execute(query, (*args, limit, offset))]
        evidence = self.evidence_of([r.id for r in rows])
        return [r.to_json(evidence.get(r.id, [])) for r in rows], total

    def evidence_of(self, story_ids: Sequence[str]) -> dict[str, list[str]]:
        """Story id -> the ids of the groups that link two of its members or more, in list order."""
        query = ("SELECT a.story_id, g.id FROM dup_group_articles ga JOIN articles a ON a.id = ga.article_id "
                 "JOIN dup_groups g ON g.id = ga.group_id WHERE a.story_id IN ({marks}) "
                 f"GROUP BY a.story_id, g.id HAVING COUNT(*) >= 2 {_GROUP_ORDER}")
        out: dict[str, list[str]] = {}
        for sid, gid in self._in_chunks(query, list(story_ids)):
            out.setdefault(sid, []).append(gid)
        return out

    def stored_story(self, story_id: str) -> StoryRow | None:
        row = self.db.execute(f"SELECT {_STORY_COLUMNS} FROM story_summaries WHERE id = ?", (story_id,)).fetchone()
        return _story_row(row) if row else None

    def groups_carried_by(self, article_id: str) -> list[dict[str, Any]]:
        """The contract JSON of the groups one article carries, in list order."""
        query = ("SELECT g.body FROM dup_groups g JOIN dup_group_articles ga ON ga.group_id = g.id "
                 f"WHERE ga.article_id = ? {_GROUP_ORDER}")
        return [json.loads(r[0]) for r in self.db.execute(query, (article_id,))]

    def group_bodies(self, group_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The contract JSON of these groups, in the order given (unknown ids are left out)."""
        bodies = dict(self._in_chunks("SELECT id, body FROM dup_groups WHERE id IN ({marks})", list(group_ids)))
        return [json.loads(bodies[gid]) for gid in group_ids if gid in bodies]

    def group_page(self, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        """Duplicate groups in list order (their contract JSON), and the total."""
        total = int(self.db.execute("SELECT COUNT(*) FROM dup_groups").fetchone()[0])
        query = f"SELECT body FROM dup_groups g {_GROUP_ORDER} LIMIT ? OFFSET ?"
        return [json.loads(r[0]) for r in self.db.execute(query, (limit, offset))], total


def _story_where(wanted: StoryFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if wanted.date_from:
        clauses.append("s.last_date >= ?")
        args.append(wanted.date_from)
    if wanted.date_to:
        clauses.append("s.first_date <= ?")
        args.append(wanted.date_to)
    if wanted.outlet:
        clauses.append("s.id IN (SELECT story_id FROM story_outlets WHERE outlet = ?)")
        args.append(wanted.outlet)
    if wanted.speaker:
        clauses.append("s.id IN (SELECT a.story_id FROM article_speakers sp JOIN articles a ON a.id = sp.article_id "
                       "WHERE instr(sp.name, ?) > 0)")
        args.append(wanted.speaker)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), args


def _story_row(r: Sequence) -> StoryRow:
    return StoryRow(r[0], r[1], tuple(json.loads(r[2])), tuple(json.loads(r[3])), r[4], r[5], r[6], frozenset())

