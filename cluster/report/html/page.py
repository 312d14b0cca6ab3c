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
from importlib import resources
from pathlib import Path
from typing import Any

from cluster.gcpause import without_gc
from cluster.report.contract import Report
from cluster.report.html.data import page_data
from cluster.report.html.parts import esc, script_json
from cluster.report.html.summary import at_a_glance, overview
from cluster.report.saved import all_outlets, check_report, quotes_of, speaker_name

PAGE_SIZE = 30
"""Items a section renders at first and per "show more": a screenful each, so a day of news opens at once."""


@without_gc
def render_html(report: Report | dict[str, Any]) -> str:
    """The whole page as a string; ``report`` is a Report, or its JSON form (checked against the contract first).

    The summary is written as markup; stories, storylines, groups and quotes are drawn by the page's
    script from one compact JSON block (``data.page_data``), a page at a time and on demand.
    """
    report = check_report(report)
    data = page_data(report)
    data["speakers"], data["as"] = _speakers(report, data)
    data["page"] = PAGE_SIZE
    body = "\n".join(
        part
        for part in (
            _header(report),
            overview(report),
            at_a_glance(report),
            _filters(report, data["speakers"]),
            _section("stories", f"Stories ({len(report.stories)})", "No stories."),
            _section("storylines", f"Storylines ({len(report.storylines)})", "No stories continue one another."),
            _section("groups", _groups_heading(report), "No passage is repeated across articles."),
            _section("quotes", _quotes_heading(report), "No quotes were found in these articles.")
            if report.quotes is not None else "",
            _skipped(report),
            _footer(),
        )
        if part
    )
    return _document(_title(report), body, data)


def write_html(report: Report | dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report), encoding="utf-8")
    return path


def _asset(name: str) -> str:
    return resources.files("cluster.report.html").joinpath("assets", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _document(title: str, body: str, data: dict[str, Any]) -> str:
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
        f'<script type="application/json" id="report-data">{script_json(data)}</script>\n'
        f"<script>{js}</script>\n</body>\n</html>\n"
    )


def _title(report: Report) -> str:
    s = report.summary
    return f"News cluster report: {s.articles} articles, {s.stories} stories"


def _header(report: Report) -> str:
    return (
        f"<header class=\"top\"><h1>{esc(_title(report))}</h1>"
        f"<p class=\"note\">model <bdi>{esc(report.model or 'unknown')}</bdi> · report schema "
        f"{esc(report.schema_version)} · self-contained page: nothing is loaded from the network</p></header>"
    )


def _speakers(report: Report, data: dict[str, Any]) -> tuple[list[str], dict[str, list[int]]]:
    """Named speakers (sorted) and, per article position, the speakers it quotes: the speaker filter's facets."""
    from cluster.report.html.data import clean

    quotes = quotes_of(report)
    names = sorted({clean(n) for q in quotes if (n := speaker_name(q))}, key=str.casefold)
    index = {n: k for k, n in enumerate(names)}
    position = {a.id: k for k, a in enumerate(report.articles)}
    by_article: dict[str, set[int]] = {}
    for quote in quotes:
        name = speaker_name(quote)
        if name is None:
            continue
        for instance in quote.instances:
            if instance.article in position:
                by_article.setdefault(str(position[instance.article]), set()).add(index[clean(name)])
    return names, {k: sorted(v) for k, v in by_article.items()}


def _filters(report: Report, speakers: list[str]) -> str:
    outlets = "".join(f'<option value="{esc(o)}">{esc(o)}</option>' for o in all_outlets(report))
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


def _section(anchor: str, heading: str, empty: str) -> str:
    """A section the script fills: its items a page at a time, a live count, a note when none match."""
    return (
        f'<section id="{anchor}" class="list"><h2>{esc(heading)} <span class="count" data-count="{anchor}"></span>'
        f'</h2><div class="items" data-kind="{anchor}"></div><p class="empty-note" hidden>{esc(empty)}</p>'
        '<p class="no-match" hidden>Nothing here matches the filters.</p>'
        '<button type="button" class="more" hidden>Show more</button></section>'
    )


def _groups_heading(report: Report) -> str:
    pairs = sum(len(g.pairs) for g in report.duplicate_groups)
    return f"Duplicate passages ({len(report.duplicate_groups)} groups, {pairs} pairs)"


def _quotes_heading(report: Report) -> str:
    quotes = quotes_of(report)
    named = len({n for q in quotes if (n := speaker_name(q))})
    return f"Quotes by speaker ({len(quotes)} quotes, {named} named speakers)"


def _skipped(report: Report) -> str:
    skipped, notices = report.skipped, report.notices
    if not skipped and not notices:
        return ""
    items = "".join(f"<li><bdi>skipped {esc(s.path)}: {esc(s.reason)}</bdi></li>" for s in skipped)
    items += "".join(f"<li><bdi>{esc(n)}</bdi></li>" for n in notices)
    return f'<section id="skipped"><h2>Skipped inputs and notices</h2><ul dir="auto">{items}</ul></section>'


def _footer() -> str:
    return (
        '<footer class="note">Generated by <code>cluster</code> from the JSON contract (docs/output.md). '
        "Highlighted words appear in another passage of the same group after spelling normalisation.</footer>"
    )
