"""The pipeline as named stages, each timed: load -> segment -> embed -> duplicates -> stories -> quotes.

Data moves one way; each stage receives the dataclasses of the previous ones and nothing else.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cluster.config import Config
from cluster.documents import Article, Passage, Segment, SegmentKind, SkippedInput
from cluster.duplicates.groups import DuplicateGroup, find_duplicate_groups
from cluster.embed import EmbeddingCache, Encoder, embed_texts
from cluster.ingest.readers import load_corpus
from cluster.quotes.matching import QuoteResult, QuoteSettings, match_quotes
from cluster.quotes.extract import extract_quotes
from cluster.segment.paragraphs import passages as make_passages
from cluster.segment.paragraphs import segment_corpus
from cluster.stories.clustering import ArticleSignals, StoryResult, build_signals, cluster_stories


class NoArticlesError(ValueError):
    """The corpus held no readable article: nothing to cluster."""

    def __init__(self, message: str, skipped: list[SkippedInput]) -> None:
        super().__init__(message)
        self.skipped = skipped


@dataclass
class Result:
    """Everything a report shows; offsets refer to ``Article.text``."""

    articles: list[Article]
    segments: dict[str, list[Segment]]
    groups: list[DuplicateGroup]
    stories: StoryResult
    skipped: list[SkippedInput]
    notices: list[str]
    model: str
    config: Config
    timings: dict[str, float] = field(default_factory=dict)
    passages: int = 0
    signals: ArticleSignals | None = None
    """The pairwise article signals the stories were cut from (kept for calibration)."""
    units: list[Passage] | None = None
    vectors: np.ndarray | None = None
    """The embedded passages and their vectors (kept for calibration and benchmarks)."""
    quotes: QuoteResult | None = None
    """Quotes found in the articles, their speakers, and the groups of the same quote across articles."""

    @property
    def article_index(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}

    @property
    def duplicate_pairs(self) -> int:
        return sum(len(g.pairs) for g in self.groups)


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
            readout = load_corpus(Path(corpus), max_file_bytes=config.max_file_bytes)
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
        body_texts, body_vectors, lead_vectors, body_counts = article_bodies(articles, segments, units, vectors)
        signals = build_signals(
            articles, body_texts, body_vectors, lead_vectors, body_counts, groups, config.stories
        )
        stories = cluster_stories(articles, signals, body_texts, config.stories)

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


def find_quotes(
    articles: list[Article], segments: dict[str, list[Segment]], config: Config, encoder: Encoder
) -> QuoteResult:
    """Quotes of every article, attributed, and grouped across articles and languages.

    Uses the run's encoder and embedding cache, so a quote already embedded as a passage (a sentence
    window is often exactly the quote) costs nothing, and a re-run embeds nothing.
    """
    quotes = extract_quotes(articles, segments)
    cache = open_embedding_cache(config)
    try:
        return match_quotes(
            quotes,
            encoder,
            QuoteSettings.from_duplicates(config.duplicates),
            cache=cache,
            batch_size=config.batch_size,
        )
    finally:
        if cache is not None:
            cache.close()


def open_embedding_cache(config: Config) -> EmbeddingCache | None:
    """The run's on-disk embedding cache (None with caching off); one per model id, shared by every stage
    and by the store, so no text is embedded twice."""
    import models

    if not config.cache_embeddings:
        return None
    directory = config.cache_dir or models.cache_dir() / "embeddings"
    return EmbeddingCache(directory, models.model_id(config.model))


def segment_articles(articles: list[Article], config: Config) -> tuple[dict[str, list[Segment]], list[Passage]]:
    """Each article's classified segments, and the passages (paragraphs and sentence windows) to embed."""
    segments = segment_corpus(articles, repeated_line_min_articles=config.segment.repeated_line_min_articles)
    units: list[Passage] = []
    for article in articles:
        units += make_passages(
            segments[article.id],
            article.lang,
            max_window_words=config.segment.max_window_words,
            min_sentence_words=config.segment.min_sentence_words,
        )
    return segments, units


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


class LazyEncoder:
    """Loads the model on the first ``encode``: when the cache holds every passage (a re-run on the same
    corpus) the model, and torch's start-up with it, is never paid for."""

    def __init__(self, load: Callable[[], Encoder]) -> None:
        self._load = load
        self._model: Encoder | None = None

    @classmethod
    def for_model(cls, name: str) -> LazyEncoder:
        """A known model name or a model directory, loaded by ``models.load_encoder`` when first used."""
        import models

        return cls(lambda: models.load_encoder(name))

    def encode(self, sentences: list[str], **kwargs: object) -> np.ndarray:
        if self._model is None:
            self._model = self._load()
        return self._model.encode(sentences, **kwargs)


def article_bodies(
    articles: list[Article],
    segments: dict[str, list[Segment]],
    units: list[Passage],
    vectors: np.ndarray,
) -> tuple[list[str], np.ndarray, np.ndarray, list[int]]:
    """Each article's own body: its text, mean paragraph embedding, lead embedding, paragraph count.

    Related stories and boilerplate are left out so that a "read also" block does not pull its host
    into another story. An article with no body paragraph falls back to all it has.
    """
    rows: dict[str, list[int]] = {a.id: [] for a in articles}
    fallback: dict[str, list[int]] = {a.id: [] for a in articles}
    for i, unit in enumerate(units):
        if unit.whole_paragraph:
            fallback[unit.article_id].append(i)
            if unit.kind is SegmentKind.BODY:
                rows[unit.article_id].append(i)
    dim = vectors.shape[1] if vectors.size else 1
    means = np.zeros((len(articles), dim), dtype=np.float32)
    leads = np.zeros((len(articles), dim), dtype=np.float32)
    texts, counts = [], []
    for k, article in enumerate(articles):
        body = [s for s in segments[article.id] if s.kind is SegmentKind.BODY]
        texts.append("\n\n".join(s.text for s in body) or article.title)
        counts.append(len(body))
        chosen = rows[article.id] or fallback[article.id]
        if chosen:
            mean = vectors[chosen].mean(axis=0)
            means[k] = mean / max(float(np.linalg.norm(mean)), 1e-12)
            leads[k] = vectors[chosen[0]]
    return texts, means, leads, counts
