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

It also keeps, per two stored articles, the links their matches leave after the one-paragraph-per-article pairing
(``links``): the pairing is decided per article pair, and a batch only adds pairs with one of its own articles, so a
stored pair's links stay what they were until a match of it is added or dropped (0.17 s of CPU an add of 10 into
the 20,000-article store went to re-reading and re-pairing the ~2,000-article neighbourhood's matches).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from cluster.duplicates.groups import one_paragraph_per_article
from cluster.duplicates.matches import ParagraphMatch
from cluster.store.db import Store
from cluster.stories.sharing import ParagraphLink

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
        self.partners: dict[str, dict[str, list[int]]] = {}
        """Article -> each article it has matches with -> their row ids."""
        self.kept: dict[tuple[str, str], list[ParagraphLink]] = {}
        """(first, second) in the order a caller listed them -> the pair's links after the pairing (``links``)."""
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
            self._pair(m.left[0], m.right[0], rid)
            self.last = rid
        return self

    def drop(self, article_ids: Iterable[str]) -> None:
        """Forget every match touching these articles (as ``Store.delete_articles`` deletes them)."""
        article_ids = list(article_ids)
        gone = {rid for aid in article_ids for rid in (*self.left.pop(aid, ()), *self.right.pop(aid, ()))}
        for aid in article_ids:
            for other in self.partners.pop(aid, {}):
                self._forget(aid, other)
                rest = self.partners.get(other, {})
                rest.pop(aid, None)
                if not rest:
                    self.partners.pop(other, None)
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
        return self._distinct(rid for aid in dict.fromkeys(article_ids) for rid in self._of(aid))

    def links(self, article_ids: Sequence[str], extra: Sequence[ParagraphMatch] = (),
              fresh: Iterable[str] = ()) -> list[ParagraphLink]:
        """``duplicates.shared_links``'s links among ``article_ids`` (the same set, in another order, which
        ``SharedParagraphs`` does not see): ``one_paragraph_per_article`` over the matches of ``self.matches``
        and ``extra`` joining two of them, run per article pair, as its keys only ever compare matches of one
        pair. A pair of two stored articles has the same matches, in the same order (its first listed
        article's, left side then right, by row id), whatever the neighbourhood, so its links are kept; a pair
        with an article of ``fresh`` (the batch: its matches are in ``extra``, an article it replaces has rows
        about to go) or joined by a match of ``extra`` is paired anew each call."""
        order = {aid: k for k, aid in enumerate(dict.fromkeys(article_ids))}
        batch = set(fresh)
        given: dict[tuple[str, str], list[ParagraphMatch]] = {}
        for m in extra:
            first, second = m.left[0], m.right[0]
            if first in order and second in order:
                if order[first] > order[second]:
                    first, second = second, first
                given.setdefault((first, second), []).append(m)
        out: list[ParagraphLink] = []
        anew: dict[tuple[str, str], list[ParagraphMatch]] = {}
        for first, k in order.items():
            for second in self.partners.get(first, {}):
                if order.get(second, -1) < k:
                    continue  # outside, or listed earlier: the pair is read from that one
                if first in batch or second in batch or (first, second) in given:
                    anew[first, second] = self._pair_matches(first, second)
                else:
                    out.extend(self._kept(first, second))
        for pair, matches in given.items():
            anew.setdefault(pair, []).extend(matches)
        for matches in anew.values():
            out.extend((m.left, m.right) for m in one_paragraph_per_article(matches))
        return out

    def _kept(self, first: str, second: str) -> list[ParagraphLink]:
        links = self.kept.get((first, second))
        if links is None:
            links = [(m.left, m.right) for m in one_paragraph_per_article(self._pair_matches(first, second))]
            self.kept[first, second] = links
        return links

    def _pair_matches(self, first: str, second: str) -> list[ParagraphMatch]:
        """The pair's matches as ``matches`` lists them when ``first`` comes before ``second``: ``first``'s as
        its left side, then as its right side, by row id; two aligned regions at the same spans once."""
        return self._distinct(sorted(set(self.partners[first][second]), key=lambda r: (self.rows[r].left[0] != first, r)))

    def _distinct(self, rids: Iterable[int]) -> list[ParagraphMatch]:
        """The rows' matches in the order given, two aligned regions joining the same two paragraphs at the same
        spans once."""
        out: list[ParagraphMatch] = []
        seen: set[tuple] = set()
        for rid in rids:
            m = self.rows[rid]
            key = (m.left, m.right, m.span_left, m.span_right)
            if key not in seen:
                seen.add(key)
                out.append(m)
        return out

    def _pair(self, left: str, right: str, rid: int) -> None:
        """A new row of the pair: its links are paired again on next use."""
        self.partners.setdefault(left, {}).setdefault(right, []).append(rid)
        if right != left:
            self.partners.setdefault(right, {}).setdefault(left, []).append(rid)
        self._forget(left, right)

    def _forget(self, one: str, other: str) -> None:
        self.kept.pop((one, other), None)
        self.kept.pop((other, one), None)

    def _of(self, aid: str) -> list[int]:
        return [*self.left.get(aid, ()), *self.right.get(aid, ())]
