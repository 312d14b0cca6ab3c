"""The first screen of the text report: counts, the biggest stories, the passages carried by the most
outlets, the most quoted speakers. An editor opening a day of news reads this before any detail."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from cluster.documents import Article
from cluster.duplicates.groups import DuplicateGroup
from cluster.quotes.matching import QuoteResult, group_speaker
from cluster.report.contract import ReportSummary, group_ids
from cluster.report.contract_base import iso
from cluster.report.saved import outlet
from cluster.result import Result
from cluster.stories.describe import Story


def article_outlet(article: Article | None) -> str:
    """Who published an article (source, else URL host), as every view names it."""
    return outlet(article)  # type: ignore[arg-type]  # reads only .source and .url


@dataclass(frozen=True)
class Listing:
    """How many items each listing shows: None shows all (a small corpus reads in full)."""

    top: int | None
    summary: int
    pairs: bool = False

    @classmethod
    def for_result(cls, result: Result, top: int | None, pairs: bool = False) -> Listing:
        settings = result.config.report
        top = top if top is not None else settings.top
        pairs = pairs or settings.pairs
        if top is None and len(result.articles) >= settings.large_corpus_articles:
            top = settings.default_top
        return cls(top=top, summary=settings.summary_items, pairs=pairs)

    def cut(self, count: int) -> int:
        return count if self.top is None else min(count, self.top)


def counted(n: int, noun: str) -> str:
    """``1 outlet``, ``3 outlets``: an editor reads these lines, not a log."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def story_outlets(story: Story, articles: dict[str, Article]) -> int:
    return len({article_outlet(articles.get(aid)) for aid in story.articles})


def group_outlets(group: DuplicateGroup, articles: dict[str, Article]) -> int:
    return len({article_outlet(articles.get(aid)) for aid in group.articles})


def ranked_stories(result: Result) -> list[Story]:
    """Stories by reach: outlets first (many outlets is news), then articles; ties keep the run's order."""
    articles = result.article_index
    return sorted(result.stories.stories, key=lambda s: (-story_outlets(s, articles), -s.size))


def ranked_groups(result: Result) -> list[tuple[str, DuplicateGroup]]:
    """Duplicate groups by reach (outlets, then articles), each with its id."""
    articles = result.article_index
    pairs = list(zip(group_ids(result), result.groups))
    return sorted(pairs, key=lambda p: (-group_outlets(p[1], articles), -len(p[1].articles)))


def render_summary(result: Result, listing: Listing, snippet) -> list[str]:
    """Counts, then the top stories, passages and speakers, each cut at ``listing.summary``."""
    s = ReportSummary.from_result(result)
    articles = result.article_index
    outlets = len({article_outlet(a) for a in result.articles})
    quotes = result.quotes
    out = [_heading("Summary"),
           f"  {s.articles} articles from {outlets} outlet(s); {s.stories} stories ({s.multi_article_stories} with "
           f"several articles), {s.storylines} storylines",
           f"  {s.duplicate_groups} copied passages (duplicate groups) carried by "
           f"{len({a for g in result.groups for a in g.articles})} articles; {s.duplicate_pairs} verified pairs"]
    if quotes is not None:
        shared = sum(1 for g in quotes.groups if len({quotes.quotes[m].article_id for m in g.members}) >= 2)
        out.append(f"  {len(quotes.groups)} distinct quotes ({len(quotes.quotes)} places found), "
                   f"{shared} carried by several articles")
    out.append("")
    multi = [st for st in ranked_stories(result) if st.size > 1][: listing.summary]
    if multi:
        out.append("  Top stories by outlets")
        for story in multi:
            out.append(f"    {story.id:<6} {counted(story_outlets(story, articles), 'outlet')} · {story.size} articles"
                       f" · {iso(story.first_date) or 'undated'}")
            out += [f"           {line}" for line in snippet(story.label, 120)]
        out.append("")
    groups = ranked_groups(result)[: listing.summary]
    if groups:
        out.append("  Top passages by reach")
        for gid, group in groups:
            types = ", ".join(m.value for m in group.match_types)
            reach = f"{counted(group_outlets(group, articles), 'outlet')} · {len(group.articles)} articles"
            out.append(f"    {gid:<6} {reach} · {types}")
            out += [f"           {line}" for line in snippet(group.passages[0].text, 160)]
        out.append("")
    out += _speakers(quotes, listing.summary)
    return out


def _speakers(quotes: QuoteResult | None, limit: int) -> list[str]:
    if quotes is None:
        return []
    counts: Counter[int] = Counter()
    carriers: dict[int, set[str]] = {}
    for group in quotes.groups:
        speaker = group_speaker(quotes, group)
        if speaker is None:
            continue
        counts[speaker] += 1
        carriers.setdefault(speaker, set()).update(quotes.quotes[m].article_id for m in group.members)
    if not counts:
        return []
    out = ["  Most quoted speakers"]
    for speaker, n in counts.most_common(limit):
        name = quotes.speakers.speakers[speaker].display
        out.append(f"    {n:>4} quote(s) in {len(carriers[speaker])} article(s)  {name}")
    return out + [""]


def _heading(text: str) -> str:
    return f"{text}\n{'=' * len(text)}"
