"""Between a POST's answer and the group refresh that follows it: id reads wait for the writer's groups
instead of forming them again beside it.

The worker answers a POST once its batch (articles, passages, matches, stories) is committed, and brings the
duplicate groups' list rows up to date right after (``Ingestor.refresh_groups``: the batch's match component
grouped again, ~1 s for a batch of wire copies at 20,000 articles). An id read in that moment
(``GET /articles/{id}``, ``GET /stories/{id}``) used to form the same groups itself from the component
(``lookup.groups_around``): as much work again, on the same two cores and under the same interpreter lock,
so both took 2-3 times as long (a read 0.3-3.3 s, the refresh 2-5.5 s; on a quiet machine, 20,000 articles,
docs/scale-log.md, session 13). Now such a read waits here, without the lock, until the worker says the
tables reflect the revision it saw, then reads them: the same answer, from the rows the writer stored.

The refresh stores one match component at a time (``Ingestor.refresh_groups(progress=...)``), saying first which
articles its components hold: a read waits only until none of its articles is in a component still to do (the
articles of a batch usually copy different stories, so most reads wait for a part of the refresh).

The speakers and story summaries of a batch are stored right after its answer too, after its first match
component (``Ingestor.summarise_pending``: ~0.3 s of a POST of 10 at 20,000 articles, which the batch's first id
read no longer waits for); ``GET /stories`` and a story read wait for them (``wait_summaries``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

READ_WAIT_S = 10.0
"""The longest an id read waits for the refresh before forming the groups itself (as a store without a service
worker is read): the worker may be writing another batch first (POSTs of other clients)."""


class GroupsGate:
    """The highest revision whose groups the worker has settled (refreshed, or failed to), and the reads
    waiting for one: the worker refreshes before its next batch when someone waits."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._settled = -1
        self._waiting = 0
        self._planned_at = -1
        self._summarised = -1
        """The highest revision whose speakers and summaries are stored."""
        self._to_do: set[str] = set()
        """The articles of the components the running refresh (of revision ``_planned_at``) has yet to store."""

    @property
    def waiting(self) -> bool:
        """Some read waits for the groups of a committed batch."""
        return self._waiting > 0

    def wait(self, revision: int, articles: Iterable[str] = (), timeout: float = READ_WAIT_S) -> int | None:
        """Block until the groups of ``revision`` are settled, or those of ``articles`` are stored at that revision;
        the revision whose stored rows hold their groups (``lookup``'s ``tables_at``), or None: settled (the tables
        say whether they are current), or ``timeout`` passed."""
        wanted = set(articles)
        clear = False

        def done() -> bool:
            nonlocal clear
            clear = self._planned_at == revision and not (wanted & self._to_do)
            return self._settled >= revision or clear

        with self._changed:
            self._waiting += 1
            try:
                self._changed.wait_for(done, timeout)
            finally:
                self._waiting -= 1
            return revision if clear and self._settled < revision else None

    def wait_summaries(self, revision: int, timeout: float = READ_WAIT_S) -> bool:
        """Block until the speakers and summaries of ``revision`` are stored (or its groups settled); False when
        ``timeout`` passed first (the worker is stuck: the list answers what the tables hold)."""
        with self._changed:
            self._waiting += 1
            try:
                return self._changed.wait_for(lambda: max(self._summarised, self._settled) >= revision, timeout)
            finally:
                self._waiting -= 1

    def summarised(self, revision: int) -> None:
        """The speakers and summaries of every batch up to ``revision`` are stored (or failed to be)."""
        with self._changed:
            self._summarised = max(self._summarised, revision)
            self._changed.notify_all()

    def planned(self, revision: int, articles: set[str]) -> None:
        """The refresh of ``revision`` will store the groups of these articles' components, one at a time."""
        with self._changed:
            self._planned_at, self._to_do = revision, set(articles)
            self._changed.notify_all()

    def stored(self, articles: set[str]) -> None:
        """The groups of these articles' component are committed."""
        with self._changed:
            self._to_do -= articles
            self._changed.notify_all()

    def settle(self, revision: int) -> None:
        """The worker is done with the groups of every batch up to ``revision`` (stored, or the refresh failed:
        either way the waiting reads go on, reading the tables or forming the groups themselves)."""
        with self._changed:
            self._settled = max(self._settled, revision)
            self._planned_at, self._to_do = -1, set()
            self._changed.notify_all()
