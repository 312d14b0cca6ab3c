"""Where the labelled development sets live: ``$NEWS_CLUSTER_EVAL``, else ``../shared/eval`` beside the
repository. Never a path of one machine: the repo is cloned anywhere, and CI lays ``shared/`` beside it.
"""

from __future__ import annotations

import os
from pathlib import Path

EVAL_ENV = "NEWS_CLUSTER_EVAL"
REPO_ROOT = Path(__file__).resolve().parents[2]


def eval_dir() -> Path:
    """The folder holding the dev sets (it may not exist on a machine without ``shared/``)."""
    configured = os.environ.get(EVAL_ENV)
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "eval"


def eval_set(name: str) -> Path | None:
    """One dev set's folder (``docs.jsonl`` + ``gold.json``), or None where it is absent."""
    folder = eval_dir() / name
    return folder if (folder / "docs.jsonl").is_file() else None


def missing_reason(name: str) -> str:
    """Why a check that needs ``name`` cannot run here (for ``pytest.skip``)."""
    return f"dev set {name!r} not found under {eval_dir()} (set {EVAL_ENV} to the folder holding it)"
