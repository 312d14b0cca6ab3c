"""Freed heap memory goes back to the system between stages (``cluster.memory``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cluster.memory import _trim, release_free_heap


def resident_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(not Path("/proc/self/statm").exists() or _trim() is None,
                    reason="needs Linux's /proc and glibc's malloc_trim")
def test_a_stage_s_freed_objects_leave_resident_memory():
    # what a stage leaves behind: many mid-sized objects (paragraph texts, token lists), freed below
    # something still alive, so the allocator cannot simply shrink the heap's top
    texts = [bytes(3000) for _ in range(60_000)]  # ~170 MB, each allocated by malloc, pages touched
    still_alive = bytes(3000)
    del texts
    freed = resident_mb()
    release_free_heap()
    assert resident_mb() < freed - 100, "the freed ~170 MB stayed resident"
    assert len(still_alive) == 3000

