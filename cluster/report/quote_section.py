"""Quotes in the reports: the ``quotes`` JSON list and the text report's "Quotes" section.

Each quote group is shown from its earliest carrier: that instance is the ``source`` and every other
instance says how it relates to it (verbatim, edited, paraphrase, translation). An instance with no
verified link to the source takes the type of its strongest link in the group.
"""

from __future__ import annotations

import textwrap
from typing import Any

from cluster.documents import Article, Segment
from cluster.duplicates.lexical import MatchType
from cluster.quotes.extract import Quote
from cluster.quotes.matching import QuoteGroup, QuoteLink, QuoteResult, group_speaker
from cluster.report.provenance import credits_near, earliest
from cluster.report.worddiff import DiffOp, render_diff, word_diff


def quote_ids(result: QuoteResult) -> list[str]:
    return [f"Q{k + 1}" for k in range(len(result.groups))]


def source_index(group: QuoteGroup, quotes: list[Quote], articles: dict[str, Article]) -> int:
    """The instance the others are compared with: in the earliest carrier (the first one in corpus
    order among ties; any carrier when none is dated), a direct quote before a reported one, the
    longest first (a headline's paraphrase of the quote is not its source)."""
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


def quotes_json(
    result: QuoteResult, articles: dict[str, Article], segments: dict[str, list[Segment]]
) -> list[dict[str, Any]]:
    """The ``quotes`` key of the JSON contract: every quote group, singletons included."""
    order = {a: k for k, a in enumerate(articles)}  # corpus order breaks ties between same-day carriers
    return [_group_json(qid, group, result, articles, segments, order)
            for qid, group in zip(quote_ids(result), result.groups)]


def _group_json(qid: str, group: QuoteGroup, result: QuoteResult, articles: dict[str, Article],
                segments: dict[str, list[Segment]], order: dict[str, int]) -> dict[str, Any]:
    quotes = result.quotes
    speaker = group_speaker(result, group)
    first = earliest([quotes[m].article_id for m in group.members], articles)
    source = source_index(group, quotes, articles)
    types = instance_types(result, group, source)
    instances = []
    members = sorted(group.members, key=lambda m: (m != source, articles[quotes[m].article_id].date is None,
                                                   articles[quotes[m].article_id].date or 0, order[quotes[m].article_id]))
    for m in members:
        q = quotes[m]
        kind, link = types[m]
        agencies = credits_near(segments[q.article_id], q.segment_index)
        item: dict[str, Any] = {
            "article": q.article_id,
            "lang": q.lang,
            "text": q.text,
            "start": q.start,
            "end": q.end,
            "speaker_as_written": q.speaker_as_written,
            "kind": q.kind,
            "match_type": kind,
            "agency": agencies[0] if agencies else None,
        }
        if link is not None:
            item["part"] = link.part
            if link.match_type is MatchType.EDITED:
                item["diff"] = [op.to_json() for op in word_diff(quotes[source].text, q.text)]
        instances.append(item)
    return {
        "id": qid,
        "speaker": result.speakers.speakers[speaker].display if speaker is not None else None,
        "speaker_forms": _forms(group, result),
        "texts": _texts_by_language(group, quotes, source),
        "earliest": {
            "article": quotes[source].article_id,
            "date": first.date.isoformat() if first.date else None,
            "ties": [a for a in first.first if a != quotes[source].article_id],
        },
        "instances": instances,
    }


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


def render_quotes(result: QuoteResult | None, articles: dict[str, Article], segments: dict[str, list[Segment]],
                  width: int = 100, max_groups: int = 30) -> list[str]:
    """The text report's Quotes section: quotes carried by two or more articles, then a count."""
    if result is None:
        return []
    shared = [(qid, g) for qid, g in zip(quote_ids(result), result.groups)
              if len({result.quotes[m].article_id for m in g.members}) >= 2]
    attributed = sum(1 for s in result.speaker_of if s is not None)
    title = f"Quotes: {len(result.quotes)} found ({attributed} attributed), {len(shared)} carried by several articles"
    out = [title, "=" * len(title)]
    order = {a: k for k, a in enumerate(articles)}
    for qid, group in shared[:max_groups]:
        out += _render_group(qid, _group_json(qid, group, result, articles, segments, order), width)
    rest = len(result.groups) - len(shared)
    if len(shared) > max_groups:
        out.append(f"  … {len(shared) - max_groups} more shared quotes (use --format json or `cluster quotes`)")
    out += [f"  {rest} quote(s) carried by one article only (listed by `cluster quotes`)", ""]
    return out


def _render_group(qid: str, item: dict[str, Any], width: int) -> list[str]:
    speaker = item["speaker"] or "unattributed"
    forms = f" ({' / '.join(item['speaker_forms'])})" if item["speaker_forms"] else ""
    first = item["earliest"]
    when = first["date"] or "undated"
    ties = f", tied with {', '.join(first['ties'])}" if first["ties"] else ""
    carriers = len({inst["article"] for inst in item["instances"]})
    out = [f"{qid}  {speaker}{forms} · {carriers} article(s) · first: {first['article']} ({when}{ties})"]
    for lang, text in item["texts"].items():
        out.append(f"    [{lang}]")
        out += [f"      {line}" for line in _wrap(text, width)]
    for inst in item["instances"]:
        agency = f" · agency {inst['agency']}" if inst["agency"] else ""
        out.append(f"    - {inst['article']} ({inst['lang']}) {inst['match_type']}{' (part)' if inst.get('part') else ''}"
                   f" · {inst['kind']} · chars {inst['start']}-{inst['end']}{agency}")
        if "diff" in inst:
            ops = [DiffOp(d["op"], d["a"], d["b"]) for d in inst["diff"]]
            out += [f"        {line}" for line in _wrap(render_diff(ops), width)]
    out.append("")
    return out


def _wrap(text: str, width: int, limit: int = 400) -> list[str]:
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[:limit].rsplit(" ", 1)[0] + " …"
    return textwrap.wrap(flat, width=width - 8) or [""]


def quote_list(result: QuoteResult, articles: dict[str, Article], segments: dict[str, list[Segment]],
               speaker: str | None = None) -> list[dict[str, Any]]:
    """Quote groups for `cluster quotes`, optionally only those of one speaker (any spelling/script)."""
    from cluster.quotes.speakers import speaker_matches

    items = quotes_json(result, articles, segments)
    if speaker is None:
        return items
    return [item for item in items
            if speaker_matches(speaker, [item["speaker"] or "", *item["speaker_forms"]])]


def render_quote_list(items: list[dict[str, Any]], width: int = 100) -> str:
    """`cluster quotes` as text: quotes grouped under their speaker, unattributed last."""
    by_speaker: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_speaker.setdefault(item["speaker"] or "", []).append(item)
    out = []
    for speaker in sorted(by_speaker, key=lambda s: (s == "", -len(by_speaker[s]), s)):
        group = by_speaker[speaker]
        out += [f"{speaker or 'Unattributed'}: {len(group)} quote(s)", ""]
        for item in group:
            out += _render_group(item["id"], item, width)
    if not items:
        out.append("No quote found.")
    return "\n".join(out).rstrip() + "\n"
