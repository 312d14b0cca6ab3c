"""The segment stage as the pipeline and the store both run it: classified segments, passages to embed,
and the headline of every page whose site template was learned (its first line may be the outlet's
name, which ingest took as the title)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from cluster.config import Config
from cluster.documents import Article, Passage, Segment
from cluster.segment import boilerplate as bp
from cluster.segment.paragraphs import passages as make_passages
from cluster.segment.paragraphs import segment_corpus, split_paragraphs
from cluster.segment.templates import SiteTemplates, classify_templated, learn_templates


@dataclass(frozen=True)
class SegmentedPages:
    segments: dict[str, list[Segment]]
    units: list[Passage]
    headlines: dict[str, str]
    """Article id -> its own headline, where the title read at ingest is site furniture."""
    templates: SiteTemplates

    def unpacked(self, articles: list[Article]) -> tuple[dict[str, list[Segment]], list[Passage], list[Article]]:
        """Segments, passages and the retitled articles, as the pipeline's next stages take them."""
        return self.segments, self.units, self.retitled(articles)

    def retitled(self, articles: list[Article]) -> list[Article]:
        """The articles with furniture titles replaced by their headlines."""
        return [replace(a, title=self.headlines[a.id]) if a.id in self.headlines else a for a in articles]


def segment_pages(articles: list[Article], config: Config, only: Collection[str] | None = None) -> SegmentedPages:
    """Segments with each site's template marked as boilerplate, passages, and corrected headlines.

    ``only``: the articles to segment; the others are context (the store's latest articles beside a batch),
    read for the site templates and repeated lines they show, and not segmented or cut into passages (0.3-0.4 s
    of every add of 10 beside 100 stored articles went to those)."""
    spans = {a.id: split_paragraphs(a) for a in articles}
    texts = {a.id: [a.text[s:e] for s, e in spans[a.id]] for a in articles}
    learned = learn_templates(articles, texts, config.segment)
    segments = segment_corpus(articles, repeated_line_min_articles=config.segment.repeated_line_min_articles,
                              only=only)
    repeated = bp.repeated_lines([t[1:] for t in texts.values()], config.segment.repeated_line_min_articles)
    headlines: dict[str, str] = {}
    articles = articles if only is None else [a for a in articles if a.id in only]
    for a in articles:
        if a.id not in learned.template:
            continue
        head = learned.headline[a.id]
        segments[a.id] = classify_templated(a.id, texts[a.id], spans[a.id], a.lang, repeated,
                                            learned.template[a.id], head)
        if head is not None and _title_is_furniture(a.title, texts[a.id], learned.template[a.id], head):
            headlines[a.id] = texts[a.id][head]
    units: list[Passage] = []
    for article in articles:
        units += make_passages(
            segments[article.id],
            article.lang,
            max_window_words=config.segment.max_window_words,
            min_sentence_words=config.segment.min_sentence_words,
            max_word_chars=config.ingest.max_word_chars,
        )
    return SegmentedPages(segments, units, headlines, learned)


def segment_articles(articles: list[Article], config: Config) -> tuple[dict[str, list[Segment]], list[Passage]]:
    """Each article's classified segments, and the passages (paragraphs and sentence windows) to embed."""
    pages = segment_pages(articles, config)
    return pages.segments, pages.units


def _title_is_furniture(title: str, texts: list[str], template: frozenset[int], head: int) -> bool:
    """Whether the title read at ingest is a template line or a line above the headline (a record's own
    title field, when it is not furniture, is kept)."""
    key = bp.line_key(title.rstrip("…"))
    if not key:
        return True
    return any(bp.line_key(texts[i]).startswith(key) for i in sorted(template | set(range(head))))
