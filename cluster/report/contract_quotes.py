"""The ``quotes`` part of the JSON contract: its models, and how a quote group of a run becomes one.

Each quote group is shown from its earliest carrier: that instance is the ``source`` and every other
instance says how it relates to it (verbatim, edited, paraphrase, translation). An instance with no
verified link to the source takes the type of its strongest link in the group.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cluster.documents import Article, Segment
from cluster.duplicates.lexical import MatchType
from cluster.quotes.extract import Quote
from cluster.quotes.matching import QuoteGroup, QuoteLink, QuoteResult, group_speaker
from cluster.report.contract_base import (
    ArticleId,
    ContractModel,
    Date,
    DiffOpOut,
    Lang,
    Offset,
    absent_when_none,
    optional_diff,
)
from cluster.report.provenance import credits_near, earliest
from cluster.report.worddiff import word_diff


class QuoteEarliestOut(ContractModel):
    """The first carrier by date."""

    article: ArticleId
    date: Date
    ties: list[ArticleId]


class QuoteInstanceOut(ContractModel):
    """Where a quote appears."""

    article: ArticleId
    lang: Lang
    text: str
    start: Offset
    end: Offset
    speaker_as_written: str | None
    speaker_kind: Literal["person", "organisation", "anonymous", "unattributed"] = Field(
        default="unattributed",
        description="Who the text gives as the speaker: a named person, an organisation, an unnamed source "
        "(\"officials\", \"مصادر أمنية\"), or no one.",
    )
    kind: Literal["direct", "indirect"]
    match_type: Literal["source", "verbatim", "edited", "paraphrase", "translation"] = Field(
        description="source: the instance the others are compared with."
    )
    agency: str | None = Field(description="News agency credited for this instance, if any.")
    part: bool | None = Field(
        default=None, exclude_if=absent_when_none,
        description="Optional: true when this instance carries only part of the source quote.",
    )
    part_of: list[int] | None = Field(
        default=None, exclude_if=absent_when_none,
        description="Optional, on a part matched to one clause of the source (the source's outlet quoting "
        "\"A and that B\" as one quote, this one's as two): [start, end) of that clause in the source's text.",
    )
    diff: list[DiffOpOut] | None = optional_diff("Optional, on edited instances: how the source text became this one.")


class QuoteOut(ContractModel):
    """Optional (issue 6): one statement and every article that carries it."""

    id: str = Field(min_length=1)
    speaker: str | None = Field(description="Canonical speaker name; null when unattributed.")
    speaker_forms: list[str] = Field(description="How the speaker is written across articles.")
    texts: dict[str, str] = Field(description="One representative text per language seen.")
    earliest: QuoteEarliestOut
    instances: list[QuoteInstanceOut] = Field(min_length=1)


def quote_ids(result: QuoteResult) -> list[str]:
    return [f"Q{k + 1}" for k in range(len(result.groups))]


def source_index(group: QuoteGroup, quotes: list[Quote], articles: dict[str, Article]) -> int:
    """The instance the others are compared with: in the earliest carrier (the first one in corpus
    order among ties; any carrier when none is dated), a direct quote before a reported one, the
    longest first (a headline's paraphrase of the quote is not its source). A group that holds a statement
    one outlet quoted whole and another in parts (``quotes.parts``) has the whole as its source, wherever it
    appeared first: the parts are typed against it, and two parts of one article are no copies of each other."""
    wholes = [link.a for link in group.links if link.within is not None]
    if wholes:
        return wholes[0]
    first = earliest([quotes[m].article_id for m in group.members], articles).first
    first_article = next((quotes[m].article_id for m in group.members if not first or quotes[m].article_id in first))
    candidates = [m for m in group.members if quotes[m].article_id == first_article]
    return min(candidates, key=lambda m: (quotes[m].kind != "direct", -len(quotes[m].text), m))


def instance_types(result: QuoteResult, group: QuoteGroup, source: int) -> dict[int, tuple[str, QuoteLink | None]]:
    """Each member's match type relative to the source instance, with the link it comes from.

    The pair is verified again when the grouping linked the member to the source only through
    others. If the two do not verify on their own, the group still says they are one statement:
    in the source's language that is a paraphrase by definition, in another a translation.
    """
    quotes = result.quotes
    out: dict[int, tuple[str, QuoteLink | None]] = {source: ("source", None)}
    with_source: dict[int, QuoteLink] = {}
    for link in group.links:  # the first direct link to the source, per member
        if source in (link.a, link.b):
            with_source.setdefault(link.b if link.a == source else link.a, link)
    for m in group.members:
        if m == source:
            continue
        chosen = with_source.get(m) or result.relate(source, m)
        if chosen is not None:
            out[m] = (chosen.match_type.value, chosen)
        else:
            same_language = quotes[m].lang == quotes[source].lang
            out[m] = (MatchType.PARAPHRASE.value if same_language else MatchType.TRANSLATION.value, None)
    return out


def quotes_out(result: QuoteResult, articles: dict[str, Article], segments: dict[str, list[Segment]]) -> list[QuoteOut]:
    """Every quote group of a run, singletons included."""
    order = {a: k for k, a in enumerate(articles)}  # corpus order breaks ties between same-day carriers
    return [quote_out(qid, group, result, articles, segments, order)
            for qid, group in zip(quote_ids(result), result.groups)]


def quote_out(qid: str, group: QuoteGroup, result: QuoteResult, articles: dict[str, Article],
              segments: dict[str, list[Segment]], order: dict[str, int]) -> QuoteOut:
    quotes = result.quotes
    speaker = group_speaker(result, group)
    first = earliest([quotes[m].article_id for m in group.members], articles)
    source = source_index(group, quotes, articles)
    types = instance_types(result, group, source)
    first_article = next(quotes[m].article_id for m in group.members if not first.first or quotes[m].article_id in first.first)

    def position(m: int) -> tuple:
        date = articles[quotes[m].article_id].date
        return (m != source, date is None, date or 0, order[quotes[m].article_id])

    members = sorted(group.members, key=position)
    return QuoteOut(
        id=qid,
        speaker=result.speakers.speakers[speaker].display if speaker is not None else None,
        speaker_forms=_forms(group, result),
        texts=_texts_by_language(group, quotes, source),
        earliest=QuoteEarliestOut(
            article=first_article,
            date=first.date.isoformat() if first.date else None,
            ties=[a for a in first.first if a != first_article],
        ),
        instances=[_instance(quotes[m], quotes[source], types[m], segments, _clause_of(types[m][1], source))
                   for m in members],
    )


def _clause_of(link: QuoteLink | None, source: int) -> list[int] | None:
    """The clause of the source a part was matched on (``QuoteLink.within``, offsets into the source's text)."""
    if link is None or link.within is None or link.a != source:
        return None
    return list(link.within)


def _instance(q: Quote, source: Quote, typed: tuple[str, QuoteLink | None],
              segments: dict[str, list[Segment]], clause: list[int] | None = None) -> QuoteInstanceOut:
    kind, link = typed
    agencies = credits_near(segments[q.article_id], q.segment_index)
    extra: dict[str, object] = {}
    if clause is not None:
        extra["part_of"] = clause
    if link is not None:
        extra["part"] = link.part
        if link.match_type is MatchType.EDITED:
            extra["diff"] = [DiffOpOut(op=op.op, a=op.a, b=op.b) for op in word_diff(source.text, q.text)]
    return QuoteInstanceOut(
        article=q.article_id, lang=q.lang, text=q.text, start=q.start, end=q.end,
        speaker_as_written=q.speaker_as_written, speaker_kind=q.speaker_kind, kind=q.kind, match_type=kind,
        agency=agencies[0] if agencies else None, **extra,
    )


def _forms(group: QuoteGroup, result: QuoteResult) -> list[str]:
    forms: list[str] = []
    for m in group.members:
        name = result.quotes[m].speaker
        if name and name not in forms:
            forms.append(name)
    return forms


def _texts_by_language(group: QuoteGroup, quotes: list[Quote], source: int) -> dict[str, str]:
    """One text per language: the source's own, else the longest instance in that language."""
    texts: dict[str, str] = {quotes[source].lang: quotes[source].text}
    for m in sorted(group.members, key=lambda m: -len(quotes[m].text)):
        texts.setdefault(quotes[m].lang, quotes[m].text)
    return texts
