"""The service's heap and Python's cyclic garbage collector.

The writer reads the store into memory at the service's start (``Ingestor.warm``: the stored articles' words,
the match graph and its links, the body vectors' texts and cues): ~1.2 million objects the collector tracks at
20,000 articles. A full (generation 2) collection walks every one of them with the interpreter lock held:
0.6-1.5 s, three times in 20 POSTs of 10, stalling whichever request was running (a story read of 1.4 s, of which
1.37 s was the collection; docs/scale-log.md, session 16). None of them is garbage while the service runs.

So once the warm-up is done they are moved out of the collector's sight (``gc.freeze``: the permanent generation,
which no collection walks). What later batches add (~10,000 tracked objects a batch) is collected as before, but
CPython starts a full collection when the objects promoted since the last exceed a quarter of those it kept,
which a frozen heap makes true every ten generation-1 collections; ``GEN2_THRESHOLD`` keeps full collections
about as rare as before, each over the objects added since the start only.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

GEN2_THRESHOLD = 100
"""Generation-1 collections between two full ones (CPython's default: 10)."""


@dataclass(frozen=True)
class CollectorState:
    """What ``settle_heap`` changed, for ``release_heap`` to put back."""

    thresholds: tuple[int, int, int]


def settle_heap() -> CollectorState:
    """After the warm-up: collect once, freeze what is left (the store read into memory) and space out full
    collections (``GEN2_THRESHOLD``); what it changed, to undo at shutdown."""
    before = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(before[0], before[1], max(before[2], GEN2_THRESHOLD))
    return CollectorState(before)


def release_heap(state: CollectorState | None) -> None:
    """At shutdown: the frozen objects are collectable again and the thresholds as they were (a process that
    goes on after the service, such as the load test or a test run, gets its collector back); None: nothing was
    settled (a service that did not preload)."""
    if state is None:
        return
    gc.unfreeze()
    gc.set_threshold(*state.thresholds)
