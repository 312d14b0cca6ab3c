"""Quotes in the text reports: the text report's "Quotes" section and ``cluster quotes``.

The quote groups are built by the contract's models (cluster/report/contract_quotes.py); the text is
rendered from their JSON form, the same items ``cluster quotes --format json`` prints.
"""

from __future__ import annotations

import textwrap
from typing import Any

from cluster.documents import Article, Segment
from cluster.quotes.matching import QuoteResult
from cluster.report.contract_quotes import QuoteOut, quotes_out
from cluster.report.hygiene import visible
from cluster.report.worddiff import DiffOp, render_diff


def quotes_json(
    result: QuoteResult, articles: dict[str, Article], segments: dict[str, list[Segment]]
) -> list[dict[str, Any]]:
    """The ``quotes`` key of the JSON contract: every quote group, singletons included."""
    return [quote.model_dump(mode="json") for quote in quotes_out(result, articles, segments)]


def render_quotes(quotes: list[QuoteOut] | None, width: int = 100, max_groups: int = 30,
                  max_instances: int | None = None) -> list[str]:
    """The text report's Quotes section: quotes carried by two or more articles, then a count; each quote's
    instances cut at ``max_instances`` (None: all)."""
    if quotes is None:
        return []
    shared = [q for q in quotes if len({i.article for i in q.instances}) >= 2]
    found = sum(len(q.instances) for q in quotes)
    attributed = sum(1 for q in quotes for i in q.instances if i.speaker_kind != "unattributed")
    title = f"Quotes: {found} found ({attributed} attributed), {len(shared)} carried by several articles"
    out = [title, "=" * len(title)]
    for quote in shared[:max_groups]:
        out += _render_group(quote.id, quote.model_dump(mode="json"), width, max_instances)
    rest = len(quotes) - len(shared)
    if len(shared) > max_groups:
        out.append(f"  … {len(shared) - max_groups} more shared quotes (use --format json or `cluster quotes`)")
    out += [f"  {rest} quote(s) carried by one article only (listed by `cluster quotes`)", ""]
    return out


def _render_group(qid: str, item: dict[str, Any], width: int, max_instances: int | None = None) -> list[str]:
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
    instances = item["instances"] if max_instances is None else item["instances"][:max_instances]
    for inst in instances:
        agency = f" · agency {inst['agency']}" if inst["agency"] else ""
        part = _part(inst, item["instances"][0]["text"])
        out.append(f"    - {inst['article']} ({inst['lang']}) {inst['match_type']}{part}"
                   f" · {inst['kind']} · chars {inst['start']}-{inst['end']}{agency}")
        if "diff" in inst:
            ops = [DiffOp(d["op"], d["a"], d["b"]) for d in inst["diff"]]
            out += [f"        {line}" for line in _wrap(render_diff(ops), width)]
    if len(instances) < len(item["instances"]):
        out.append(f"    … {len(item['instances']) - len(instances)} more instances (`cluster quotes` lists all)")
    out.append("")
    return out


def _part(inst: dict[str, Any], source_text: str) -> str:
    """" (part)", and for a part matched to one clause of the source (``part_of``) that clause: the
    evidence a reader checks the link by."""
    if "part_of" in inst:
        start, end = inst["part_of"]
        clause = " ".join(source_text[start:end].split())
        return f" (part: «{clause[:80] + ' …' if len(clause) > 80 else clause}»)"
    return " (part)" if inst.get("part") else ""


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
    return visible("\n".join(out).rstrip() + "\n")
