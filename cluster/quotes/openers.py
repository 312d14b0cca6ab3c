"""How an English sentence opens before its subject: a setting ("At Frankfurt airport, ...") and a described
subject whose name is apposed after an "of" phrase ("The head of the local fishermen's guild, X, ...").
Shared by the subject of a verb that shares its sentence's subject (``english_subject``) and the sentence
subjects and newcomers of ``mentions``."""

from __future__ import annotations

from cluster.quotes.lexicon import EN_VERBS
from cluster.quotes.names import Token

EN_SETTING_PREPOSITIONS = frozenset("At In On Outside Inside Near From Across Along Back".split())
OPENING_PHRASE_WORDS = 8
"""Words of a setting that opens a sentence, up to its comma."""
DESCRIPTION_OF_TOKENS = 8
"""Tokens of an "of" phrase in a description before its apposed name ("of the local fishermen's guild")."""


def description_end(tokens: list[Token], of: int, before: int) -> int | None:
    """The comma ending the "of" phrase of a described subject ("The head of the local fishermen's guild,"):
    words and apostrophes only, no verb; None when no such comma comes within ``DESCRIPTION_OF_TOKENS``."""
    for k in range(of + 1, min(of + 1 + DESCRIPTION_OF_TOKENS, len(tokens))):
        token = tokens[k]
        if token.start >= before:
            return None
        if token.text == ",":
            return k if k > of + 1 else None
        if not (token.word or token.text in "'’") or token.text.lower() in EN_VERBS:
            return None
    return None


def past_setting(tokens: list[Token], k: int) -> int:
    """The token after a setting the sentence opens with at ``k`` ("At Frankfurt airport, ...": a
    preposition, at most ``OPENING_PHRASE_WORDS`` words, a comma), else ``k``."""
    if k >= len(tokens) or tokens[k].text not in EN_SETTING_PREPOSITIONS:
        return k
    for j in range(k + 1, min(k + 2 + OPENING_PHRASE_WORDS, len(tokens))):
        if tokens[j].text == ",":
            return j + 1
        if not (tokens[j].word or tokens[j].text in "'’"):
            return k
    return k


APPOSED_NAME_WORDS = 4


def apposed_description(tokens: list[Token], start: int, before: int) -> tuple[int, int] | None:
    """"The head of the local fishermen's guild, Nicolás Fernández, welcomed ...": a determiner at ``start``,
    lower-case words, an "of" phrase up to a comma, then a capitalised name closed by a comma: the name's
    (first, end) token span; None when the sentence does not open so."""
    if start >= len(tokens) or tokens[start].text.lower() not in {"the", "a", "an"}:
        return None
    of = next((k for k in range(start + 1, min(start + 5, len(tokens))) if tokens[k].text == "of"), None)
    if of is None or not all(t.word and t.text.islower() for t in tokens[start + 1: of]) or of == start + 1:
        return None
    comma = description_end(tokens, of, before)
    if comma is None:
        return None
    end = next((k for k in range(comma + 1, min(comma + 2 + APPOSED_NAME_WORDS, len(tokens)))
                if not tokens[k].word), None)
    if end is None or tokens[end].text != "," or end - comma < 3 or tokens[end].start >= before:
        return None
    return (comma + 1, end) if all(t.text[:1].isupper() for t in tokens[comma + 1: end]) else None


EN_ABBREVIATIONS = frozenset("Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec Mr Mrs Ms Dr Gen Col Lt Sgt St No U.S".split())
"""Words whose full stop ends no sentence ("on Jan. 16 and warned", "Dr. Ali said")."""


def sentence_start(tokens: list[Token], k: int) -> int:
    """The first token of the sentence holding ``k`` (a full stop after an abbreviation ends none)."""
    for j in range(k - 1, -1, -1):
        if tokens[j].text in ".!?" and not (tokens[j].text == "." and j > 0 and tokens[j - 1].text in EN_ABBREVIATIONS):
            return j + 1
    return 0


def opening_pronoun(tokens: list[Token], conjunction: int) -> list[Token]:
    """The personal pronoun a sentence opens with, before a verb after "and"/"but" that shares it."""
    start = sentence_start(tokens, conjunction)
    opening = tokens[start] if start < conjunction else None
    return [opening] if opening is not None and opening.text.lower() in {"he", "she"} else []
