"""The first screen of the HTML page: the counts, then the biggest stories, the passages carried by the
most outlets and the most quoted speakers, each linking to its detail (drawn on demand by the script).

Written as markup (a few dozen lines whatever the corpus size), so it shows before any script runs.
Every text from the corpus is in a ``<bdi>`` with its direction: an id or title cannot reorder the
figures around it.
"""

from __future__ import annotations

from collections import Counter

from cluster.report.contract import Report
from cluster.report.html.parts import bdi, esc
from cluster.report.saved import all_outlets, articles_by_id, outlet, quotes_of, speaker_name

TOP = 10
"""Items per top list: one screen."""


def overview(report: Report) -> str:
    s = report.summary
    outlets = all_outlets(report)
    first, last = s.first_date, s.last_date
    span = "no dates" if not first else (esc(first) if first == last else f"{esc(first)} – {esc(last)}")
    cards = [
        ("Articles", esc(s.articles), f"{esc(s.skipped)} input(s) skipped"),
        ("Outlets", str(len(outlets)), ", ".join(bdi(o) for o in outlets[:6]) + (" …" if len(outlets) > 6 else "")),
        ("Languages", str(len(s.languages)), " · ".join(f"{esc(k)} {esc(v)}" for k, v in s.languages.items())),
        ("Date range", span, ""),
        ("Duplicate groups", esc(s.duplicate_groups), f"{esc(s.duplicate_pairs)} verified pairs"),
        ("Stories", esc(s.stories),
         f"{esc(s.multi_article_stories)} with several articles · {esc(s.storylines)} storylines"),
    ]
    if report.quotes is not None:
        quotes = quotes_of(report)
        named = len({n for q in quotes if (n := speaker_name(q))})
        cards.append(("Quotes", str(len(quotes)), f"{named} named speakers"))
    items = "".join(
        f'<div class="card"><dt>{label}</dt><dd class="big{" span" if label == "Date range" else ""}">{value}</dd>'
        f'<dd class="note">{detail}</dd></div>'
        for label, value, detail in cards
    )
    return f'<section id="overview" aria-label="Overview"><dl class="cards">{items}</dl></section>'


def at_a_glance(report: Report) -> str:
    """Top stories by outlets, top passages by reach, most quoted speakers; empty lists are left out."""
    parts = [_top_stories(report), _top_groups(report), _top_speakers(report)]
    inner = "".join(p for p in parts if p)
    if not inner:
        return ""
    return (f'<section id="glance" aria-label="At a glance"><h2>At a glance</h2>'
            f'<div class="glance">{inner}</div></section>')


def _top_stories(report: Report) -> str:
    articles = articles_by_id(report)
    ranked = []
    for k, story in enumerate(report.stories):
        if len(story.articles) < 2:
            continue
        reach = len({outlet(articles.get(a)) for a in story.articles})
        ranked.append((-reach, -len(story.articles), k, story, reach))
    rows = "".join(
        f'<li><a href="#story-{k + 1}" data-open="stories:{k}">{esc(story.id)}</a> '
        f'<span class="note">{reach} outlets · {len(story.articles)} articles</span> {bdi(story.label)}</li>'
        for _, _, k, story, reach in sorted(ranked, key=lambda r: r[:3])[:TOP]
    )
    return f'<div><h3>Biggest stories</h3><ol class="top">{rows}</ol></div>' if rows else ""


def _top_groups(report: Report) -> str:
    articles = articles_by_id(report)
    ranked = []
    for k, group in enumerate(report.duplicate_groups):
        reach = len({outlet(articles.get(a)) for a in group.articles})
        ranked.append((-reach, -len(group.articles), k, group, reach))
    rows = "".join(
        f'<li><a href="#group-{k + 1}" data-open="groups:{k}">{esc(group.id)}</a> '
        f'<span class="note">{reach} outlets · {len(group.articles)} articles · {esc(", ".join(group.match_types))}'
        f"</span> {bdi(_cut(group.passages[0].text), group.passages[0].lang)}</li>"
        for _, _, k, group, reach in sorted(ranked, key=lambda r: r[:3])[:TOP]
    )
    return f'<div><h3>Passages carried by the most outlets</h3><ol class="top">{rows}</ol></div>' if rows else ""


def _top_speakers(report: Report) -> str:
    counts: Counter[str] = Counter()
    for quote in quotes_of(report):
        if name := speaker_name(quote):
            counts[name] += 1
    rows = "".join(f'<li>{bdi(name)} <span class="note">{n} quote{"s" if n != 1 else ""}</span></li>'
                   for name, n in counts.most_common(TOP))
    return f'<div><h3>Most quoted speakers</h3><ol class="top">{rows}</ol></div>' if rows else ""


def _cut(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"
