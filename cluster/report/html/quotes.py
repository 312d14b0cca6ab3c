"""The report's optional "Quotes by speaker" section, rendered from the ``quotes`` key (issue 6).

Kept apart from the page assembly because the key is optional and its shape belongs to another
stage: a report without ``quotes`` skips the section, one with an empty list says none were found.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from cluster.report.html.parts import diff_details, esc, lang_attrs, list_section, text_span
from cluster.report.saved import quotes_of, speaker_name

if TYPE_CHECKING:
    from cluster.report.html.page import Page

UNATTRIBUTED = "Unattributed"


def render_quotes(page: Page) -> str:
    """Quotes grouped by speaker (most quoted first, unattributed last), each with every place it ran."""
    quotes = quotes_of(page.report)
    by_speaker: dict[str | None, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for position, quote in enumerate(quotes):
        by_speaker[speaker_name(quote)].append((position, quote))
    order = sorted(by_speaker, key=lambda name: (name is None, -len(by_speaker[name]), (name or "").casefold()))
    blocks = [_speaker_block(page, name, by_speaker[name]) for name in order]
    named = sum(1 for name in by_speaker if name is not None)
    heading = f"Quotes by speaker ({len(quotes)} quotes, {named} named speakers)"
    return list_section("quotes", heading, blocks, "No quotes were found in these articles.")


def _speaker_block(page: Page, name: str | None, quotes: list[tuple[int, dict[str, Any]]]) -> str:
    forms = sorted({f for _, q in quotes for f in q.get("speaker_forms") or [] if isinstance(f, str)}, key=str.casefold)
    also = (
        '<span class="note"> written as: ' + ", ".join(text_span(f) for f in forms) + "</span>" if forms else ""
    )
    title = text_span(name) if name else f'<span class="note">{UNATTRIBUTED}</span>'
    items = "".join(_quote(page, position, quote, name) for position, quote in quotes)
    return f'<div class="speaker-block"><h3>{title} <span class="count-inline">({len(quotes)})</span>{also}</h3>{items}</div>'


def _quote(page: Page, position: int, quote: dict[str, Any], name: str | None) -> str:
    anchor = f"quote-{position + 1}"
    instances = [i for i in quote.get("instances") or [] if isinstance(i, dict)]
    articles = [str(i.get("article")) for i in instances if i.get("article") is not None]
    page.add_facets(anchor, articles, speakers={name} if name else set())
    texts = quote.get("texts") if isinstance(quote.get("texts"), dict) else {}
    blocks = "".join(
        f'<blockquote class="quote-text"{lang_attrs(lang)}>{esc(text)}</blockquote>' for lang, text in texts.items()
    )
    kinds = sorted({str(i.get("kind")) for i in instances if i.get("kind")})
    where = _single_instance(page, instances[0]) if len(instances) == 1 else _earliest(page, quote) + _instances_table(page, instances)
    return (
        f'<article class="quote item" id="{anchor}"><header><span class="badge">{esc(quote.get("id") or anchor)}</span> '
        f'<span class="meta">{len(instances)} instance{"s" if len(instances) != 1 else ""} in '
        f'{len(set(articles))} article{"s" if len(set(articles)) != 1 else ""}'
        + (f" · {esc(', '.join(kinds))}" if kinds else "")
        + f"</span></header>{blocks}{where}</article>"
    )


def _single_instance(page: Page, instance: dict[str, Any]) -> str:
    """A quote found once: where, and how it was attributed, on one line (its text is already shown)."""
    written = instance.get("speaker_as_written")
    return (
        f'<p class="provenance">In {page.article_ref(str(instance.get("article") or ""))}'
        + (f" · attributed to {text_span(written)}" if written else "")
        + (f" · agency: {esc(instance['agency'])}" if instance.get("agency") else "")
        + "</p>"
    )


def _instances_table(page: Page, instances: list[dict[str, Any]]) -> str:
    rows = "".join(_instance_row(page, i) for i in instances)
    return (
        '<table class="instances"><thead><tr><th>article</th><th>lang</th><th>kind</th><th>match type</th>'
        f"<th>agency</th><th>speaker as written</th><th>text</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _earliest(page: Page, quote: dict[str, Any]) -> str:
    earliest = quote.get("earliest")
    if not isinstance(earliest, dict) or not earliest.get("article"):
        return ""
    ties = [t for t in earliest.get("ties") or [] if isinstance(t, str) and t != earliest.get("article")]
    return (
        f'<p class="provenance">First published: {page.article_ref(str(earliest["article"]))}'
        + (f' · same day: {", ".join(esc(t) for t in ties)}' if ties else "")
        + "</p>"
    )


def _instance_row(page: Page, instance: dict[str, Any]) -> str:
    article = str(instance.get("article") or "")
    match_type = instance.get("match_type")
    return (
        f"<tr><td>{esc(article)}<br><span class=\"note\">{esc(page.outlet(article))}</span></td>"
        f"<td class=\"short\">{esc(instance.get('lang') or '')}</td><td class=\"short\">{esc(instance.get('kind') or '')}</td>"
        f'<td class="short"><span class="type {esc(match_type)}">{esc(match_type or "")}</span></td>'
        f"<td>{esc(instance.get('agency') or '')}</td>"
        f"<td>{text_span(instance.get('speaker_as_written')) if instance.get('speaker_as_written') else ''}</td>"
        f"<td{lang_attrs(instance.get('lang'))}>{esc(instance.get('text') or '')}"
        + (' <span class="tag">part of the quote</span>' if instance.get("part") is True else "")
        + diff_details(instance.get("diff"), instance.get("lang"), "word changes from the source")
        + "</td></tr>"
    )
