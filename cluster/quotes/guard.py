"""Verifying candidate pairs into links while the groups they build stay one statement each.

Split from ``matching``: the candidates are verified best first, and a link that would put two
people's quotes, or two quotes of one article, in one group is refused (``GroupGuard``). The guard is
the one-to-one rule of translations between two articles; ``matching`` feeds it the corpus-wide
candidates and then the companions of linked articles.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from cluster.duplicates.lexical import MatchType
from cluster.quotes.agreement import conflict_excused
from cluster.quotes.extract import Quote
from cluster.quotes.links import QuoteLink, QuoteSettings, verify
from cluster.quotes.speakers import same_person
from cluster.unionfind import UnionFind


def spanning_links(quotes: list[Quote], candidates: dict[tuple[int, int], float], settings: QuoteSettings,
                    speaker_of: list[int | None], known: list[QuoteLink], linked: bool = False) -> list[QuoteLink]:
    """Verified links, best cosine first, skipping pairs already joined through other links.

    A quote cut or edited by k outlets has k(k-1)/2 candidate pairs, all in one group in the end: the
    groups are the connected components, so verifying a pair already connected changes nothing, and
    skipping it keeps the verification linear in the copies. (The report types each member against its
    group's first instance, through ``QuoteResult.relate`` when no direct link was kept.) ``linked``: the
    candidates are companions, whose speaker conflicts ``agreement.conflict_excused`` reads more leniently.

    A translation never repeats the same words, so between two groups the guard keeps apart it is
    refused whatever ``verify`` says: the guard is asked first for a pair of two languages. Two groups
    it keeps apart (two statements of one event, a copy per outlet in each) have a candidate pair per
    copy and neighbour, and verifying each, facts check included, was the stage's costliest loop."""
    sets = UnionFind(len(quotes))
    for link in known:
        sets.union(link.a, link.b)
    guard = GroupGuard(quotes, speaker_of, sets)
    links = []
    for (a, b), sim in sorted(candidates.items(), key=lambda item: (-item[1], _apart(quotes, *item[0]))):
        if sets.find(a) == sets.find(b):
            continue
        translated = quotes[a].lang != quotes[b].lang
        excused = partial(excused_pair, quotes[a], quotes[b], sim, linked)
        if translated and guard.conflict(a, b, excused):
            continue
        if not (link := verify(quotes, a, b, sim, settings, speaker_of, linked)):
            continue
        if not translated and not same_words(link) and guard.conflict(a, b, excused):
            continue
        guard.join(a, b)
        links.append(link)
    return links


def _apart(quotes: list[Quote], a: int, b: int) -> int:
    """How far apart two quotes sit in their articles' order (paragraphs): between copies of the same words
    in one article (a headline that repeats a body quote, "والصحة: جميع الحالات مستقرة"), the one placed as
    the other language's copy is (its body quote) is its translation; the headline pairs with a headline."""
    return abs(quotes[a].segment_index - quotes[b].segment_index)


def excused_pair(qa: Quote, qb: Quote, sim: float, linked: bool) -> bool:
    """Whether the two quotes' own speakers do not keep their groups apart (``GroupGuard.conflict``)."""
    return conflict_excused(qa, qb, sim, linked)


def same_words(link: QuoteLink) -> bool:
    """A verbatim copy or a cut of the same words: the line itself, whoever an outlet says said it."""
    return link.match_type is MatchType.VERBATIM or (link.match_type is MatchType.EDITED and link.part)


class GroupGuard:
    """What each group being built already holds: its articles and its named people.

    A group says its members are one statement, made by one person. A link that does not repeat the
    same words is refused when it would put two different people's quotes in one group through a chain
    (A's quote ~ a translation ~ B's quote), or join two groups that both hold a quote of one article:
    an article pair's quotes translate one to one, and the best link between them came first (a
    headline and a body quote of one speaker are two statements, however close)."""

    def __init__(self, quotes: list[Quote], speaker_of: list[int | None], sets: UnionFind) -> None:
        self.sets = sets
        self.speaker_of = speaker_of
        self.people: dict[int, dict[int, str]] = {}
        self.articles: dict[int, set[str]] = {}
        for k, quote in enumerate(quotes):
            root = sets.find(k)
            self.articles.setdefault(root, set()).add(quote.article_id)
            if speaker_of[k] is not None and quote.speaker_kind == "person" and quote.speaker:
                self.people.setdefault(root, {})[speaker_of[k]] = quote.speaker

    def conflict(self, a: int, b: int, excused: Callable[[], bool] | bool = False, shared: str | None = None) -> bool:
        """``excused``: the two quotes' own speakers differ, but each copy's paragraph names the other's
        speaker (``agreement.speakers_excused``), so that pair of people does not keep the groups apart;
        a callable is asked only when that pair alone would (it reads both paragraphs' names).
        ``shared``: an article both groups may hold (two parts of one statement, ``parts``)."""
        ra, rb = self.sets.find(a), self.sets.find(b)
        if shared is None:
            if not self.articles[ra].isdisjoint(self.articles[rb]):
                return True
        elif not (self.articles[ra] & self.articles[rb]) <= {shared}:
            return True
        own = {(self.speaker_of[a], self.speaker_of[b]), (self.speaker_of[b], self.speaker_of[a])}
        own_clash = False
        for ka, na in self.people.get(ra, {}).items():
            for kb, nb in self.people.get(rb, {}).items():
                if ka != kb and not same_person(na, nb):
                    if (ka, kb) not in own:
                        return True
                    own_clash = True
        return own_clash and not (excused() if callable(excused) else excused)

    def join(self, a: int, b: int) -> None:
        """Merge the two groups' records, the smaller into the larger (linear over all joins)."""
        ra, rb = self.sets.find(a), self.sets.find(b)
        self.sets.union(a, b)
        root = self.sets.find(a)
        small, large = sorted((self.articles.pop(ra), self.articles.pop(rb)), key=len)
        large |= small
        self.articles[root] = large
        people = {**self.people.pop(ra, {}), **self.people.pop(rb, {})}
        if people:
            self.people[root] = people
