"""A standardised logistic regression shipped as JSON: the story scorer and the speaker check are each one.

Why one module: both are a handful of inspectable weights fitted by scikit-learn at development time and
evaluated in numpy at run time (no pickle, no scikit-learn import on the hot path); what differs is only
the decision each model carries (a linkage cut, a veto threshold), kept by the models themselves.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, ClassVar

import numpy as np


@dataclass(frozen=True)
class LogisticModel:
    """Standardise each feature, then p = sigmoid(z . coefficients + intercept) per row."""

    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    coefficients: tuple[float, ...]
    intercept: float

    def probability(self, rows: np.ndarray) -> np.ndarray:
        if not len(rows):
            return np.zeros(0)
        z = (np.asarray(rows, float) - np.array(self.means)) / np.array(self.scales)
        logit = z @ np.array(self.coefficients) + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(logit, -40, 40)))

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, ensure_ascii=False)

    shipped: ClassVar[Path]
    """Where the model ships, beside the code that reads it (each kind of model names its own file)."""

    def write(self, path: Path | None = None) -> None:
        """Save as JSON, by default over the shipped file (what the refit commands do)."""
        (path or self.shipped).write_text(self.to_json() + "\n", encoding="utf-8")


def checked_weights(data: dict[str, Any], features: tuple[str, ...], what: str) -> dict[str, Any]:
    """The weights of a saved model as ``LogisticModel`` fields, after checking they fit this code's
    features (a model fitted on other features would silently score the wrong columns)."""
    names = tuple(data["features"])
    if names != features:
        raise ValueError(f"{what} features {names} do not match this code's {features}: refit it")
    if {len(data[k]) for k in ("means", "scales", "coefficients")} != {len(names)}:
        raise ValueError(f"{what}: one mean, scale and coefficient per feature")
    return {"features": names, "means": tuple(data["means"]),
            "scales": tuple(max(float(s), 1e-12) for s in data["scales"]),
            "coefficients": tuple(data["coefficients"]), "intercept": float(data["intercept"])}  # fmt: skip
