"""What the HTTP service accepts and answers, as pydantic models (the OpenAPI description comes from them).

A posted article is an ingest record (``cluster.ingest.records.ArticleRecord``: same fields, same
defaults as a line of a JSONL file) plus the limits a server needs. Answers use the field names of
``cluster run --format json`` (docs/output.md); the models of its parts (articles, stories) allow
extra keys so that a field added to the contract reaches clients without a change here.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator

from cluster.ingest.records import ARTICLE_LIMITS, ArticleRecord, record_problem

MAX_TEXT_CHARS = ARTICLE_LIMITS.max_article_chars
"""Longest article text accepted (characters): the ingest cap (``Config.ingest``), refused with 422 here
rather than cut, since a client can split and resend; the paragraph cap cuts, with a notice."""
MAX_BATCH = 500
"""Most articles in one POST."""
MAX_BODY_BYTES = 16 * 1024 * 1024
"""Largest request body; larger ones are refused with 413 before they are parsed."""
MAX_PAGE = 500
MAX_DATE_CHARS = 100
MIN_TEXT_LETTERS = 3
"""Letters (any script) a posted text must hold: a text of NULs, bidi marks, zero-width characters,
digits or diacritics alone is not an article, and would otherwise become a story of its own."""
REFUSED_IN_IDS = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
"""Unicode categories an id may not hold: controls (C0, DEL, C1 such as NEL), format characters (bidi
controls U+202A-202E and U+2066-2069, zero-width characters, the BOM), surrogates, private-use and
unassigned code points, line and paragraph separators. Ids are shown to people and in logs: an id
with U+202E displays reversed, one with a zero-width space looks like another id."""

POSTED_FROM = "POST /articles"
"""The ``path`` of a posted article (where messages say it came from)."""


class ArticleIn(ArticleRecord):
    """One posted article: the fields of a JSONL record (docs/output.md), read the same way."""

    id: str = Field(min_length=1, max_length=300, description="Unique id; a number is taken as its text.")
    title: str = Field("", max_length=2_000, description="Default: the first non-empty line of the text.")
    text: str = Field(max_length=MAX_TEXT_CHARS, description="The article text, kept exactly as given.")
    url: Optional[str] = Field(None, max_length=4_000)
    source: Optional[str] = Field(None, max_length=300, description="The outlet.")
    lang: str = Field("", max_length=16, description="ISO 639-1 code; default: detected from the script.")

    @field_validator("id")
    @classmethod
    def _printable_id(cls, value: str) -> str:
        bad = next((c for c in value if unicodedata.category(c) in REFUSED_IN_IDS), None)
        if bad is not None:
            raise record_problem(f"'id' must be printable (no control, bidi or zero-width characters; "
                                 f"found U+{ord(bad):04X})")
        return value

    @field_validator("text")
    @classmethod
    def _has_letters(cls, value: str) -> str:
        if sum(1 for c in value if unicodedata.category(c).startswith("L")) < MIN_TEXT_LETTERS:
            raise record_problem(f"'text' has fewer than {MIN_TEXT_LETTERS} letters (controls, bidi marks, "
                                 "zero-width characters, digits and diacritics do not count)")
        return value

    @field_validator("date")
    @classmethod
    def _short_date(cls, value: Any) -> Any:
        if isinstance(value, str) and len(value) > MAX_DATE_CHARS:
            raise record_problem(f"'date' is longer than {MAX_DATE_CHARS} characters")
        return value


ONE_ARTICLE, ARTICLE_LIST = "article", "articles"
"""Tags of the two shapes of a POST body (they appear in validation error locations)."""


def _body_shape(body: Any) -> str:
    return ARTICLE_LIST if isinstance(body, list) else ONE_ARTICLE


PostBody = Annotated[
    Union[Annotated[ArticleIn, Tag(ONE_ARTICLE)], Annotated[list[ArticleIn], Tag(ARTICLE_LIST)]],
    Discriminator(_body_shape),
]
"""One article or a list; the body's shape picks the branch, so errors are about that branch only."""


class ErrorOut(BaseModel):
    error: str
    detail: Optional[list[dict[str, Any]]] = Field(None, description="Validation errors (first 20).")


DUPLICATE_IN_BATCH = "duplicate_in_batch"
"""Status of a repeated id in one POST: the first occurrence is the one stored."""


class ArticleStatusOut(BaseModel):
    id: str
    status: Literal["added", "replaced", "unchanged", "duplicate_in_batch"] = Field(
        description="duplicate_in_batch: the id came earlier in the same request; this item was not stored.")
    story: Optional[str]


class PostedOut(BaseModel):
    articles: list[ArticleStatusOut]
    total: int
    notices: list[str] = Field(
        default_factory=list, description="Present when a posted value was dropped (an unparseable date)."
    )


class ArticleFields(BaseModel):
    """What every view of a stored article starts with, in the contract's key order."""

    id: str
    title: str
    date: Optional[str]
    lang: str
    source: Optional[str]
    url: Optional[str]


class ArticleSummary(ArticleFields):
    story: Optional[str]


class ArticlePage(BaseModel):
    articles: list[ArticleSummary]
    total: int
    offset: int
    limit: int
    revision: int


class SegmentOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    index: int
    kind: Literal["body", "boilerplate", "related"]
    text: str
    start: int
    end: int


class ArticleDetail(ArticleFields):
    """The article as in the JSON contract, with its story, searchable passages and duplicate groups."""

    model_config = ConfigDict(extra="allow")
    segments: list[SegmentOut]
    story: Optional[str]
    indexed_passages: int
    duplicate_groups: list[dict[str, Any]] = Field(description="Duplicate groups as in the JSON contract.")


class StoryOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    label: str
    keywords: list[str]
    articles: list[str]
    central_article: str
    first_date: Optional[str]
    last_date: Optional[str]
    evidence: list[str]


class StoryPage(BaseModel):
    stories: list[StoryOut]
    total: int
    offset: int
    limit: int
    ignored_filters: list[str] = Field(description="Filters this service cannot apply (speaker without quotes).")
    revision: int


class HistoryEventOut(BaseModel):
    at: str
    event: str
    story: str
    other: Optional[str]
    reason: str
    articles: list[str]


class StoryDetail(StoryOut):
    members: list[ArticleSummary]
    evidence_groups: list[dict[str, Any]] = Field(description="The duplicate groups named in ``evidence``.")
    history: list[HistoryEventOut]
    resolved_from: Optional[str] = Field(None, description="Present when an old id was asked for.")


class DuplicatePage(BaseModel):
    duplicate_groups: list[dict[str, Any]]
    total: int
    offset: int
    limit: int
    revision: int
    listing_revision: Optional[int] = None
    """The revision the list of groups reflects (the whole list, without ``article``): behind ``revision``
    for the moment after a POST's answer while the writer forms the batch's groups (docs/service.md)."""


class LimitsOut(BaseModel):
    max_text_chars: int
    max_batch: int
    max_body_bytes: int


class HealthOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    status: str
    articles: int
    passages: int
    matches: int
    stories: int
    generation: int
    revision: int
    listing_revision: Optional[int] = None
    index_size: int
    model: str
    batches: int
    largest_batch: int
    limits: LimitsOut
