"""A batch between the writer's stages (``Ingestor._matched``, placement, ``Ingestor._commit``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cluster.documents import Passage, Segment
from cluster.duplicates.matches import ParagraphMatch
from cluster.stories.bodies import ArticleBodies


@dataclass(frozen=True)
class Batch:
    """A batch as ``Ingestor._matched`` leaves it for placement and the write: its segments and units (passages),
    their vectors and which are indexed, the stored passages the matches number after the units
    (``stored_order``), the matches, the aligned regions found in stored articles and their vectors, the bodies."""

    segments: dict[str, list[Segment]]
    units: list[Passage]
    vectors: np.ndarray
    searchable: list[bool]
    stored_order: list[int]
    matches: list[ParagraphMatch]
    found: list[Passage]
    found_vectors: np.ndarray
    bodies: ArticleBodies


def split_by_article(
    units: list[Passage], vectors: np.ndarray, searchable: list[bool]
) -> dict[str, tuple[list[Passage], np.ndarray, list[bool]]]:
    rows: dict[str, list[int]] = {}
    for k, unit in enumerate(units):
        rows.setdefault(unit.article_id, []).append(k)
    return {aid: ([units[k] for k in idx], vectors[idx], [searchable[k] for k in idx]) for aid, idx in rows.items()}
