"""Candidate quote pairs: each unit's nearest units in each language, not every pair within a radius.

A range search returns every pair above the radius: for a quote that c outlets carried with small
edits (near copies, which ``matching._copies`` does not collapse) that is c² pairs, and verifying them
made the stage grow with the square of the corpus (bench corpora at 37k passages: 268k verifications
for 13k quotes). The nearest ``NEIGHBOURS_PER_LANGUAGE`` units of each language still connect such a
group (every copy reaches its closest copies) and still find a translation (searched among the other
language's units apart, so one language's near copies never crowd out the other's), while the pairs
grow linearly with the units.
"""

from __future__ import annotations

import os

import faiss
import numpy as np

NEIGHBOURS_PER_LANGUAGE = 32
"""Nearest units kept per unit and language (a quote's own sentences and its article's other quotes
take some of them)."""
QUERY_BLOCK = 4096
"""Queries per search call: bounds the memory of one call's results."""


def nearest_pairs(vectors: np.ndarray, langs: np.ndarray, radius: float,
                  per_language: int = NEIGHBOURS_PER_LANGUAGE) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, cols, cosines) of each unit's nearest units of every language at cosine ``radius`` or more;
    a pair can come twice (found from both sides) and a unit meets itself (callers drop both)."""
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    rows, cols, sims = [np.empty(0, np.int64)], [np.empty(0, np.int64)], [np.empty(0, np.float32)]
    for lang in np.unique(langs):
        ids = np.flatnonzero(langs == lang)
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(vectors[ids])
        k = min(per_language + 1, len(ids))
        for lo in range(0, len(vectors), QUERY_BLOCK):
            found, where = index.search(vectors[lo: lo + QUERY_BLOCK], k)
            keep = (found >= radius) & (where >= 0)
            rows.append(np.nonzero(keep)[0].astype(np.int64) + lo)
            cols.append(ids[where[keep]])
            sims.append(found[keep])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)
