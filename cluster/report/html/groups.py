"""The report's "Duplicate passages" section: each group's copies side by side, with the evidence.

Shared words are highlighted per passage (content words another copy of the group also has, compared
after spelling normalisation), the optional ``provenance`` says who published first and who copied,
and each verified pair shows its match type, similarity and word overlap, plus the word ``diff`` of
an edited pair when the report carries one.
"""

from __future__ import annotations

from cluster.report.contract import DuplicateGroupOut, PairOut, PassageOut
from cluster.report.html.lookup import Page
from cluster.report.html.parts import diff_details, esc, fmt_number, highlight, lang_attrs, list_section, shared_words


def render_groups(page: Page) -> str:
    groups = page.report.duplicate_groups
    items = [_group(page, group) for group in groups]
    pairs = sum(len(g.pairs) for g in groups)
    heading = f"Duplicate passages ({len(items)} groups, {pairs} pairs)"
    return list_section("groups", heading, items, "No passage is repeated across articles.")


def _group(page: Page, group: DuplicateGroupOut) -> str:
    anchor = page.group_anchor[group.id]
    passages = group.passages
    page.add_facets(anchor, [p.article for p in passages])
    marks = shared_words([(p.text, p.lang) for p in passages])
    earliest = set(group.provenance.earliest) if group.provenance else set()
    cards = "".join(_passage(page, k, p, marks[k], p.article in earliest) for k, p in enumerate(passages))
    stories = sorted({page.story_of[a] for a in group.articles if a in page.story_of})
    return (
        f'<article class="group item" id="{anchor}"><header><span class="badge">{esc(group.id)}</span> '
        f'<span class="meta">{len(group.articles)} articles · {esc(", ".join(group.languages))} · '
        f'{esc(", ".join(group.match_types))} · best similarity {fmt_number(group.best_similarity)}'
        + (f' · in {", ".join(page.story_link(s) for s in stories)}' if stories else "")
        + "</span></header>"
        + _provenance(group)
        + f'<div class="passages">{cards}</div>'
        + _pairs_table(group)
        + "</article>"
    )


def _provenance(group: DuplicateGroupOut) -> str:
    """Where the passage was first published, who copied it and how, and the agency credited, if known."""
    provenance = group.provenance
    if provenance is None:
        return ""
    earliest = ", ".join(esc(a) for a in provenance.earliest) or "unknown"
    dated = f" on {esc(provenance.date)}" if provenance.date else ""
    if provenance.dated is False:
        dated = " (no carrier is dated: order unknown)"
    copies = ", ".join(f"{esc(c.article)} ({esc(c.match_type)})" for c in provenance.copies)
    agency = ", ".join(esc(a) for a in provenance.agency)
    return (
        f'<p class="provenance">First published in {earliest}{dated}'
        + (f" · copies: {copies}" if copies else "")
        + (f" · agency credited: {agency}" if agency else "")
        + "</p>"
    )


def _passage(page: Page, k: int, passage: PassageOut, words: set[str], earliest: bool) -> str:
    kind = passage.kind
    tags = (f' <span class="tag">{esc(kind)}</span>' if kind and kind != "body" else "") + (
        ' <span class="tag first">earliest</span>' if earliest else "")
    return (
        f'<figure class="passage"><figcaption><span class="badge small">[{k}]</span> '
        f"{page.article_ref(passage.article)}{tags} "
        f'<span class="note" dir="ltr">· {esc(passage.lang)} · chars {esc(passage.start)}–{esc(passage.end)}</span>'
        f'</figcaption><blockquote class="passage-text"{lang_attrs(passage.lang)}>'
        f"{highlight(passage.text, words)}</blockquote></figure>"
    )


def _pairs_table(group: DuplicateGroupOut) -> str:
    rows = "".join(_pair_row(group, pair) for pair in group.pairs)
    return (
        '<table class="pairs"><thead><tr><th>pair</th><th>articles</th><th>match type</th><th>similarity</th>'
        f"<th>word overlap</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _pair_row(group: DuplicateGroupOut, pair: PairOut) -> str:
    """One verified link; an edited pair also gets its word changes, collapsed, under the row."""
    a, passages = pair.a, group.passages
    lang = passages[a].lang if 0 <= a < len(passages) else None
    diff = diff_details(pair.diff, lang, f"word changes from [{a}] to [{pair.b}]")
    return (
        f"<tr><td>[{esc(a)}] ~ [{esc(pair.b)}]</td><td>{esc(pair.article_a)} ~ {esc(pair.article_b)}</td>"
        f'<td><span class="type {esc(pair.match_type)}">{esc(pair.match_type)}</span></td>'
        f'<td class="num">{fmt_number(pair.similarity)}</td>'
        f'<td class="num">{fmt_number(pair.lexical_overlap)}</td></tr>'
        + (f'<tr class="diff-row"><td colspan="5">{diff}</td></tr>' if diff else "")
    )
