"""The service's read side: every answer straight from SQLite, on a connection of the requesting thread.

Id lookups (an article, a story, one article's duplicate groups) are answered by ``cluster.store.lookup``
from the tables; lists (articles, stories with their filters, duplicate groups) by ``cluster.store.listing``
from the tables the writer keeps for them in the same transaction as the rows they derive from
(``cluster.store.materialise``). Each answer is read in one snapshot and carries the revision it saw, the
latest committed one: nothing is rebuilt after a write, so no answer lags one and no read waits for
anything but SQLite (WAL: never for the writer), except an id read in the moment between a POST's answer and
the group refresh right after it: it waits for the writer's groups (``gate``) rather than form them again beside
the writer.

Lists used to read a view of the whole store (the ``cluster run --store`` report) rebuilt in a background
thread after writes: 65 s, 90 s of CPU and 7.7 GB at 20,000 articles, holding the interpreter lock while
it ran (docs/scale.md, "5. A live store").
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cluster.service.gate import GroupsGate
from cluster.store.db import Store
from cluster.store.listing import StoryFilter
from cluster.store.lookup import article_detail, article_groups, story_detail
from cluster.store.materialise import summaries_pending
from cluster.store.story_ids import resolve


class Reader:
    """Per-thread SQLite connections; every method reads one snapshot."""

    def __init__(self, directory: Path, speakers: bool = True, gate: GroupsGate | None = None) -> None:
        self.directory = Path(directory)
        self.gate = gate
        """The service worker's word on the group refresh after each answer; None (no worker): an id read of a
        store whose group rows lag forms the groups itself."""
        self.speakers = speakers
        """False: ``GET /stories?speaker=`` is ignored (and the answer says so), as a service run without
        quotes did; the writer stores the speakers either way (they cost ~0.2 ms a passage)."""
        self._local = threading.local()
        self._opened: list[Store] = []
        self._open_lock = threading.Lock()

    def live(self) -> Store:
        """This thread's connection (opened on first use): requests never share one."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.directory, create=False)
            with self._open_lock:
                self._opened.append(store)
        return store

    def revision(self) -> int:
        return self.live().revision

    # --- lists (cluster/store/listing.py) ------------------------------------------------------------

    def articles(self, offset: int, limit: int) -> dict[str, Any]:
        store = self.live()
        with store.snapshot():
            rows, total = store.article_page(offset, limit)
            return {"articles": rows, "total": total, "offset": offset, "limit": limit, "revision": store.revision}

    def stories(self, wanted: StoryFilter, offset: int, limit: int) -> dict[str, Any]:
        ignored = []
        if wanted.speaker is not None and not self.speakers:
            ignored.append("speaker")
            wanted = StoryFilter(wanted.date_from, wanted.date_to, wanted.outlet, None)
        store = self.live()
        self._wait_for_summaries(store)
        with store.snapshot():
            rows, total = store.story_page(wanted, offset, limit)
            return {"stories": rows, "total": total, "offset": offset, "limit": limit,
                    "ignored_filters": ignored, "revision": store.revision}

    def duplicate_groups(self, offset: int, limit: int) -> dict[str, Any]:
        store = self.live()
        with store.snapshot():
            rows, total = store.group_page(offset, limit)
            return {"duplicate_groups": rows, "total": total, "offset": offset, "limit": limit,
                    "revision": store.revision, "listing_revision": store.listing_revision()}

    # --- id reads (cluster/store/lookup.py) ----------------------------------------------------------

    def article(self, article_id: str) -> dict | None:
        store = self.live()
        return article_detail(store, article_id, self._tables_at(store, lambda _: [article_id]))

    def article_groups(self, article_id: str) -> list[dict] | None:
        store = self.live()
        return article_groups(store, article_id, self._tables_at(store, lambda _: [article_id]))

    def story(self, story_id: str) -> dict | None:
        store = self.live()
        self._wait_for_summaries(store)  # stored after the batch's first component (``BatchWorker``)
        return story_detail(store, story_id, self._tables_at(store, lambda s: _members(s, story_id)))

    def _wait_for_summaries(self, store: Store) -> None:
        """When a committed batch's speakers and story summaries are not stored yet (the worker stores them right
        after the POST's answer: ``materialise.summarise_pending``), wait for them: the list reads them."""
        if self.gate is None:
            return
        with store.snapshot():
            revision = store.revision
            if store.listing_revision() == revision or not summaries_pending(store):
                return
        self.gate.wait_summaries(revision)

    def _tables_at(self, store: Store, articles_of: Callable[[Store], list[str]]) -> int | None:
        """When the group rows lag the store (a POST answered, its group refresh not done), wait until the writer
        has stored the components of the articles read (``GroupsGate``), and say at which revision: the id reads
        then take their groups from the tables. Forming them here instead (``lookup.groups_around``) is the
        refresh's work again, on the same cores and interpreter lock: reads of 0.3-3.3 s and a refresh 2-3 times
        slower, on the 20,000-article store."""
        if self.gate is None:
            return None
        with store.snapshot():
            revision, listed = store.revision, store.listing_revision()
            if listed == revision:
                return None
            articles = articles_of(store)
        return self.gate.wait(revision, articles)

    def counts(self) -> dict[str, int]:
        """Rows per table, live stories and the generation, read in one snapshot."""
        store = self.live()
        with store.snapshot():
            counts = {t: store.count(t) for t in ("articles", "passages", "matches")}
            return {**counts, "stories": store.live_story_count(), "generation": store.generation,
                    "revision": store.revision, "listing_revision": store.listing_revision()}

    def close(self) -> None:
        with self._open_lock:
            for store in self._opened:
                store.close()


def _members(store: Store, story_id: str) -> list[str]:
    """The members of the live story an id stands for (none for an unknown id)."""
    live, _ = resolve(store, story_id)
    return store.story_members(live) if live else []
