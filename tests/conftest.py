"""Shared fixtures: one real USE-m3 encoder per session and pipeline runs on the bundled corpora."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
QUOTES = Path(__file__).resolve().parent / "data" / "quotes"


@pytest.fixture(scope="session")
def use_encoder():
    import models

    return models.load_encoder("use-m3")


@pytest.fixture(scope="session")
def embedding_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("embeddings")


@pytest.fixture(scope="session")
def run_corpus(use_encoder, embedding_cache) -> Callable:
    """Run the real pipeline (USE-m3, a per-session embedding cache) with optional config overrides."""
    from cluster.config import Config
    from cluster.pipeline import run_pipeline

    def run(corpus, encoder=None, **overrides):
        config = Config(cache_dir=embedding_cache).with_overrides(**overrides)
        return run_pipeline(corpus, config, encoder=encoder or use_encoder)

    return run


@pytest.fixture(scope="session")
def seeds_result(run_corpus):
    return run_corpus(SEEDS)


@pytest.fixture(scope="session")
def quotes_result(run_corpus):
    return run_corpus(QUOTES)


EDITED = Path(__file__).resolve().parent / "data" / "edited"


@pytest.fixture(scope="session")
def edited_result(run_corpus, tmp_path_factory):
    """The five seeds plus three unrelated articles that each reuse a seed passage with edits."""
    import shutil

    corpus = tmp_path_factory.mktemp("edited_corpus")
    for source in list(SEEDS.glob("*.txt")) + list(EDITED.glob("*.txt")):
        shutil.copy(source, corpus / source.name)
    return run_corpus(corpus)
