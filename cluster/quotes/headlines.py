"""A headline quote that restates a body quote of its article: the body quote carries the statement.

Why: an Arabic outlet heads its report «لن نتهاون مع أي مركب لا يلتزم باشتراطات السلامة» and quotes the
minister in the body «الوزارة لن تتهاون مع أي مركب لا يلتزم باشتراطات السلامة»; the English report quotes
"We will show no leniency toward any vessel ..." in its body. Both Arabic quotes translate it, the headline
a little closer (0.55 against 0.52: it keeps the first person), and the one-to-one rule of an article
pair (``guard``) lets the first link in and keeps the second out. The group then holds the headline's
summary where the article's own report of the statement (with its speaker, its place in the story) is
the body quote. A headline pairs with a headline; against a body quote of the other article, the body
quote the headline restates takes the headline's place in the group, when it verifies there itself.

Run after the other passes (``matching``): the moves are a handful per corpus, each read on the group
alone; the headline leaves the group (the one-to-one rule still holds: one quote per article).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from cluster.duplicates.crosslingual import facts_kept
from cluster.quotes.echoes import restated
from cluster.quotes.extract import Quote
from cluster.quotes.links import QuoteLink
from cluster.textnorm import word_tuple

HEADLINE_SEGMENT = 0
"""The segment index of an article's headline (``segment.paragraphs`` puts the title first)."""


def body_for_headlines(quotes: list[Quote], vectors: np.ndarray, links: list[QuoteLink], floor: float,
                       agree: Callable[[int, int, float], bool], part_ratio: float) -> list[QuoteLink]:
    """``links`` with each headline quote that is linked only to body quotes of other articles replaced
    by the body quote of its own article that restates it (``echoes.restated``, the same speaker or
    none named), when that quote is in no group yet and links to each of the headline's partners at
    ``floor`` or more (``vectors``: one unit vector per quote), with speakers that ``agree`` and the
    facts kept (``part_ratio``: the length ratio under which a translation is a cut, ``links.verify``)."""
    by_article: dict[str, list[int]] = {}
    for k, quote in enumerate(quotes):
        by_article.setdefault(quote.article_id, []).append(k)
    touching: dict[int, list[QuoteLink]] = {}
    for link in links:
        touching.setdefault(link.a, []).append(link)
        touching.setdefault(link.b, []).append(link)
    grouped = set(touching)
    moved: dict[int, int] = {}
    for head, own in touching.items():
        if quotes[head].segment_index != HEADLINE_SEGMENT:
            continue
        partners = [link.b if link.a == head else link.a for link in own]
        if any(quotes[p].lang == quotes[head].lang or quotes[p].segment_index == HEADLINE_SEGMENT for p in partners):
            continue
        body = _restating(quotes, head, by_article[quotes[head].article_id], grouped)
        if body is not None and all(_carries(quotes, vectors, body, p, floor, agree) for p in partners):
            moved[head] = body
            grouped.add(body)
    if not moved:
        return links
    return [_moved(link, moved, quotes, vectors, part_ratio) for link in links]


def _restating(quotes: list[Quote], head: int, article: list[int], grouped: set[int]) -> int | None:
    """The body quote of the headline's article (in no group) that restates it, said by the headline's
    speaker or with none named on the headline; the first in text order."""
    quote = quotes[head]
    for k in article:
        other = quotes[k]
        if k == head or k in grouped or other.segment_index == HEADLINE_SEGMENT or other.lang != quote.lang:
            continue
        if quote.speaker and other.speaker != quote.speaker:
            continue
        if restated(quote.text, other.text):
            return k
    return None


def _carries(quotes: list[Quote], vectors: np.ndarray, body: int, partner: int, floor: float,
             agree: Callable[[int, int, float], bool]) -> bool:
    """Whether the body quote links to the headline's partner by itself: the cosine, the speakers, the facts."""
    sim = float(vectors[body] @ vectors[partner])
    qb, qp = quotes[body], quotes[partner]
    return sim >= floor and agree(body, partner, sim) and facts_kept(qb.text, qb.lang, qp.text, qp.lang)


def _moved(link: QuoteLink, moved: dict[int, int], quotes: list[Quote], vectors: np.ndarray,
           part_ratio: float) -> QuoteLink:
    """The link with a moved headline's end on its body quote, typed afresh (cosine, cut or whole)."""
    a, b = moved.get(link.a, link.a), moved.get(link.b, link.b)
    if (a, b) == (link.a, link.b):
        return link
    wa, wb = len(word_tuple(quotes[a].text)), len(word_tuple(quotes[b].text))
    return QuoteLink(a, b, float(vectors[a] @ vectors[b]), link.match_type, min(wa, wb) < part_ratio * max(wa, wb))
