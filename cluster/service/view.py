"""The service's read side: per-id reads straight from SQLite, and a cached whole-store view for lists.

Id lookups (an article, a story, one article's duplicate groups) are answered by
``cluster.store.lookup`` from the tables, in one snapshot per request, on a connection of the
requesting thread: they are current as soon as a write commits and never wait for anything but
SQLite. Lists (and the filters that need every story) read the view: what ``cluster run --store``
prints (``store_report.store_result`` + ``report.to_json``), read in one snapshot. Rebuilding it costs
seconds on a large store, so it is rebuilt in the background after writes (at most one build at a
time, and not more often than ``min_interval`` seconds apart), and lists answer the latest built view
with the revision it reflects. The view's duplicate group ids are renamed to the stable ids the live
reads use (``lookup.stable_group_id``), so ids agree between lists and id lookups.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cluster.embed import Encoder
from cluster.report.terminal import to_json
from cluster.store.db import Store
from cluster.store.lookup import article_detail, article_groups, stable_group_id, story_detail
from cluster.store.report import store_result


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
            row_ids = store.match_row_ids()
        data = _with_stable_group_ids(to_json(result), row_ids)
        view = cls(revision, data, hashes=hashes)
        view.articles = {a["id"]: a for a in data["articles"]}
        view.stories = {s["id"]: s for s in data["stories"]}
        view.story_of = {aid: s["id"] for s in data["stories"] for aid in s["articles"]}
        for group in data["duplicate_groups"]:
            for aid in group["articles"]:
                view.groups_of.setdefault(aid, []).append(group)
        return view


def _with_stable_group_ids(data: dict[str, Any], row_ids: dict[tuple[str, int, str, int], int]) -> dict[str, Any]:
    """The report with each duplicate group's positional id (``D1``...) replaced by its stable id."""
    renamed: dict[str, str] = {}
    for group in data["duplicate_groups"]:
        passages = group["passages"]
        links = [((passages[p["a"]]["article"], passages[p["a"]]["segment"]),
                  (passages[p["b"]]["article"], passages[p["b"]]["segment"])) for p in group["pairs"]]
        renamed[group["id"]] = group["id"] = stable_group_id(links, row_ids)
    for story in data["stories"]:
        story["evidence"] = [renamed.get(g, g) for g in story["evidence"]]
    return data


class Reader:
    """Read side: per-thread SQLite connections for id lookups (WAL: never blocked by the writer), and
    a cached whole-store view for lists, rebuilt by one background thread after writes."""

    def __init__(self, directory: Path, quotes_encoder: Encoder | None = None, min_interval: float = 2.0) -> None:
        self.directory = Path(directory)
        self.quotes_encoder = quotes_encoder
        """Set: views carry the quotes (and ``GET /stories?speaker=`` works); None: they do not."""
        self.min_interval = min_interval
        """Least seconds between the end of one background build and the start of the next (at least twice
        the last build's time): on a large store a stream of writes would otherwise keep the builder
        running all the time, holding the interpreter lock the id reads need."""
        self._local = threading.local()
        self._opened: list[Store] = []
        self._open_lock = threading.Lock()
        self._builder = Store(self.directory)
        self._build_lock = threading.Lock()
        self._view: StoreView | None = None
        self._wanted = threading.Event()
        self._closing = threading.Event()
        self._loop: threading.Thread | None = None

    def live(self) -> Store:
        """This thread's connection (opened on first use): id lookups never share one."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.directory, create=False)
            with self._open_lock:
                self._opened.append(store)
        return store

    def revision(self) -> int:
        return self.live().revision

    def view(self, fresh: bool = False) -> StoreView:
        """The latest built view (``fresh``: one of at least the revision committed when called)."""
        current = self._view
        if current is not None and (not fresh or current.revision >= self.revision()):
            if current.revision < self.revision():
                self.refresh_in_background()
            return current
        return self._rebuild(self.revision())

    def refresh_in_background(self) -> None:
        """Ask the builder thread for a view of the current revision (after writes)."""
        if self._loop is None:
            self._loop = threading.Thread(target=self._build_loop, daemon=True, name="view-builder")
            self._loop.start()
        self._wanted.set()

    def _build_loop(self) -> None:
        while not self._closing.is_set():
            self._wanted.wait()
            self._wanted.clear()
            if self._closing.is_set():
                return
            started = time.perf_counter()
            try:
                self._rebuild(self.revision())
            except Exception:  # the next request rebuilds, or reports the error itself
                pass
            # a build that took t seconds is followed by a pause of at least 2t: on a large store the
            # builder then holds the interpreter (and a core) at most a third of the time, id reads the rest
            self._closing.wait(max(self.min_interval, 2 * (time.perf_counter() - started)))

    def _rebuild(self, wanted: int) -> StoreView:
        """Build unless the build that held the lock already reached ``wanted``: a waiter never
        chases the writes that landed after its request."""
        with self._build_lock:
            current = self._view
            if current is None or current.revision < wanted:
                current = self._view = StoreView.build(self._builder, self.quotes_encoder)
            return current

    # --- live reads (cluster/store/lookup.py) --------------------------------------------------------

    def article(self, article_id: str) -> dict | None:
        return article_detail(self.live(), article_id)

    def article_groups(self, article_id: str) -> list[dict] | None:
        return article_groups(self.live(), article_id)

    def story(self, story_id: str) -> dict | None:
        """The live story; keywords from the cached view when it holds the same members (the view
        weighs words against the whole store, a live read against recent articles only)."""
        return story_detail(self.live(), story_id, known=self._view_keywords)

    def _view_keywords(self, story_id: str, members: list[str]) -> list[str] | None:
        cached = self._view.stories.get(story_id) if self._view is not None else None
        return cached["keywords"] if cached is not None and set(cached["articles"]) == set(members) else None

    def counts(self) -> dict[str, int]:
        """Rows per table, live stories and the generation, read in one snapshot."""
        store = self.live()
        with store.snapshot():
            counts = {t: store.count(t) for t in ("articles", "passages", "matches")}
            return {**counts, "stories": store.live_story_count(), "generation": store.generation,
                    "revision": store.revision}

    def close(self) -> None:
        """Stop the builder thread before closing the connections: closing one while the builder
        reads the revision through it crashed the interpreter (SQLite is not safe against that)."""
        self._closing.set()
        self._wanted.set()
        if self._loop is not None and self._loop is not threading.current_thread():
            self._loop.join()
        with self._build_lock, self._open_lock:
            for store in self._opened:
                store.close()
            self._builder.close()
