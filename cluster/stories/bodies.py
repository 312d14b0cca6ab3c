"""What the story stage needs of each article: its own body text and vectors, without furniture or
"read also" blocks. One ``ArticleBodies`` serves the one-shot run (built from the passages just
embedded) and the store (built from the rows it saved), so both feed the signals the same thing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cluster.documents import Article, Passage, Segment, SegmentKind


@dataclass(frozen=True)
class ArticleBodies:
    """Each article's own body, in one order: text, mean paragraph embedding, lead embedding, paragraph count."""

    articles: list[Article]
    texts: list[str]
    """Body paragraphs joined (the title when there is none): what wording, names and keywords read."""
    vectors: np.ndarray
    """Unit-length mean embedding of the body paragraphs, one row per article."""
    leads: np.ndarray
    """Embedding of the first body paragraph (headline or lead), one row per article."""
    counts: list[int]
    """Body paragraphs per article (the shared-passage signal divides by it)."""
    paragraphs: list[dict[int, str]] | None = None
    """Body paragraphs by segment index, where known (the one-shot run): what two articles say beyond a
    passage they share (``stories.reuse``)."""

    @classmethod
    def empty(cls, dim: int) -> ArticleBodies:
        return cls([], [], np.zeros((0, dim), np.float32), np.zeros((0, dim), np.float32), [])

    def __add__(self, other: ArticleBodies) -> ArticleBodies:
        return ArticleBodies(
            self.articles + other.articles,
            self.texts + other.texts,
            _stack(self.vectors, other.vectors),
            _stack(self.leads, other.leads),
            self.counts + other.counts,
            self.paragraphs + other.paragraphs if self.paragraphs is not None and other.paragraphs is not None else None,
        )


def body_text(article: Article, segments: Sequence[Segment]) -> str:
    """The article's own body: its body paragraphs, else its title."""
    return "\n\n".join(s.text for s in segments if s.kind is SegmentKind.BODY) or article.title


def body_count(segments: Sequence[Segment]) -> int:
    return sum(1 for s in segments if s.kind is SegmentKind.BODY)


def article_bodies(
    articles: list[Article],
    segments: dict[str, list[Segment]],
    units: list[Passage],
    vectors: np.ndarray,
) -> ArticleBodies:
    """Each article's own body, from its segments and the embeddings of its passages.

    Related stories and boilerplate are left out so that a "read also" block does not pull its host
    into another story. An article with no body paragraph falls back to all it has.
    """
    rows: dict[str, list[int]] = {a.id: [] for a in articles}
    fallback: dict[str, list[int]] = {a.id: [] for a in articles}
    for i, unit in enumerate(units):
        if unit.whole_paragraph:
            fallback[unit.article_id].append(i)
            if unit.kind is SegmentKind.BODY:
                rows[unit.article_id].append(i)
    dim = vectors.shape[1] if vectors.size else 1
    means = np.zeros((len(articles), dim), dtype=np.float32)
    leads = np.zeros((len(articles), dim), dtype=np.float32)
    for k, article in enumerate(articles):
        chosen = rows[article.id] or fallback[article.id]
        if chosen:
            mean = vectors[chosen].mean(axis=0)
            means[k] = mean / max(float(np.linalg.norm(mean)), 1e-12)
            leads[k] = vectors[chosen[0]]
    texts = [body_text(a, segments[a.id]) for a in articles]
    counts = [body_count(segments[a.id]) for a in articles]
    paragraphs = [{s.index: s.text for s in segments[a.id] if s.kind is SegmentKind.BODY} for a in articles]
    return ArticleBodies(list(articles), texts, means, leads, counts, paragraphs)


def _stack(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Rows of both (an empty side adds nothing, whatever width it was made with)."""
    if not len(a):
        return b
    if not len(b):
        return a
    return np.vstack([a, b])
