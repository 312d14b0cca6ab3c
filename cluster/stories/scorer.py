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
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from cluster.stories.features import FEATURES

SHIPPED = Path(__file__).with_name("story_scorer.json")


@dataclass(frozen=True)
class StoryScorer:
    """Standardise, then a logistic regression: p(same story) for each row of features."""

    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    coefficients: tuple[float, ...]
    intercept: float
    cut: float
    """Average-linkage cut on 1 - p chosen out of fold (the story stage's default)."""
    strays: float = 1.0
    """Mean p at which a cluster of one or two joins its nearest story of three or more (1.0: never);
    chosen out of fold with the cut (``clustering.attach_strays``)."""
    meta: dict = field(default_factory=dict)
    """How it was fitted and validated (pairs, C, out-of-fold F1): read by people, not by code."""

    def probability(self, rows: np.ndarray) -> np.ndarray:
        if not len(rows):
            return np.zeros(0)
        z = (np.asarray(rows, float) - np.array(self.means)) / np.array(self.scales)
        logit = z @ np.array(self.coefficients) + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(logit, -40, 40)))

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, ensure_ascii=False)

    def write(self, path: Path = SHIPPED) -> None:
        path.write_text(self.to_json() + "\n", encoding="utf-8")

    @classmethod
    def from_dict(cls, data: dict) -> StoryScorer:
        names = tuple(data["features"])
        if names != FEATURES:
            raise ValueError(f"story scorer features {names} do not match this code's {FEATURES}: refit it")
        sizes = {len(data[k]) for k in ("means", "scales", "coefficients")}
        if sizes != {len(names)}:
            raise ValueError("story scorer: means, scales and coefficients must have one value per feature")
        return cls(
            names, tuple(data["means"]), tuple(max(float(s), 1e-12) for s in data["scales"]),
            tuple(data["coefficients"]), float(data["intercept"]), float(data["cut"]), float(data.get("strays", 1.0)),
            dict(data.get("meta", {})),
        )


@lru_cache(maxsize=4)
def load_scorer(path: str | None = None) -> StoryScorer:
    """The scorer at ``path`` (default: the one shipped in the package), read once per process."""
    source = Path(path) if path else SHIPPED
    return StoryScorer.from_dict(json.loads(source.read_text(encoding="utf-8")))
