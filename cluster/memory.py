"""Handing freed heap memory back to the system between pipeline stages.

Each stage frees most of what it built (token lists, candidate arrays, pair tables) before the next one
starts, but glibc's allocator keeps freed heap pages for reuse: the process's resident memory stays at its
high-water mark, and the next stage's own objects land beside those pages instead of in them whenever the
free chunks are the wrong sizes. Peak memory at 300k passages then varied by a few hundred MB from run to
run, with the same stage times (docs/scale-log.md). ``malloc_trim`` returns the free pages (also those inside
the heap, not only at its top) so the next stage starts from what is really held.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache


@lru_cache(maxsize=1)
def _trim():
    """glibc's ``malloc_trim``, or None where the C library has none (musl, macOS, Windows)."""
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        return ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None


def release_free_heap() -> None:
    """Give freed heap pages back to the system (a no-op where the C library cannot)."""
    trim = _trim()
    if trim is not None:
        trim(0)
