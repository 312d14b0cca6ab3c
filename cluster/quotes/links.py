"""One candidate pair of quotes, typed: the cuts it is judged by, the link it becomes, the verification.

Split from ``matching`` (which finds the candidates and builds the groups): what makes two quotes one
statement is a question about the pair alone (the words, the cosine, the facts kept, whether their
speakers agree), and each of those rules is read and tuned apart from the search and grouping code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from cluster.config import Config, DuplicateConfig, NeighbourSearchConfig, QuoteConfig
from cluster.duplicates.crosslingual import facts_kept
from cluster.duplicates.lexical import MatchType, classify, compare, profile
from cluster.duplicates.matches import Link
from cluster.quotes.agreement import conflict_excused, same_source, speakers_conflict
from cluster.quotes.conversions import without_conversions
from cluster.quotes.extract import Quote
from cluster.quotes.numberwords import as_digits
from cluster.textnorm import word_tuple


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
    within: tuple[int, int] | None = None
    """On a part-of link (``parts``): the span of ``a``'s text (the whole) that ``b`` carries."""


def verify(quotes: list[Quote], a: int, b: int, similarity: float, settings: QuoteSettings,
           speaker_of: list[int | None], linked: bool = False) -> QuoteLink | None:
    """The typed link between two quotes, or None when they are not the same statement (``linked``: of
    two articles already linked, whose speaker conflicts ``agreement.conflict_excused`` reads more leniently)."""
    qa, qb = quotes[a], quotes[b]
    wa, wb = word_tuple(qa.text), word_tuple(qb.text)
    cuts = settings.quotes
    if qa.lang == qb.lang:
        if wa == wb:
            return QuoteLink(a, b, similarity, MatchType.VERBATIM, False)
        if contained(wa, wb, cuts.min_part_words, cuts.contained_words_per_difference):
            return QuoteLink(a, b, similarity, MatchType.EDITED, True)
    if speakers_conflict(qa, qb, speaker_of[a], speaker_of[b]) and not (
            qa.lang != qb.lang and conflict_excused(qa, qb, similarity, linked)):
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
    left out: a quote's names are its speaker's business, and acronyms (NATO / الناتو) are in no table.
    Failing as written, the two are read again with their number words as digits (``numberwords``: "منذ
    ثمانين عاما" / "in 80 years"), then also without a currency conversion an outlet added in parentheses
    (``conversions``: "250,000 Egyptian pounds ($5,000)" / «250 ألف جنيه»)."""
    share = settings.duplicates.translation_min_number_share
    readings = ((qa.text, qb.text), (as_digits(qa.text, qa.lang), as_digits(qb.text, qb.lang)))
    if any(facts_kept(a, qa.lang, b, qb.lang, share) for a, b in readings):
        return True
    a, b = (without_conversions(text) for text in readings[1])
    return (a, b) != readings[1] and facts_kept(a, qa.lang, b, qb.lang, share)
