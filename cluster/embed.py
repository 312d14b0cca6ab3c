"""Embedding with any encoder, through a disk cache keyed by model id and text hash.

A second run over the same corpus (or an edited corpus that shares most paragraphs) embeds only what
it has not seen: news monitoring re-reads the same articles all the time, and embedding is by far
the slowest stage on a CPU.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from cluster.config import Config


@runtime_checkable
class Encoder(Protocol):
    """Anything with a sentence-transformers style ``encode``: a SentenceTransformer fits as is."""

    def encode(self, sentences: list[str], **kwargs: object) -> np.ndarray: ...


ProgressFn = Callable[[int], None]
"""Called with the number of texts just embedded (drives a progress bar)."""


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class EmbeddingCache:
    """float32 vectors in one SQLite file per model id (WAL, so a killed run leaves it readable)."""

    def __init__(self, directory: Path, model_id: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        safe = hashlib.sha1(model_id.encode("utf-8")).hexdigest()[:16]
        self.path = directory / f"embeddings-{safe}.sqlite"
        self._db = sqlite3.connect(self.path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS vec (key BLOB PRIMARY KEY, v BLOB NOT NULL)")
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT)")
        self._db.execute("INSERT OR IGNORE INTO meta VALUES ('model_id', ?)", (model_id,))
        self._db.commit()

    def get_many(self, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            chunk = list(keys[i : i + 500])
            marks = ",".join("?" * len(chunk))
            for key, blob in self._db.execute(f"SELECT key, v FROM vec WHERE key IN ({marks})", chunk):
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def stored(self, texts: Sequence[str]) -> np.ndarray:
        """The vectors stored for ``texts``, one row each, as a run embedded them (KeyError: one never was)."""
        keys = [text_key(encoder_text(t)) for t in texts]
        found = self.get_many(keys)
        return np.stack([found[key] for key in keys])

    def put_many(self, items: Sequence[tuple[bytes, np.ndarray]]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO vec VALUES (?, ?)",
            [(k, np.ascontiguousarray(v, dtype=np.float32).tobytes()) for k, v in items],
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()


CHUNK_BATCHES = 16
"""Batches handed to ``encode`` per call: each call has a fixed cost (sentence-transformers sorts,
allocates and sets up per call), so one batch per call made the stage ~10% slower than a single
bare call on 10,000 passages; 16 batches still update the cache and progress bar every second or so."""


MAX_TEXT_CHARS = 2_000
"""Characters of one text handed to the encoder. USE-m3 reads texts of any length and its memory grows
with the tokens of a batch (~25 KB a token: one 8,000-word paragraph took 200 MB more, 900,000 words
over 15 GB), so a wall of text must be cut before it reaches the model. 2,000 characters is 2.6 times
the longest paragraph of the dev sets; the sentence windows of a longer paragraph still cover all of it."""


def encoder_text(text: str) -> str:
    """The part of ``text`` the encoder sees: all of it, or its first ``MAX_TEXT_CHARS`` characters."""
    return text if len(text) <= MAX_TEXT_CHARS else text[:MAX_TEXT_CHARS]


def normalize_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def embed_texts(
    encoder: Encoder,
    texts: Sequence[str],
    *,
    batch_size: int = 64,
    cache: EmbeddingCache | None = None,
    progress: ProgressFn | None = None,
) -> np.ndarray:
    """Unit-length float32 vectors, one row per text; identical texts are embedded once, and a text
    longer than ``MAX_TEXT_CHARS`` by its first part (``encoder_text``).

    Vectors go straight into one table, a cache chunk or an encode call at a time: holding every
    cached vector as its own array and stacking them at the end took twice the table's memory
    (300k passages: 1.2 GB more at the peak)."""
    texts = [encoder_text(t) for t in texts]
    unique = list(dict.fromkeys(texts))
    if not unique:
        return np.zeros((0, 0), dtype=np.float32)
    keys = [text_key(t) for t in unique]
    table = _Table(len(unique))
    if cache is not None:
        position = {k: n for n, k in enumerate(keys)}
        for lo in range(0, len(keys), CACHE_CHUNK):
            found = cache.get_many(keys[lo : lo + CACHE_CHUNK])
            if found:
                table.put([position[key] for key in found], np.stack(list(found.values())))
    todo = [i for i in range(len(unique)) if not table.filled[i]]
    if progress is not None and len(unique) - len(todo):
        progress(len(unique) - len(todo))
    # Sorting by length keeps padding low for transformer encoders; results go back by index.
    todo.sort(key=lambda i: len(unique[i]))
    chunk = batch_size * CHUNK_BATCHES
    for lo in range(0, len(todo), chunk):
        idx = todo[lo : lo + chunk]
        vectors = encoder.encode(
            [unique[i] for i in idx],
            batch_size=batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        vectors = normalize_rows(vectors)
        table.put(idx, vectors)
        if cache is not None:
            cache.put_many([(keys[i], vectors[j]) for j, i in enumerate(idx)])
        if progress is not None:
            progress(len(idx))
    if len(texts) == len(unique):
        return table.rows
    row_of = {t: n for n, t in enumerate(unique)}
    return table.rows[[row_of[t] for t in texts]]


CACHE_CHUNK = 4096
"""Keys looked up in the embedding cache at a time (their vectors are copied into the table at once)."""


class _Table:
    """The float32 rows of the distinct texts, allocated when the first vector gives the dimension."""

    def __init__(self, n: int) -> None:
        self.n, self.filled, self._rows = n, np.zeros(n, dtype=bool), None

    def put(self, rows: Sequence[int], vectors: np.ndarray) -> None:
        if self._rows is None:
            self._rows = np.empty((self.n, vectors.shape[1]), dtype=np.float32)
        self._rows[rows] = vectors
        self.filled[rows] = True

    @property
    def rows(self) -> np.ndarray:
        assert self._rows is not None and self.filled.all()
        return self._rows


def open_embedding_cache(config: Config) -> EmbeddingCache | None:
    """The run's on-disk embedding cache (None with caching off); one per model id, shared by every stage
    and by the store, so no text is embedded twice."""
    import models

    if not config.cache_embeddings:
        return None
    directory = config.cache_dir or models.cache_dir() / "embeddings"
    return EmbeddingCache(directory, models.model_id(config.model))


def embed_with_config(
    encoder: Encoder, texts: Sequence[str], config: Config, progress: ProgressFn | None = None
) -> np.ndarray:
    """``embed_texts`` through the run's cache (opened and closed here): what the pipeline, the store and the
    engines all do, so that no caller forgets to close the SQLite file."""
    cache = open_embedding_cache(config)
    try:
        return embed_texts(encoder, list(texts), batch_size=config.batch_size, cache=cache, progress=progress)
    finally:
        if cache is not None:
            cache.close()


class LazyEncoder:
    """Loads the model on the first ``encode``: when the cache holds every passage (a re-run on the same
    corpus) the model, and torch's start-up with it, is never paid for."""

    def __init__(self, load: Callable[[], Encoder]) -> None:
        self._load = load
        self._model: Encoder | None = None

    @classmethod
    def for_model(cls, name: str) -> LazyEncoder:
        """A known model name or a model directory, loaded by ``models.load_encoder`` when first used."""
        import models

        return cls(lambda: models.load_encoder(name))

    def encode(self, sentences: list[str], **kwargs: object) -> np.ndarray:
        if self._model is None:
            self._model = self._load()
        return self._model.encode(sentences, **kwargs)
