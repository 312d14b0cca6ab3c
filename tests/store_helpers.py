"""Steps the store tests share."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse as sp

import cluster.store.ingestor as writer
from cluster.documents import Article
from cluster.store.ingestor import Ingestor
from cluster.stories.bodies import ArticleBodies


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


WIRE_TEXTS = [
    "Turkish intelligence chief Ibrahim Kalin met Hamas leaders in Istanbul on Wednesday.\n\n"
    "They discussed a ceasefire in Gaza and the release of 24 hostages.",
    "Ibrahim Kalin met Hamas leaders in Istanbul on Wednesday, officials said.\n\n"
    "The talks covered a Gaza ceasefire and 24 hostages.",
    "Kalin and Hamas leaders met in Istanbul on Wednesday on a Gaza truce.",
    "A magnitude 6.1 earthquake struck near Malatya on Monday, killing 12 people.\n\n"
    "Rescue teams searched collapsed buildings in Malatya through the night.",
    "The Malatya earthquake on Monday killed 12 and injured 140, officials said.",
    "The Ankara Security Forum opened on Saturday with diplomats from 20 countries.",
    "Hamas leaders met Ibrahim Kalin in Istanbul on Wednesday; 24 hostages were discussed.\n\n"
    "The talks covered a Gaza ceasefire and 24 hostages.",
    "Rescuers in Malatya pulled 3 survivors from the rubble on Tuesday after Monday's earthquake.",
]
"""Eight short wire reports of three events (the Kalin-Hamas talks, the Malatya earthquake, a forum)."""


def wire_bodies() -> ArticleBodies:
    """``WIRE_TEXTS`` as the story stage reads them, with body vectors near their event's (seeded): a neighbourhood
    small enough to score every candidate pair of, for the placement tests."""
    rng = np.random.default_rng(5)
    base = rng.normal(size=(3, 16))
    vectors = np.vstack([base[k] + 0.3 * rng.normal(size=16) for k in (0, 0, 0, 1, 1, 2, 0, 1)]).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    articles = [Article(id=f"a{k}", title="", text=t, lang="en") for k, t in enumerate(WIRE_TEXTS)]
    paragraphs = [dict(enumerate(t.split("\n\n"))) for t in WIRE_TEXTS]
    return ArticleBodies(articles, WIRE_TEXTS, vectors, vectors.copy(), [len(p) for p in paragraphs], paragraphs)


LABELLED = Path(__file__).parent / "data" / "quotes_labelled.jsonl"


def load_articles(folders: Sequence[Path]) -> list[Article]:
    """Every article of the corpus folders, in order, as ``cluster run`` reads them."""
    from cluster.ingest.readers import load_corpus

    return [a for folder in folders for a in load_corpus(folder).articles]


def labelled_news(tmp_path: Path, count: int) -> list[Article]:
    """``count`` news articles (Arabic and English) of the labelled quote set's development rows: real-length
    news to grow a store with, never a test-split article."""
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    rows = [{key: r[key] for key in ("id", "title", "text", "lang")} for r in rows if r["split"] != "test"][:count]
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "news.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return load_articles([folder])
