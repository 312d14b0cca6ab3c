"""The one cut both levels of the story stage use: average-linkage agglomerative clustering of a
similarity matrix (articles into stories, stories into storylines)."""

from __future__ import annotations

import numpy as np


def agglomerate(similarity: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster labels of an average-linkage cut at distance ``threshold`` (distance = 1 - similarity)."""
    if len(similarity) < 2:
        return np.zeros(len(similarity), dtype=int)
    distance = np.clip(1.0 - similarity, 0.0, None)
    distance = (distance + distance.T) / 2
    np.fill_diagonal(distance, 0.0)
    from sklearn.cluster import AgglomerativeClustering  # sklearn's import pulls pandas and scipy.stats

    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
    )
    return model.fit(distance).labels_
