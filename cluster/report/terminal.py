"""The terminal report an editor reads (and ``to_json``, the contract of cluster/report/contract.py as a dict).

The terminal report keeps Arabic in logical order on lines of its own, so that a bidi-aware terminal
or pager lays it out right to left without scrambling the ids and figures around it.
"""

from __future__ import annotations

import textwrap
from typing import Any

from cluster.duplicates.groups import DuplicateGroup
from cluster.duplicates.lexical import MatchType
from cluster.report.contract import Report, ReportSummary, group_ids, story_evidence
from cluster.report.contract_base import iso as _iso
from cluster.report.gcpause import without_gc
from cluster.report.hygiene import visible
from cluster.report.provenance import duplicate_provenance
from cluster.report.quote_section import render_quotes
from cluster.report.terminal_summary import Listing, article_outlet, ranked_groups, ranked_stories, render_summary
from cluster.report.worddiff import render_diff, word_diff
from cluster.result import Result
from cluster.stories.describe import Story


def to_json(result: Result) -> dict[str, Any]:
    """The documented JSON contract (``cluster.report.contract.Report``) as a plain dict."""
    return Report.from_result(result).to_json()


@without_gc
def render_text(result: Result, *, width: int = 100, top: int | None = None, pairs: bool = False) -> str:
    """The human report: a summary first (counts, top stories, passages, speakers), then the duplicate
    passages (the evidence), stories and storylines, quotes. Listings are cut at ``top`` items (on a large
    corpus ``config.report.default_top`` unless given); ``pairs`` also lists every verified pair."""
    listing = Listing.for_result(result, top, pairs)
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
    out += render_summary(result, listing, lambda text, limit: _snippet(text, width, limit))
    out += _render_groups(result, width, listing)
    out += _render_stories(result, width, listing)
    out += render_quotes(result.quotes, result.article_index, result.segments, width,
                         max_groups=listing.top if listing.top is not None else 30, max_instances=listing.top)
    if result.skipped or result.notices:
        out.append(_heading("Skipped inputs and notices"))
        out += [f"  ! {item}" for item in result.skipped]
        out += [f"  - {note}" for note in result.notices]
        out.append("")
    return visible("\n".join(out).rstrip() + "\n")


def _heading(text: str) -> str:
    return f"{text}\n{'=' * len(text)}"


def _snippet(text: str, width: int, limit: int = 400) -> list[str]:
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[:limit].rsplit(" ", 1)[0] + " …"
    return textwrap.wrap(flat, width=width - 8) or [""]


def _more(count: int, shown: int, what: str) -> list[str]:
    if count <= shown:
        return []
    return [f"  … {count - shown} more {what} (see them with --top {count}, or --format json / --html)", ""]


def _render_groups(result: Result, width: int, listing: Listing) -> list[str]:
    out = [_heading(f"Duplicate passages: {len(result.groups)} groups, {result.duplicate_pairs} pairs")]
    if not result.groups:
        out += ["  No passage is repeated across articles.", ""]
        return out
    ranked = ranked_groups(result) if listing.top is not None else list(zip(group_ids(result), result.groups))
    shown = listing.cut(len(ranked))
    for gid, group in ranked[:shown]:
        out += _render_group(result, gid, group, width, listing)
    return out + _more(len(ranked), shown, "groups")


def _render_group(result: Result, gid: str, group: DuplicateGroup, width: int, listing: Listing) -> list[str]:
    """The passage once, then one line per carrier with how it relates to the earliest carrier."""
    articles = result.article_index
    types = ", ".join(m.value for m in group.match_types)
    out = [f"{gid}  {len(group.articles)} articles · {types} · best similarity {group.best_similarity:.2f}"]
    out += [f"      {line}" for line in _snippet(group.passages[0].text, width)]
    provenance = duplicate_provenance(group, articles, result.segments)
    first = _earliest_passage(group, provenance)
    shown = listing.cut(len(group.passages))
    pairs = _pair_index(group)
    for k, p in enumerate(group.passages[:shown]):
        article = articles[p.article_id]
        kind = "" if p.kind.value == "body" else f" [{p.kind.value}]"
        out.append(f"    [{k}] {p.article_id}  ({article_outlet(article)}, {_iso(article.date) or 'undated'}, "
                   f"{p.lang}){kind}  chars {p.start}-{p.end}  {_relation(group, pairs, first, k)}")
        pair = pairs.get((min(first, k), max(first, k)))
        if pair is not None and pair.match_type is MatchType.EDITED and not listing.pairs:
            out += _diff_lines(group, pair, width, width - 20 if listing.top is not None else 600)
    if shown < len(group.passages):
        out.append(f"    … {len(group.passages) - shown} more carriers (--top {len(group.passages)} shows all)")
    if listing.pairs:
        out += _pair_lines(group, width)
    out.append(f"      {_provenance_line(provenance)}")
    out.append("")
    return out


def _earliest_passage(group: DuplicateGroup, provenance: dict[str, Any]) -> int:
    earliest = set(provenance["earliest"])
    return next((k for k, p in enumerate(group.passages) if p.article_id in earliest), 0)


def _pair_index(group: DuplicateGroup) -> dict[tuple[int, int], Any]:
    """The group's pairs by passage indices, built once per group (a wire copy in 300 outlets has 45,000)."""
    return {(min(p.a, p.b), max(p.a, p.b)): p for p in group.pairs}


def _relation(group: DuplicateGroup, pairs: dict[tuple[int, int], Any], first: int, k: int) -> str:
    """How passage ``k`` relates to the earliest carrier's: its verified pair, else its best verified link."""
    if k == first:
        return "earliest"
    pair = pairs.get((min(first, k), max(first, k)))
    via = ""
    if pair is None:
        links = [p for p in group.pairs if k in (p.a, p.b)]
        if not links:
            return ""
        pair = max(links, key=lambda p: p.similarity)
        via = f" via [{pair.b if pair.a == k else pair.a}]"
    return (f"{pair.match_type.value}{via} · similarity {pair.similarity:.2f} · "
            f"word overlap {pair.lexical_overlap:.2f}")


def _diff_lines(group: DuplicateGroup, pair: Any, width: int, limit: int = 600) -> list[str]:
    diff = render_diff(word_diff(group.passages[pair.a].text, group.passages[pair.b].text))
    return [f"            {line}" for line in _snippet(diff, width, limit)]


def _pair_lines(group: DuplicateGroup, width: int) -> list[str]:
    out = []
    for pair in group.pairs:
        out.append(
            f"        [{pair.a}]~[{pair.b}] {pair.match_type.value:<11} similarity {pair.similarity:.2f}"
            f"  word overlap {pair.lexical_overlap:.2f}"
        )
        if pair.match_type is MatchType.EDITED:
            out += _diff_lines(group, pair, width)
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


def _render_stories(result: Result, width: int, listing: Listing) -> list[str]:
    stories = result.stories.stories
    multi = sum(1 for s in stories if s.size > 1)
    lines = len(result.stories.storylines)
    out = [_heading(f"Stories: {len(stories)} ({multi} with several articles), {lines} storylines")]
    articles = result.article_index
    evidence = story_evidence(result)
    ranked = ranked_stories(result) if listing.top is not None else stories
    shown = listing.cut(len(ranked))
    for story in ranked[:shown]:
        out += _render_story(story, articles, evidence[story.id], width, listing)
    out += _more(len(ranked), shown, "stories")
    if result.stories.storylines:
        out.append(_heading("Storylines (stories that continue one another)"))
        by_id = {s.id: s for s in stories}
        shown_lines = listing.cut(len(result.stories.storylines))
        for line in result.stories.storylines[:shown_lines]:
            out.append(f"{line.id}  {len(line.stories)} stories · mean similarity {line.similarity:.2f}")
            for sid in line.stories:
                story = by_id[sid]
                out.append(f"    {_iso(story.first_date) or 'undated':<10}  {sid}")
                out += [f"        {t}" for t in _snippet(story.label, width, 160)]
        out.append("")
        out += _more(len(result.stories.storylines), shown_lines, "storylines")
    return out


def _render_story(story: Story, articles: dict, evidence: list[str], width: int, listing: Listing) -> list[str]:
    span = ""
    if story.first_date:
        span = f" · {_iso(story.first_date)}" + (
            f" .. {_iso(story.last_date)}" if story.last_date != story.first_date else ""
        )
    out = [f"{story.id}  {story.size} article{'s' if story.size > 1 else ''}{span}"]
    out += [f"      {t}" for t in _snippet(story.label, width, 200)]
    if story.keywords:
        out.append(f"      keywords: {' · '.join(story.keywords)}")
    shown = listing.cut(len(story.articles))
    for aid in story.articles[:shown]:
        article = articles[aid]
        out.append(f"    - {_iso(article.date) or 'undated':<10}  {aid} ({article.lang})")
    if shown < len(story.articles):
        out.append(f"    … {len(story.articles) - shown} more articles (--top {len(story.articles)} shows all)")
    if evidence:
        out.append(f"      shared passages: {', '.join(evidence)}")
    out.append("")
    return out
