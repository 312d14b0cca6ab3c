"""A small deterministic encoder for the fast test tier: no model, no torch, same vectors on every machine.

It stands behind ``cluster.embed.Encoder`` like a real model, but its "meaning" is only surface form:
word unigrams and character trigrams of ``textnorm.normalize``'d text, hashed into a fixed number of
dimensions. Identical and near-identical texts (a copy, an edited copy, a spelling variant) come out
close; texts that share few words come out far apart; a translation does NOT come out close. So tests
that check mechanics (ingest, segmentation, reports, store, caching, offsets) can run with it, while a
test that needs real semantics (cross-language matching, story quality) keeps the real model and the
``slow`` marker.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

import numpy as np

from cluster.textnorm import normalize, words

DIMENSIONS = 384
WORD_WEIGHT = 1.0
TRIGRAM_WEIGHT = 0.5
"""Words carry most of the signal; trigrams make a word with one changed letter still count a little."""


def _bucket(feature: str) -> tuple[int, float]:
    """A dimension and a sign per feature: the sign keeps unrelated features from adding up on average."""
    digest = zlib.crc32(feature.encode("utf-8"))
    return digest % DIMENSIONS, 1.0 if (digest >> 16) & 1 else -1.0


def _features(text: str) -> Iterable[tuple[str, float]]:
    tokens = words(text)
    for token in tokens:
        yield "w:" + token, WORD_WEIGHT
    joined = " " + normalize(text).lower() + " "
    for i in range(len(joined) - 2):
        yield "c:" + joined[i : i + 3], TRIGRAM_WEIGHT


def fake_vector(text: str) -> np.ndarray:
    """One unit-length float32 vector; an empty text gets a fixed unit vector of its own."""
    vector = np.zeros(DIMENSIONS, dtype=np.float64)
    for feature, weight in _features(text):
        index, sign = _bucket(feature)
        vector[index] += sign * weight
    norm = float(np.linalg.norm(vector))
    if norm == 0.0:
        vector[0] = 1.0
        norm = 1.0
    return (vector / norm).astype(np.float32)


class FakeEncoder:
    """Hashed bag of words and trigrams, L2-normalised: what ``embed_texts`` expects of any encoder."""

    def __init__(self) -> None:
        self.calls: list[int] = []
        """Texts per ``encode`` call, so a test can tell whether (and how much) it was asked to embed."""

    def encode(self, sentences: list[str] | str, **kwargs: object) -> np.ndarray:
        if isinstance(sentences, str):  # sentence-transformers returns one row for one string
            return fake_vector(sentences)
        self.calls.append(len(sentences))
        if not sentences:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.vstack([fake_vector(s) for s in sentences])

    def get_embedding_dimension(self) -> int:
        return DIMENSIONS
