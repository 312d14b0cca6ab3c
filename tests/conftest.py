"""Shared fixtures: one real USE-m3 encoder per session, pipeline runs on the bundled corpora, and the same
runs with a deterministic fake encoder for the fast tier.

Two tiers: ``pytest -m "not slow"`` never loads a real model (mechanics: ingest, segmentation, quote
extraction, reports, caching, the CLI's plumbing); the full suite adds the tests whose assertions need
real semantics (translations matched, stories across languages). A test is slow when it uses, directly
or through another fixture, one of ``REAL_MODEL_FIXTURES``: the marker is added here, at collection, so
no test has to remember it. A test that loads a model by itself carries ``@pytest.mark.slow``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
QUOTES = Path(__file__).resolve().parent / "data" / "quotes"
EDITED = Path(__file__).resolve().parent / "data" / "edited"

REAL_MODEL_FIXTURES = frozenset({"use_encoder", "use_model", "e5_cache", "e5_model"})
"""Fixtures that load a real embedding model; any test depending on one of them is ``slow``."""


def _fixture_closure(item: pytest.Item, names: Iterable[str]) -> set[str]:
    """``names`` and every fixture they depend on, as pytest would resolve them for ``item``.

    ``item.fixturenames`` already holds the closure of the test's arguments; this also follows fixtures
    a test asks for by name at run time (``request.getfixturevalue`` with a parametrized name).
    """
    manager = item.session._fixturemanager
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for definition in manager.getfixturedefs(name, item) or ():
            todo.extend(definition.argnames)
    return seen


def _needs_real_model(item: pytest.Item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    callspec = getattr(item, "callspec", None)
    if callspec is not None:
        names |= {value for value in callspec.params.values() if isinstance(value, str)}
    return bool(_fixture_closure(item, names) & REAL_MODEL_FIXTURES)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _needs_real_model(item):
            item.add_marker(pytest.mark.slow)


def _fast_tier(config: pytest.Config) -> bool:
    return "not slow" in (config.getoption("markexpr", "") or "")


@pytest.fixture(autouse=True)
def no_real_model_in_the_fast_tier(request, monkeypatch):
    """In the fast tier a test that loads a known model by name fails, naming the fix, instead of
    quietly making the tier slow (a CLI run without ``fake_model`` does that). Unknown names and
    directories still reach the real loader, so its error messages stay testable."""
    if not _fast_tier(request.config) or request.node.get_closest_marker("slow"):
        return
    import models

    real = models.load_encoder

    def guarded(name_or_path):
        if os.fspath(name_or_path) in models.KNOWN_MODELS:
            raise AssertionError(f"{request.node.nodeid} loads {name_or_path!r} in the fast tier: "
                                 "mark it @pytest.mark.slow or give it the fake_model fixture")
        return real(name_or_path)

    monkeypatch.setattr(models, "load_encoder", guarded)


# --- The real model ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def use_encoder():
    import models

    return models.load_encoder("use-m3")


@pytest.fixture(scope="session")
def embedding_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("embeddings")


def _runner(default, cache_dir: Path) -> Callable:
    from cluster.config import Config
    from cluster.pipeline import run_pipeline

    def run(corpus, encoder=None, **overrides):
        config = Config(cache_dir=cache_dir).with_overrides(**overrides)
        return run_pipeline(corpus, config, encoder=encoder or default)

    return run


@pytest.fixture(scope="session")
def run_corpus(use_encoder, embedding_cache) -> Callable:
    """Run the real pipeline (USE-m3, a per-session embedding cache) with optional config overrides."""
    return _runner(use_encoder, embedding_cache)


@pytest.fixture(scope="session")
def seeds_result(run_corpus):
    return run_corpus(SEEDS)


@pytest.fixture(scope="session")
def quotes_result(run_corpus):
    return run_corpus(QUOTES)


@pytest.fixture(scope="session")
def edited_result(run_corpus, tmp_path_factory):
    """The five seeds plus three unrelated articles that each reuse a seed passage with edits."""
    import shutil

    corpus = tmp_path_factory.mktemp("edited_corpus")
    for source in list(SEEDS.glob("*.txt")) + list(EDITED.glob("*.txt")):
        shutil.copy(source, corpus / source.name)
    return run_corpus(corpus)


# --- The fake encoder (fast tier) -------------------------------------------------------------------

@pytest.fixture(scope="session")
def fake_encoder():
    from tests.fake_encoder import FakeEncoder

    return FakeEncoder()


@pytest.fixture(scope="session")
def run_fake(fake_encoder, tmp_path_factory) -> Callable:
    """Run the pipeline with the fake encoder. Its embedding cache is its own: fake vectors are stored
    under the configured model's id, so they must never meet a real run's cache."""
    return _runner(fake_encoder, tmp_path_factory.mktemp("fake-embeddings"))


@pytest.fixture(scope="session")
def seeds_fake(run_fake):
    """The sample through every stage with the fake encoder: segments and quotes are the real ones (no
    embedding decides them); duplicate groups and stories are not meaningful."""
    return run_fake(SEEDS)


@pytest.fixture(scope="session")
def quotes_fake(run_fake):
    return run_fake(QUOTES)


@pytest.fixture()
def fake_model(monkeypatch, tmp_path_factory, fake_encoder):
    """Any model the CLI (or anything else) loads by name is the fake encoder, with a cache of its own."""
    import models

    monkeypatch.setenv("NEWS_CLUSTER_CACHE", str(tmp_path_factory.mktemp("fake-model-cache")))
    monkeypatch.setattr(models, "load_encoder", lambda name: fake_encoder)
    return fake_encoder
