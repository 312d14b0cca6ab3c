"""Where a run executes: ``local`` (this process, cluster/pipeline.py) or ``ray`` (a Ray cluster)."""

from __future__ import annotations

ENGINES = ("local", "ray")
RAY_INSTALL_HINT = "the ray engine needs Ray: pip install '.[ray]'"


class EngineUnavailable(RuntimeError):
    """The engine asked for cannot run here (its optional dependency is missing)."""
