"""What the story stage needs of each article: its own body text and vectors, without furniture or
"read also" blocks."""

from __future__ import annotations

import numpy as np

from cluster.documents import Article, Passage, Segment, SegmentKind


def article_bodies(
    articles: list[Article],
    segments: dict[str, list[Segment]],
    units: list[Passage],
    vectors: np.ndarray,
) -> tuple[list[str], np.ndarray, np.ndarray, list[int]]:
    """Each article's own body: its text, mean paragraph embedding, lead embedding, paragraph count.

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
    texts, counts = [], []
    for k, article in enumerate(articles):
        body = [s for s in segments[article.id] if s.kind is SegmentKind.BODY]
        texts.append("\n\n".join(s.text for s in body) or article.title)
        counts.append(len(body))
        chosen = rows[article.id] or fallback[article.id]
        if chosen:
            mean = vectors[chosen].mean(axis=0)
            means[k] = mean / max(float(np.linalg.norm(mean)), 1e-12)
            leads[k] = vectors[chosen[0]]
    return texts, means, leads, counts
