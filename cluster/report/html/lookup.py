"""What every section of the HTML page looks up: articles by id, anchors of stories and groups, filter facets.

Its own module so the sections (groups, quotes) and the page that assembles them all import it, and
none of them imports another.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from cluster.report.contract import ArticleOut, Report
from cluster.report.html.parts import esc, parse_date, text_span
from cluster.report.saved import outlet, speakers_by_article


@dataclass
class Page:
    """One report being rendered, with its lookups and the facets the filter script matches items on."""

    report: Report
    articles: dict[str, ArticleOut] = field(init=False)
    story_anchor: dict[str, str] = field(init=False)
    group_anchor: dict[str, str] = field(init=False)
    storyline_anchor: dict[str, str] = field(init=False)
    story_of: dict[str, str] = field(init=False)
    speakers: dict[str, set[str]] = field(init=False)
    corpus_span: tuple[dt.date, dt.date] | None = field(init=False)
    facets: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        report = self.report
        self.articles = {a.id: a for a in report.articles}
        self.story_anchor = {s.id: f"story-{k + 1}" for k, s in enumerate(report.stories)}
        self.group_anchor = {g.id: f"group-{k + 1}" for k, g in enumerate(report.duplicate_groups)}
        self.storyline_anchor = {line.id: f"storyline-{k + 1}" for k, line in enumerate(report.storylines)}
        self.story_of = {aid: s.id for s in report.stories for aid in s.articles}
        self.speakers = speakers_by_article(report)
        first, last = parse_date(report.summary.first_date), parse_date(report.summary.last_date)
        self.corpus_span = (first, last) if first and last else None

    def add_facets(
        self, anchor: str, article_ids: list[str], *, several: bool = True, speakers: set[str] | None = None
    ) -> None:
        """Record what the filters match an item on: its outlets, its speakers, whether it spans articles.

        ``speakers`` given (a quote's own speaker) is used as is; otherwise an item matches every named
        speaker quoted in one of its articles.
        """
        if speakers is None:
            speakers = set().union(*(self.speakers.get(aid, set()) for aid in article_ids))
        self.facets[anchor] = {
            "outlets": sorted({self.outlet(aid) for aid in article_ids}),
            "speakers": sorted(speakers),
            "several": several,
        }

    def group_link(self, gid: str) -> str:
        anchor = self.group_anchor.get(gid)
        return f'<a href="#{anchor}">{esc(gid)}</a>' if anchor else esc(gid)

    def story_link(self, sid: str) -> str:
        anchor = self.story_anchor.get(sid)
        return f'<a href="#{anchor}">{esc(sid)}</a>' if anchor else esc(sid)

    def outlet(self, article_id: str) -> str:
        return outlet(self.articles.get(article_id))

    def article_ref(self, article_id: str) -> str:
        """An article named by its title (in its own direction), with its id and date as a quiet note."""
        article = self.articles.get(article_id)
        title = (article.title if article else "") or article_id
        date = (article.date if article else None) or "undated"
        return (
            f'{text_span(title, article.lang if article else None, cls="title")} '
            f'<span class="note" dir="ltr">{esc(article_id)} · {esc(date)} · {esc(self.outlet(article_id))}</span>'
        )
