"""The pipeline as named stages, each timed: load -> segment -> embed -> duplicates -> stories -> quotes.

Data moves one way; each stage receives the dataclasses of the previous ones and nothing else.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cluster.config import Config
from cluster.documents import Article, Passage, SkippedInput
from cluster.duplicates.groups import find_duplicate_groups
from cluster.embed import Encoder, LazyEncoder, embed_texts, open_embedding_cache
from cluster.ingest.readers import load_corpus
from cluster.quotes.stage import find_quotes
from cluster.result import Result
from cluster.segment.stage import segment_articles
from cluster.stories.bodies import article_bodies
from cluster.stories.clustering import cluster_stories
from cluster.stories.signals import build_signals, paragraph_links


class NoArticlesError(ValueError):
    """The corpus held no readable article: nothing to cluster."""

    def __init__(self, message: str, skipped: list[SkippedInput]) -> None:
        super().__init__(message)
        self.skipped = skipped


class Stopwatch:
    """Wall time per named stage, in order."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


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
    encoder = LazyEncoder.for_model(config.model) if encoder is None else encoder
    with watch.stage("load"):
        if isinstance(corpus, list):
            articles, skipped, notices = list(corpus), [], []
        else:
            readout = load_corpus(Path(corpus), max_file_bytes=config.max_file_bytes, limits=config.ingest)
            articles, skipped, notices = readout.articles, readout.skipped, readout.notices
    if not articles:
        where = corpus if not isinstance(corpus, list) else "the given list"
        raise NoArticlesError(f"{where}: no readable article ({len(skipped)} input(s) skipped)", skipped)

    with watch.stage("segment"):
        segments, units = segment_articles(articles, config)

    with watch.stage("embed"):
        vectors, model_name = _embed(units, config, encoder, progress_console)

    with watch.stage("duplicates"):
        texts = {a.id: a.text for a in articles}
        groups = find_duplicate_groups(units, vectors, texts, config.duplicates)

    with watch.stage("stories"):
        bodies = article_bodies(articles, segments, units, vectors)
        signals = build_signals(bodies, paragraph_links(groups), config.stories)
        stories = cluster_stories(bodies, signals, config.stories)

    with watch.stage("quotes"):
        quotes = find_quotes(articles, segments, config, encoder)

    return Result(
        articles=articles,
        segments=segments,
        groups=groups,
        stories=stories,
        skipped=skipped,
        notices=notices,
        model=model_name,
        config=config,
        timings=watch.timings,
        passages=len(units),
        signals=signals,
        units=units,
        vectors=vectors,
        quotes=quotes,
    )


def _embed(
    units: list[Passage], config: Config, encoder: Encoder, console: Console | None
) -> tuple[np.ndarray, str]:
    name = config.model
    cache = open_embedding_cache(config)
    try:
        with _progress(console) as bar:
            task = bar.add_task(f"Embedding {len(units)} passages ({name})", total=len(units))
            vectors = embed_texts(
                encoder,
                [u.text for u in units],
                batch_size=config.batch_size,
                cache=cache,
                progress=lambda k: bar.advance(task, k),
            )
    finally:
        if cache is not None:
            cache.close()
    return vectors, name


