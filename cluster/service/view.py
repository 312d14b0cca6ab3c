"""The service's read side: a view of the whole store in the JSON contract's shape, and the reader
that keeps it current without making every request pay for a rebuild.

The view is what ``cluster run --store`` prints (``store_report.store_result`` + ``report.to_json``),
read in one SQLite snapshot, plus lookups by id. Rebuilding it costs seconds on a large store, so it
is rebuilt in the background after each write, lists answer the latest built view (with the revision
it reflects), and id lookups wait only when the view does not yet hold what they ask for.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cluster.embed import Encoder
from cluster.report.terminal import to_json
from cluster.store.db import Store
from cluster.store.report import store_result
from cluster.store.story_ids import history, resolve


@dataclass
class StoreView:
    """The whole store in the JSON contract's shape, with lookups, for one revision."""

    revision: int
    data: dict[str, Any]
    articles: dict[str, dict] = field(default_factory=dict)
    stories: dict[str, dict] = field(default_factory=dict)
    story_of: dict[str, str] = field(default_factory=dict)
    groups_of: dict[str, list[dict]] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    """Content hash of each article as the view saw it (a replaced article needs a fresh view)."""

    @classmethod
    def build(cls, store: Store, quotes_encoder: Encoder | None = None) -> StoreView:
        with store.snapshot():
            revision = store.revision
            result = store_result(store, quotes_encoder)
            hashes = store.article_hashes()
        data = to_json(result)
        view = cls(revision, data, hashes=hashes)
        view.articles = {a["id"]: a for a in data["articles"]}
        view.stories = {s["id"]: s for s in data["stories"]}
        view.story_of = {aid: s["id"] for s in data["stories"] for aid in s["articles"]}
        for group in data["duplicate_groups"]:
            for aid in group["articles"]:
                view.groups_of.setdefault(aid, []).append(group)
        return view


class Reader:
    """Read side: SQLite connections of its own (WAL: never blocked by the writer) and a cached view.

    Id lookups always get a view of the current revision. Lists accept the previous view while a
    newer one is being built in the background, so that on a large store a stream of writes does not
    make every list request wait for a rebuild (seconds at ~10,000 paragraphs; docs/service.md).
    """

    def __init__(self, directory: Path, quotes_encoder: Encoder | None = None) -> None:
        self.quotes_encoder = quotes_encoder
        """Set: views carry the quotes (and ``GET /stories?speaker=`` works); None: they do not."""
        self.store = Store(directory)
        self._builder = Store(directory)
        self._db_lock = threading.Lock()
        self._build_lock = threading.Lock()
        self._view: StoreView | None = None

    def revision(self) -> int:
        with self._db_lock:
            return self.store.revision

    def view(self, fresh: bool = True) -> StoreView:
        """A view of at least the revision committed when called (``fresh``), or the latest built."""
        wanted = self.revision()
        current = self._view
        if current is not None and (current.revision >= wanted or not fresh):
            if current.revision < wanted:
                self.refresh_in_background()
            return current
        return self._rebuild(wanted)

    def refresh_in_background(self) -> None:
        """Start building the view of the current revision unless a build is running (after writes)."""
        if not self._build_lock.locked():
            threading.Thread(target=self._rebuild_quietly, daemon=True).start()

    def article_state(self, article_id: str) -> tuple[str, str] | None:
        """(content hash, story id) of a stored article, straight from SQLite; None if unknown."""
        with self._db_lock:
            return self.store.article_state(article_id)

    def _rebuild(self, wanted: int) -> StoreView:
        """Build unless the build that held the lock already reached ``wanted``: a waiter never
        chases the writes that landed after its request."""
        with self._build_lock:
            current = self._view
            if current is None or current.revision < wanted:
                current = self._view = StoreView.build(self._builder, self.quotes_encoder)
            return current

    def _rebuild_quietly(self) -> None:
        try:
            self._rebuild(self.revision())
        except Exception:  # the next request rebuilds, or reports the error itself
            pass

    def indexed_passages(self, article_id: str) -> int:
        with self._db_lock:
            return self.store.searchable_count(article_id)

    def counts(self) -> dict[str, int]:
        """Rows per table, live stories and the generation, read in one go."""
        with self._db_lock:
            counts = {t: self.store.count(t) for t in ("articles", "passages", "matches")}
            return {**counts, "stories": self.store.live_story_count(), "generation": self.store.generation,
                    "revision": self.store.revision}

    def resolve(self, story_id: str) -> tuple[str | None, list[str]]:
        with self._db_lock:
            return resolve(self.store, story_id)

    def history(self, story_id: str) -> list[dict]:
        with self._db_lock:
            return [e.to_json() for e in history(self.store, story_id)]

    def close(self) -> None:
        with self._build_lock, self._db_lock:
            self.store.close()
            self._builder.close()
