"""The report's "Duplicate passages" section: each group's copies side by side, with the evidence.

Shared words are highlighted per passage (content words another copy of the group also has, compared
after spelling normalisation), the optional ``provenance`` says who published first and who copied,
and each verified pair shows its match type, similarity and word overlap, plus the word ``diff`` of
an edited pair when the report carries one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cluster.report.html.parts import diff_details, esc, fmt_number, highlight, lang_attrs, list_section, shared_words

if TYPE_CHECKING:
    from cluster.report.html.page import Page


def render_groups(page: Page) -> str:
    items = [_group(page, group) for group in page.report["duplicate_groups"]]
    pairs = sum(len(g["pairs"]) for g in page.report["duplicate_groups"])
    heading = f"Duplicate passages ({len(items)} groups, {pairs} pairs)"
    return list_section("groups", heading, items, "No passage is repeated across articles.")


def _group(page: Page, group: dict[str, Any]) -> str:
    anchor = page.group_anchor[group["id"]]
    passages = group["passages"]
    page.add_facets(anchor, [p.get("article") for p in passages])
    marks = shared_words(passages)
    earliest = _provenance_earliest(group)
    cards = "".join(_passage(page, k, p, marks[k], p.get("article") in earliest) for k, p in enumerate(passages))
    stories = sorted({page.story_of[a] for a in group.get("articles") or [] if a in page.story_of})
    return (
        f'<article class="group item" id="{anchor}"><header><span class="badge">{esc(group["id"])}</span> '
        f'<span class="meta">{len(group.get("articles") or [])} articles · {esc(", ".join(group.get("languages") or []))} · '
        f'{esc(", ".join(group.get("match_types") or []))} · best similarity {fmt_number(group.get("best_similarity"))}'
        + (f' · in {", ".join(page.story_link(s) for s in stories)}' if stories else "")
        + "</span></header>"
        + _provenance(page, group)
        + f'<div class="passages">{cards}</div>'
        + _pairs_table(page, group)
        + "</article>"
    )


def _provenance_earliest(group: dict[str, Any]) -> set[str]:
    provenance = group.get("provenance")
    return set(provenance.get("earliest") or []) if isinstance(provenance, dict) else set()


def _provenance(page: Page, group: dict[str, Any]) -> str:
    """Where the passage was first published, who copied it and how, and the agency credited, if known."""
    provenance = group.get("provenance")
    if not isinstance(provenance, dict):
        return ""
    earliest = ", ".join(esc(a) for a in provenance.get("earliest") or []) or "unknown"
    dated = f" on {esc(provenance['date'])}" if provenance.get("date") else ""
    if provenance.get("dated") is False:
        dated = " (no carrier is dated: order unknown)"
    copies = ", ".join(
        f'{esc(c.get("article"))} ({esc(c.get("match_type"))})' for c in provenance.get("copies") or [] if isinstance(c, dict)
    )
    agency = ", ".join(esc(a) for a in provenance.get("agency") or [])
    return (
        f'<p class="provenance">First published in {earliest}{dated}'
        + (f" · copies: {copies}" if copies else "")
        + (f" · agency credited: {agency}" if agency else "")
        + "</p>"
    )


def _passage(page: Page, k: int, passage: dict[str, Any], words: set[str], earliest: bool) -> str:
    text = str(passage.get("text") or "")
    kind = passage.get("kind")
    tags = (f' <span class="tag">{esc(kind)}</span>' if kind and kind != "body" else "") + (
        ' <span class="tag first">earliest</span>' if earliest else "")
    return (
        f'<figure class="passage"><figcaption><span class="badge small">[{k}]</span> '
        f'{page.article_ref(passage.get("article") or "")}{tags} '
        f'<span class="note" dir="ltr">· {esc(passage.get("lang") or "")} · chars {esc(passage.get("start"))}–{esc(passage.get("end"))}</span>'
        f'</figcaption><blockquote class="passage-text"{lang_attrs(passage.get("lang"))}>{highlight(text, words)}</blockquote></figure>'
    )


def _pairs_table(page: Page, group: dict[str, Any]) -> str:
    rows = "".join(_pair_row(group, pair) for pair in group["pairs"] if isinstance(pair, dict))
    return (
        '<table class="pairs"><thead><tr><th>pair</th><th>articles</th><th>match type</th><th>similarity</th>'
        f"<th>word overlap</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _pair_row(group: dict[str, Any], pair: dict[str, Any]) -> str:
    """One verified link; an edited pair also gets its word changes, collapsed, under the row."""
    a = pair.get("a")
    passages = group["passages"]
    lang = passages[a].get("lang") if isinstance(a, int) and 0 <= a < len(passages) else None
    diff = diff_details(pair.get("diff"), lang, f"word changes from [{a}] to [{pair.get('b')}]")
    return (
        f'<tr><td>[{esc(a)}] ~ [{esc(pair.get("b"))}]</td><td>{esc(pair.get("article_a"))} ~ {esc(pair.get("article_b"))}</td>'
        f'<td><span class="type {esc(pair.get("match_type"))}">{esc(pair.get("match_type"))}</span></td>'
        f'<td class="num">{fmt_number(pair.get("similarity"))}</td><td class="num">{fmt_number(pair.get("lexical_overlap"))}</td></tr>'
        + (f'<tr class="diff-row"><td colspan="5">{diff}</td></tr>' if diff else "")
    )
