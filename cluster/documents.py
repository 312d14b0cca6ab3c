"""The data model every stage shares: articles, their segments, and the passages that get matched.

Offsets always point into ``Article.text`` as read (a file's decoded content, a record's ``text``), so
any passage can be shown in context and checked by slicing: ``article.text[start:end] == text``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum


class SegmentKind(str, Enum):
    """What a paragraph is to its article.

    ``body`` is the article's own story; ``boilerplate`` is page furniture (navigation, bylines,
    captions, share buttons, subscription notices) and is never embedded nor reported;
    ``related`` is another story embedded in the page ("read also" blocks): excluded from the host's
    story but still matched for duplicates, because such blocks are often copies of other articles.
    """

    BODY = "body"
    BOILERPLATE = "boilerplate"
    RELATED = "related"


@dataclass(frozen=True)
class Article:
    """One news article as read from the corpus."""

    id: str
    """Record id for JSON/JSONL/CSV input; path relative to the corpus root (POSIX) for files."""
    title: str
    text: str
    date: dt.date | None = None
    lang: str = "und"
    """ISO 639-1 code: the record's own, else detected from the script of the text."""
    source: str | None = None
    url: str | None = None
    path: str = ""
    """The file the article came from (for messages)."""


@dataclass(frozen=True)
class SkippedInput:
    """A file or record that could not be read; the run goes on without it."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Segment:
    """A paragraph of an article, classified."""

    article_id: str
    index: int
    """Position of the paragraph in its article, from 0."""
    kind: SegmentKind
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Passage:
    """A span that gets embedded and matched: a whole paragraph, or a sentence window inside one.

    Long paragraphs are also cut into sentence windows so that a quote inside them can be matched on
    its own; both granularities are matched and the duplicate stage keeps the best-fitting span.
    """

    article_id: str
    segment_index: int
    kind: SegmentKind
    text: str
    start: int
    end: int
    lang: str
    whole_paragraph: bool

    @property
    def length(self) -> int:
        return self.end - self.start
