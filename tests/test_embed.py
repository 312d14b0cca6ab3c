"""The embedding cache: a re-run gets the very vectors of the first run, row for row, and encodes nothing."""

from __future__ import annotations

import numpy as np

from cluster.embed import CACHE_CHUNK, EmbeddingCache, embed_texts
from tests.fake_encoder import FakeEncoder


class _Counting(FakeEncoder):
    def __init__(self) -> None:
        super().__init__()
        self.encoded = 0

    def encode(self, sentences, **kwargs):  # type: ignore[no-untyped-def]
        self.encoded += len(sentences)
        return super().encode(sentences, **kwargs)


def test_second_run_is_served_by_the_cache_row_for_row(tmp_path):
    paragraphs = [f"Paragraph {k} of the wire story about the harbour strike, day {k % 7}." for k in range(CACHE_CHUNK + 50)]
    texts = paragraphs + paragraphs[:10]  # a paragraph carried twice is embedded once
    first_encoder, again_encoder = _Counting(), _Counting()
    cache = EmbeddingCache(tmp_path, "fake")
    first = embed_texts(first_encoder, texts, cache=cache)
    again = embed_texts(again_encoder, texts, cache=cache)
    cache.close()
    assert first_encoder.encoded == len(paragraphs) and again_encoder.encoded == 0
    assert first.shape == (len(texts), first.shape[1]) and first.dtype == np.float32
    np.testing.assert_array_equal(first, again)
    np.testing.assert_array_equal(first[-10:], first[:10])
