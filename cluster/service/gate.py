"""Between a POST's answer and the group refresh that follows it: id reads wait for the writer's groups
instead of forming them again beside it.

The worker answers a POST once its batch (articles, passages, matches, stories) is committed, and brings the
duplicate groups' list rows up to date right after (``Ingestor.refresh_groups``: the batch's match component
grouped again, ~1 s for a batch of wire copies at 20,000 articles). An id read in that moment
(``GET /articles/{id}``, ``GET /stories/{id}``) used to form the same groups itself from the component
(``lookup.groups_around``): as much work again, on the same two cores and under the same interpreter lock,
so both took 2-3 times as long (a read 0.3-3.3 s, the refresh 2-5.5 s; on a quiet machine, 20,000 articles,
docs/scale.md section 5, session 13). Now such a read waits here, without the lock, until the worker says the
tables reflect the revision it saw, then reads them: the same answer, from the rows the writer stored.
"""

from __future__ import annotations

import threading

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

    @property
    def waiting(self) -> bool:
        """Some read waits for the groups of a committed batch."""
        return self._waiting > 0

    def wait(self, revision: int, timeout: float = READ_WAIT_S) -> bool:
        """Block until the groups of ``revision`` are settled or ``timeout`` passes; True when settled."""
        with self._changed:
            self._waiting += 1
            try:
                return self._changed.wait_for(lambda: self._settled >= revision, timeout)
            finally:
                self._waiting -= 1

    def settle(self, revision: int) -> None:
        """The worker is done with the groups of every batch up to ``revision`` (stored, or the refresh failed:
        either way the waiting reads go on, reading the tables or forming the groups themselves)."""
        with self._changed:
            self._settled = max(self._settled, revision)
            self._changed.notify_all()
