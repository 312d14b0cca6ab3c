"""The learned same-story decision: a logistic regression over ``features.FEATURES``, shipped as JSON.

Why learned: a fixed mix of signals, hand-weighted on the dev sets, fitted them and lost points on
unseen news of the same kinds (Miranda et al. 2018 make the same point for multilingual news
clustering: a learned merge decision beats a fixed threshold). Why logistic regression: a few
inspectable weights (docs/stories.md lists them), fitted in a second, no pickle: the package ships
``story_scorer.json`` (feature names, scaler means and scales, coefficients, intercept, the chosen
cut and how it was validated), written by ``python -m cluster.evaluation.story_cv --write``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from cluster.logistic import LogisticModel, checked_weights
from cluster.stories.features import FEATURES

SHIPPED = Path(__file__).with_name("story_scorer.json")


@dataclass(frozen=True)
class StoryScorer(LogisticModel):
    """p(same story) for each row of features."""

    cut: float
    """Average-linkage cut on 1 - p chosen out of fold (the story stage's default)."""
    strays: float = 1.0
    """Mean p at which a cluster of one or two joins its nearest story of three or more (1.0: never);
    chosen out of fold with the cut (``clustering.attach_strays``)."""
    meta: dict = field(default_factory=dict)
    """How it was fitted and validated (pairs, C, out-of-fold F1): read by people, not by code."""

    shipped: ClassVar[Path] = SHIPPED

    @classmethod
    def from_dict(cls, data: dict) -> StoryScorer:
        return cls(**checked_weights(data, FEATURES, "story scorer"), cut=float(data["cut"]),
                   strays=float(data.get("strays", 1.0)), meta=dict(data.get("meta", {})))


@lru_cache(maxsize=4)
def load_scorer(path: str | None = None) -> StoryScorer:
    """The scorer at ``path`` (default: the one shipped in the package), read once per process."""
    source = Path(path) if path else SHIPPED
    return StoryScorer.from_dict(json.loads(source.read_text(encoding="utf-8")))
