"""The quote stage as the pipeline and the store both run it: extract, attribute, match across articles."""

from __future__ import annotations

from cluster.config import Config
from cluster.documents import Article, Segment
from cluster.embed import Encoder, open_embedding_cache
from cluster.gcpause import without_gc
from cluster.parallel import Pending, start_in_runs
from cluster.quotes.chooser import attributed_quotes
from cluster.quotes.extract import Quote
from cluster.quotes.matching import QuoteResult, QuoteSettings, match_quotes


def start_attribution(articles: list[Article], segments: dict[str, list[Segment]], workers: int) -> Pending[Quote]:
    """Extraction and attribution of every article, started in ``workers`` forked processes that run beside
    the caller until ``find_quotes`` collects them (``parallel.start_in_runs``; with one worker, nothing is
    started and the work is done there). The workers pause the collector too: one running with the parent's
    heap would walk, and so copy, every object the fork shares."""
    return start_in_runs(without_gc(lambda part: attributed_quotes(part, segments)), articles, workers)


@without_gc
def find_quotes(
    articles: list[Article], segments: dict[str, list[Segment]], config: Config, encoder: Encoder,
    workers: int = 1, *, started: Pending[Quote] | None = None,
) -> QuoteResult:
    """Quotes of every article, attributed, and grouped across articles and languages.

    Uses the run's encoder and embedding cache, so a quote already embedded as a passage (a sentence
    window is often exactly the quote) costs nothing, and a re-run embeds nothing.

    The cyclic collector is paused (``gcpause``): the stage allocates millions of short-lived tokens and
    quotes, freed by reference counting, and each burst set off a collection that walked every object of
    the run alive before it (13-14% of the stage's CPU at 37k-100k passages, none at 3k).

    ``workers``: processes for extraction and attribution, which read one article at a time
    (``parallel.map_in_runs``: the same quotes in the same order), unless ``started`` already runs them
    (``start_attribution``); matching across articles runs here.
    """
    quotes = (started or start_attribution(articles, segments, workers)).result()
    cache = open_embedding_cache(config)
    try:
        return match_quotes(
            quotes,
            encoder,
            QuoteSettings.from_config(config),
            cache=cache,
            batch_size=config.batch_size,
        )
    finally:
        if cache is not None:
            cache.close()
