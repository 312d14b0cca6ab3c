"""Candidate quote pairs: each unit's nearest units in each language, not every pair within a radius.

A range search returns every pair above the radius: for a quote that c outlets carried with small
edits (near copies, which ``candidates.wire_copies`` does not collapse) that is c² pairs, and verifying them
made the stage grow with the square of the corpus (bench corpora at 37k passages: 268k verifications
for 13k quotes). The nearest ``NEIGHBOURS_PER_LANGUAGE`` units of each language still connect such a
group (every copy reaches its closest copies) and still find a translation (searched among the other
language's units apart, so one language's near copies never crowd out the other's), while the pairs
grow linearly with the units.

Exact search still costs units² dot products; from ``IVF_MIN_UNITS`` units of one language the units
are searched in a faiss IVF index instead (``duplicates.neighbours.ivf_index``, with the passage
search's cell size and ``nprobe``), so the search too grows linearly with the corpus.
"""

from __future__ import annotations

import os

import faiss
import numpy as np

from cluster.config import NeighbourSearchConfig
from cluster.duplicates.neighbours import knn_index, nearest_in_blocks

NEIGHBOURS_PER_LANGUAGE = 32
"""Nearest units kept per unit and language (a quote's own sentences and its article's other quotes
take some of them)."""
IVF_MIN_UNITS = 16384
"""Units of one language from which that language is searched in an IVF index; below it, exact search (one
matrix product) is the cheaper of the two and finds the true nearest units. Measured on passage vectors (2
cores, k 33, CPU s, IVF / exact; share of exact pairs the IVF finds): 8k units 1.48 / 0.80 (0.998), 16k 3.10 /
2.92 (0.993), 32k 7.24 / 10.87 (0.984), 64k 15.4 / 48.2 (0.975). It was 4,096, where an index of ~40 cells
searched 16 of them a query (a third of the units, with no matrix product)."""


def nearest_pairs(vectors: np.ndarray, langs: np.ndarray, radius: float, search: NeighbourSearchConfig,
                  per_language: int = NEIGHBOURS_PER_LANGUAGE, ivf_from: int | None = None,
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, cols, cosines) of each unit's nearest units of every language at cosine ``radius`` or more;
    a pair can come twice (found from both sides) and a unit meets itself (callers drop both)."""
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    rows, cols, sims = [np.empty(0, np.int64)], [np.empty(0, np.int64)], [np.empty(0, np.float32)]
    for lang in np.unique(langs):
        ids = np.flatnonzero(langs == lang)
        index = knn_index(vectors[ids], search, IVF_MIN_UNITS if ivf_from is None else ivf_from)
        k = min(per_language + 1, len(ids))
        lang_rows, lang_cols, lang_sims = [], [], []
        for block, found, where in nearest_in_blocks(index, vectors, k):
            keep = (found >= radius) & (where >= 0)
            lang_rows.append(block[np.nonzero(keep)[0]])
            lang_cols.append(ids[where[keep]])
            lang_sims.append(found[keep])
        back = np.argsort(np.concatenate(lang_rows), kind="stable")  # the pairs in query order, as before
        rows.append(np.concatenate(lang_rows)[back])
        cols.append(np.concatenate(lang_cols)[back])
        sims.append(np.concatenate(lang_sims)[back])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)
