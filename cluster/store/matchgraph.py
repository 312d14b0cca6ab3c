"""The stored match graph in the writer's memory: every match by row id, and the matches at each paragraph
and of each article, so a batch walks its match component (``materialise.refresh_groups``) and reads its
neighbourhood's shared passages (``duplicates.shared_links``) without SQL: it answers the reads
``lookup.match_component`` walks with (``matched_paragraphs``, ``matches_at``) and ``Store.matches``.

On the 20,000-article store a batch of ten wire copies reaches a component of ~12,500 matches: the walk
was 39 rounds of SQL (0.2 s an add) and the neighbourhood's matches ~2,000 per-article queries (0.17 s).
The writer is the only one (its lock), so it keeps the graph current as it writes (``drop`` inside the
batch's transaction, ``catch_up`` after its inserts) and forgets it when a transaction fails (``reset``),
to read it again on next use. Its answers are the SQL reads' (tests/test_lists.py compares them on every
batch).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from cluster.duplicates.matches import ParagraphMatch
from cluster.store.db import Store

Paragraph = tuple[str, int]


class MatchGraph:
    """Row id -> stored match, with the row ids at each (article, segment) paragraph and of each article
    (as its left side, then as its right side), in row-id order."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.loaded = False
        self.rows: dict[int, ParagraphMatch] = {}
        self.at: dict[Paragraph, list[int]] = {}
        self.left: dict[str, list[int]] = {}
        self.right: dict[str, list[int]] = {}
        self.last = 0

    def load(self, store: Store) -> MatchGraph:
        """Read every stored match once (later calls only catch up with rows added since)."""
        self.loaded = True
        return self.catch_up(store)

    @contextmanager
    def writing(self) -> Iterator[MatchGraph]:
        """Around a write transaction: if it fails, the graph (which may hold rows it rolled back) is
        forgotten and read again on next use."""
        try:
            yield self
        except BaseException:
            self.reset()
            raise

    def catch_up(self, store: Store) -> MatchGraph:
        """Take in the rows stored since the last read (row ids only grow: ``AUTOINCREMENT``)."""
        if not self.loaded:
            return self
        for rid, m in store.matches_after(self.last):
            self.rows[rid] = m
            for end in (m.left, m.right):
                self.at.setdefault(end, []).append(rid)
            self.left.setdefault(m.left[0], []).append(rid)
            self.right.setdefault(m.right[0], []).append(rid)
            self.last = rid
        return self

    def drop(self, article_ids: Iterable[str]) -> None:
        """Forget every match touching these articles (as ``Store.delete_articles`` deletes them)."""
        gone = {rid for aid in article_ids for rid in (*self.left.pop(aid, ()), *self.right.pop(aid, ()))}
        for rid in sorted(gone):
            m = self.rows.pop(rid)
            for end in (m.left, m.right):
                kept = [r for r in self.at.get(end, ()) if r not in gone]
                if kept:
                    self.at[end] = kept
                else:
                    self.at.pop(end, None)
            for side, aid in ((self.left, m.left[0]), (self.right, m.right[0])):
                if aid in side:
                    side[aid] = [r for r in side[aid] if r not in gone]

    def matched_paragraphs(self, article_ids: Iterable[str]) -> list[Paragraph]:
        """``Store.matched_paragraphs``: the (article, segment) paragraphs of these articles a match ends at."""
        return sorted({end for aid in dict.fromkeys(article_ids) for rid in self._of(aid)
                       for end in (self.rows[rid].left, self.rows[rid].right) if end[0] == aid})

    def matches_at(self, paragraphs: Iterable[Paragraph]) -> list[tuple[int, ParagraphMatch]]:
        """``Store.matches_at``: (row id, match) of every match with an end at one of these paragraphs."""
        return [(rid, self.rows[rid]) for rid in sorted({rid for p in paragraphs for rid in self.at.get(p, ())})]

    def matches(self, article_ids: Sequence[str]) -> list[ParagraphMatch]:
        """``Store.matches(article_ids)``: the matches touching the articles, each article's in the order
        SQLite returns them (as its left side, then as its right side, by row id), two aligned regions
        joining the same two paragraphs at the same spans once."""
        out: list[ParagraphMatch] = []
        seen: set[tuple] = set()
        for aid in dict.fromkeys(article_ids):
            for rid in self._of(aid):
                m = self.rows[rid]
                key = (m.left, m.right, m.span_left, m.span_right)
                if key not in seen:
                    seen.add(key)
                    out.append(m)
        return out

    def _of(self, aid: str) -> list[int]:
        return [*self.left.get(aid, ()), *self.right.get(aid, ())]
