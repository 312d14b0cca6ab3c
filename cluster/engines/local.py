"""The local engine: today's pipeline in this process, with the run cache (cluster/pipeline.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.console import Console

from cluster.config import Config
from cluster.pipeline import RunOutputs, run_views


def run(corpus: Path, config: Config, views: Iterable[str], *, console: Console | None = None) -> RunOutputs:
    return run_views(corpus, config, views, progress_console=console)
