"""Rendering without the cyclic garbage collector.

A report builds hundreds of thousands of small objects (contract models, diff runs, lines) while the run's
Result, millions of objects more, is alive. Each allocation burst starts a collection that walks every tracked
object, the Result included, so rendering time grew with the corpus squared (half of it on the 30k-paragraph
bench corpus). Rendering makes no reference cycles worth collecting early: reference counting frees its
garbage, and the collector runs again, as before, once the report is built.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def without_gc(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` with the cyclic collector paused, restoring its previous state (calls may nest)."""

    @wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused
