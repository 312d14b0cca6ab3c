"""cluster: duplicate passages and story clusters for multilingual news.

The public API, loaded on first use so that ``import cluster.textnorm`` does not pull in faiss,
scikit-learn and the encoders::

    from cluster import Config, run_pipeline
    result = run_pipeline(Path("seeds"), Config())
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cluster.config import Config  # noqa: F401
    from cluster.pipeline import NoArticlesError, run_pipeline  # noqa: F401
    from cluster.result import Result  # noqa: F401

_EXPORTS = {
    "Config": "cluster.config",
    "Result": "cluster.result",
    "run_pipeline": "cluster.pipeline",
    "NoArticlesError": "cluster.pipeline",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'cluster' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
