"""The terminal report an editor reads (and ``to_json``, the contract of cluster/report/contract.py as a dict).

Rendered from the contract's ``Report``, like the HTML page and the CSV tables, so ``cluster run`` and
``cluster report RUN.json`` print the same text from the same data. The terminal report keeps Arabic in
logical order on lines of its own, so that a bidi-aware terminal or pager lays it out right to left
without scrambling the ids and figures around it.
"""

from __future__ import annotations

import textwrap
from typing import Any

from cluster.gcpause import without_gc
from cluster.report.contract import (
    ArticleOut,
    DuplicateGroupOut,
    PairOut,
    ProvenanceOut,
    Report,
    StoryOut,
    first_passage,
)
from cluster.report.hygiene import visible
from cluster.report.quote_section import render_quotes
from cluster.report.terminal_summary import Listing, article_outlet, ranked_groups, ranked_stories, render_summary
from cluster.report.worddiff import render_diff, word_diff
from cluster.result import Result


def to_json(result: Result) -> dict[str, Any]:
    """The documented JSON contract (``cluster.report.contract.Report``) as a plain dict."""
    return Report.from_result(result).to_json()


@without_gc
def render_text(result: Result, *, width: int = 100, top: int | None = None, pairs: bool = False) -> str:
    """The text report of a run (``render_report_text`` of its contract)."""
    return render_report_text(Report.from_result(result, diffs=False), width=width, top=top, pairs=pairs)


@without_gc
def render_report_text(report: Report, *, width: int = 100, top: int | None = None, pairs: bool = False) -> str:
    """The human report: a summary first (counts, top stories, passages, speakers), then the duplicate
    passages (the evidence), stories and storylines, quotes. Listings are cut at ``top`` items (on a large
    corpus ``config.report.default_top`` unless given); ``pairs`` also lists every verified pair."""
    listing = Listing.for_report(report, top, pairs)
    s = report.summary
    out: list[str] = []
    langs = ", ".join(f"{k} {v}" for k, v in s.languages.items())
    span = f", {s.first_date} .. {s.last_date}" if s.first_date else ""
    total = sum(report.timings.values())
    out.append(
        f"Corpus: {s.articles} articles ({langs}{span}); {s.skipped} input(s) skipped; "
        f"model {report.model}; {total:.1f} s"
    )
    out.append("")
    out += render_summary(report, listing, lambda text, limit: _snippet(text, width, limit))
    out += _render_groups(report, width, listing)
    out += _render_stories(report, width, listing)
    out += render_quotes(report.quotes, width, max_groups=listing.top if listing.top is not None else 30,
                         max_instances=listing.top)
    if report.skipped or report.notices:
        out.append(_heading("Skipped inputs and notices"))
        out += [f"  ! {item.path}: {item.reason}" for item in report.skipped]
        out += [f"  - {note}" for note in report.notices]
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


def _render_groups(report: Report, width: int, listing: Listing) -> list[str]:
    groups = report.duplicate_groups
    out = [_heading(f"Duplicate passages: {len(groups)} groups, {report.summary.duplicate_pairs} pairs")]
    if not groups:
        out += ["  No passage is repeated across articles.", ""]
        return out
    articles = {a.id: a for a in report.articles}
    ranked = ranked_groups(report) if listing.top is not None else groups
    shown = listing.cut(len(ranked))
    for group in ranked[:shown]:
        out += _render_group(group, articles, width, listing)
    return out + _more(len(ranked), shown, "groups")


def _render_group(group: DuplicateGroupOut, articles: dict[str, ArticleOut], width: int,
                  listing: Listing) -> list[str]:
    """The passage once, then one line per carrier with how it relates to the earliest carrier."""
    types = ", ".join(group.match_types)
    out = [f"{group.id}  {len(group.articles)} articles · {types} · best similarity {group.best_similarity:.2f}"]
    out += [f"      {line}" for line in _snippet(group.passages[0].text, width)]
    first = earliest_passage(group)
    shown = listing.cut(len(group.passages))
    relations = _relations(group, first, shown)
    for k, p in enumerate(group.passages[:shown]):
        article = articles[p.article]
        kind = "" if p.kind == "body" else f" [{p.kind}]"
        out.append(f"    [{k}] {p.article}  ({article_outlet(article)}, {article.date or 'undated'}, "
                   f"{p.lang}){kind}  chars {p.start}-{p.end}  {_relation(relations.get(k), first, k)}")
        pair = relations.get(k)
        if pair is not None and pair[1] == "" and pair[0].match_type == "edited" and not listing.pairs:
            out += _diff_lines(group, pair[0], width, width - 20 if listing.top is not None else 600)
    if shown < len(group.passages):
        out.append(f"    … {len(group.passages) - shown} more carriers (--top {len(group.passages)} shows all)")
    if listing.pairs:
        out += _pair_lines(group, width)
    if group.provenance is not None:
        out.append(f"      {_provenance_line(group.provenance)}")
    out.append("")
    return out


def earliest_passage(group: DuplicateGroupOut) -> int:
    """The passage of the group's earliest carrier (the first one among ties; the first passage if unknown)."""
    return first_passage([p.article for p in group.passages], group.provenance.earliest if group.provenance else [])


def _relations(group: DuplicateGroupOut, first: int, shown: int) -> dict[int, tuple[PairOut, str]]:
    """For each shown carrier, its verified pair with the earliest carrier (via ""), else its strongest link
    (via the other passage's index): one pass over the group's pairs, whatever its size."""
    direct: dict[int, PairOut] = {}
    best: dict[int, PairOut] = {}
    for pair in group.pairs:
        if first in (pair.a, pair.b):
            other = pair.b if pair.a == first else pair.a
            direct[other] = pair  # the last of several links between the two, as before
        for end in (pair.a, pair.b):
            if end < shown and (end not in best or pair.similarity > best[end].similarity):
                best[end] = pair
    out: dict[int, tuple[PairOut, str]] = {}
    for k in range(min(shown, len(group.passages))):
        if k in direct:
            out[k] = (direct[k], "")
        elif k in best:
            pair = best[k]
            out[k] = (pair, f" via [{pair.b if pair.a == k else pair.a}]")
    return out


def _relation(found: tuple[PairOut, str] | None, first: int, k: int) -> str:
    """How passage ``k`` relates to the earliest carrier's: its verified pair, else its best verified link."""
    if k == first:
        return "earliest"
    if found is None:
        return ""
    pair, via = found
    return (f"{pair.match_type}{via} · similarity {pair.similarity:.2f} · "
            f"word overlap {pair.lexical_overlap:.2f}")


def _diff_lines(group: DuplicateGroupOut, pair: PairOut, width: int, limit: int = 600) -> list[str]:
    """The pair's word diff as the contract carries it (a carrier's relation to the earliest copy), else
    computed from the two passages (a pair the JSON gives no diff, or a contract built without them)."""
    ops = pair.diff if pair.diff is not None else word_diff(group.passages[pair.a].text, group.passages[pair.b].text)
    diff = render_diff(ops)
    return [f"            {line}" for line in _snippet(diff, width, limit)]


def _pair_lines(group: DuplicateGroupOut, width: int) -> list[str]:
    out = []
    for pair in group.pairs:
        out.append(
            f"        [{pair.a}]~[{pair.b}] {pair.match_type:<11} similarity {pair.similarity:.2f}"
            f"  word overlap {pair.lexical_overlap:.2f}"
        )
        if pair.match_type == "edited":
            out += _diff_lines(group, pair, width)
    return out


def _provenance_line(provenance: ProvenanceOut) -> str:
    if provenance.dated:
        first = f"first carried by {', '.join(provenance.earliest)} ({provenance.date})"
        if len(provenance.earliest) > 1:
            first += " (tie)"
    else:
        first = "first carrier unknown (no carrier is dated)"
    copies = ", ".join(f"{c.article} {c.match_type}" for c in provenance.copies)
    agency = f"; agency copy? credits {', '.join(provenance.agency)}" if provenance.agency else ""
    undated = f"; undated: {', '.join(provenance.undated)}" if provenance.undated and provenance.dated else ""
    return f"provenance: {first}" + (f"; copies: {copies}" if copies else "") + undated + agency


def _render_stories(report: Report, width: int, listing: Listing) -> list[str]:
    stories = report.stories
    out = [_heading(f"Stories: {len(stories)} ({report.summary.multi_article_stories} with several articles), "
                    f"{len(report.storylines)} storyline{'' if len(report.storylines) == 1 else 's'}")]
    articles = {a.id: a for a in report.articles}
    ranked = ranked_stories(report) if listing.top is not None else stories
    shown = listing.cut(len(ranked))
    for story in ranked[:shown]:
        out += _render_story(story, articles, width, listing)
    out += _more(len(ranked), shown, "stories")
    if report.storylines:
        out += _render_storylines(report, width, listing)
    return out


def _render_storylines(report: Report, width: int, listing: Listing) -> list[str]:
    out = [_heading("Storylines (stories that continue one another)")]
    by_id = {s.id: s for s in report.stories}
    shown = listing.cut(len(report.storylines))
    for line in report.storylines[:shown]:
        out.append(f"{line.id}  {len(line.stories)} stories · mean similarity {line.similarity:.2f}")
        for sid in line.stories:
            story = by_id[sid]
            out.append(f"    {story.first_date or 'undated':<10}  {sid}")
            out += [f"        {t}" for t in _snippet(story.label, width, 160)]
    out.append("")
    return out + _more(len(report.storylines), shown, "storylines")


def _render_story(story: StoryOut, articles: dict[str, ArticleOut], width: int, listing: Listing) -> list[str]:
    span = ""
    if story.first_date:
        span = f" · {story.first_date}" + (f" .. {story.last_date}" if story.last_date != story.first_date else "")
    size = len(story.articles)
    out = [f"{story.id}  {size} article{'s' if size > 1 else ''}{span}"]
    out += [f"      {t}" for t in _snippet(story.label, width, 200)]
    if story.keywords:
        out.append(f"      keywords: {' · '.join(story.keywords)}")
    shown = listing.cut(size)
    for aid in story.articles[:shown]:
        article = articles[aid]
        out.append(f"    - {article.date or 'undated':<10}  {aid} ({article.lang})")
    if shown < size:
        out.append(f"    … {size - shown} more articles (--top {size} shows all)")
    if story.evidence:
        out.append(f"      shared passages: {', '.join(story.evidence)}")
    out.append("")
    return out
