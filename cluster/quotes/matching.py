"""The same quote across articles and languages: candidates by embedding, verified by wording.

Every quote, and every sentence of a quote of two sentences or more, is embedded with the pipeline's
encoder (and its cache). Each unit's nearest units in each language above a radius (``nearest``; exact
faiss search, no loop over all pairs of quotes) give the candidate pairs; a sentence unit lets an outlet that quoted only part of a
statement meet the full quote, even in the other language. Each candidate is then typed:

* ``verbatim``: same language, identical word sequence after ``textnorm.normalize``;
* ``edited``: same language, one quote's words found in order inside the other (a cut quote, ``part``)
  or the same text with changes (``matching.classify`` says edited);
* ``paraphrase``: same language, same meaning in other words (``matching.classify``);
* ``translation``: other language (script), cosine at least ``cross_threshold``.

Every cut is a field of ``config.QuoteConfig`` (or ``DuplicateConfig``), carried by ``QuoteSettings``.

Two quotes whose speakers are both known and are different people are not the same quote unless the
wording is the same (one outlet may attribute a line wrongly; it is still the line). Verified pairs are
joined into groups (connected components).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

import numpy as np
from rapidfuzz.distance import Indel

from cluster.config import Config, DuplicateConfig, NeighbourSearchConfig, QuoteConfig
from cluster.duplicates.crosslingual import facts_kept
from cluster.duplicates.lexical import MatchType, classify, compare, profile
from cluster.duplicates.matches import Link
from cluster.embed import EmbeddingCache, Encoder, embed_texts
from cluster.quotes.agreement import EXCUSED_CONFLICT_COSINE, same_source, speakers_conflict, speakers_excused
from cluster.quotes.companions import COMPANION_FLOOR, companion_candidates
from cluster.quotes.extract import Quote
from cluster.quotes.nearest import nearest_pairs
from cluster.quotes.speakers import SpeakerIndex, same_person
from cluster.segment.paragraphs import sentence_spans
from cluster.textnorm import word_tuple
from cluster.unionfind import UnionFind


@dataclass(frozen=True)
class QuoteSettings:
    """Cuts for quote pairs, derived from one run's config so that its passage and quote cuts move together."""

    cross_threshold: float
    """Cosine a translation needs (``duplicates.cross_language_threshold``, never below the quote floor)."""
    duplicates: DuplicateConfig
    """The passage settings ``classify`` types a same-language pair with, relaxed to quote size."""
    quotes: QuoteConfig = field(default_factory=QuoteConfig)
    search: NeighbourSearchConfig = field(default_factory=NeighbourSearchConfig)
    """Cell size and ``nprobe`` of the IVF index a large corpus's quotes are searched in."""

    @classmethod
    def from_config(cls, config: Config) -> QuoteSettings:
        cuts, passages = config.quotes, config.duplicates
        # Quotes are short: classify's short-passage rule (verbatim only) is relaxed to quote size.
        relaxed = passages.model_copy(update={"short_words": min(passages.short_words, cuts.short_words_cap)})
        cross = max(passages.cross_language_threshold, cuts.cross_language_floor)
        return cls(cross_threshold=cross, duplicates=relaxed, quotes=cuts, search=passages.search)


@dataclass(frozen=True)
class QuoteLink(Link):
    """Two quotes of a group (indices into ``QuoteResult.quotes``) and how they relate."""

    match_type: MatchType
    part: bool
    """One quote is a cut of the other (its words in order inside it, or one sentence of it)."""


@dataclass(frozen=True)
class QuoteGroup:
    members: tuple[int, ...]
    """Indices into ``QuoteResult.quotes``, in text order of the corpus."""
    links: tuple[QuoteLink, ...]


@dataclass
class QuoteResult:
    quotes: list[Quote]
    groups: list[QuoteGroup]
    speakers: SpeakerIndex = field(default_factory=SpeakerIndex)
    speaker_of: list[int | None] = field(default_factory=list)
    """Per quote, its speaker's index in ``speakers`` (None: unattributed)."""
    vectors: np.ndarray | None = None
    """One unit vector per quote (its whole text), to type any two members of a group."""
    settings: QuoteSettings | None = None

    def relate(self, a: int, b: int) -> QuoteLink | None:
        """The typed link between two quotes of this result, verified now (None: not the same)."""
        if self.vectors is None or self.settings is None:
            return None
        similarity = float(self.vectors[a] @ self.vectors[b])
        return verify(self.quotes, a, b, similarity, self.settings, self.speaker_of)


def match_quotes(
    quotes: list[Quote],
    encoder: Encoder,
    settings: QuoteSettings,
    *,
    cache: EmbeddingCache | None = None,
    batch_size: int = 64,
) -> QuoteResult:
    """Group the quotes of a corpus: who said what, carried by which articles."""
    speakers = SpeakerIndex()
    speaker_of = [speakers.add(q.speaker) if q.speaker else None for q in quotes]
    if not quotes:
        return QuoteResult([], [], speakers, speaker_of)
    representative, links = _copies(quotes, speaker_of)
    distinct = sorted(set(representative))
    owners, texts = _units([quotes[k] for k in distinct], settings.quotes.min_part_words)
    vectors = embed_texts(encoder, texts, batch_size=batch_size, cache=cache)
    owners = np.asarray(distinct)[owners] if len(owners) else owners
    copies: dict[int, list[int]] = {}
    for k, rep in enumerate(representative):
        if rep != k:
            copies.setdefault(rep, []).append(k)
    candidates = _candidates(vectors, owners, quotes, settings.quotes.candidate_radius, copies, settings.search)
    links += _spanning_links(quotes, candidates, settings, speaker_of, links)
    first_rows = np.searchsorted(owners, np.asarray(representative))
    links += _companion_links(quotes, vectors[first_rows], links, settings, speaker_of)
    return QuoteResult(quotes, _components(len(quotes), links), speakers, speaker_of, vectors[first_rows], settings)


def _companion_links(quotes: list[Quote], vectors: np.ndarray, links: list[QuoteLink], settings: QuoteSettings,
                     speaker_of: list[int | None]) -> list[QuoteLink]:
    """Freer translations between two articles linked by one (``companions``): one speaker on both sides
    from ``COMPANION_FLOOR``; a copy that names no one from the same-speaker cut (no evidence against);
    two named people from ``EXCUSED_CONFLICT_COSINE``, as a misreading (between articles that report one
    event, a translation that close is one statement, whoever each outlet's reading says spoke it: "غزة
    خليل" and "Steve Witkoff" for al-Hayya's words at 0.84)."""
    cuts = settings.quotes

    def wanted(a: int, b: int, sim: float) -> bool:
        unnamed = speaker_of[a] is None or speaker_of[b] is None
        return (sim >= EXCUSED_CONFLICT_COSINE or same_source(quotes[a], quotes[b], speaker_of[a], speaker_of[b])
                or (unnamed and sim >= cuts.cross_same_speaker_threshold))

    candidates = {(a, b): sim for (a, b), sim in companion_candidates(quotes, vectors, links).items() if wanted(a, b, sim)}
    looser = replace(settings, quotes=cuts.model_copy(update={"cross_same_speaker_threshold": COMPANION_FLOOR}),
                     cross_threshold=min(settings.cross_threshold, cuts.cross_same_speaker_threshold))
    return _spanning_links(quotes, candidates, looser, speaker_of, links, linked=True)


def _spanning_links(quotes: list[Quote], candidates: dict[tuple[int, int], float], settings: QuoteSettings,
                    speaker_of: list[int | None], known: list[QuoteLink], linked: bool = False) -> list[QuoteLink]:
    """Verified links, best cosine first, skipping pairs already joined through other links.

    A quote cut or edited by k outlets has k(k-1)/2 candidate pairs, all in one group in the end: the
    groups are the connected components, so verifying a pair already connected changes nothing, and
    skipping it keeps the verification linear in the copies. (The report types each member against its
    group's first instance, through ``QuoteResult.relate`` when no direct link was kept.) ``linked``: the
    candidates are companions, whose speaker conflicts are excused at ``EXCUSED_CONFLICT_COSINE``.

    A translation never repeats the same words, so between two groups the guard keeps apart it is
    refused whatever ``verify`` says: the guard is asked first for a pair of two languages. Two groups
    it keeps apart (two statements of one event, a copy per outlet in each) have a candidate pair per
    copy and neighbour, and verifying each, facts check included, was the stage's costliest loop."""
    sets = UnionFind(len(quotes))
    for link in known:
        sets.union(link.a, link.b)
    guard = _GroupGuard(quotes, speaker_of, sets)
    links = []
    for (a, b), sim in sorted(candidates.items(), key=lambda item: -item[1]):
        if sets.find(a) == sets.find(b):
            continue
        translated = quotes[a].lang != quotes[b].lang
        excused = partial(_excused, quotes[a], quotes[b], sim, linked)
        if translated and guard.conflict(a, b, excused):
            continue
        if not (link := verify(quotes, a, b, sim, settings, speaker_of, linked)):
            continue
        if not translated and not _same_words(link) and guard.conflict(a, b, excused):
            continue
        guard.join(a, b)
        links.append(link)
    return links


def _excused(qa: Quote, qb: Quote, sim: float, linked: bool) -> bool:
    """Whether the two quotes' own speakers do not keep their groups apart (``_GroupGuard.conflict``)."""
    return sim >= EXCUSED_CONFLICT_COSINE and (linked or speakers_excused(qa, qb))


def _same_words(link: QuoteLink) -> bool:
    """A verbatim copy or a cut of the same words: the line itself, whoever an outlet says said it."""
    return link.match_type is MatchType.VERBATIM or (link.match_type is MatchType.EDITED and link.part)


class _GroupGuard:
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

    def conflict(self, a: int, b: int, excused: Callable[[], bool] | bool = False) -> bool:
        """``excused``: the two quotes' own speakers differ, but each copy's paragraph names the other's
        speaker (``agreement.speakers_excused``), so that pair of people does not keep the groups apart;
        a callable is asked only when that pair alone would (it reads both paragraphs' names)."""
        ra, rb = self.sets.find(a), self.sets.find(b)
        if not self.articles[ra].isdisjoint(self.articles[rb]):
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


def _copies(quotes: list[Quote], speaker_of: list[int | None]) -> tuple[list[int], list[QuoteLink]]:
    """Per quote, the instance that stands for it in the search (itself, or an earlier quote of the
    same words, language and speaker in another article), and a verbatim link to each such instance.

    Wire copies repeat a quote in many articles; searching and verifying every copy against every other
    made the stage grow with the square of the copies. A copy is linked to the earlier instances here, in
    one pass, and only the others are embedded, searched and verified: with the same words and speaker
    a copy would verify exactly as its instance does, and groups are connected components. A quote
    repeated in its own article stays an instance of its own, as quotes of one article never link."""
    instances: dict[tuple[str, tuple[str, ...], int | None], list[int]] = {}
    representative: list[int] = []
    links: list[QuoteLink] = []
    for k, quote in enumerate(quotes):
        earlier = instances.setdefault((quote.lang, word_tuple(quote.text), speaker_of[k]), [])
        links += [QuoteLink(e, k, 1.0, MatchType.VERBATIM, False) for e in earlier
                  if quotes[e].article_id != quote.article_id]
        if not earlier or any(quotes[e].article_id == quote.article_id for e in earlier):
            earlier.append(k)
            representative.append(k)
        else:
            representative.append(earlier[0])
    return representative, links


def _units(quotes: list[Quote], min_part_words: int) -> tuple[np.ndarray, list[str]]:
    """Texts to embed: each quote, plus each of its sentences when it has two or more."""
    owners, texts = [], []
    for k, quote in enumerate(quotes):
        owners.append(k)
        texts.append(quote.text)
        spans = sentence_spans(quote.text)
        if len(spans) > 1:
            for s, e in spans:
                if len(word_tuple(quote.text[s:e])) >= min_part_words:
                    owners.append(k)
                    texts.append(quote.text[s:e])
    return np.asarray(owners), texts


def _candidates(
    vectors: np.ndarray, owners: np.ndarray, quotes: list[Quote], radius: float, copies: dict[int, list[int]],
    search: NeighbourSearchConfig | None = None,
) -> dict[tuple[int, int], float]:
    """Quote pairs of different articles with a unit pair among each other's nearest at cosine ``radius``
    or more, best cosine, best first (in array operations: the search returns pairs by the hundred thousand).

    A pair of one article stands for the pairs of one with the other's copies in other articles."""
    langs = np.asarray([quotes[k].lang for k in owners.tolist()])
    rows, cols, sims = nearest_pairs(vectors, langs, radius, search or NeighbourSearchConfig())
    qa, qb = owners[rows], owners[cols]
    a, b = np.minimum(qa, qb), np.maximum(qa, qb)
    codes: dict[str, int] = {}
    article = np.asarray([codes.setdefault(q.article_id, len(codes)) for q in quotes], dtype=np.int64)
    cross = (a != b) & (article[a] != article[b])
    pairs_a, pairs_b, pair_sims = [a[cross]], [b[cross]], [sims[cross]]
    same = np.flatnonzero((a != b) & (article[a] == article[b]))
    if copies and len(same):
        names = [q.article_id for q in quotes]
        extra = [(x, y, sims[k]) for k in same.tolist() if a[k] in copies or b[k] in copies
                 for x, y in _through_copies(int(a[k]), int(b[k]), names, copies)]
        if extra:
            pairs_a.append(np.asarray([min(x, y) for x, y, _ in extra], dtype=np.int64))
            pairs_b.append(np.asarray([max(x, y) for x, y, _ in extra], dtype=np.int64))
            pair_sims.append(np.asarray([s for _, _, s in extra], dtype=sims.dtype))
    a, b, s = np.concatenate(pairs_a), np.concatenate(pairs_b), np.concatenate(pair_sims)
    order = np.lexsort((-s, b, a))  # per pair, its best cosine first
    a, b, s = a[order], b[order], s[order]
    first = np.ones(len(a), dtype=bool)
    first[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    a, b, s = a[first], b[first], s[first]
    best = np.argsort(-s, kind="stable")
    return dict(zip(zip(a[best].tolist(), b[best].tolist()), s[best].tolist()))


def _through_copies(a: int, b: int, article: list[str], copies: dict[int, list[int]]) -> list[tuple[int, int]]:
    first_b = next((c for c in copies.get(b, ()) if article[c] != article[a]), None)
    first_a = next((c for c in copies.get(a, ()) if article[c] != article[b]), None)
    return [(x, y) for x, y in ((a, first_b), (first_a, b)) if x is not None and y is not None]


def verify(quotes: list[Quote], a: int, b: int, similarity: float, settings: QuoteSettings,
           speaker_of: list[int | None], linked: bool = False) -> QuoteLink | None:
    """The typed link between two quotes, or None when they are not the same statement (``linked``: of
    two articles already linked, whose speaker conflicts are excused at ``EXCUSED_CONFLICT_COSINE``)."""
    qa, qb = quotes[a], quotes[b]
    wa, wb = word_tuple(qa.text), word_tuple(qb.text)
    cuts = settings.quotes
    if qa.lang == qb.lang:
        if wa == wb:
            return QuoteLink(a, b, similarity, MatchType.VERBATIM, False)
        if contained(wa, wb, cuts.min_part_words, cuts.contained_words_per_difference):
            return QuoteLink(a, b, similarity, MatchType.EDITED, True)
    if speakers_conflict(qa, qb, speaker_of[a], speaker_of[b]) and not (
            similarity >= EXCUSED_CONFLICT_COSINE and qa.lang != qb.lang and (linked or speakers_excused(qa, qb))):
        return None
    if qa.lang != qb.lang:
        if similarity < (cuts.cross_same_speaker_threshold if same_source(qa, qb, speaker_of[a], speaker_of[b])
                         else settings.cross_threshold):
            return None
        if not _keeps_facts(qa, qb, settings):
            return None
        part = min(len(wa), len(wb)) < cuts.part_length_ratio * max(len(wa), len(wb))
        return QuoteLink(a, b, similarity, MatchType.TRANSLATION, part)
    kind = classify(similarity, compare(profile(qa.text, qa.lang), profile(qb.text, qb.lang)), qa.lang, qb.lang,
                    settings.duplicates)
    if kind is None:
        return None
    return QuoteLink(a, b, similarity, kind, False)


def contained(wa: tuple[str, ...], wb: tuple[str, ...], min_words: int, words_per_difference: int) -> bool:
    """The shorter word sequence found inside the longer (nearly: one word in ``words_per_difference``
    may differ); sequences shorter than ``min_words`` are phrases, never a cut quote."""
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) < min_words:
        return False
    n = len(short)
    allowed = n // words_per_difference
    for start in range(0, len(long_) - n + 1):
        window = long_[start: start + n]
        if window[0] != short[0] and window[-1] != short[-1]:
            continue
        if Indel.distance(short, window) <= 2 * allowed:
            return True
    return False


def _keeps_facts(qa: Quote, qb: Quote, settings: QuoteSettings) -> bool:
    """A translation keeps the numbers, dates and places of the quote (``duplicates.crosslingual``): "at
    least 384 people were killed" is no translation of "the toll rose to 832". Its name-recall rules are
    left out: a quote's names are its speaker's business, and acronyms (NATO / الناتو) are in no table."""
    return facts_kept(qa.text, qa.lang, qb.text, qb.lang, settings.duplicates.translation_min_number_share)


def _components(n: int, links: list[QuoteLink]) -> list[QuoteGroup]:
    """Connected components of the verified links; every quote ends in one group (singletons too)."""
    sets = UnionFind(n)
    find = sets.find
    for link in links:
        sets.union(link.a, link.b)
    members: dict[int, list[int]] = {}
    for k in range(n):
        members.setdefault(find(k), []).append(k)
    by_root: dict[int, list[QuoteLink]] = {}
    for link in links:
        by_root.setdefault(find(link.a), []).append(link)
    groups = [QuoteGroup(tuple(m), tuple(by_root.get(root, ()))) for root, m in members.items()]
    return sorted(groups, key=lambda g: (-len(g.members), g.members[0]))


def group_speaker(result: QuoteResult, group: QuoteGroup) -> int | None:
    """The speaker most instances name (None when none does)."""
    named = Counter(result.speaker_of[m] for m in group.members if result.speaker_of[m] is not None)
    return named.most_common(1)[0][0] if named else None
