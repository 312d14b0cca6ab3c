"""The JSON contract as one self-contained HTML page an editor can open offline and forward.

The page is rendered from the ``Report`` model (cluster/report/contract.py), so ``cluster run --html``
and ``cluster report RUN.json --html`` give the same bytes. Styles and the filter script are inlined from
``cluster/report/html/assets``; a Content-Security-Policy allows only those two (by hash) and no network,
so even an escaping mistake could not run a script from article text or fetch anything at view time.
Sections with more to say live beside this module: groups (duplicate passages) and quotes (quotes by
speaker); lookup holds the Page every section reads from, parts the escaping and drawing primitives.
"""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from cluster.report.contract import Report, StoryOut
from cluster.report.html.groups import render_groups
from cluster.report.html.lookup import Page
from cluster.report.html.parts import (
    esc,
    fmt_number,
    guess_lang,
    lang_attrs,
    list_section,
    parse_date,
    script_json,
    text_span,
    timeline_svg,
    web_link,
)
from cluster.report.html.quotes import render_quotes
from cluster.report.saved import all_outlets, check_report, quotes_of, speaker_name


def render_html(report: Report | dict[str, Any]) -> str:
    """The whole page as a string; ``report`` is a Report, or its JSON form (checked against the contract first)."""
    page = Page(check_report(report))
    body = "\n".join(
        part
        for part in (
            _header(page),
            _overview(page),
            _filters(page),
            _stories(page),
            _storylines(page),
            render_groups(page),
            render_quotes(page) if page.report.quotes is not None else "",
            _skipped(page),
            _footer(page),
        )
        if part
    )
    return _document(_title(page), body, page.facets)


def write_html(report: Report | dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report), encoding="utf-8")
    return path


def _asset(name: str) -> str:
    return resources.files("cluster.report.html").joinpath("assets", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _document(title: str, body: str, facets: dict[str, Any]) -> str:
    css, js = _asset("report.css"), _asset("report.js")
    policy = (
        f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n"
        f'<script type="application/json" id="report-index">{script_json(facets)}</script>\n'
        f"<script>{js}</script>\n</body>\n</html>\n"
    )


def _title(page: Page) -> str:
    s = page.report.summary
    return f"News cluster report: {s.articles} articles, {s.stories} stories"


def _header(page: Page) -> str:
    report = page.report
    return (
        f"<header class=\"top\"><h1>{esc(_title(page))}</h1>"
        f"<p class=\"note\">model {esc(report.model or 'unknown')} · report schema "
        f"{esc(report.schema_version)} · self-contained page: nothing is loaded from the network</p></header>"
    )


def _overview(page: Page) -> str:
    s, report = page.report.summary, page.report
    languages = s.languages
    outlets = all_outlets(report)
    first, last = s.first_date, s.last_date
    span = "no dates" if not first else (esc(first) if first == last else f"{esc(first)} – {esc(last)}")
    cards = [
        ("Articles", esc(s.articles), f"{esc(s.skipped)} input(s) skipped"),
        ("Outlets", str(len(outlets)), ", ".join(esc(o) for o in outlets[:6]) + (" …" if len(outlets) > 6 else "")),
        ("Languages", str(len(languages)), " · ".join(f"{esc(k)} {esc(v)}" for k, v in languages.items())),
        ("Date range", span, ""),
        ("Duplicate groups", esc(s.duplicate_groups), f"{esc(s.duplicate_pairs)} verified pairs"),
        ("Stories", esc(s.stories),
         f"{esc(s.multi_article_stories)} with several articles · {esc(s.storylines)} storylines"),
    ]
    if report.quotes is not None:
        cards.append(("Quotes", str(len(quotes_of(report))), f"{len(_speaker_names(report))} named speakers"))
    items = "".join(
        f'<div class="card"><dt>{label}</dt><dd class="big{" span" if label == "Date range" else ""}">{value}</dd>'
        f'<dd class="note">{detail}</dd></div>'
        for label, value, detail in cards
    )
    return f'<section id="overview" aria-label="Overview"><dl class="cards">{items}</dl></section>'


def _speaker_names(report: Report) -> list[str]:
    return sorted({name for q in quotes_of(report) if (name := speaker_name(q))}, key=str.casefold)


def _filters(page: Page) -> str:
    outlets = "".join(f'<option value="{esc(o)}">{esc(o)}</option>' for o in all_outlets(page.report))
    speakers = _speaker_names(page.report)
    speaker_select = (
        '<label>Speaker <select id="filter-speaker"><option value="">all speakers</option>'
        + "".join(f'<option value="{esc(n)}">{esc(n)}</option>' for n in speakers)
        + "</select></label>"
        if speakers
        else ""
    )
    return (
        '<section id="filters" class="filters" role="search" aria-label="Filter the report">'
        '<label>Search <input type="search" id="filter-text" placeholder="words in titles, passages, quotes, ids" '
        'autocomplete="off"></label>'
        f'<label>Outlet <select id="filter-outlet"><option value="">all outlets</option>{outlets}</select></label>'
        f"{speaker_select}"
        '<label class="check"><input type="checkbox" id="filter-several"> only stories with several articles</label>'
        '<button type="button" id="filter-clear">Clear</button>'
        '<output id="filter-status" aria-live="polite"></output></section>'
    )


def _stories(page: Page) -> str:
    lines = defaultdict(list)
    for line in page.report.storylines:
        for sid in line.stories:
            lines[sid].append(line.id)
    items = [_story(page, story, lines.get(story.id, [])) for story in page.report.stories]
    return list_section("stories", f"Stories ({len(items)})", items, "No stories.")


def _story(page: Page, story: StoryOut, storylines: list[str]) -> str:
    anchor = page.story_anchor[story.id]
    members = list(story.articles)
    page.add_facets(anchor, members, several=len(members) > 1)
    central = page.articles.get(story.central_article)
    first, last = story.first_date, story.last_date
    span = "undated" if not first else (esc(first) if first == last else f"{esc(first)} – {esc(last)}")
    keywords = "".join(
        f'<button type="button" class="chip" data-term="{esc(k)}"{lang_attrs(guess_lang(k))}>{esc(k)}</button>'
        for k in story.keywords
    )
    outlets = sorted({page.outlet(aid) for aid in members}, key=str.casefold)
    rows = "".join(_member_row(page, aid) for aid in members)
    return (
        f'<article class="story item" id="{anchor}"><header><span class="badge">{esc(story.id)}</span> '
        f'{text_span(story.label or "", central.lang if central else None, tag="h3")}'
        f'<p class="meta">{len(members)} article{"s" if len(members) != 1 else ""} · {span} · '
        f'outlets: {", ".join(esc(o) for o in outlets)}</p></header>'
        + (f'<p class="keywords">{keywords}</p>' if keywords else "")
        + _story_timeline(page, members)
        + '<table class="members"><thead><tr><th>date</th><th>outlet</th><th>lang</th><th>article</th></tr></thead>'
        + f"<tbody>{rows}</tbody></table>"
        + _story_ties(page, story, storylines)
        + "</article>"
    )


def _story_timeline(page: Page, members: list[str]) -> str:
    articles = [a for aid in members if (a := page.articles.get(aid))]
    points = [(day, a.title or "") for a in articles if (day := parse_date(a.date))]
    undated = len(members) - len(points)
    note = f'<p class="note">{undated} undated</p>' if undated else ""
    return f'<div class="timeline-box">{timeline_svg(points, page.corpus_span)}{note}</div>'


def _story_ties(page: Page, story: StoryOut, storylines: list[str]) -> str:
    """What holds the story together (its shared passages) and what it continues (its storylines)."""
    evidence = ", ".join(page.group_link(gid) for gid in story.evidence)
    if evidence:
        out = f'<p class="evidence">Tied together by shared passages: {evidence}</p>'
    elif len(story.articles) > 1:
        out = ('<p class="evidence note">No passage shared between members: grouped by meaning, wording, names and '
               "dates.</p>")
    else:
        out = ""
    links = ", ".join(f'<a href="#{page.storyline_anchor[lid]}">{esc(lid)}</a>' for lid in storylines)
    if links:
        out += f'<p class="note">Part of storyline {links}: stories that continue one another.</p>'
    return out


def _member_row(page: Page, article_id: str) -> str:
    article = page.articles.get(article_id)
    link = web_link(article.url if article else None, "link")
    date, lang = (article.date, article.lang) if article else (None, None)
    return (
        f'<tr><td class="date" dir="ltr">{esc(date or "undated")}</td><td>{esc(page.outlet(article_id))}</td>'
        f'<td>{esc(lang or "")}</td><td>{page.article_ref(article_id)}'
        + (f' <span class="note">{link}</span>' if link else "")
        + "</td></tr>"
    )


def _storylines(page: Page) -> str:
    stories = {s.id: s for s in page.report.stories}
    items = []
    for line in page.report.storylines:
        steps = "".join(
            f'<li><span class="note" dir="ltr">{esc(_story_field(stories, sid, "first_date") or "undated")}</span> '
            f'{page.story_link(sid)} {text_span(_story_field(stories, sid, "label") or "")}</li>'
            for sid in line.stories
        )
        items.append(
            f'<div class="storyline" id="{page.storyline_anchor[line.id]}"><h3>'
            f'<span class="badge">{esc(line.id)}</span> {len(line.stories)} stories · '
            f"mean similarity {fmt_number(line.similarity)}</h3><ol>{steps}</ol></div>"
        )
    return list_section("storylines", f"Storylines ({len(items)})", items, "No stories continue one another.")


def _story_field(stories: dict[str, StoryOut], sid: str, name: str) -> str | None:
    """A story's field, None for a storyline step naming a story the report lacks."""
    story = stories.get(sid)
    return getattr(story, name) if story else None


def _skipped(page: Page) -> str:
    skipped, notices = page.report.skipped, page.report.notices
    if not skipped and not notices:
        return ""
    items = "".join(f"<li>skipped {esc(s.path)}: {esc(s.reason)}</li>" for s in skipped)
    items += "".join(f"<li>{esc(n)}</li>" for n in notices)
    return f'<section id="skipped"><h2>Skipped inputs and notices</h2><ul dir="auto">{items}</ul></section>'


def _footer(page: Page) -> str:
    return (
        '<footer class="note">Generated by <code>cluster</code> from the JSON contract (docs/output.md). '
        "Highlighted words appear in another passage of the same group after spelling normalisation.</footer>"
    )
