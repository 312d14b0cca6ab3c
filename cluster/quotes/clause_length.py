"""How many words a reported clause needs to count as a quote: shorter unmarked text is mostly a noun
phrase, not a statement. Split from ``clauses`` (its size)."""

from __future__ import annotations

from cluster.quotes.history import Attribution
from cluster.quotes.lexicon import AR_COMPLEMENTIZERS, EN_FINITE, EN_PRONOUNS
from cluster.textnorm import normalize

MIN_INDIRECT_WORDS = 4
MIN_TERSE_WORDS = 3
"""Words of a reported clause after a colon, in an English headline, or of a pronoun and a finite verb."""


def min_clause_words(text: str, start: int, headline: bool, lang: str, attribution: Attribution) -> int:
    """Words a reported clause needs: fewer after a colon (direct speech), in an English headline
    ("WHO says thousands still waiting"), where the text is terse, and for an English clause of a
    pronoun, a finite verb and its object ("said it would appeal", "said he had resigned"): a whole
    statement in three words, unlike the noun phrases that shorter unmarked text mostly is."""
    after_colon = text[:start].rstrip().endswith(":")
    terse = after_colon or (headline and lang != "ar" and attribution.name is not None)
    words = text[start:].split()[:2]
    pronoun_verb = (lang != "ar" and len(words) == 2 and words[0].lower() in EN_PRONOUNS
                    and words[1].lower() in EN_FINITE)
    if lang == "ar" and _pronoun_complementizer(text, start):
        return MIN_AR_PRONOUN_WORDS
    return MIN_TERSE_WORDS if terse or pronoun_verb else MIN_INDIRECT_WORDS


AR_PRONOUN_COMPLEMENTIZERS = frozenset(normalize(w) for w in "أنه أنها أنهم إنه إنها إنهم بأنه بأنها بأنهم".split())
MIN_AR_PRONOUN_WORDS = 2
"""Arabic's "said it would appeal": the subject pronoun rides on the complementizer and the future on the
verb ("أعلن البنك أنه سيستأنف الحكم"), so a whole statement of a verb and its object is two words where
the English copy has five; a bare noun phrase cannot follow a pronoun there. Only for the sentence's first
complementizer: a later one ("كشف الوزير أن الدول ...، أكدت أنها ستقرر لاحقا") opens a clause inside the
reported one, which that clause already holds."""


AR_SENTENCE_REACH = 400
"""Characters looked back for the sentence's earlier complementizers."""


def _pronoun_complementizer(text: str, start: int) -> bool:
    """Whether the word just before ``start`` is a complementizer carrying a subject pronoun, the first
    complementizer of its sentence."""
    window = text[max(0, start - AR_SENTENCE_REACH):start]  # bounded: paragraphs may be long
    sentence = window[max(window.rfind(mark) for mark in ".!?؟\n") + 1:]
    words = [normalize(w.strip("،,«»\"")) for w in sentence.split()]
    return bool(words) and words[-1] in AR_PRONOUN_COMPLEMENTIZERS and not any(
        w in AR_COMPLEMENTIZERS for w in words[:-1])
