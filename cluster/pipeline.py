"""The pipeline as named stages, each timed: load -> segment -> embed -> duplicates -> stories -> quotes.

Data moves one way; each stage receives the dataclasses of the previous ones and nothing else.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cluster.config import Config
from cluster.documents import Article, Passage, Segment, SkippedInput
from cluster.gcpause import paused_gc
from cluster.ingest.readers import FileReader, load_corpus
from cluster.memory import release_free_heap
from cluster.rendered import RenderedView, Views
from cluster.stage_cache import RunCache, run_key

if TYPE_CHECKING:  # the stages are imported where they run: a re-run served by the run cache needs none
    from cluster.duplicates.groups import CandidateSearch
    from cluster.duplicates.matches import DuplicateGroup
    from cluster.embed import Encoder
    from cluster.report.contract import Report
    from cluster.result import Result
    from cluster.stories.describe import StoryResult
    from cluster.stories.signals import ArticleSignals


class NoArticlesError(ValueError):
    """The corpus held no readable article: nothing to cluster."""

    def __init__(self, message: str, skipped: list[SkippedInput]) -> None:
        super().__init__(message)
        self.skipped = skipped


EmbedFn = Callable[[list[Passage], Config, "Encoder", "Console | None"], np.ndarray]
"""Vectors of passages in order (the local embed stage, or Ray Data actors)."""


@dataclass(frozen=True)
class Backend:
    """Where the two heavy steps run: embedding and the neighbour search. The local defaults run here;
    an engine (cluster/engines) swaps in its own and every other stage stays the same code."""

    embed: EmbedFn | None = None
    search: CandidateSearch | None = None
    forks: bool = True
    """Whether per-article work may run in forked processes (``parallel``); an engine whose driver holds
    threads of its own runtime (Ray's gRPC) says no, and that work runs in the driver."""


class Stopwatch:
    """Wall time per named stage, in order, and this process's CPU time per stage (all its threads): on a
    shared machine the CPU time is what other jobs disturb least, so the benchmark reports both. And the
    process's peak memory when each stage ends: a high-water mark, so the stage where it rises is the
    stage that holds the memory."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.peak_mb: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start, cpu = time.perf_counter(), cpu_seconds()
        try:
            yield
        finally:
            self.peak_mb[name] = peak_rss_mb()
            release_free_heap()  # the next stage starts from what is held, not from this one's freed pages
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start
            self.cpu[name] = self.cpu.get(name, 0.0) + cpu_seconds() - cpu


def cpu_seconds() -> float:
    """CPU time of this process's threads and of its finished worker processes (``parallel``): a stage that
    forks workers is charged for their work too."""
    times = os.times()
    return time.process_time() + times.children_user + times.children_system


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (``ru_maxrss`` is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _progress(console: Console | None) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console or Console(stderr=True),
        transient=True,
        disable=console is None,
    )


def run_pipeline(
    corpus: Path | list[Article],
    config: Config,
    *,
    encoder: Encoder | None = None,
    progress_console: Console | None = None,
) -> Result:
    """Run every stage on a corpus directory/file (or already loaded articles).

    ``encoder`` defaults to ``config.model`` loaded from ``models``; pass one to reuse a loaded model.
    ``progress_console`` (stderr) shows progress bars; None keeps the run silent.
    """
    watch = Stopwatch()
    articles, skipped, notices = load_articles(corpus, config, watch)
    return run_loaded(articles, skipped, notices, config, watch, encoder=encoder, progress_console=progress_console)


def load_articles(
    corpus: Path | list[Article], config: Config, watch: Stopwatch, reader: FileReader | None = None
) -> tuple[list[Article], list[SkippedInput], list[str]]:
    """The load stage: articles, skipped inputs and notices; NoArticlesError when nothing is readable.
    ``reader``: another way to read some files (the Ray engine's Ray Data readers)."""
    with watch.stage("load"):
        if isinstance(corpus, list):
            articles, skipped, notices = list(corpus), [], []
        else:
            readout = load_corpus(Path(corpus), max_file_bytes=config.max_file_bytes, limits=config.ingest,
                                  reader=reader)
            articles, skipped, notices = readout.articles, readout.skipped, readout.notices
    if not articles:
        where = corpus if not isinstance(corpus, list) else "the given list"
        raise NoArticlesError(f"{where}: no readable article ({len(skipped)} input(s) skipped)", skipped)
    return articles, skipped, notices


def run_loaded(
    articles: list[Article],
    skipped: list[SkippedInput],
    notices: list[str],
    config: Config,
    watch: Stopwatch,
    *,
    encoder: Encoder | None = None,
    progress_console: Console | None = None,
    backend: Backend = Backend(),
    keep_internals: bool = True,
) -> Result:
    """Every stage after loading. ``keep_internals``: the Result holds the story signals and passage vectors (for
    calibration); a run that renders views lets them go before the quote stage (~1.1 GB at 300k passages)."""
    from cluster.embed import LazyEncoder
    from cluster.parallel import worker_count
    from cluster.quotes.stage import find_quotes, start_attribution
    from cluster.result import Result
    from cluster.segment.stage import segment_pages

    encoder = LazyEncoder.for_model(config.model) if encoder is None else encoder
    embed = backend.embed or _embed
    with watch.stage("segment"):
        segments, units, articles = segment_pages(articles, config).unpacked(articles)

    with watch.stage("embed"):
        vectors = embed(units, config, encoder, progress_console)

    # Quote extraction and attribution read one article at a time and nothing the next stages make: started here
    # in forked workers, they run on the cores that the duplicate and story stages' Python leaves idle.
    attribution = start_attribution(articles, segments, worker_count(config.scale.workers, len(articles))
                                    if backend.forks else 1)
    try:
        # The duplicate and story stages make millions of small objects and no reference cycles worth collecting
        # early: each collection walked them all (14% of the duplicate stage's CPU on the 30k bench corpus).
        with watch.stage("duplicates"), paused_gc():
            found, vectors, aligned = _with_aligned_units(articles, segments, vectors, config, encoder)
            groups = _duplicates(articles, units + found, vectors, aligned, config, backend.search)
            vectors = vectors[: len(units)]

        with watch.stage("stories"), paused_gc():
            signals, stories = _stories(articles, segments, units, vectors, groups, config)
        if not keep_internals:
            signals, vectors = None, None

        with watch.stage("quotes"):
            quotes = find_quotes(articles, segments, config, encoder, started=attribution)
    finally:
        attribution.close()

    return Result(articles=articles, segments=segments, groups=groups, stories=stories, skipped=skipped,
                  notices=notices, model=config.model, config=config, timings=watch.timings, passages=len(units),
                  signals=signals, units=units, vectors=vectors, quotes=quotes)


def _stories(
    articles: list[Article], segments: dict[str, list[Segment]], units: list[Passage], vectors: np.ndarray,
    groups: list[DuplicateGroup], config: Config,
) -> tuple[ArticleSignals, StoryResult]:
    """The story stage: article bodies, their pairwise signals, stories. The bodies (a copy of every body's
    text and paragraphs) are let go here, before the quote stage runs."""
    from cluster.stories.bodies import article_bodies
    from cluster.stories.clustering import cluster_stories
    from cluster.stories.signals import paragraph_links, story_signals

    bodies = article_bodies(articles, segments, units, vectors)
    signals = story_signals(bodies, paragraph_links(groups), config.stories)
    return signals, cluster_stories(bodies, signals, config.stories)


def _duplicates(
    articles: list[Article], passages: list[Passage], table: np.ndarray, aligned: list[tuple[int, int]],
    config: Config, search: CandidateSearch | None = None,
) -> list[DuplicateGroup]:
    """Duplicate groups of the passages (rows of ``table``), aligned spans included."""
    from cluster.duplicates.groups import find_duplicate_groups

    texts = {a.id: a.text for a in articles}
    return find_duplicate_groups(passages, table, texts, config.duplicates, aligned, search=search)


def _with_aligned_units(
    articles: list[Article], segments: dict[str, list[Segment]], vectors: np.ndarray, config: Config,
    encoder: Encoder,
) -> tuple[list[Passage], np.ndarray, list[tuple[int, int]]]:
    """Reused spans found lexically inside longer text, embedded, as extra passages and index pairs; and the
    table of every passage's vector with theirs below. The caller lets its own ``vectors`` go for the table:
    holding both through the duplicate stage cost 600 MB at 300k passages."""
    from cluster.duplicates.align import aligned_span_pairs

    pairs = aligned_span_pairs(articles, segments, config.duplicates)
    found = [p for pair in pairs for p in (pair.a, pair.b)]
    if not found:
        return [], vectors, []
    found_vectors = _embed(found, config, encoder, None).astype(vectors.dtype)
    n = len(vectors)
    return found, np.vstack([vectors, found_vectors]), [(n + 2 * k, n + 2 * k + 1) for k in range(len(pairs))]


def _embed(units: list[Passage], config: Config, encoder: Encoder, console: Console | None) -> np.ndarray:
    from cluster.embed import embed_with_config

    with _progress(console) as bar:
        task = bar.add_task(f"Embedding {len(units)} passages ({config.model})", total=len(units))
        return embed_with_config(encoder, [u.text for u in units], config, progress=lambda k: bar.advance(task, k))




VIEWS = ("text", "json")
"""What ``cluster run`` prints: the text report, or the JSON contract (also the source of HTML and CSV)."""


@dataclass
class RunOutputs:
    """The rendered reports of one run, fresh or served by the run cache (``result`` is None then).
    ``views`` are held compressed: ``views["json"]`` reads one whole, ``views.view("json").write`` streams it."""

    views: Views
    skipped: list[SkippedInput]
    result: Result | None
    timings: dict[str, float]
    contract: Report | None = None
    """The Report the views were rendered from, when this process rendered them."""
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds per stage (Stopwatch.cpu)
    peak_mb: dict[str, float] = field(default_factory=dict)  # peak memory at each stage's end (Stopwatch.peak_mb)

    @property
    def cached(self) -> bool:
        return self.result is None

    def report(self) -> Report:
        """The contract the JSON view was written from: the one this run built, else read back (and validated)
        from the cached JSON view. Reading back a fresh run's JSON took longer than rendering the HTML from it
        (1.7 s on the 30k bench corpus), for the same Report."""
        if self.contract is not None:
            return self.contract
        from cluster.report.contract import Report

        return Report.model_validate_json(self.views["json"])


def run_views(
    corpus: Path | list[Article],
    config: Config,
    views: Iterable[str],
    *,
    encoder: Encoder | None = None,
    progress_console: Console | None = None,
) -> RunOutputs:
    """The asked ``views`` of a run, served from the run cache when the input and settings are unchanged.

    A hit costs the load stage and one lookup; a miss runs every stage and stores what it rendered.
    """
    views = list(dict.fromkeys(views))
    watch = Stopwatch()
    articles, skipped, notices = load_articles(corpus, config, watch)
    cache = RunCache.open(config)
    try:
        key, found = "", None
        if cache is not None:
            with watch.stage("cache"):
                key = run_key(articles, skipped, notices, config)
                found = cache.get(key, views)
        if found is not None:
            return RunOutputs(found, skipped, None, watch.timings, cpu=watch.cpu, peak_mb=watch.peak_mb)
        result = run_loaded(articles, skipped, notices, config, watch, encoder=encoder,
                            progress_console=progress_console, keep_internals=False)  # no view reads them
        with watch.stage("report"):
            contract, rendered = contract_and_views(result, views)
        if cache is not None:
            with watch.stage("cache"):
                cache.put(key, rendered)
    finally:
        if cache is not None:
            cache.close()
    return RunOutputs(rendered, skipped, result, watch.timings, contract=contract, cpu=watch.cpu,
                      peak_mb=watch.peak_mb)


def render_views(result: Result, views: Iterable[str]) -> Views:
    """Each view as ``cluster run`` prints it (the JSON is the contract's, indented)."""
    return contract_and_views(result, views)[1]


def contract_and_views(result: Result, views: Iterable[str]) -> tuple[Report, Views]:
    """The contract of a run and each view rendered from it, compressed as it is rendered: the JSON a piece
    at a time (``json_view``), so that no view is ever whole in memory (cluster/rendered.py)."""
    views = list(views)
    unknown = [view for view in views if view not in VIEWS]
    if unknown:
        raise ValueError(f"unknown view {unknown[0]!r} (known: {', '.join(VIEWS)})")
    from cluster.report.contract import Report
    from cluster.report.json_pieces import json_view
    from cluster.report.terminal import render_report_text

    report = Report.from_result(result, diffs="json" in views)  # both views read it, built once
    out: dict[str, RenderedView] = {}
    for view in views:
        if view == "text":
            out[view] = RenderedView.of_text(render_report_text(report))
        else:
            out[view] = json_view(report)
    return report, Views(out)
