"""The same quote across articles and languages: candidates by embedding, verified by wording.

Every quote, and every sentence of a quote of two sentences or more, is embedded with the pipeline's
encoder (and its cache). An exact faiss range search over these units gives the candidate pairs in
one pass (no loop over all pairs of quotes); a sentence unit lets an outlet that quoted only part of a
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
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz.distance import Indel

from cluster.config import Config, DuplicateConfig, QuoteConfig
from cluster.duplicates.groups import similar_pairs
from cluster.duplicates.lexical import MatchType, classify, compare, profile
from cluster.embed import EmbeddingCache, Encoder, embed_texts
from cluster.quotes.extract import Quote
from cluster.quotes.speakers import SpeakerIndex, same_person
from cluster.segment.paragraphs import sentence_spans
from cluster.textnorm import word_tuple


@dataclass(frozen=True)
class QuoteSettings:
    """Cuts for quote pairs, derived from one run's config so that its passage and quote cuts move together."""

    cross_threshold: float
    """Cosine a translation needs (``duplicates.cross_language_threshold``, never below the quote floor)."""
    duplicates: DuplicateConfig
    """The passage settings ``classify`` types a same-language pair with, relaxed to quote size."""
    quotes: QuoteConfig = field(default_factory=QuoteConfig)

    @classmethod
    def from_config(cls, config: Config) -> QuoteSettings:
        cuts, passages = config.quotes, config.duplicates
        # Quotes are short: classify's short-passage rule (verbatim only) is relaxed to quote size.
        relaxed = passages.model_copy(update={"short_words": min(passages.short_words, cuts.short_words_cap)})
        cross = max(passages.cross_language_threshold, cuts.cross_language_floor)
        return cls(cross_threshold=cross, duplicates=relaxed, quotes=cuts)


@dataclass(frozen=True)
class QuoteLink:
    a: int
    b: int
    similarity: float
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
    owners, texts = _units(quotes, settings.quotes.min_part_words)
    vectors = embed_texts(encoder, texts, batch_size=batch_size, cache=cache)
    candidates = _candidates(vectors, owners, quotes, settings.quotes.candidate_radius)
    links = [link for (a, b), sim in candidates.items() if (link := verify(quotes, a, b, sim, settings, speaker_of))]
    first_rows = np.searchsorted(owners, np.arange(len(quotes)))
    return QuoteResult(quotes, _components(len(quotes), links), speakers, speaker_of, vectors[first_rows], settings)


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
    vectors: np.ndarray, owners: np.ndarray, quotes: list[Quote], radius: float
) -> dict[tuple[int, int], float]:
    """Quote pairs of different articles with a unit pair at cosine ``radius`` or more, best cosine."""
    rows, cols, sims = similar_pairs(vectors, radius)
    qa, qb = owners[rows], owners[cols]  # owners never decrease with the unit index: qa <= qb
    article = np.asarray([q.article_id for q in quotes], dtype=object)
    keep = (qa < qb) & (article[qa] != article[qb])
    best: dict[tuple[int, int], float] = {}
    for a, b, s in zip(qa[keep].tolist(), qb[keep].tolist(), sims[keep].tolist()):
        if s > best.get((a, b), -1.0):
            best[(a, b)] = s
    return best


def verify(quotes: list[Quote], a: int, b: int, similarity: float, settings: QuoteSettings,
           speaker_of: list[int | None]) -> QuoteLink | None:
    """The typed link between two quotes, or None when they are not the same statement."""
    qa, qb = quotes[a], quotes[b]
    wa, wb = word_tuple(qa.text), word_tuple(qb.text)
    cuts = settings.quotes
    if qa.lang == qb.lang:
        if wa == wb:
            return QuoteLink(a, b, similarity, MatchType.VERBATIM, False)
        if contained(wa, wb, cuts.min_part_words, cuts.contained_words_per_difference):
            return QuoteLink(a, b, similarity, MatchType.EDITED, True)
    if _speakers_conflict(qa, qb, speaker_of[a], speaker_of[b]):
        return None
    if qa.lang != qb.lang:
        same_speaker = speaker_of[a] is not None and speaker_of[a] == speaker_of[b]
        if similarity < (cuts.cross_same_speaker_threshold if same_speaker else settings.cross_threshold):
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


def _speakers_conflict(qa: Quote, qb: Quote, sa: int | None, sb: int | None) -> bool:
    if sa is None or sb is None or sa == sb:
        return False
    return not same_person(qa.speaker or "", qb.speaker or "")


def _components(n: int, links: list[QuoteLink]) -> list[QuoteGroup]:
    """Connected components of the verified links; every quote ends in one group (singletons too)."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        ra, rb = find(link.a), find(link.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
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
