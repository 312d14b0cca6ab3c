"""Stages and reports without the cyclic garbage collector.

A large run holds millions of small objects (passages, matches, quotes; then contract models, diff runs,
lines while the report is built). Each allocation burst starts a collection that walks every tracked object
alive, so the time spent collecting grew with the corpus squared: half of the report's rendering on the
30k-paragraph bench corpus, 14% of the duplicate stage and 13% of the quote stage at 30k-100k. None of this
work makes reference cycles worth collecting early: reference counting frees its garbage, and the
collector runs again, as before, once the block is done.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def paused_gc() -> Iterator[None]:
    """The block runs with the cyclic collector paused; its previous state comes back after (blocks may nest)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def without_gc(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` with the cyclic collector paused (``paused_gc``)."""

    @wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused_gc():
            return function(*args, **kwargs)

    return paused
