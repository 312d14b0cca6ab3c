"""The HTTP service over a store: FastAPI app factory and the batching worker.

One process holds the store for writing (``Ingestor``: model loaded once, faiss index in memory).
Posted articles go into an asyncio queue; a single worker drains whatever is pending into one
``Ingestor.add`` call (one encode, one transaction), so concurrent clients share the cost of
embedding instead of each paying it; the same transaction writes what the lists read
(``cluster/store/materialise.py``). Reads go through SQLite connections of their own (``view.Reader``),
current as soon as a write commits.
The endpoints are routers (routes.py) answering the models of schemas.py, whose field names are
those of ``cluster run --format json`` (docs/output.md); errors are shaped in errors.py;
docs/service.md describes every endpoint, limit and error.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from cluster.config import Config
from cluster.documents import Article
from cluster.embed import Encoder
from cluster.service.errors import BodyLimit, install_error_handlers
from cluster.service.gate import GroupsGate
from cluster.service.guard import BearerToken, HostCheck, allowed_names
from cluster.service.heap import CollectorState, release_heap, settle_heap
from cluster.service.routes import ROUTERS
from cluster.service.schemas import MAX_BATCH, MAX_BODY_BYTES, MAX_TEXT_CHARS
from cluster.service.view import Reader
from cluster.store.ingestor import ArticleStatus, Ingestor, IngestSettings

GROUPS_LAG = 8
"""Answered batches after which the list of duplicate groups is brought up to date even while POSTs wait."""
IDLE_CHECKPOINT_S = 0.5
"""Seconds without a POST after which a WAL checkpoint that a read cut short is tried again (``BatchWorker._next``)."""

# the limits live with the request models (schemas.py); callers of the app find them here too
__all__ = ["MAX_BATCH", "MAX_BODY_BYTES", "MAX_TEXT_CHARS", "BatchWorker", "SerialEncoder", "create_app"]


class SerialEncoder:
    """The model behind a lock: one encode at a time, whichever thread asks (the worker's, a warm-up)."""

    def __init__(self, encoder: Encoder) -> None:
        self._encoder = encoder
        self._lock = threading.Lock()

    def encode(self, sentences: list[str], **kwargs: object) -> Any:
        with self._lock:
            return self._encoder.encode(sentences, **kwargs)


@dataclass
class WorkerStats:
    batches: int = 0
    articles: int = 0
    largest_batch: int = 0


class BatchWorker:
    """Drains every pending POST into one ``Ingestor.add`` call (one encode, one transaction)."""

    def __init__(
        self, ingestor: Ingestor, max_articles: int = 1_000, on_written: Callable[[], None] | None = None,
        gate: GroupsGate | None = None,
    ) -> None:
        self.ingestor = ingestor
        self.gate = gate or GroupsGate()
        """Told when the groups of the answered batches are stored; the id reads wait on it (``gate``)."""
        self.max_articles = max_articles
        self.on_written = on_written
        """Called after each committed batch and after a re-clustering (none is needed by the reads)."""
        self.queue: asyncio.Queue[tuple[list[Article], asyncio.Future]] = asyncio.Queue()
        self.stats = WorkerStats()
        self.deferred = 0
        """Batches answered since the list of duplicate groups was last brought up to date."""
        self.busy = threading.Lock()
        """Held while a batch is being written: shutdown waits for it before closing the store."""

    def _add(self, articles: list[Article]) -> list[ArticleStatus]:
        with self.busy:
            return self.ingestor.add(articles, recluster_due=False, groups_due=False)

    def _summarise(self) -> bool:
        with self.busy:
            return self.ingestor.summarise_pending(self.gate)

    def _refresh_groups(self) -> bool:
        """The groups of the answered batches, one match component at a time, pausing between two when a POST
        waits (``_may_pause``): the rest is done after that POST's answer. True when all are stored."""
        with self.busy:
            finished = True  # or failed: the reads waiting for these groups go on either way
            try:
                self.ingestor.refresh_groups(progress=self.gate, pause=self._may_pause)
                finished = not self.ingestor.groups_pending()
                return finished
            finally:
                if finished:
                    self.gate.settle(self.ingestor.store.revision)

    def _may_pause(self) -> bool:
        """Between two components of a refresh: a POST waits, no id read waits for the groups, and the list lags
        fewer than ``GROUPS_LAG`` batches. A POST of 10 into the 20,000-article store sent after two reads waited for
        the rest of the refresh: 1.8 s on average, up to 5.4 s, at load 3.5-4 (docs/scale-log.md, session 15)."""
        return not self.queue.empty() and self.deferred < GROUPS_LAG and not self.gate.waiting

    def _recluster_if_due(self) -> bool:
        with self.busy:
            return self.ingestor.maybe_recluster()

    async def submit(self, articles: list[Article]) -> list[ArticleStatus]:
        future: asyncio.Future = asyncio.get_running_loop().create_future()
        await self.queue.put((articles, future))
        return await future

    async def run(self) -> None:
        while True:
            pending = [await self._next()]
            count = len(pending[0][0])
            while not self.queue.empty() and count < self.max_articles:
                pending.append(self.queue.get_nowait())
                count += len(pending[-1][0])
            await self._process(pending)

    async def _next(self) -> tuple[list[Article], asyncio.Future]:
        """The next POST. While none comes and the last checkpoint was cut short by a read (``Store.wal_behind``),
        the WAL is checkpointed again every ``IDLE_CHECKPOINT_S``: else a read across every group refresh would keep
        it from restarting, and it would grow with each batch (the add's commit no longer checkpoints)."""
        while True:
            wait = IDLE_CHECKPOINT_S if self.ingestor.store.wal_behind else None
            try:
                return await asyncio.wait_for(self.queue.get(), wait)
            except TimeoutError:
                await asyncio.to_thread(self._checkpoint)

    def _checkpoint(self) -> None:
        with self.busy:
            try:
                self.ingestor.store.checkpoint()
            except sqlite3.Error:  # the store closing at shutdown; else the next refresh or idle wait tries again
                pass

    async def _process(self, pending: list[tuple[list[Article], asyncio.Future]]) -> None:
        articles = [a for batch, _ in pending for a in batch]
        try:
            statuses = await asyncio.to_thread(self._add, articles)
        except Exception as exc:  # a failed batch fails its requests, never the worker
            for _, future in pending:
                if not future.done():
                    future.set_exception(exc)
            return
        self.stats.batches += 1
        self.stats.articles += len(articles)
        self.stats.largest_batch = max(self.stats.largest_batch, len(articles))
        if self.on_written is not None:
            self.on_written()
        by_id = {s.id: s for s in statuses}
        for batch, future in pending:
            if not future.done():
                future.set_result([by_id[a.id] for a in batch])
        self.deferred += 1
        await self._groups_after_answering()
        await self._recluster_after_answering()

    async def _groups_after_answering(self) -> None:
        """The answered batches' duplicate-group list rows (``Ingestor.refresh_groups``: their match components
        formed again, 0.6-1.0 s a batch of wire copies in the 20,000-article store), once no POST is waiting
        or ``GROUPS_LAG`` batches are behind or an id read waits for them (``gate``): a POST is not kept waiting
        for the list of groups, which says how far behind it is (``listing_revision``). The speakers and story
        summaries always (``Ingestor.summarise_pending``; the next batch would store them first anyway): after the
        first match component when the groups are refreshed (``materialise.refresh_in_parts``), so that the
        batch's first id read does not wait for them too (they were 0.2-0.4 s of the slowest reads of a just-posted
        article, docs/scale-log.md, session 16)."""
        if not self.queue.empty() and self.deferred < GROUPS_LAG and not self.gate.waiting:
            try:
                await asyncio.to_thread(self._summarise)
            except Exception:  # noqa: BLE001 -- left recorded: the next batch, a refresh, a re-clustering or close does it
                pass
            return
        try:
            finished = await asyncio.to_thread(self._refresh_groups)
        except Exception:  # noqa: BLE001 -- left recorded: the next batch, a re-clustering or close does it
            return
        if finished:
            self.deferred = 0
        if self.on_written is not None:
            self.on_written()

    async def _recluster_after_answering(self) -> None:
        """A due re-clustering runs once the batch that made it due has been answered (a minute at
        10,000 articles on two cores: no client waits on it for its own POST); POSTs arriving
        meanwhile queue behind it, and id reads go on (they read SQLite)."""
        try:
            reclustered = await asyncio.to_thread(self._recluster_if_due)
        except Exception:  # noqa: BLE001 -- a failed re-clustering leaves the stories as they were
            return
        if reclustered and self.on_written is not None:
            self.on_written()


async def _warm_up(ingestor: Ingestor, announce: Callable[[str], None]) -> CollectorState:
    """Load the model and read what the writer keeps in memory before the first request, saying so; then keep what
    was read out of the garbage collector's walks (``heap.settle_heap``; its previous settings returned)."""
    started = time.perf_counter()
    announce("loading the model and reading the store into memory ...")
    await asyncio.to_thread(ingestor.encoder.encode, ["warm up"])
    await asyncio.to_thread(ingestor.warm)
    state = settle_heap()
    announce(f"ready in {time.perf_counter() - started:.1f} s")
    return state


def create_app(
    store_dir: Path,
    encoder: Encoder | None = None,
    *,
    config: Config | None = None,
    settings: IngestSettings = IngestSettings(),
    preload_model: bool = False,
    quotes: bool = True,
    create: bool = True,
    token: str | None = None,
    host: str | None = None,
    allowed_hosts: Sequence[str] = (),
    announce: Callable[[str], None] | None = None,
) -> FastAPI:
    """The service for one store directory. ``encoder``: a loaded model to share (tests); default: the
    store config's model, loaded once (at start with ``preload_model``, else on the first POST); ``preload_model``
    also reads into memory what the writer keeps there (``Ingestor.warm``), else the first POST does, and then
    keeps it out of the garbage collector's walks (``heap.settle_heap``, undone at shutdown).
    ``quotes``: ``GET /stories?speaker=`` is applied (False: ignored, and the answer says so).
    ``create=False``: a missing store is an error (``cluster serve``). ``token``: required as a bearer
    token on every route but /health. ``host``/``allowed_hosts``: the ``Host`` names answered besides
    the loopback names (guard.py). ``announce``: told what the start-up is doing (``cluster serve`` prints it on
    stderr: reading a 20,000-article store into memory takes half a minute or more on two cores)."""
    ingestor = Ingestor(Path(store_dir), config, encoder=encoder, settings=settings, create=create)
    ingestor.encoder = SerialEncoder(ingestor.encoder)
    gate = GroupsGate()
    reader = Reader(Path(store_dir), speakers=quotes, gate=gate)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        heap = await _warm_up(ingestor, announce or (lambda _line: None)) if preload_model else None
        app.state.worker = BatchWorker(ingestor, gate=gate)
        task = asyncio.create_task(app.state.worker.run())
        try:
            yield
        finally:
            task.cancel()
            with app.state.worker.busy:  # a batch being written finishes (or was never started)
                ingestor.close()
            reader.close()
            release_heap(heap)

    app = FastAPI(
        title="news-cluster",
        version="1.0",
        description="Duplicate passages and stable story clusters over a persistent store of news articles.",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: they fail offline and widen the
        redoc_url=None,  # attack surface; the description stays at /openapi.json
    )
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    if token:
        app.add_middleware(BearerToken, token=token)
    app.add_middleware(HostCheck, names=allowed_names(host, allowed_hosts))  # outermost: checked first
    app.state.ingestor, app.state.reader = ingestor, reader
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    return app
