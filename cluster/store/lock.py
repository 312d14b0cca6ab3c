"""The store's writer lock: one process writes a store at a time (``Ingestor``), which keeps the index file true."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

LOCK_NAME = "writer.lock"

__all__ = ["LOCK_NAME", "StoreBusyError", "acquire_lock"]


class StoreBusyError(RuntimeError):
    """Another process is writing to this store (one writer at a time keeps the index file true)."""


def acquire_lock(path: Path) -> int:
    """An exclusive, non-blocking ``flock`` on ``path`` (created if missing); its descriptor, closed to release it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise StoreBusyError(f"{path.parent}: the store is being written by another process") from None
    return fd
