"""Result -> the JSON contract (docs/json-schema.md) and the terminal report an editor reads.

The terminal report keeps Arabic in logical order on lines of its own, so that a bidi-aware terminal
or pager lays it out right to left without scrambling the ids and figures around it.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import Counter, defaultdict
from typing import Any

from cluster.duplicates.groups import DuplicateGroup
from cluster.duplicates.lexical import MatchType
from cluster.report.provenance import duplicate_provenance
from cluster.report.quote_section import quotes_json, render_quotes
from cluster.report.worddiff import render_diff, word_diff
from cluster.result import Result
from cluster.stories.clustering import Story

SCHEMA_VERSION = "1.0"


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


def to_json(result: Result) -> dict[str, Any]:
    """The documented JSON contract: ``articles``, ``duplicate_groups``, ``stories``, ``storylines``,
    ``quotes``."""
    evidence = story_evidence(result)
    articles = result.article_index
    return {
        "schema_version": SCHEMA_VERSION,
        "model": result.model,
        "summary": _summary(result),
        "timings": {k: round(v, 3) for k, v in result.timings.items()},
        "skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
        "notices": list(result.notices),
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "date": _iso(a.date),
                "lang": a.lang,
                "source": a.source,
                "url": a.url,
                "segments": [
                    {"index": s.index, "kind": s.kind.value, "text": s.text, "start": s.start, "end": s.end}
                    for s in result.segments[a.id]
                ],
            }
            for a in result.articles
        ],
        "duplicate_groups": [
            {**_group_json(gid, g), "provenance": duplicate_provenance(g, articles, result.segments)}
            for gid, g in zip(group_ids(result), result.groups)
        ],
        "stories": [
            {
                "id": s.id,
                "label": s.label,
                "keywords": list(s.keywords),
                "articles": list(s.articles),
                "central_article": s.central,
                "first_date": _iso(s.first_date),
                "last_date": _iso(s.last_date),
                "evidence": evidence[s.id],
            }
            for s in result.stories.stories
        ],
        "storylines": [
            {"id": line.id, "stories": list(line.stories), "similarity": line.similarity}
            for line in result.stories.storylines
        ],
        "quotes": quotes_json(result.quotes, articles, result.segments) if result.quotes else [],
        "config": result.config.model_dump(mode="json"),
    }


def _group_json(gid: str, group: DuplicateGroup) -> dict[str, Any]:
    return {
        "id": gid,
        "articles": group.articles,
        "languages": group.languages,
        "match_types": [m.value for m in group.match_types],
        "best_similarity": group.best_similarity,
        "passages": [
            {
                "article": p.article_id,
                "segment": p.segment_index,
                "kind": p.kind.value,
                "lang": p.lang,
                "text": p.text,
                "start": p.start,
                "end": p.end,
            }
            for p in group.passages
        ],
        "pairs": [
            {
                "a": pair.a,
                "b": pair.b,
                "article_a": group.passages[pair.a].article_id,
                "article_b": group.passages[pair.b].article_id,
                "similarity": pair.similarity,
                "lexical_overlap": pair.lexical_overlap,
                "match_type": pair.match_type.value,
                **_pair_diff(group, pair),
            }
            for pair in group.pairs
        ],
    }


def _pair_diff(group: DuplicateGroup, pair: Any) -> dict[str, Any]:
    """A word-level diff for an edited pair (``diff``: structured ops turning passage a into b)."""
    if pair.match_type is not MatchType.EDITED:
        return {}
    ops = word_diff(group.passages[pair.a].text, group.passages[pair.b].text)
    return {"diff": [op.to_json() for op in ops]}


def _summary(result: Result) -> dict[str, Any]:
    langs = Counter(a.lang for a in result.articles)
    dates = [a.date for a in result.articles if a.date]
    return {
        "articles": len(result.articles),
        "skipped": len(result.skipped),
        "languages": dict(sorted(langs.items())),
        "first_date": _iso(min(dates)) if dates else None,
        "last_date": _iso(max(dates)) if dates else None,
        "passages": result.passages,
        "duplicate_groups": len(result.groups),
        "duplicate_pairs": result.duplicate_pairs,
        "stories": len(result.stories.stories),
        "multi_article_stories": sum(1 for s in result.stories.stories if s.size > 1),
        "storylines": len(result.stories.storylines),
    }


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def render_text(result: Result, *, width: int = 100, max_groups: int = 50) -> str:
    """The human report: duplicate passages first (the evidence), then stories and storylines."""
    s = _summary(result)
    out: list[str] = []
    langs = ", ".join(f"{k} {v}" for k, v in s["languages"].items())
    span = f", {s['first_date']} .. {s['last_date']}" if s["first_date"] else ""
    total = sum(result.timings.values())
    out.append(
        f"Corpus: {s['articles']} articles ({langs}{span}); {s['skipped']} input(s) skipped; "
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
    out = [_heading(f"Stories: {len(stories)} ({multi} with several articles), {len(result.stories.storylines)} storylines")]
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
