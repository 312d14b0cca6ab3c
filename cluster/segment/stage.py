"""The segment stage as the pipeline and the store both run it: classified segments and passages to embed."""

from __future__ import annotations

from cluster.config import Config
from cluster.documents import Article, Passage, Segment
from cluster.segment.paragraphs import passages as make_passages
from cluster.segment.paragraphs import segment_corpus


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
            max_word_chars=config.ingest.max_word_chars,
        )
    return segments, units
