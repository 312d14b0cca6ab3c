"""The JSON contract of ``cluster run --format json`` as one set of pydantic models (docs/output.md).

The same models build the output from a run (``Report.from_result``), check a saved file before a view
reads it (``Report.model_validate``), give the HTML page and the CSV tables typed attributes to read, and
generate ``docs/report.schema.json`` (``python -m cluster.report.contract --write-schema``): the contract
is written once, so the output, the checks and the documented schema cannot drift apart. Field order is
the key order of the JSON, and optional keys a run leaves out (``diff``, ``part``) stay out of a dump.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, WrapSerializer

from cluster.documents import Article, Segment
from cluster.duplicates.lexical import MatchType
from cluster.duplicates.matches import DuplicateGroup
from cluster.gcpause import without_gc
from cluster.report.contract_base import (
    ArticleId,
    ContractModel,
    Count,
    Date,
    DiffOpOut,
    GroupId,
    Lang,
    MatchTypeName,
    Offset,
    Seconds,
    SegmentKindName,
    Share,
    Similarity,
    StoryId,
    StorylineId,
    absent_when_none,
    iso,
    optional_diff,
    trusted,
)
from cluster.report.contract_quotes import QuoteEarliestOut, QuoteInstanceOut, QuoteOut, quotes_out
from cluster.report.pair_rows import PairRows, pairs_as_list
from cluster.report.provenance import duplicate_provenance
from cluster.report.worddiff import word_diff
from cluster.result import Result

__all__ = [
    "ArticleOut", "CopyOut", "DiffOpOut", "DuplicateGroupOut", "PairOut", "PassageOut", "ProvenanceOut",
    "QuoteEarliestOut", "QuoteInstanceOut", "QuoteOut", "Report", "ReportSummary", "SegmentOut", "SkippedOut",
    "StoryOut", "StorylineOut", "report_schema", "write_schema",
]

SCHEMA_VERSION = "1.0"
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"
SCHEMA_TITLE = "cluster run --format json"
SCHEMA_DESCRIPTION = (
    "The JSON contract of `cluster run --format json` (docs/output.md), schema_version 1.x. Keys may be added "
    "beside the documented ones, so every object allows additional properties. Character offsets index the "
    "article's text as read: article_text[start:end] == text. Generated from cluster/report/contract.py."
)


class ReportSummary(ContractModel):
    """Counts a reader sees first."""

    articles: Count
    skipped: Count
    languages: dict[str, Count] = Field(description="Articles per language code.")
    first_date: Date
    last_date: Date
    passages: Count = Field(description="Embedded units: paragraphs plus sentence windows.")
    duplicate_groups: Count
    duplicate_pairs: Count
    stories: Count
    multi_article_stories: Count
    storylines: Count

    @classmethod
    def from_result(cls, result: Result) -> ReportSummary:
        langs = Counter(a.lang for a in result.articles)
        dates = [a.date for a in result.articles if a.date]
        return cls(
            articles=len(result.articles),
            skipped=len(result.skipped),
            languages=dict(sorted(langs.items())),
            first_date=iso(min(dates)) if dates else None,
            last_date=iso(max(dates)) if dates else None,
            passages=result.passages,
            duplicate_groups=len(result.groups),
            duplicate_pairs=result.duplicate_pairs,
            stories=len(result.stories.stories),
            multi_article_stories=sum(1 for s in result.stories.stories if s.size > 1),
            storylines=len(result.stories.storylines),
        )


class SkippedOut(ContractModel):
    """A skipped input."""

    path: str
    reason: str


class SegmentOut(ContractModel):
    """A paragraph of an article."""

    index: Offset
    kind: SegmentKindName = Field(
        description="body: the article's own story; boilerplate: page furniture; related: another story embedded "
        "in the page."
    )
    text: str
    start: Offset
    end: Offset


class ArticleOut(ContractModel):
    """One article as read."""

    id: ArticleId
    title: str
    date: Date
    lang: Lang
    source: str | None
    url: str | None
    segments: list[SegmentOut] = Field(description="Every paragraph, in order.")

    @classmethod
    def from_article(cls, article: Article, segments: list[Segment]) -> ArticleOut:
        return cls(
            id=article.id, title=article.title, date=iso(article.date), lang=article.lang,
            source=article.source, url=article.url,  # kinds by _value_ (pair_rows.py)
            segments=[trusted(SegmentOut, index=s.index, kind=s.kind._value_, text=s.text, start=s.start, end=s.end)
                      for s in segments],
        )


class PassageOut(ContractModel):
    """One copy of a duplicated passage."""

    article: ArticleId
    segment: Offset
    kind: SegmentKindName
    lang: Lang
    text: str
    start: Offset
    end: Offset


class PairOut(ContractModel):
    """A verified link between two passages of a group."""

    a: Offset
    b: Offset
    article_a: ArticleId
    article_b: ArticleId
    similarity: Similarity = Field(description="Cosine of the embeddings.")
    lexical_overlap: Share = Field(description="Share of the shorter passage's content words found in the other.")
    match_type: MatchTypeName
    diff: list[DiffOpOut] | None = optional_diff(
        "Optional, on edited pairs that tie a carrier to the group's earliest copy (the first passage of an "
        "earliest article): how passage a became passage b. Other pairs' diffs follow from the two texts."
    )


class CopyOut(ContractModel):
    """Another carrier and how it relates to the earliest copy."""

    article: ArticleId
    match_type: MatchTypeName | None


class ProvenanceOut(ContractModel):
    """Optional: who carried the passage first and who copied it."""

    earliest: list[ArticleId] = Field(
        description="Articles published on the earliest date (several when tied; empty when none is dated)."
    )
    dated: bool = Field(description="False when no carrier has a date, so no order is known.")
    date: Date = Field(default=None, description="The earliest publication date among the carriers.")
    undated: list[ArticleId] = Field(
        default_factory=list, description="Carriers without a date: they cannot be shown to be first."
    )
    copies: list[CopyOut]
    agency: list[str] = Field(description="News agencies credited next to the passage.")


class DuplicateGroupOut(ContractModel):
    """One passage carried by several articles."""

    id: GroupId
    articles: list[ArticleId] = Field(min_length=2)
    languages: list[Lang] = Field(min_length=1)
    match_types: list[MatchTypeName] = Field(min_length=1)
    best_similarity: Similarity
    passages: list[PassageOut] = Field(min_length=2, description="One per article copy (an article may carry two).")
    pairs: Annotated[list[PairOut], WrapSerializer(pairs_as_list)] = Field(
        min_length=1, description="The verified links; a and b index passages."
    )  # a run's report holds them as PairRows: no pydantic object per pair until one is read or written
    provenance: ProvenanceOut | None = Field(default=None, exclude_if=absent_when_none)

    @classmethod
    def from_group(cls, gid: str, group: DuplicateGroup, articles: dict[str, Article],
                   segments: dict[str, list[Segment]], diffs: bool = True) -> DuplicateGroupOut:
        """Built without re-validation (the run's values are the contract's by construction): a day of news
        has 64,000 pairs, and validating each cost more than everything else the report does with it."""
        provenance = duplicate_provenance(group, articles, segments)
        first = first_passage([p.article_id for p in group.passages], provenance["earliest"])
        passages = group.passages
        return cls.model_construct(
            id=gid,
            articles=group.articles,
            languages=group.languages,
            match_types=[m.value for m in group.match_types],
            best_similarity=group.best_similarity,
            passages=[
                trusted(PassageOut, article=p.article_id, segment=p.segment_index, kind=p.kind._value_, lang=p.lang,
                        text=p.text, start=p.start, end=p.end)
                for p in passages
            ],
            pairs=PairRows(group.pairs, passages, _carrier_diffs(group, first) if diffs else {}, _pair),
            provenance=ProvenanceOut.model_validate(provenance),
        )


def first_passage(carriers: list[str], earliest: list[str]) -> int:
    """Which passage (by its carrier's article id) every other carrier is shown against: the first one of an
    earliest article (same-day ties share the date), the first passage when no carrier is dated."""
    first = set(earliest)
    return next((k for k, article_id in enumerate(carriers) if article_id in first), 0)


def _carrier_diffs(group: DuplicateGroup, first: int) -> dict[int, list[DiffOpOut]]:
    """The word diffs the contract carries, by pair position: an edited pair that ties a carrier to the
    earliest copy carries its word diff (ops turning passage a into b), one diff per carrier, the relation
    every view shows. The others' diffs follow from the two passages' texts (``worddiff.word_diff``);
    writing them all made the report grow with the pairs (a wire copy in k outlets has k² of them), not
    with what it shows."""
    passages, diffs = group.passages, {}
    for k, pair in enumerate(group.pairs):
        if pair.match_type is MatchType.EDITED and first in (pair.a, pair.b):
            ops = word_diff(passages[pair.a].text, passages[pair.b].text)
            diffs[k] = [trusted(DiffOpOut, op=op.op, a=op.a, b=op.b) for op in ops]
    return diffs


def _pair(pair: Any, passages: Sequence[Any], diff: list[DiffOpOut] | None) -> PairOut:
    """One verified link of the run as the contract writes it (made when read: see ``PairRows``)."""
    return trusted(
        PairOut, a=pair.a, b=pair.b, article_a=passages[pair.a].article_id, article_b=passages[pair.b].article_id,
        similarity=pair.similarity, lexical_overlap=pair.lexical_overlap, match_type=pair.match_type._value_,
        diff=diff,
    )


class StoryOut(ContractModel):
    """Articles telling the same story."""

    id: StoryId
    label: str = Field(description="Title of the most central article.")
    keywords: list[str]
    articles: list[ArticleId] = Field(min_length=1, description="Members in date order (undated last).")
    central_article: ArticleId
    first_date: Date
    last_date: Date
    evidence: list[GroupId] = Field(description="Duplicate groups tying two or more members together.")


class StorylineOut(ContractModel):
    """Stories that continue one another (not merged)."""

    id: StorylineId
    stories: list[StoryId] = Field(min_length=2, description="In date order.")
    similarity: Similarity


class Report(ContractModel):
    """Everything one run found, as ``cluster run --format json`` writes it."""

    schema_version: str = Field(pattern=r"^1\.\d+$", description="Contract version; 1.x stays backward compatible.")
    model: str = Field(description="The encoder used (use-m3, e5-small, or a model directory).")
    summary: ReportSummary
    timings: dict[str, Seconds] = Field(description="Seconds per pipeline stage.")
    skipped: list[SkippedOut] = Field(description="Inputs that could not be read, with the reason.")
    notices: list[str] = Field(description="Things a user should know (e.g. renamed duplicate ids).")
    articles: list[ArticleOut]
    duplicate_groups: list[DuplicateGroupOut]
    stories: list[StoryOut] = Field(description="A partition of all articles; singletons included.")
    storylines: list[StorylineOut]
    quotes: list[QuoteOut] | None = Field(
        default=None, exclude_if=absent_when_none,
        description="Optional (issue 6): quotes grouped across articles, by speaker.",
    )
    config: dict[str, Any] = Field(description="The full configuration the run used (cluster/config.py).")

    @classmethod
    @without_gc
    def from_result(cls, result: Result, *, diffs: bool = True) -> Report:
        """The contract of one run: what ``cluster run --format json`` prints. ``diffs=False`` leaves the
        carriers' word diffs out, for a caller that only prints the text report (which diffs the few lines
        it shows itself) and need not diff thousands of carriers for nothing."""
        articles = result.article_index
        return cls(
            schema_version=SCHEMA_VERSION,
            model=result.model,
            summary=ReportSummary.from_result(result),
            timings={k: round(v, 3) for k, v in result.timings.items()},
            skipped=[SkippedOut(path=s.path, reason=s.reason) for s in result.skipped],
            notices=list(result.notices),
            articles=[ArticleOut.from_article(a, result.segments[a.id]) for a in result.articles],
            duplicate_groups=[DuplicateGroupOut.from_group(gid, g, articles, result.segments, diffs)
                              for gid, g in zip(group_ids(result), result.groups)],
            stories=_stories(result),
            storylines=[StorylineOut(id=line.id, stories=list(line.stories), similarity=line.similarity)
                        for line in result.stories.storylines],
            quotes=quotes_out(result.quotes, articles, result.segments) if result.quotes else [],
            config=result.config.model_dump(mode="json"),
        )

    def to_json(self) -> dict[str, Any]:
        """The JSON object, keys in contract order (what ``json.dumps`` writes to the file)."""
        return self.model_dump(mode="json")

    def to_json_text(self) -> str:
        """The JSON text ``cluster run --format json`` prints (indented, UTF-8 as is).

        Serialised by pydantic-core in one pass: the same bytes as ``json.dumps(self.to_json(),
        ensure_ascii=False, indent=2)`` (checked on the 30k bench corpus), which is pure Python once indented
        and took longer than building the whole report."""
        return self.model_dump_json(indent=2)


def group_ids(result: Result) -> list[str]:
    return [f"D{k + 1}" for k in range(len(result.groups))]


def story_evidence(result: Result) -> dict[str, list[str]]:
    """For each story, the duplicate groups that tie two or more of its articles together."""
    ids = group_ids(result)
    carried_by: dict[str, list[int]] = defaultdict(list)
    for k, group in enumerate(result.groups):
        for article_id in group.articles:
            carried_by[article_id].append(k)
    evidence: dict[str, list[str]] = {}
    for story in result.stories.stories:
        hits = Counter(k for article_id in story.articles for k in carried_by.get(article_id, ()))
        evidence[story.id] = [ids[k] for k in sorted(k for k, n in hits.items() if n >= 2)]
    return evidence


def _stories(result: Result) -> list[StoryOut]:
    evidence = story_evidence(result)
    return [
        StoryOut(
            id=s.id, label=s.label, keywords=list(s.keywords), articles=list(s.articles), central_article=s.central,
            first_date=iso(s.first_date), last_date=iso(s.last_date), evidence=evidence[s.id],
        )
        for s in result.stories.stories
    ]


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the contract, as committed in docs/report.schema.json."""
    schema = Report.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": SCHEMA_TITLE,
        "description": SCHEMA_DESCRIPTION,
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def schema_text() -> str:
    return json.dumps(report_schema(), ensure_ascii=False, indent=2) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    path.write_text(schema_text(), encoding="utf-8")
    return path


if __name__ == "__main__":
    if sys.argv[1:] != ["--write-schema"]:
        sys.exit("usage: python -m cluster.report.contract --write-schema")
    print(f"wrote {write_schema()}")
