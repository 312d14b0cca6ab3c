"""Result: what one run of the pipeline found, and everything a report shows."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from cluster.config import Config
from cluster.documents import Article, Passage, Segment, SkippedInput
from cluster.duplicates.matches import DuplicateGroup
from cluster.quotes.matching import QuoteResult
from cluster.stories.describe import StoryResult
from cluster.stories.signals import ArticleSignals


@dataclass
class Result:
    """Everything a report shows; offsets refer to ``Article.text``."""

    articles: list[Article]
    segments: dict[str, list[Segment]]
    groups: list[DuplicateGroup]
    stories: StoryResult
    skipped: list[SkippedInput]
    notices: list[str]
    model: str
    config: Config
    timings: dict[str, float] = field(default_factory=dict)
    passages: int = 0
    signals: ArticleSignals | None = None
    """The pairwise article signals the stories were cut from (kept for calibration)."""
    units: list[Passage] | None = None
    vectors: np.ndarray | None = None
    """The embedded passages and their vectors (kept for calibration and benchmarks)."""
    quotes: QuoteResult | None = None
    """Quotes found in the articles, their speakers, and the groups of the same quote across articles."""

    @property
    def article_index(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}

    @property
    def duplicate_pairs(self) -> int:
        return sum(len(g.pairs) for g in self.groups)
