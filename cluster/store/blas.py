"""The writer's add with BLAS on one thread.

An add of 10 into the 20,000-article store runs many small matrix products (the passage search's prefilter, the
neighbourhood's bodies, the pair features' sparse-by-dense products, the logistic scorer's rows). With BLAS's default
of a thread per core they ran ~300 ms of process CPU above the writer thread's own on two cores, and the add was
no faster for them: the products are too small to share out, and the other thread spun or took the core the
service's reads and the rest of the add wanted. With one BLAS thread during the add, a service-like start's adds
of the load test's batches took 16-17 % less wall and 25 % less process CPU in two alternated pairs
(docs/scale-log.md, session 19). The previous thread counts come back after the add (a re-clustering or a
pipeline run in the same process keeps its threads).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, wraps
from typing import ParamSpec, TypeVar

from threadpoolctl import ThreadpoolController

P = ParamSpec("P")
R = TypeVar("R")


@cache
def _controller() -> ThreadpoolController:
    """The BLAS libraries loaded (numpy's, scipy's and faiss's), found once: a look-up scans the process's
    libraries (~5-20 ms). Those loaded later run at their own count until ``find_libraries``."""
    return ThreadpoolController()


def find_libraries() -> None:
    """Look the BLAS libraries up again, now (the writer's warm-up, once its libraries are imported)."""
    _controller.cache_clear()
    _controller()


def one_blas_thread(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` with every loaded BLAS library on one thread, their counts restored after."""

    @wraps(function)
    def limited(*args: P.args, **kwargs: P.kwargs) -> R:
        with _controller().limit(limits=1, user_api="blas"):
            return function(*args, **kwargs)

    return limited
