"""The terminal report an editor reads (and ``to_json``, the contract of cluster/report/contract.py as a dict).

The terminal report keeps Arabic in logical order on lines of its own, so that a bidi-aware terminal
or pager lays it out right to left without scrambling the ids and figures around it.
"""

from __future__ import annotations

import textwrap
from typing import Any

from cluster.duplicates.lexical import MatchType
from cluster.report.contract import Report, ReportSummary, group_ids, story_evidence
from cluster.report.contract_base import iso as _iso
from cluster.report.provenance import duplicate_provenance
from cluster.report.quote_section import render_quotes
from cluster.report.worddiff import render_diff, word_diff
from cluster.result import Result
from cluster.stories.describe import Story


def to_json(result: Result) -> dict[str, Any]:
    """The documented JSON contract (``cluster.report.contract.Report``) as a plain dict."""
    return Report.from_result(result).to_json()


def render_text(result: Result, *, width: int = 100, max_groups: int = 50) -> str:
    """The human report: duplicate passages first (the evidence), then stories and storylines."""
    s = ReportSummary.from_result(result)
    out: list[str] = []
    langs = ", ".join(f"{k} {v}" for k, v in s.languages.items())
    span = f", {s.first_date} .. {s.last_date}" if s.first_date else ""
    total = sum(result.timings.values())
    out.append(
        f"Corpus: {s.articles} articles ({langs}{span}); {s.skipped} input(s) skipped; "
        f"model {result.model}; {total:.1f} s"
    )
    out.append("")
    out += _render_groups(result, width, max_groups)
    out += _render_stories(result, width)
    out += render_quotes(result.quotes, result.article_index, result.segments, width)
    if result.skipped or result.notices:
        out.append(_heading("Skipped inputs and notices"))
        out += [f"  ! {item}" for item in result.skipped]
        out += [f"  - {note}" for note in result.notices]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _heading(text: str) -> str:
    return f"{text}\n{'=' * len(text)}"


def _snippet(text: str, width: int, limit: int = 400) -> list[str]:
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[:limit].rsplit(" ", 1)[0] + " …"
    return textwrap.wrap(flat, width=width - 8) or [""]


def _render_groups(result: Result, width: int, max_groups: int) -> list[str]:
    out = [_heading(f"Duplicate passages: {len(result.groups)} groups, {result.duplicate_pairs} pairs")]
    if not result.groups:
        out += ["  No passage is repeated across articles.", ""]
        return out
    articles = result.article_index
    for gid, group in list(zip(group_ids(result), result.groups))[:max_groups]:
        types = ", ".join(m.value for m in group.match_types)
        out.append(
            f"{gid}  {len(group.articles)} articles · {types} · best similarity {group.best_similarity:.2f}"
        )
        for line in _snippet(group.passages[0].text, width):
            out.append(f"      {line}")
        for k, p in enumerate(group.passages):
            date = _iso(articles[p.article_id].date) or "undated"
            kind = "" if p.kind.value == "body" else f" [{p.kind.value}]"
            out.append(f"    [{k}] {p.article_id}  ({date}, {p.lang}){kind}  chars {p.start}-{p.end}")
        for pair in group.pairs:
            out.append(
                f"        [{pair.a}]~[{pair.b}] {pair.match_type.value:<11} similarity {pair.similarity:.2f}"
                f"  word overlap {pair.lexical_overlap:.2f}"
            )
            if pair.match_type is MatchType.EDITED:
                diff = render_diff(word_diff(group.passages[pair.a].text, group.passages[pair.b].text))
                out += [f"            {line}" for line in _snippet(diff, width, 600)]
        provenance = duplicate_provenance(group, articles, result.segments)
        out.append(f"      {_provenance_line(provenance)}")
        out.append("")
    if len(result.groups) > max_groups:
        out += [f"  … {len(result.groups) - max_groups} more groups (use --format json for all)", ""]
    return out


def _provenance_line(provenance: dict[str, Any]) -> str:
    if provenance["dated"]:
        first = f"first carried by {', '.join(provenance['earliest'])} ({provenance['date']})"
        if len(provenance["earliest"]) > 1:
            first += " (tie)"
    else:
        first = "first carrier unknown (no carrier is dated)"
    copies = ", ".join(f"{c['article']} {c['match_type']}" for c in provenance["copies"])
    agency = f"; agency copy? credits {', '.join(provenance['agency'])}" if provenance["agency"] else ""
    undated = f"; undated: {', '.join(provenance['undated'])}" if provenance["undated"] and provenance["dated"] else ""
    return f"provenance: {first}" + (f"; copies: {copies}" if copies else "") + undated + agency


def _render_stories(result: Result, width: int) -> list[str]:
    stories = result.stories.stories
    multi = sum(1 for s in stories if s.size > 1)
    lines = len(result.stories.storylines)
    out = [_heading(f"Stories: {len(stories)} ({multi} with several articles), {lines} storylines")]
    articles = result.article_index
    evidence = story_evidence(result)
    for story in stories:
        out += _render_story(story, articles, evidence[story.id], width)
    if result.stories.storylines:
        out.append(_heading("Storylines (stories that continue one another)"))
        by_id = {s.id: s for s in stories}
        for line in result.stories.storylines:
            out.append(f"{line.id}  {len(line.stories)} stories · mean similarity {line.similarity:.2f}")
            for sid in line.stories:
                story = by_id[sid]
                out.append(f"    {_iso(story.first_date) or 'undated':<10}  {sid}")
                out += [f"        {t}" for t in _snippet(story.label, width, 160)]
        out.append("")
    return out


def _render_story(story: Story, articles: dict, evidence: list[str], width: int) -> list[str]:
    span = ""
    if story.first_date:
        span = f" · {_iso(story.first_date)}" + (
            f" .. {_iso(story.last_date)}" if story.last_date != story.first_date else ""
        )
    out = [f"{story.id}  {story.size} article{'s' if story.size > 1 else ''}{span}"]
    out += [f"      {t}" for t in _snippet(story.label, width, 200)]
    if story.keywords:
        out.append(f"      keywords: {' · '.join(story.keywords)}")
    for aid in story.articles:
        article = articles[aid]
        out.append(f"    - {_iso(article.date) or 'undated':<10}  {aid} ({article.lang})")
    if evidence:
        out.append(f"      shared passages: {', '.join(evidence)}")
    out.append("")
    return out
