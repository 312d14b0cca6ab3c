"""Safe building blocks for the HTML report: escaping, text direction, the timeline chart.

Every string that reaches the page from a report is untrusted (article titles, text, ids, URLs and
outlet names come from whoever wrote the corpus), so nothing here concatenates such a string into
markup without ``html.escape(..., quote=True)``, and data for the page's script travels as JSON in a
``<script type="application/json">`` block with every character that could end it escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterable, Sequence
from typing import Any

from cluster import textnorm
from cluster.report.contract_base import DiffOpOut
from cluster.report.hygiene import visible
from cluster.report.saved import is_web_url

RTL_LANGS = frozenset({"ar", "fa", "ur", "he", "ps", "ckb", "yi"})
# Characters that could end a <script> block or a JS string if the JSON were read as script.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def esc(value: object) -> str:
    """Text or attribute content, escaped (quotes included, so it is safe inside any quoted attribute), with
    control characters and bidi overrides written out visibly (``hygiene.visible``)."""
    return html.escape(visible("" if value is None else str(value)), quote=True)


def bdi(value: object, lang: object = None) -> str:
    """Input text isolated from the text around it (ids, titles, outlets), in its own direction."""
    return f"<bdi{lang_attrs(lang or guess_lang(value))}>{esc(value)}</bdi>"


def direction(lang: object) -> str:
    """``rtl`` for right-to-left languages: stated outright, because ``dir=auto`` guesses from the first
    strong character and a passage opening with a Latin name or a number would be laid out wrongly."""
    return "rtl" if isinstance(lang, str) and lang.split("-")[0].lower() in RTL_LANGS else "ltr"


def guess_lang(text: object) -> str:
    """The script of a string that carries no language of its own (keywords, speaker names)."""
    return textnorm.script_language(str(text or ""), default="und")


def lang_attrs(lang: object) -> str:
    """``lang`` and ``dir`` attributes for an element holding text in ``lang``."""
    code = lang if isinstance(lang, str) and lang and lang != "und" else None
    return (f' lang="{esc(code)}"' if code else "") + f' dir="{direction(lang)}"'


def text_span(text: object, lang: object = None, tag: str = "span", cls: str = "") -> str:
    """Untrusted text in an element with its language and direction (guessed from script if unknown)."""
    lang = lang or guess_lang(text)
    klass = f' class="{esc(cls)}"' if cls else ""
    return f"<{tag}{klass}{lang_attrs(lang)}>{esc(text)}</{tag}>"


def web_link(url: object, label: str) -> str:
    """A link only for http(s) URLs; any other scheme (javascript:, data:) is shown as plain text."""
    if not is_web_url(url):
        return esc(url) if url else ""
    return f'<a href="{esc(str(url).strip())}" rel="noopener noreferrer nofollow" target="_blank">{label}</a>'


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``</script>``, no line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _JSON_ESCAPES.items():  # one C scan each: str.translate took 0.5 s on a day of news
        if raw in text:
            text = text.replace(raw, escaped)
    return text


def fmt_number(value: object, digits: int = 2) -> str:
    return f"{value:.{digits}f}" if isinstance(value, (int, float)) and not isinstance(value, bool) else "–"


def parse_date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def timeline_svg(
    points: Iterable[tuple[dt.date, str]],
    corpus: tuple[dt.date, dt.date] | None = None,
    width: int = 360,
    height: int = 64,
) -> str:
    """A small inline SVG: one dot per dated article, same-day dots stacked, each with a tooltip.

    A story spread over several days is drawn on its own date axis, so the rhythm of its coverage is
    visible. A story of one day would be a lone dot in the middle, so it is placed on the corpus's date
    axis instead (``corpus``), which shows where in the period it falls; its date is written by the dot.
    Tooltips (SVG ``<title>``) carry article titles, escaped like all text.
    """
    dated = sorted(points, key=lambda p: p[0])
    if not dated:
        return ""
    first, last = dated[0][0], dated[-1][0]
    on_corpus = first == last and corpus is not None and corpus[0] < corpus[1]
    if on_corpus:
        first, last = corpus  # type: ignore[misc]
    span = max((last - first).days, 0)
    left, right, base = 14, width - 14, height - 22
    stacks: dict[dt.date, int] = {}
    dots = []
    for day, title in dated:
        x = (left + right) / 2 if span == 0 else left + (right - left) * (day - first).days / span
        level = stacks.get(day, 0)
        stacks[day] = level + 1
        dots.append(
            f'<circle cx="{x:.1f}" cy="{base - 6 - 10 * min(level, 3):.1f}" r="4.5" class="dot">'
            f"<title>{esc(day.isoformat())}: {esc(title)}</title></circle>"
        )
    labels = [f'<text x="{left}" y="{height - 6}" class="tick" text-anchor="start">{first.isoformat()}</text>']
    if span:
        labels.append(f'<text x="{right}" y="{height - 6}" class="tick" text-anchor="end">{last.isoformat()}</text>')
    if on_corpus:
        x = min(max(left + (right - left) * (dated[0][0] - first).days / span, left + 30), right - 30)
        labels.append(f'<text x="{x:.1f}" y="{base - 16 - 10 * min(len(dated) - 1, 3)}" class="tick day" '
                      f'text-anchor="middle">{dated[0][0].isoformat()}</text>')
    scope = "in the corpus period" if on_corpus else (f"over {span + 1} days" if span else "on one day")
    return (
        f'<svg class="timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{len(dated)} dated article{"s" if len(dated) != 1 else ""} {scope}">'
        f'<line x1="{left}" y1="{base}" x2="{right}" y2="{base}" class="axis"/>'
        + "".join(dots) + "".join(labels) + "</svg>"
    )


def list_section(anchor: str, heading: str, items: list[str], empty: str) -> str:
    """A filterable section: its items, a live count the script fills in, and a note when none match."""
    inner = "\n".join(items) if items else f'<p class="empty-note">{esc(empty)}</p>'
    return (
        f'<section id="{esc(anchor)}" class="list"><h2>{esc(heading)} '
        f'<span class="count" data-count="{esc(anchor)}"></span></h2>'
        f'{inner}<p class="no-match" hidden>Nothing here matches the filters.</p></section>'
    )


def diff_html(ops: Sequence[DiffOpOut] | None) -> str:
    """A word diff as text with removed words in ``<del>`` and added ones in ``<ins>``."""
    parts = []
    for op in ops or []:
        before, after = op.a or "", op.b or ""
        if op.op == "equal":
            parts.append(esc(before))
            continue
        if before:
            parts.append(f"<del>{esc(before)}</del>")
        if after:
            parts.append(f"<ins>{esc(after)}</ins>")
    return " ".join(parts)


def diff_details(ops: Sequence[DiffOpOut] | None, lang: object, summary: str) -> str:
    """A collapsed word diff, shown only where the report carries one (edited copies)."""
    body = diff_html(ops)
    if not body:
        return ""
    return f'<details class="diff"><summary>{esc(summary)}</summary><p{lang_attrs(lang)}>{body}</p></details>'
