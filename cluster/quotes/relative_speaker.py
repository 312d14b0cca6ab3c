"""A reporting verb inside a relative clause that opens a direct quotation: the named person before it speaks.

Why: a verb right after a relative pronoun usually reports what something else said inside another clause
("التصريحات التي قالت إنها", "statements which said"), so attribution skips it. But news prose also
introduces a person and quotes her in one relative clause: «المصنفة الأولى عالميا هانيا الحمامي، التي
قالت عقب فوزها: «حزينة من أجل نور»», "the world number one, Hania El Hammamy, who said after her win:
"...". Skipped, the quotation had no verb and no speaker. When the pronoun follows a person's full name
and a comma, and the clause runs straight to a colon and an opening quotation mark, the name is the
subject of the clause's verb.
"""

from __future__ import annotations

from cluster.quotes.lexicon import AR_COMPLEMENTIZERS, AR_RELATIVES, DOUBLE_MARKS, EN_RELATIVES
from cluster.quotes.names import Token, name_runs
from cluster.quotes.sources import PERSON, name_kind

CLAUSE_TO_COLON = 12
"""Tokens between the clause's verb and the colon that opens the quotation ("قالت عقب فوزها في الدور الثاني:")."""
EN_THAT = frozenset("that".split())


def relative_speaker(tokens: list[Token], verb: int, lang: str) -> list[Token] | None:
    """The full name a relative clause's reporting verb belongs to ("X، التي قالت ...: «", "X, who said: "),
    as subject tokens; None when the verb does not follow "NAME, which/who" or no quotation opens after it."""
    if verb < 3 or not tokens[verb - 1].word or not _relative(tokens[verb - 1], lang):
        return None
    comma = verb - 2
    if tokens[comma].text not in "،," or not _opens_quotation(tokens, verb, lang):
        return None
    runs = name_runs(tokens[max(0, comma - 6): comma], lang)
    if not runs or runs[-1][1] != comma - max(0, comma - 6):
        return None
    first, end = (k + max(0, comma - 6) for k in runs[-1])
    words = [t for t in tokens[first:end] if t.word]
    if not 2 <= len(words) <= 4 or name_kind(" ".join(t.text for t in words)) != PERSON:
        return None  # a full name only: "المنظمة، التي قالت" is a body, "Ali, who said" a word too few
    return tokens[first:end]


def _relative(token: Token, lang: str) -> bool:
    return token.norm in AR_RELATIVES if lang == "ar" else token.text.lower() in EN_RELATIVES - {"that", "which"}


def _opens_quotation(tokens: list[Token], verb: int, lang: str) -> bool:
    """Whether the clause goes straight on to ": «" (no إن / that clause of its own before it)."""
    for k in range(verb + 1, min(verb + 1 + CLAUSE_TO_COLON, len(tokens) - 1)):
        token = tokens[k]
        if token.norm in AR_COMPLEMENTIZERS or token.text.lower() in EN_THAT or token.text in ".!?؟":
            return False
        if token.text == ":":
            return tokens[k + 1].text in DOUBLE_MARKS
    return False
