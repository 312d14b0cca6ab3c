"""A statement one outlet quotes whole and another in parts: each part linked to the clause it carries.

Why: an outlet reports "the captain had more than 12,000 flying hours and that it was cooperating fully
with investigators" as one quote; another carries «قائد الطائرة يتمتع بخبرة ...» and «الشركة تتعاون ...» as
two. The whole and its first part link (``guard``), and the second part is then refused: the whole's
group already holds a quote of the parts' article, and an article pair's quotes translate one to one.
That rule is right for two *statements*; it is wrong for two parts of one. Here, after the other passes,
a quote of an article the whole's group already holds is linked to the whole when it matches one clause
of it (a sentence, or a reported clause after "and that" / «وإن»), that clause better than the whole, and
a clause no other part of that article took (``PART_COSINE``). The link says which clause matched
(``QuoteLink.within``), so a reader is shown the part and where it sits in the whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from cluster.duplicates.crosslingual import facts_kept
from cluster.duplicates.lexical import MatchType
from cluster.quotes.agreement import conflict_excused, same_source
from cluster.quotes.extract import Quote
from cluster.quotes.guard import GroupGuard
from cluster.quotes.links import QuoteLink
from cluster.segment.sentences import sentence_spans
from cluster.textnorm import word_tuple
from cluster.unionfind import UnionFind

PART_COSINE = 0.5
"""Least cosine between a part and the clause of the whole it carries (the same-speaker cut)."""
ENGLISH_WORDS_PER_ARABIC_WORD = 1.3
"""How many English words a labelled translation has per Arabic word (geometric mean 1.31 over the 399
labelled pairs of the development splits): Arabic joins articles, prepositions and pronouns to the word."""

_JOINERS = {
    "en": re.compile(r",?\s+(?:and|but)\s+that\s+", re.IGNORECASE),
    "ar": re.compile(r"[،,]?\s+و(?:إن|أن|لكن)(?:ها|ه|هم|نا|ني)?\s+"),
}
"""Where one reported statement ends and the next begins inside one quote: "X said A and that B",
«وقال إن A، وإن B»; the clause after the joiner is what an outlet that split the quote carries."""


def clause_spans(text: str, lang: str, min_words: int) -> list[tuple[int, int]]:
    """Spans of the clauses of a quote (sentences, each cut at a reported-clause joiner); fewer than two
    when the quote holds one clause. Clauses under ``min_words`` words join the one before (a phrase)."""
    spans: list[tuple[int, int]] = []
    joiner = _JOINERS.get(lang, _JOINERS["en"])
    for start, end in sentence_spans(text):
        cut = start
        for m in joiner.finditer(text, start, end):
            spans.append((cut, m.start()))
            cut = m.end()
        spans.append((cut, end))
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if kept and min(len(word_tuple(text[start:end])), len(word_tuple(text[slice(*kept[-1])]))) < min_words:
            kept[-1] = (kept[-1][0], end)
        else:
            kept.append((start, end))
    return kept if len(kept) > 1 else []


def part_links(quotes: list[Quote], vectors: np.ndarray, clauses: dict[int, tuple[list[tuple[int, int]], np.ndarray]],
               links: list[QuoteLink], speaker_of: list[int | None], min_words: int,
               cosine: float = PART_COSINE) -> list[QuoteLink]:
    """Part-of links (``QuoteLink.within`` set, whole first) of quotes that carry one clause of a longer
    quote in another language whose group already holds a quote of their article (that article's
    outlet quoted the statement in parts, and one part is linked). ``vectors``: one unit vector per
    quote; ``clauses``: per linked quote of two clauses or more, their spans and unit vectors. An article
    whose quote in the whole's group carries the statement whole (``_carries_whole``) has no part of it."""
    sets = UnionFind(len(quotes))
    for link in links:
        sets.union(link.a, link.b)
    guard = GroupGuard(quotes, speaker_of, sets)
    by_article: dict[str, list[int]] = {}
    articles_of: dict[int, set[str]] = {}
    for k, quote in enumerate(quotes):
        by_article.setdefault(quote.article_id, []).append(k)
        articles_of.setdefault(sets.find(k), set()).add(quote.article_id)
    lang_of = {article: quotes[ks[0]].lang for article, ks in by_article.items()}
    partners_of: dict[tuple[int, str], list[str]] = {}
    found = []
    for whole, (spans, clause_vectors) in clauses.items():
        key = (sets.find(whole), quotes[whole].lang)
        if key not in partners_of:  # once per group and language: a quote many outlets carried has most of them in its group
            partners_of[key] = sorted(a for a in articles_of[key[0]] if lang_of[a] != key[1])
        for article in partners_of[key]:
            carried = _carries_whole(by_article[article], sets.find, sets.find(whole), clause_vectors, clauses)
            if not carried:
                found += _parts_in(quotes, vectors, whole, spans, clause_vectors, by_article[article], sets, guard,
                                   speaker_of, (min_words, cosine))
    return found


def _parts_in(quotes: list[Quote], vectors: np.ndarray, whole: int, spans: list[tuple[int, int]],
              clause_vectors: np.ndarray, article: list[int], sets: UnionFind, guard: GroupGuard,
              speaker_of: list[int | None], cuts: tuple[int, float]) -> list[QuoteLink]:
    """The parts one article carries of ``whole``, best first, one per clause (``cuts``: the least words of
    a clause, the least cosine of a part)."""
    min_words, cosine = cuts
    root = sets.find(whole)
    sims = vectors[article] @ clause_vectors.T
    whole_sims = vectors[article] @ vectors[whole]
    taken: set[int] = set()
    for i, k in enumerate(article):
        if sets.find(k) == root:
            taken.add(int(np.argmax(sims[i])))
    order = sorted(((float(sims[i].max()), i) for i, k in enumerate(article) if sets.find(k) != root), reverse=True)
    links = []
    for sim, i in order:
        k, clause = article[i], int(np.argmax(sims[i]))
        start, end = spans[clause]
        if sim < cosine or clause in taken or sim < whole_sims[i] or not _a_part(quotes[k], quotes[whole], (start, end)):
            continue
        if not _agree(quotes[whole], quotes[k], speaker_of[whole], speaker_of[k], sim):
            continue
        if not facts_kept(quotes[whole].text[start:end], quotes[whole].lang, quotes[k].text, quotes[k].lang):
            continue
        if guard.conflict(whole, k, excused=_excuse(quotes[whole], quotes[k], sim), shared=quotes[k].article_id):
            continue
        guard.join(whole, k)
        taken.add(clause)
        links.append(QuoteLink(whole, k, sim, MatchType.TRANSLATION, True, within=(start, end)))
    return links


def _carries_whole(article: list[int], find: Callable[[int], int], root: int, whole_clauses: np.ndarray,
                   clauses: dict[int, tuple[list[tuple[int, int]], np.ndarray]]) -> bool:
    """Whether a quote of the article in the whole's group carries the statement whole: its clauses,
    each read against the whole's clauses, reach every one of them (a headline «لم يتركوا لنا خيارا» beside
    the body's «لم يتركوا لنا خيارا. قدمنا ثلاثة عروض ...» is the body quote's repeat, not the English
    quote's other part). Counting the clauses without aligning them read "nine people had been arrested,
    including three Arab residents ..." (two clauses, both the second half of «العملية جاءت بعد متابعة
    ...، وإنها أسفرت عن القبض على ...») as the whole, and the first half, quoted apart, was never linked."""
    for k in article:
        if find(k) == root and k in clauses:
            reached = np.argmax(clauses[k][1] @ whole_clauses.T, axis=1)
            if len(set(reached.tolist())) >= len(whole_clauses):
                return True
    return False


def _a_part(quote: Quote, whole: Quote, clause: tuple[int, int]) -> bool:
    """Whether ``quote`` is as long as the clause of ``whole`` it matches rather than as the whole (in
    the whole's language's words): a quote that carries one clause and a statement of its own is no part
    ("... the haul was among the largest this year" against «تم إحباط تهريب 4.2 مليون قرص ...، وهي من أكبر
    الكميات ...», nearest that clause at 0.51)."""
    scale = 1.0
    if quote.lang != whole.lang:
        scale = ENGLISH_WORDS_PER_ARABIC_WORD if whole.lang != "ar" else 1 / ENGLISH_WORDS_PER_ARABIC_WORD
    words = scale * len(word_tuple(quote.text))
    clause_words = len(word_tuple(whole.text[clause[0]:clause[1]]))
    return abs(np.log(words / clause_words)) < abs(np.log(words / len(word_tuple(whole.text))))


def _agree(whole: Quote, part: Quote, sw: int | None, sp: int | None, sim: float) -> bool:
    """The two copies' speakers allow one statement, as between the companions of linked articles: the
    same source, one copy naming no one, or two sources ``agreement.conflict_excused`` reads as a
    misreading there."""
    if same_source(whole, part, sw, sp) or sw is None or sp is None:
        return True
    return conflict_excused(whole, part, sim, True)


def _excuse(whole: Quote, part: Quote, sim: float) -> Callable[[], bool]:
    return lambda: conflict_excused(whole, part, sim, True)
