"""Passage neighbours without all-pairs search: exact below a size, a faiss IVF index above it.

Exact inner-product range search costs passages² dot products: fine for tens of thousands of
passages, hopeless for an archive of millions. A duplicate sits very close to its original (cosine
0.62 and up, mostly 0.8+), so an inverted-file index that scans only the few cells nearest each
passage finds the same pairs: every passage is searched in its ``nprobe`` nearest cells, and a pair
is kept when either side finds the other, so a pair split by a cell boundary is still found from
the side whose cells hold both. ``nprobe`` and the cell size were chosen on the bench corpora by the
share of exactly-found verified pairs the index still finds (docs/scale.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import faiss
import numpy as np

from cluster.config import NeighbourSearchConfig

Pairs = tuple[np.ndarray, np.ndarray, np.ndarray]
"""Rows ``i < j`` and their cosine: parallel arrays."""
TRAIN_PER_CELL = 64
"""Training points per IVF cell (faiss warns below 39; more adds training time, not recall)."""
QUERY_BLOCK = 4096
"""Queries per range search call: bounds the memory of one call's results."""
PRODUCT_SLACK = 1e-4
"""How far under the radius a BLAS cosine may fall and still be computed again the faiss way (float32 rounding of a
512-dimensional unit-vector product differs by ~1e-6 at most)."""
MAX_CANDIDATES = 24
"""Candidates verified per passage: a pair is verified when it is among the 24 most similar candidates
(other articles) of either side. A wire story carried by 40 outlets has 39 copies of each paragraph
plus their sentence windows in range (30k bench passages: up to 275 candidates a passage, growing with
the copies); verifying all of them is quadratic in the carriers, while its group forms the same from
the nearest (grouping clusters the connected passages on all their cosines). The dev sets have up to
49 candidates a passage and the same pairs with this cap (docs/scale.md)."""


def neighbour_pairs(matrix: np.ndarray, radius: float, cfg: NeighbourSearchConfig,
                    owners: np.ndarray | None = None, rows: np.ndarray | None = None) -> Pairs:
    """Every pair of rows whose inner product reaches ``radius`` (exact), or nearly every (IVF, large inputs).

    ``rows``: search only these rows of ``matrix`` (pairs then number positions in ``rows``); the IVF search
    gathers them a block at a time rather than copying them all (600 MB at 300k passages).
    ``owners`` (one code per searched row, its article): the IVF search keeps only pairs of different owners,
    each row's ``MAX_CANDIDATES`` strongest, as it goes (``strongest_per_row`` would keep the same pairs,
    after holding all of them: 45-80 million at 300k bench passages, several GB with the sorts)."""
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    rows = np.arange(len(matrix)) if rows is None else np.asarray(rows, dtype=np.int64)
    if len(rows) < cfg.ann_min_passages:
        return exact_pairs(np.ascontiguousarray(matrix[rows], dtype=np.float32), radius)
    return ivf_pairs(matrix, radius, cells(len(rows), cfg.ann_cell_size), cfg.ann_nprobe, owners, rows)


def exact_pairs(matrix: np.ndarray, radius: float, block: int = 2048) -> Pairs:
    """Exact range search; each block of queries searches only the rows from its own start on (pairs are
    symmetric, so the lower triangle would find each pair twice)."""
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    matrix = np.ascontiguousarray(matrix, dtype=np.float32)
    found: list[Pairs] = []
    for lo in range(0, len(matrix), block):
        index = faiss.IndexFlatIP(matrix.shape[1])
        index.add(matrix[lo:])
        lims, sims, ids = index.range_search(matrix[lo : lo + block], float(radius))
        found.append(_upper(lims, sims, ids.astype(np.int64) + lo, lo))
    return _concat(found)


def cells(passages: int, cell_size: int) -> int:
    return max(1, passages // cell_size)


def ivf_index(matrix: np.ndarray, nlist: int, nprobe: int, seed: int = 0,
              rows: np.ndarray | None = None) -> faiss.IndexIVFFlat:
    """An IVF index over ``matrix`` (or its ``rows``, added a block at a time), trained on a fixed random
    sample (the same input gives the same cells)."""
    rows = np.arange(len(matrix)) if rows is None else rows
    quantizer = faiss.IndexFlatIP(matrix.shape[1])
    index = faiss.IndexIVFFlat(quantizer, matrix.shape[1], nlist, faiss.METRIC_INNER_PRODUCT)
    sample = min(len(rows), TRAIN_PER_CELL * nlist)
    picked = np.random.default_rng(seed).choice(len(rows), size=sample, replace=False)
    index.cp.seed = seed
    index.train(_gather(matrix, rows[np.sort(picked)]))
    for lo in range(0, len(rows), QUERY_BLOCK):
        index.add(_gather(matrix, rows[lo : lo + QUERY_BLOCK]))
    index.nprobe = min(nprobe, nlist)
    return index


def _gather(matrix: np.ndarray, rows: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(matrix[rows], dtype=np.float32)


def ivf_pairs(matrix: np.ndarray, radius: float, nlist: int, nprobe: int, owners: np.ndarray | None = None,
              rows: np.ndarray | None = None) -> Pairs:
    """Range search of every row (of ``rows``) in its ``nprobe`` nearest cells; pairs found from either side,
    once. With ``owners``: pairs of different owners only, each among the strongest of the row that found it."""
    rows = np.arange(len(matrix)) if rows is None else rows
    index = ivf_index(matrix, nlist, nprobe, rows=rows)
    return unique_pairs(query_range_pairs(index, matrix, rows, radius, owners, 0, len(rows)))


def query_range_pairs(index: faiss.Index, matrix: np.ndarray, rows: np.ndarray, radius: float,
                      owners: np.ndarray | None, lo: int, hi: int) -> Pairs:
    """The pairs that the searched rows ``lo:hi`` (positions in ``rows``) find in ``index``, i < j, not yet
    made unique: what one machine or one Ray task computes for its range of queries."""
    found: list[Pairs] = []
    queries, probes = cell_order(index, matrix, rows, lo, hi)
    lists = cell_lists(index) if probes is not None else []
    for start in range(0, len(queries), QUERY_BLOCK):
        block = queries[start : start + QUERY_BLOCK]
        vectors = _gather(matrix, rows[block])
        if probes is None:
            lims, sims, ids = index.range_search(vectors, float(radius))
            i, j = np.repeat(block, np.diff(lims).astype(np.int64)), ids.astype(np.int64)
        else:  # the cells found while ordering: the quantizer is not searched a second time
            at, j, sims = range_by_cells(lists, vectors, probes[start : start + QUERY_BLOCK], radius,
                                          *_cut_of(block, owners))
            i = block[at]
        keep = i != j if owners is None else owners[i] != owners[j]
        i, j, sims = i[keep], j[keep], sims[keep]
        if owners is not None:
            i, j, sims = _strongest_of_query(i, j, sims)
        found.append((np.minimum(i, j), np.maximum(i, j), sims))
    return _concat(found)


def _cut_of(block: np.ndarray, owners: np.ndarray | None) -> tuple[Callable[[np.ndarray, np.ndarray], np.ndarray] | None, int | None]:
    """What ``query_range_pairs`` keeps of a block's hits, for ``range_by_cells`` to compute only that: pairs of
    different owners, each query's ``MAX_CANDIDATES`` strongest (nothing is cut without owners)."""
    if owners is None:
        return None, None
    return (lambda at, ids: owners[block[at]] != owners[ids]), MAX_CANDIDATES


def cell_lists(index: faiss.IndexIVF) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each IVF cell's (row ids, vectors), as views of the index's own inverted lists (no copy: they live as
    long as the index and are valid while nothing is added to it)."""
    lists, width = index.invlists, index.d
    out = []
    for cell in range(index.nlist):
        size = lists.list_size(cell)
        if not size:
            out.append((np.zeros(0, np.int64), np.zeros((0, width), np.float32)))
            continue
        ids = faiss.rev_swig_ptr(lists.get_ids(cell), size)
        codes = faiss.rev_swig_ptr(lists.get_codes(cell), size * index.code_size)
        out.append((ids, codes.view(np.float32).reshape(size, width)))
    return out


def range_by_cells(lists: list[tuple[np.ndarray, np.ndarray]], vectors: np.ndarray, probes: np.ndarray,
                   radius: float, wanted: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
                   strongest: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What ``IndexIVFFlat.range_search_preassigned`` finds (query position, row id, cosine above ``radius``, in
    its order: by query, then probe rank, then place in the cell), one matrix product per probed cell.

    Why: faiss scans a cell for one query at a time, a dot product per stored vector; here every query of
    the block that probes a cell meets it in one BLAS product (the queries come grouped by nearest cell, so a
    cell is probed by many of a block's queries): 22.8 -> 9.3 s CPU for the 93k-passage bench corpus. A BLAS
    product rounds differently from faiss's (~1e-7), and exact copies are only ties if every one of their
    cosines is rounded alike, so the hits near the radius and above are computed again with faiss's own dot
    product: cosines, hits and order are bitwise faiss's, and so is which of equal cosines a cut keeps.

    ``wanted(query positions, row ids)`` (a mask) and ``strongest`` say what the caller will keep: the wanted
    hits among each query's ``strongest`` by faiss's cosine. Then only the hits that can be among those are
    computed again and returned (``_reach_of_strongest``): at 300k bench passages a query has ~139 hits in
    range and keeps 24, and computing every hit again and ordering it cost more than the products did."""
    nprobe = probes.shape[1]
    found = list(_blas_hits(lists, vectors, probes, radius))
    if not found:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    slot, col, ids, cell, near = (np.concatenate([f[k] for f in found]) for k in range(5))
    keep = np.ones(len(slot), bool) if wanted is None else wanted(slot // nprobe, ids)
    if strongest is not None:
        keep &= _reach_of_strongest(slot // nprobe, near, keep, strongest)
    slot, col, ids, cell = slot[keep], col[keep], ids[keep], cell[keep]
    sims = np.empty(len(slot), np.float32)
    for run in np.split(np.arange(len(cell)), np.flatnonzero(np.diff(cell)) + 1):
        if len(run):
            sims[run] = faiss_inner_products(vectors, slot[run] // nprobe, lists[int(cell[run[0]])][1], col[run])
    kept = sims > radius  # faiss keeps inner products strictly above the radius
    slot, col, ids, sims = slot[kept], col[kept], ids[kept], sims[kept]
    ranked = np.lexsort((col, slot))
    return slot[ranked] // nprobe, ids[ranked].astype(np.int64), sims[ranked]


def _blas_hits(lists: list[tuple[np.ndarray, np.ndarray]], vectors: np.ndarray, probes: np.ndarray,
               radius: float) -> Iterator[tuple[np.ndarray, ...]]:
    """Per probed cell: (slot = query * nprobe + probe rank, place in the cell, row id, cell, BLAS cosine) of each
    stored vector whose BLAS cosine with a query probing the cell comes within ``PRODUCT_SLACK`` of ``radius``."""
    nprobe = probes.shape[1]
    flat = probes.ravel()
    order = np.argsort(flat, kind="stable")
    cells = flat[order]
    starts = np.flatnonzero(np.r_[True, cells[1:] != cells[:-1]])
    for lo, hi in zip(starts.tolist(), np.r_[starts[1:], len(order)].tolist()):
        cell = int(cells[lo])
        ids, stored = lists[cell] if cell >= 0 else (np.zeros(0, np.int64), None)
        if not len(ids):
            continue
        slots = order[lo:hi]  # query * nprobe + probe rank
        products = vectors[slots // nprobe] @ stored.T
        hit, col = np.nonzero(products > radius - PRODUCT_SLACK)
        yield slots[hit], col, ids[col], np.full(len(col), cell, np.int64), products[hit, col]


def _reach_of_strongest(queries: np.ndarray, near: np.ndarray, wanted: np.ndarray, k: int) -> np.ndarray:
    """The hits whose BLAS cosine ``near`` comes within ``2 * PRODUCT_SLACK`` of their query's ``k``-th strongest
    wanted one (every hit of a query with ``k`` wanted hits or fewer).

    Why that margin is safe: BLAS and faiss cosines differ by less than ``PRODUCT_SLACK``, so the ``k`` hits
    strongest by BLAS all stand within one slack under the ``k``-th strongest by faiss, which is thus at least
    the ``k``-th BLAS cosine minus a slack, and any hit among faiss's ``k`` strongest (ties included) at least that
    minus another. The kept set holds every hit faiss's cut could keep, in the same order, so the cut keeps the
    same hits."""
    nth = np.full(int(queries.max()) + 1 if len(queries) else 0, -np.inf)
    q, sims = queries[wanted], near[wanted]
    order = np.argsort(q * 4.0 + (1.0 - sims.astype(np.float64)))  # by query, strongest first; 6x a lexsort's speed
    q, sims = q[order], sims[order]
    kth = _rank_in_runs(q) == k - 1
    nth[q[kth]] = sims[kth]
    return near >= nth[queries] - 2 * PRODUCT_SLACK


def faiss_inner_products(queries: np.ndarray, rows: np.ndarray, stored: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """``queries[rows[k]] . stored[cols[k]]`` for each k, with the dot product faiss's IVF scan uses."""
    rows, cols = np.ascontiguousarray(rows, np.int64), np.ascontiguousarray(cols, np.int64)
    out = np.empty(len(rows), np.float32)
    if not len(rows):
        return out
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)  # a few thousand products a call: a parallel region costs more than it saves
    try:
        faiss.pairwise_indexed_inner_product(queries.shape[1], len(rows), faiss.swig_ptr(queries), faiss.swig_ptr(rows),
                                             faiss.swig_ptr(stored), faiss.swig_ptr(cols), faiss.swig_ptr(out))
    finally:
        faiss.omp_set_num_threads(threads)
    return out


def knn_index(matrix: np.ndarray, search: NeighbourSearchConfig, ivf_from: int) -> faiss.Index:
    """An index for the nearest rows of ``matrix`` (float32, contiguous): exact below ``ivf_from`` rows, where one
    matrix product is cheapest; an IVF index with the passages' cell size and probes from there (exact search
    grows with the square of the rows). The quote stage and the story graph search their units this way."""
    if len(matrix) < ivf_from:
        index = faiss.IndexFlatIP(matrix.shape[1])
        index.add(matrix)
        return index
    return ivf_index(matrix, cells(len(matrix), search.ann_cell_size), search.ann_nprobe)


def nearest_in_blocks(index: faiss.Index, queries: np.ndarray, k: int) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(positions, cosines, ids) of each block of ``queries``' ``k`` nearest rows in ``index``, the blocks taken in
    ``cell_order`` (ids -1 where an IVF search found fewer); an IVF search reuses the cells found there."""
    order, probes = cell_order(index, queries)
    for lo in range(0, len(order), QUERY_BLOCK):
        block = order[lo : lo + QUERY_BLOCK]
        if probes is None:
            sims, ids = index.search(queries[block], k)
        else:
            sims, ids = index.search_preassigned(queries[block], k, probes[lo : lo + QUERY_BLOCK], None)
        yield block, sims, ids


def cell_order(index: faiss.Index, matrix: np.ndarray, rows: np.ndarray | None = None, lo: int = 0,
               hi: int | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """Query positions ``lo:hi`` (of ``rows``, default every row of ``matrix``) in the order to search them and,
    for an IVF index, each one's ``nprobe`` nearest cells in that order (None for an exact index).

    Grouped by nearest cell, the cells that consecutive queries scan stay in the processor's cache (a large
    corpus's cells do not fit there; in input order each query fetched its cells from memory again: a third of
    the search's CPU at 100k passages). The cells found here are the ones the search would find (the same
    quantizer search), so handing them over spares it a second search of the quantizer, whose cost grows
    with the number of cells: ~1,200 centroids a query at 300k passages. Each query's answer does not depend
    on the others searched with it."""
    rows = np.arange(len(matrix)) if rows is None else rows
    hi = len(rows) if hi is None else hi
    positions = np.arange(lo, hi, dtype=np.int64)
    if not isinstance(index, faiss.IndexIVF):
        return positions, None
    probes = np.concatenate([index.quantizer.search(_gather(matrix, rows[start : min(hi, start + QUERY_BLOCK)]), index.nprobe)[1]
                             for start in range(lo, hi, QUERY_BLOCK)] or [np.zeros((0, index.nprobe), np.int64)])  # fmt: skip
    order = np.argsort(probes[:, 0], kind="stable")
    return positions[order], probes[order]


def _strongest_of_query(i: np.ndarray, j: np.ndarray, sims: np.ndarray, k: int = MAX_CANDIDATES) -> Pairs:
    """Each query row's ``k`` most similar results (rows ``i`` come grouped, as range search returns them)."""
    order = np.lexsort((-sims, i))
    i, j, sims = i[order], j[order], sims[order]
    keep = _rank_in_runs(i) < k
    return i[keep], j[keep], sims[keep]


def _rank_in_runs(keys: np.ndarray) -> np.ndarray:
    """Each element's position within its run of equal ``keys`` (sorted, so runs are contiguous)."""
    if not len(keys):
        return np.zeros(0, np.int64)
    first = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return np.arange(len(keys)) - np.repeat(first, np.diff(np.r_[first, len(keys)]))


def strongest_per_row(pairs: Pairs, k: int = MAX_CANDIDATES) -> Pairs:
    """The pairs among the ``k`` most similar of either of their rows (ties: the earlier pair), in order."""
    rows, cols, sims = pairs
    if not len(rows):
        return pairs
    ends = np.concatenate([rows, cols])
    which = np.concatenate([np.arange(len(rows))] * 2)
    order = np.lexsort((-np.concatenate([sims, sims]), ends))
    keep = np.zeros(len(rows), dtype=bool)
    keep[which[order[_rank_in_runs(ends[order]) < k]]] = True
    return rows[keep], cols[keep], sims[keep]


def unique_pairs(pairs: Pairs) -> Pairs:
    """Each (i, j) once, sorted by (i, j) (a pair found from both sides appears twice)."""
    rows, cols, sims = pairs
    if not len(rows):
        return pairs
    order = np.lexsort((cols, rows))
    rows, cols, sims = rows[order], cols[order], sims[order]
    first = np.ones(len(rows), dtype=bool)
    first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
    return rows[first], cols[first], sims[first]


def _upper(lims: np.ndarray, sims: np.ndarray, cols: np.ndarray, lo: int) -> Pairs:
    rows = lo + np.repeat(np.arange(len(lims) - 1), np.diff(lims).astype(np.int64))
    upper = cols > rows
    return rows[upper], cols[upper], sims[upper]


def _concat(parts: list[Pairs]) -> Pairs:
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return tuple(np.concatenate([p[k] for p in parts]) for k in range(3))  # type: ignore[return-value]
