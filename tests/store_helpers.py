"""Steps the store tests share."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest
from scipy import sparse as sp

import cluster.store.ingestor as writer
from cluster.documents import Article
from cluster.store.ingestor import Ingestor


def add_failing(ingestor: Ingestor, articles: Sequence[Article], monkeypatch: pytest.MonkeyPatch) -> None:
    """Add ``articles`` with the batch's last write step failing ("disk full"): the add raises and its
    transaction rolls back, which is what every structure the writer keeps in memory must survive."""

    def failing(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(writer, "after_batch", failing)
        with pytest.raises(RuntimeError, match="disk full"):
            ingestor.add(list(articles))


def only_pairs_read(sim: sp.csr_matrix, read: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> sp.csr_matrix:
    """A neighbourhood's similarity with the pairs ``read`` leaves out unscored (absent), as placement sees it when
    the scorer is asked only for the pairs it reads (``placement.pairs_read``)."""
    coo = sp.triu(sim, 1).tocoo()
    keep = read(coo.row, coo.col)
    upper = sp.coo_matrix((coo.data[keep], (coo.row[keep], coo.col[keep])), shape=sim.shape).tocsr()
    return (upper + upper.T).tocsr()
