"""Per-article work on every core: a list cut into runs of consecutive items, each run in a forked worker,
the results joined in order, so the answer is the loop's own.

Every stage after embedding ran on one core: on the 30k-passage bench corpus the quote stage's extraction and
attribution alone took ~15 s of a 2-core machine while the other core idled, and a user's 8-core laptop idled
seven. Extraction and attribution read one article at a time (``quotes.chooser.attributed_quotes``), so any
cut of the article list gives the same quotes.

Why fork and a module-level task: the workers inherit the articles, their segments and the loaded lexicons
from the parent's memory instead of receiving them pickled (hundreds of MB at 300k passages); only the bounds
of each run go out and only the results come back. Where fork is unsafe or missing the loop runs here: on a
platform without it (Windows, macOS's default), in a process with threads of other libraries' runtimes that a
fork would copy mid-flight (the Ray driver's gRPC threads, the service's serving threads), and for lists too
short to repay starting the workers (~50 ms).

``start_in_runs`` forks the workers and returns at once: the pipeline starts quote attribution before the
duplicate stage, whose Python runs on one core, and collects the quotes at the quote stage.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Generic, TypeVar

Item = TypeVar("Item")
Out = TypeVar("Out")

FORK_RSS_LIMIT_MB = 2048
"""Resident memory above which the automatic setting forks no workers. The quote stage of the 93k-passage bench
corpus (a ~1.4 GB process) ran in 31 s with two workers against 55 s alone, that of the 30k corpus in 8-12 s
against 15 s; at 300k passages (a 3.6 GB process) it took 193 s against 168 s alone, with 58 s more CPU
(docs/scale.md, "Every core on one machine"): forking a large heap costs more than the split saves there.
The pipeline now forks the quote workers after embedding, before the duplicate stage (~1.8 GB at 300k)."""
MIN_PER_WORKER = 64
"""Items below which a worker is not worth starting (a fork, the lexicons' pages touched, results pickled)."""
RUNS_PER_WORKER = 4
"""Runs handed to each worker: short enough that one slow run (a long article) does not leave a core idle."""

_TASK: tuple[Callable[[Sequence], list], Sequence] | None = None
"""The function and list of the ``map_in_runs`` call under way, read by the forked workers (``_run``)."""


def available_cores() -> int:
    """Cores this process may run on (its affinity mask where the platform has one: a container's share)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def worker_count(setting: int, items: int) -> int:
    """Processes for ``items`` items: ``setting`` (0, automatic: one per available core while this process holds
    under ``FORK_RSS_LIMIT_MB``), never more than the items fill at ``MIN_PER_WORKER`` each, and 1 (here, no
    fork) off Linux, where fork is missing or unsafe beside other runtimes' threads (macOS)."""
    if setting < 0:
        raise ValueError(f"workers must be 0 (one per core) or more, not {setting}")
    if not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if setting == 0 and resident_mb() > FORK_RSS_LIMIT_MB:
        return 1
    wanted = setting or available_cores()
    return max(1, min(wanted, items // MIN_PER_WORKER))


def resident_mb() -> float:
    """This process's resident memory now, in MiB (0 where ``/proc`` does not say)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def map_in_runs(work: Callable[[Sequence[Item]], list[Out]], items: Sequence[Item], workers: int) -> list[Out]:
    """``work(items)``, computed as ``work`` of consecutive runs of ``items`` in up to ``workers`` forked
    processes and concatenated in order: equal to the single call whenever ``work`` treats each item on its
    own. ``workers`` <= 1 calls ``work`` here. A worker's exception is raised here, as the loop would."""
    return start_in_runs(work, items, workers).result()


class Pending(Generic[Out]):
    """``map_in_runs`` started and not yet collected: the workers run while the caller does other work.
    ``result()`` waits for them (or, with no workers, calls ``work`` then); ``close()`` stops workers whose
    result is no longer wanted (the caller failed first)."""

    def __init__(self, work: Callable[[], list[Out]], pool: Pool | None = None,
                 running: AsyncResult | None = None) -> None:
        self._work, self._pool, self._running = work, pool, running

    def result(self) -> list[Out]:
        if self._pool is None:
            return self._work()
        try:
            parts = self._running.get()
        finally:
            self.close()
        return [out for part in parts for out in part]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()  # reaped here, so their CPU time counts in the caller's stage (``pipeline.cpu_seconds``)
            self._pool = None


def start_in_runs(work: Callable[[Sequence[Item]], list[Out]], items: Sequence[Item], workers: int) -> Pending[Out]:
    """``map_in_runs``, started: the workers are forked now, with the process as it is now (its heap, and
    ``work`` and ``items`` as they are), and run beside the caller until ``result()`` collects them."""
    global _TASK
    if workers <= 1 or len(items) < 2:
        return Pending(lambda: work(items))
    step = max(1, -(-len(items) // (workers * RUNS_PER_WORKER)))
    bounds = [(lo, min(lo + step, len(items))) for lo in range(0, len(items), step)]
    _TASK = (work, items)
    try:
        pool = multiprocessing.get_context("fork").Pool(workers)  # forks every worker before returning
    finally:
        _TASK = None
    return Pending(work, pool, pool.map_async(_run, bounds, chunksize=1))


def _run(bounds: tuple[int, int]) -> list:
    """One run, in a worker: the parent's task as the fork left it."""
    assert _TASK is not None, "map_in_runs' task is set before its workers are forked"
    work, items = _TASK
    lo, hi = bounds
    return work(items[lo:hi])
