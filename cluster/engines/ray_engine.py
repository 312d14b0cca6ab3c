"""The Ray engine: embedding and the neighbour search spread over a Ray cluster (docs/scale.md).

* Record files (JSONL, CSV, Parquet; one file or a directory) are read by Ray Data, their rows
  mapped through the local readers' record model (``ray_read.py``), so ids and dates are a local
  run's; other files are read by the local readers. Segmentation runs on the driver: furniture
  detection counts lines across the whole corpus.
* Ray Data embeds the passages in ``map_batches`` with one model per worker actor and writes passage
  metadata and vectors to Parquet in the work directory (a shared path on a real cluster).
* The neighbour search runs per partition as Ray tasks: one partition below
  ``duplicates.search.ann_min_passages`` (exactly the local search), else one per IVF cell, each
  vector in its two nearest cells so that pairs near a cell boundary are kept.
* Candidate pairs come back to the driver, which verifies them and builds groups, stories and quotes:
  the engine hands the pipeline a ``Backend`` for the two heavy steps, every other stage is the
  local engine's own code (``pipeline.run_loaded``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console

from cluster.config import Config, DuplicateConfig
from cluster.documents import Passage
from cluster.duplicates.groups import Candidates, article_codes, between_articles, search_radius
from cluster.duplicates.neighbours import Pairs, cells, exact_pairs, ivf_index, query_range_pairs, unique_pairs
from cluster.embed import Encoder, LazyEncoder
from cluster.engines import RAY_INSTALL_HINT, EngineUnavailable
from cluster.engines.ray_read import ray_reader
from cluster.pipeline import Backend, RunOutputs, Stopwatch, contract_and_views, load_articles, run_loaded

ROOT = Path(__file__).resolve().parents[2]
LOCAL_CPUS = 2
"""CPUs of the local cluster started when no address is given (this machine's share)."""
ACTORS = 2
"""Embedding actors (each holds one model): one per CPU of the local cluster."""
EncoderFactory = Callable[[], Encoder]


def require_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise EngineUnavailable(RAY_INSTALL_HINT) from exc
    return ray


class EmbedActor:
    """One model per worker process, loaded once; embeds batches of passage texts through the cache."""

    def __init__(self, config_json: str, factory: EncoderFactory | None = None) -> None:
        import models

        self.config = Config.model_validate_json(config_json)
        self.encoder = factory() if factory is not None else models.load_encoder(self.config.model)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Ray may call from another thread than the constructor's: the SQLite cache is opened per batch."""
        from cluster.embed import embed_with_config

        return {**batch, "vector": embed_with_config(self.encoder, [str(t) for t in batch["text"]], self.config)}


def embed_on_ray(ray: Any, units: list[Passage], config: Config, workdir: Path,
                 factory: EncoderFactory | None) -> np.ndarray:  # fmt: skip
    """Vectors of ``units`` in order, embedded by Ray Data actors and written to Parquet on the way."""
    import pyarrow.parquet as pq

    rows = [{"row": k, "article_id": u.article_id, "segment_index": u.segment_index, "kind": u.kind.value,
             "start": u.start, "end": u.end, "lang": u.lang, "whole": u.whole_paragraph, "text": u.text}
            for k, u in enumerate(units)]  # fmt: skip
    out = workdir / "passages"
    dataset = ray.data.from_items(rows).map_batches(
        EmbedActor, fn_constructor_kwargs={"config_json": config.model_dump_json(), "factory": factory},
        concurrency=ACTORS, batch_size=config.batch_size * 16, batch_format="numpy",
    )
    dataset.write_parquet(str(out))
    table = pq.read_table(str(out), columns=["row", "vector"])
    order = np.argsort(table.column("row").to_numpy())
    vectors = np.stack(table.column("vector").to_numpy(zero_copy_only=False))
    return np.ascontiguousarray(vectors[order], dtype=np.float32)


QUERIES_PER_TASK = 32_768
"""Passages whose neighbours one Ray task searches (8 query blocks of the local search)."""


def neighbours_on_ray(ray: Any, matrix: np.ndarray, cfg: DuplicateConfig, owners: np.ndarray) -> Pairs:
    """Candidate pairs (i < j) within the search radius, the queries split into Ray tasks.

    Below the ANN size one task runs the exact search. Above it the driver trains and fills the IVF index
    exactly as the local search does (same sample, same cells) and ships it once; each task searches its
    range of queries with each query's strongest results kept (``neighbours.query_range_pairs``). So the
    candidates, and hence the groups and stories, are the local engine's. (Partitions of the data instead,
    each vector in its two nearest cells, found fewer links: at 93k bench passages 2,449 groups against
    the local 2,423.)"""
    search, radius = cfg.search, search_radius(cfg)
    if len(matrix) < search.ann_min_passages:
        return ray.get(ray.remote(exact_pairs).remote(matrix, radius))
    import faiss

    index = ivf_index(matrix, cells(len(matrix), search.ann_cell_size), search.ann_nprobe)
    shared = ray.put(faiss.serialize_index(index)), ray.put(matrix), ray.put(owners)
    task = ray.remote(_query_task)
    found = ray.get([task.remote(*shared, radius, lo, min(len(matrix), lo + QUERIES_PER_TASK))
                     for lo in range(0, len(matrix), QUERIES_PER_TASK)])  # fmt: skip
    rows, cols, sims = (np.concatenate([f[k] for f in found]) for k in range(3))
    return unique_pairs((rows.astype(np.int64), cols.astype(np.int64), sims))


def _query_task(index_bytes: np.ndarray, matrix: np.ndarray, owners: np.ndarray, radius: float, lo: int,
                hi: int) -> Pairs:
    import faiss

    index = faiss.deserialize_index(index_bytes)
    return query_range_pairs(index, matrix, np.arange(len(matrix)), radius, owners, lo, hi)


def ray_backend(ray: Any, workdir: Path, factory: EncoderFactory | None) -> Backend:
    """The pipeline's two heavy steps on Ray: embedding by actors, candidate search by query-range tasks."""

    def embed(units: list[Passage], config: Config, encoder: Encoder, console: Console | None) -> np.ndarray:
        return embed_on_ray(ray, units, config, workdir, factory)

    def search(passages: Sequence[Passage], vectors: np.ndarray, keep: list[int], cfg: DuplicateConfig) -> Candidates:
        matrix = np.ascontiguousarray(vectors[keep], dtype=np.float32)
        return between_articles(passages, keep, neighbours_on_ray(ray, matrix, cfg, article_codes(passages, keep)))

    return Backend(embed=embed, search=search, forks=False)


def start(ray: Any, address: str | None) -> None:
    """Join the cluster at ``address`` (``auto``: the one `ray start` runs here), or start a local one."""
    env = {"env_vars": {"PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}}
    if address:
        ray.init(address=address, runtime_env=env, logging_level="ERROR", log_to_driver=False)
    else:
        ray.init(num_cpus=LOCAL_CPUS, include_dashboard=False, runtime_env=env, logging_level="ERROR",
                 log_to_driver=False)  # fmt: skip


def run(corpus: Path, config: Config, views: Iterable[str], *, address: str | None = None,
        console: Console | None = None, encoder_factory: EncoderFactory | None = None) -> RunOutputs:  # fmt: skip
    """A run on Ray; the same reports as the local engine (no run cache: a cluster run is a batch job)."""
    ray = require_ray()
    watch = Stopwatch()
    encoder = encoder_factory() if encoder_factory is not None else LazyEncoder.for_model(config.model)
    start(ray, address)
    try:
        articles, skipped, notices = load_articles(corpus, config, watch, reader=ray_reader(ray))
        with tempfile.TemporaryDirectory(prefix="cluster-ray-") as workdir:
            result = run_loaded(articles, skipped, notices, config, watch, encoder=encoder, progress_console=console,
                                backend=ray_backend(ray, Path(workdir), encoder_factory), keep_internals=False)
    finally:
        ray.shutdown()
    with watch.stage("report"):
        contract, rendered = contract_and_views(result, views)
    return RunOutputs(rendered, skipped, result, watch.timings, contract=contract, cpu=watch.cpu,
                      peak_mb=watch.peak_mb)
