"""The report's optional "Quotes by speaker" section, rendered from the ``quotes`` key (issue 6).

Kept apart from the page assembly because the key is optional and its shape belongs to another
stage: a report without ``quotes`` skips the section, one with an empty list says none were found.
"""

from __future__ import annotations

from collections import defaultdict

from cluster.report.contract import QuoteInstanceOut, QuoteOut
from cluster.report.html.lookup import Page
from cluster.report.html.parts import diff_details, esc, lang_attrs, list_section, text_span
from cluster.report.saved import quotes_of, speaker_name

UNATTRIBUTED = "Unattributed"


def render_quotes(page: Page) -> str:
    """Quotes grouped by speaker (most quoted first, unattributed last), each with every place it ran."""
    quotes = quotes_of(page.report)
    by_speaker: dict[str | None, list[tuple[int, QuoteOut]]] = defaultdict(list)
    for position, quote in enumerate(quotes):
        by_speaker[speaker_name(quote)].append((position, quote))
    order = sorted(by_speaker, key=lambda name: (name is None, -len(by_speaker[name]), (name or "").casefold()))
    blocks = [_speaker_block(page, name, by_speaker[name]) for name in order]
    named = sum(1 for name in by_speaker if name is not None)
    heading = f"Quotes by speaker ({len(quotes)} quotes, {named} named speakers)"
    return list_section("quotes", heading, blocks, "No quotes were found in these articles.")


def _speaker_block(page: Page, name: str | None, quotes: list[tuple[int, QuoteOut]]) -> str:
    forms = sorted({f for _, q in quotes for f in q.speaker_forms}, key=str.casefold)
    also = (
        '<span class="note"> written as: ' + ", ".join(text_span(f) for f in forms) + "</span>" if forms else ""
    )
    title = text_span(name) if name else f'<span class="note">{UNATTRIBUTED}</span>'
    items = "".join(_quote(page, position, quote, name) for position, quote in quotes)
    return (
        f'<div class="speaker-block"><h3>{title} <span class="count-inline">({len(quotes)})</span>{also}</h3>'
        f"{items}</div>"
    )


def _quote(page: Page, position: int, quote: QuoteOut, name: str | None) -> str:
    anchor = f"quote-{position + 1}"
    instances = quote.instances
    articles = [i.article for i in instances]
    page.add_facets(anchor, articles, speakers={name} if name else set())
    blocks = "".join(
        f'<blockquote class="quote-text"{lang_attrs(lang)}>{esc(text)}</blockquote>'
        for lang, text in quote.texts.items()
    )
    kinds = sorted({i.kind for i in instances if i.kind})
    if len(instances) == 1:
        where = _single_instance(page, instances[0])
    else:
        where = _earliest(page, quote) + _instances_table(page, instances)
    carriers = len(set(articles))
    return (
        f'<article class="quote item" id="{anchor}"><header><span class="badge">{esc(quote.id or anchor)}</span> '
        f'<span class="meta">{len(instances)} instance{"s" if len(instances) != 1 else ""} in '
        f'{carriers} article{"s" if carriers != 1 else ""}'
        + (f" · {esc(', '.join(kinds))}" if kinds else "")
        + f"</span></header>{blocks}{where}</article>"
    )


def _single_instance(page: Page, instance: QuoteInstanceOut) -> str:
    """A quote found once: where, and how it was attributed, on one line (its text is already shown)."""
    written = instance.speaker_as_written
    return (
        f'<p class="provenance">In {page.article_ref(instance.article)}'
        + (f" · attributed to {text_span(written)}" if written else "")
        + (f" · agency: {esc(instance.agency)}" if instance.agency else "")
        + "</p>"
    )


def _instances_table(page: Page, instances: list[QuoteInstanceOut]) -> str:
    rows = "".join(_instance_row(page, i) for i in instances)
    return (
        '<table class="instances"><thead><tr><th>article</th><th>lang</th><th>kind</th><th>match type</th>'
        f"<th>agency</th><th>speaker as written</th><th>text</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _earliest(page: Page, quote: QuoteOut) -> str:
    earliest = quote.earliest
    if not earliest.article:
        return ""
    ties = [t for t in earliest.ties if t != earliest.article]
    return (
        f'<p class="provenance">First published: {page.article_ref(earliest.article)}'
        + (f' · same day: {", ".join(esc(t) for t in ties)}' if ties else "")
        + "</p>"
    )


def _instance_row(page: Page, instance: QuoteInstanceOut) -> str:
    article, match_type = instance.article, instance.match_type
    written = instance.speaker_as_written
    return (
        f"<tr><td>{esc(article)}<br><span class=\"note\">{esc(page.outlet(article))}</span></td>"
        f"<td class=\"short\">{esc(instance.lang or '')}</td><td class=\"short\">{esc(instance.kind or '')}</td>"
        f'<td class="short"><span class="type {esc(match_type)}">{esc(match_type or "")}</span></td>'
        f"<td>{esc(instance.agency or '')}</td>"
        f"<td>{text_span(written) if written else ''}</td>"
        f"<td{lang_attrs(instance.lang)}>{esc(instance.text or '')}"
        + (' <span class="tag">part of the quote</span>' if instance.part is True else "")
        + diff_details(instance.diff, instance.lang, "word changes from the source")
        + "</td></tr>"
    )
