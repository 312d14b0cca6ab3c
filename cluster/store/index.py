"""The faiss index of stored passages: one file, written atomically, checked against SQLite on open.

The file is a copy of what SQLite holds (``passages.vec`` where ``searchable``), kept so that a new
article is searched in milliseconds instead of reloading every vector. It carries the store
generation it was written at and the passage ids it holds; on open both are compared with SQLite,
and any disagreement (a process killed between the commit and the index write, a half-written or
foreign file) rebuilds it from the stored vectors. Ids and generation say nothing about the vectors
themselves, so SQLite also records the checksum of the file last written (``Store.record_index``):
zeroed or edited vectors would otherwise be searched, and written back after the next add, for good.
Writes go to a temporary file that is fsynced and then renamed over the old one, so a reader never
sees half an index.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import faiss
import numpy as np

from cluster.duplicates.neighbours import PRODUCT_SLACK, faiss_inner_products
from cluster.store.projection import BOUND_SLACK, PROJECTED_DIMS, ProjectedBound

INDEX_NAME = "passages.faiss"
MAGIC = b"NCIDX1\n"
PREFILTER_ROWS = 65_536
"""Stored vectors per matrix product of the prefilter (its cosines: 64 MB at 249 queries)."""
BOUND_MIN_ROWS = 4096
"""Stored vectors from which the prefilter bounds the cosines on the principal axes (``projection``) instead of
multiplying at full width: below, the full product is cheap and too few vectors to fit the axes on."""


def checksum(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class OpenedIndex:
    index: "VectorIndex"
    rebuilt: bool
    reason: str
    checksum: str = ""
    """Of the file now on disk (empty when nothing was written or checked)."""


class VectorIndex:
    """Inner-product index over unit vectors, addressed by passage id (IndexIDMap2 over IndexFlatIP)."""

    def __init__(self, dim: int, index: faiss.Index | None = None) -> None:
        self.dim = dim
        self.index = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        self._bound: ProjectedBound | None = None
        """The stored vectors on their principal axes (``projection``), fitted by ``prepare`` and kept current by
        ``add`` and ``remove``; None: the prefilter multiplies at full width."""

    @classmethod
    def build(cls, ids: np.ndarray, vectors: np.ndarray, dim: int) -> VectorIndex:
        made = cls(dim)
        if len(ids):
            made.add(ids, vectors)
        return made

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    def ids(self) -> np.ndarray:
        return np.sort(faiss.vector_to_array(self.index.id_map).astype(np.int64))

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.index.add_with_ids(vectors, np.asarray(ids, dtype=np.int64))
        if self._bound is not None:
            self._bound.extend(vectors)

    def remove(self, ids: list[int] | np.ndarray) -> None:
        if not len(ids):
            return
        ids = np.asarray(ids, dtype=np.int64)
        kept = ~np.isin(faiss.vector_to_array(self.index.id_map), ids) if self._bound is not None else None
        self.index.remove_ids(ids)
        if self._bound is not None and kept is not None:
            self._bound.keep(kept)  # faiss compacts the flat index in order
            if self._bound.size != self.size:
                self._bound = None

    def prepare(self) -> None:
        """Fit the prefilter's principal axes (a writer's warm-up: ~1.2 s CPU at 48,645 stored passages), when the
        index is large and wide enough to gain by them. Only then does the search bound its cosines: a one-off add
        (``cluster store add`` of a few articles) would pay the fit for one search it speeds by ~0.1 s."""
        if self._bound is None and self.size >= BOUND_MIN_ROWS and self.dim >= 2 * PROJECTED_DIMS:
            self._bound = ProjectedBound.fit(self._stored())

    def reserve(self) -> None:
        """Room in faiss's flat buffer for as many vectors again as it holds (a writer's warm-up). An index built
        or read holds its vectors in a buffer of exactly their size, so the first add after a start copied them all
        into a larger one: 0.13-0.4 s of the service's first POST at 43,651 stored passages (docs/scale-log.md,
        session 19). Growing the buffer by one vector and back leaves its capacity doubled (a ``std::vector``'s
        growth) and the index as it was; later adds then only append until it is full again."""
        flat = faiss.downcast_index(self.index.index) if hasattr(self.index, "index") else self.index
        codes = getattr(flat, "codes", None)
        if codes is None or not codes.is_owned:  # not a flat index in memory of its own (a view of a mapped file)
            return
        size = codes.size()
        codes.resize(size + flat.code_size)
        codes.resize(size)

    def _stored(self) -> np.ndarray:
        """The stored vectors, in faiss's order (a view of its buffer: valid until the next add or removal)."""
        flat = faiss.downcast_index(self.index.index)
        return faiss.rev_swig_ptr(flat.get_xb(), self.size * self.dim).reshape(self.size, self.dim)

    def range_search(self, queries: np.ndarray, radius: float) -> list[list[tuple[int, float]]]:
        """For each query, every (passage id, cosine) above ``radius``: faiss's flat range search, its hits, order
        and cosines to the bit.

        For fewer queries than its BLAS threshold (``queries x dim < distance_compute_blas_threshold``: under
        250 at 512-d, a batch of 10 articles has ~140) faiss runs its per-pair kernel over every stored vector:
        ~0.5 s an add into the 20,000-article store (48,645 vectors). Here a matrix product (BLAS) finds the
        pairs near the radius or above (once ``prepare`` fitted the principal axes of 4,096 stored vectors or more,
        an upper bound on their cosines, ``projection``: ~0.3 % of the pairs clear it), and faiss's own dot product computes those
        again (``neighbours.faiss_inner_products``: the same bits as its search, which BLAS rounding is not)."""
        if self.size == 0 or len(queries) == 0:
            return [[] for _ in range(len(queries))]
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if len(queries) * self.dim >= faiss.cvar.distance_compute_blas_threshold:  # faiss multiplies matrices
            lims, sims, labels = self.index.range_search(queries, float(radius))
            hits = list(zip(labels.tolist(), sims.tolist()))  # Python numbers at once, not one numpy scalar each
            bounds = lims.tolist()
            return [hits[bounds[q] : bounds[q + 1]] for q in range(len(queries))]
        stored = self._stored()
        rows, cols = self._near(queries, stored, radius)
        sims = faiss_inner_products(queries, rows, stored, cols)
        kept = np.flatnonzero(sims > radius)  # faiss keeps inner products strictly above the radius
        kept = kept[np.lexsort((cols[kept], rows[kept]))]  # its order: by query, then stored position
        ids = faiss.vector_to_array(self.index.id_map)
        found: list[list[tuple[int, float]]] = [[] for _ in range(len(queries))]
        for q, pid, sim in zip(rows[kept].tolist(), ids[cols[kept]].tolist(), sims[kept].tolist()):
            found[q].append((pid, sim))
        return found

    def _near(self, queries: np.ndarray, stored: np.ndarray, radius: float) -> tuple[np.ndarray, np.ndarray]:
        """(query rows, stored positions) of every pair whose cosine may exceed ``radius``, row by row: a bound on
        the principal axes (``projection``: a product of 129 columns, not 512) or, for a small index, the product."""
        bound = self._bound
        if bound is not None:
            rotated = bound.rotate(queries)
            near = [bound.above(queries, radius - BOUND_SLACK, lo, min(lo + PREFILTER_ROWS, self.size), rotated)
                    for lo in range(0, self.size, PREFILTER_ROWS)]  # fmt: skip
        else:
            near = [_above(queries @ stored[lo : lo + PREFILTER_ROWS].T, radius - PRODUCT_SLACK, lo)
                    for lo in range(0, self.size, PREFILTER_ROWS)]  # fmt: skip
        return np.concatenate([r for r, _ in near]), np.concatenate([c for _, c in near])

    # --- the file -----------------------------------------------------------------------------------

    def save(self, directory: Path, generation: int) -> str:
        """Write header + serialised index to a temp file, fsync it, rename it into place, fsync the dir.
        Returns the file's checksum, for SQLite to record."""
        target = Path(directory) / INDEX_NAME
        header = json.dumps({"generation": generation, "count": self.size, "dim": self.dim}).encode()
        payload = faiss.serialize_index(self.index).tobytes()
        temp = target.with_name(f".{INDEX_NAME}.{os.getpid()}.tmp")
        data = MAGIC + struct.pack("<I", len(header)) + header + payload
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
        _fsync_dir(target.parent)
        return checksum(data)

    @staticmethod
    def read(path: Path) -> tuple[dict, VectorIndex]:
        """The header (with the file's ``checksum``) and index of a file; ValueError when it is not a
        whole index file."""
        data = Path(path).read_bytes()
        if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4:
            raise ValueError("not an index file")
        (size,) = struct.unpack("<I", data[len(MAGIC) : len(MAGIC) + 4])
        start = len(MAGIC) + 4
        header = json.loads(data[start : start + size])
        try:
            index = faiss.deserialize_index(np.frombuffer(data[start + size :], dtype=np.uint8))
        except RuntimeError as exc:
            raise ValueError(f"unreadable index ({exc})") from exc
        return {**header, "checksum": checksum(data)}, VectorIndex(int(header["dim"]), index)


class IndexCheck(NamedTuple):
    index: VectorIndex | None
    """The file's index when it agrees with SQLite, else None."""
    problem: str
    """Why it does not agree ("" when it does)."""
    behind: int | None
    """Generations the file is behind the store when it is whole and is the file last written (its checksum
    the one SQLite recorded; 0: current): a writer rewrites it only now and then (``ingestor.INDEX_SAVE_SHARE``),
    so a file behind is normal while a writer works, not damage. None when missing, unreadable or another file."""


def check_index(directory: Path, generation: int, stored_ids: np.ndarray, recorded: dict | None) -> IndexCheck:
    """The index file, read once, against SQLite (generation, passage ids, the checksum SQLite recorded).
    Reads only: read-only commands call this."""
    path = Path(directory) / INDEX_NAME
    if not path.exists():
        return IndexCheck(None, "no index file", None)
    try:
        header, index = VectorIndex.read(path)
    except (OSError, ValueError, KeyError) as exc:
        return IndexCheck(None, f"index file unreadable ({exc})", None)
    last_written = (recorded is not None and recorded.get("checksum") == header["checksum"]
                    and recorded.get("generation") == header.get("generation"))
    behind = generation - int(header["generation"]) if last_written else None
    if header.get("generation") != generation:
        return IndexCheck(None, f"index generation {header.get('generation')} != store generation {generation}", behind)
    if index.size != len(stored_ids) or not np.array_equal(index.ids(), np.sort(stored_ids)):
        return IndexCheck(None, f"index holds {index.size} passages, store {len(stored_ids)}", behind)
    if recorded is None or recorded.get("generation") != generation:
        return IndexCheck(None, "no checksum recorded for this index generation", behind)
    if recorded.get("checksum") != header["checksum"]:
        return IndexCheck(None, "index file checksum differs from the one recorded in the store (file altered)", behind)
    return IndexCheck(index, "", behind)


def open_index(
    directory: Path, generation: int, stored_ids: np.ndarray, load_vectors, dim: int, recorded: dict | None = None
) -> OpenedIndex:
    """The index file if it agrees with SQLite (``check_index``), else one rebuilt from the vectors
    SQLite keeps; the caller records the new file's checksum (``OpenedIndex.checksum``).

    ``load_vectors`` returns (ids, vectors) from SQLite; it is only called for a rebuild.
    """
    for stray in Path(directory).glob(f".{INDEX_NAME}.*.tmp"):  # left by a writer killed mid-save
        stray.unlink(missing_ok=True)
    index, reason, _ = check_index(directory, generation, stored_ids, recorded)
    if index is not None:
        return OpenedIndex(index, False, "")
    ids, vectors = load_vectors()
    if len(ids):
        dim = vectors.shape[1]
    rebuilt = VectorIndex.build(ids, vectors, dim)
    digest = rebuilt.save(directory, generation)
    return OpenedIndex(rebuilt, True, reason, digest)


def _above(products: np.ndarray, floor: float, lo: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(rows, columns + ``lo``) of the entries of a C-ordered matrix above ``floor``: ``np.nonzero``'s, in its order
    (row by row). One flat scan and a division: ``np.nonzero`` of a 2-d mask walks it per dimension, ~40 ms of an
    add's search (140 queries x 48,645 stored passages) where this takes ~8."""
    rows, cols = np.divmod(np.flatnonzero(products > floor), products.shape[1])
    return rows, cols + lo


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
