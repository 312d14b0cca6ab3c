"""The first screen of the text report: counts, the biggest stories, the passages carried by the most
outlets, the most quoted speakers. An editor opening a day of news reads this before any detail."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pydantic import ValidationError

from cluster.config import ReportConfig
from cluster.report.contract import ArticleOut, DuplicateGroupOut, QuoteOut, Report, StoryOut
from cluster.report.saved import outlet


def article_outlet(article: ArticleOut | None) -> str:
    """Who published an article (source, else URL host), as every view names it."""
    return outlet(article)


@dataclass(frozen=True)
class Listing:
    """How many items each listing shows: None shows all (a small corpus reads in full)."""

    top: int | None
    summary: int
    pairs: bool = False

    @classmethod
    def for_report(cls, report: Report, top: int | None, pairs: bool = False) -> Listing:
        """From the options, else the run's ``report`` settings (a saved file's own, defaults if it has none)."""
        settings = _report_settings(report)
        top = top if top is not None else settings.top
        pairs = pairs or settings.pairs
        if top is None and len(report.articles) >= settings.large_corpus_articles:
            top = settings.default_top
        return cls(top=top, summary=settings.summary_items, pairs=pairs)

    def cut(self, count: int) -> int:
        return count if self.top is None else min(count, self.top)


def _report_settings(report: Report) -> ReportConfig:
    """The run's ``report`` settings as saved in its JSON; the defaults when a file has none or other ones."""
    saved = report.config.get("report") if isinstance(report.config, dict) else None
    try:
        return ReportConfig.model_validate(saved) if isinstance(saved, dict) else ReportConfig()
    except ValidationError:
        return ReportConfig()


def counted(n: int, noun: str) -> str:
    """``1 outlet``, ``3 outlets``: an editor reads these lines, not a log."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def story_outlets(story: StoryOut, articles: dict[str, ArticleOut]) -> int:
    return len({article_outlet(articles.get(aid)) for aid in story.articles})


def group_outlets(group: DuplicateGroupOut, articles: dict[str, ArticleOut]) -> int:
    return len({article_outlet(articles.get(aid)) for aid in group.articles})


def ranked_stories(report: Report) -> list[StoryOut]:
    """Stories by reach: outlets first (many outlets is news), then articles; ties keep the run's order."""
    articles = {a.id: a for a in report.articles}
    return sorted(report.stories, key=lambda s: (-story_outlets(s, articles), -len(s.articles)))


def ranked_groups(report: Report) -> list[DuplicateGroupOut]:
    """Duplicate groups by reach (outlets, then articles)."""
    articles = {a.id: a for a in report.articles}
    return sorted(report.duplicate_groups, key=lambda g: (-group_outlets(g, articles), -len(g.articles)))


def render_summary(report: Report, listing: Listing, snippet) -> list[str]:
    """Counts, then the top stories, passages and speakers, each cut at ``listing.summary``."""
    s = report.summary
    articles = {a.id: a for a in report.articles}
    outlets = len({article_outlet(a) for a in report.articles})
    carriers = len({a for g in report.duplicate_groups for a in g.articles})
    out = [_heading("Summary"),
           (f"  {s.articles} articles from {outlets} outlet(s); {s.stories} stories ({s.multi_article_stories} "
            f"with several articles), {s.storylines} storyline{'' if s.storylines == 1 else 's'}"),
           (f"  {s.duplicate_groups} copied passages (duplicate groups) carried by {carriers} articles; "
            f"{s.duplicate_pairs} verified pairs")]
    if report.quotes is not None:
        quotes = report.quotes
        shared = sum(1 for q in quotes if len({i.article for i in q.instances}) >= 2)
        out.append(f"  {len(quotes)} distinct quotes ({sum(len(q.instances) for q in quotes)} places found), "
                   f"{shared} carried by several articles")
    out.append("")
    multi = [st for st in ranked_stories(report) if len(st.articles) > 1][: listing.summary]
    if multi:
        out.append("  Top stories by outlets")
        for story in multi:
            out.append(f"    {story.id:<6} {counted(story_outlets(story, articles), 'outlet')} · "
                       f"{len(story.articles)} articles · {story.first_date or 'undated'}")
            out += [f"           {line}" for line in snippet(story.label, 120)]
        out.append("")
    groups = ranked_groups(report)[: listing.summary]
    if groups:
        out.append("  Top passages by reach")
        for group in groups:
            reach = f"{counted(group_outlets(group, articles), 'outlet')} · {len(group.articles)} articles"
            out.append(f"    {group.id:<6} {reach} · {', '.join(group.match_types)}")
            out += [f"           {line}" for line in snippet(group.passages[0].text, 160)]
        out.append("")
    out += _speakers(report.quotes, listing.summary)
    return out


def _speakers(quotes: list[QuoteOut] | None, limit: int) -> list[str]:
    """The most quoted speakers: distinct quotes per speaker, and the articles carrying them."""
    if quotes is None:
        return []
    counts: Counter[str] = Counter()
    carriers: dict[str, set[str]] = {}
    for quote in quotes:
        if quote.speaker is None:
            continue
        counts[quote.speaker] += 1
        carriers.setdefault(quote.speaker, set()).update(i.article for i in quote.instances)
    if not counts:
        return []
    out = ["  Most quoted speakers"]
    for speaker, n in counts.most_common(limit):
        out.append(f"    {n:>4} quote(s) in {len(carriers[speaker])} article(s)  {speaker}")
    return out + [""]


def _heading(text: str) -> str:
    return f"{text}\n{'=' * len(text)}"
