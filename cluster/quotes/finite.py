"""Whether a finite English clause opens at a token: what lets a reporting verb that mostly takes an
object ("promised a review", "pledged support") report a clause without "that" ("promised cash would
reach all branches", "vowed the attacks would go on"), and what lets a clause shorter than the usual
minimum count as speech ("said it would appeal"). Read by ``attribution`` and ``clauses``; a module of
its own so that neither imports the other for it."""

from __future__ import annotations

from cluster.quotes.lexicon import EN_CLAUSE_BLOCKERS, EN_FINITE
from cluster.quotes.names import Token

EN_OBJECT_PRONOUNS = frozenset("him her them us me you".split())
"""Objects ("promised them ...", "warned her ..."); "it" opens a clause ("admitted it was impossible")."""
SUBJECT_WORDS_BEFORE_VERB = 4
"""Words of the clause's subject before its finite verb ("cash", "the new wells", "all branches of the")."""


def finite_clause_at(tokens: list[Token], k: int, past: bool = False) -> bool:
    """A clause opens at ``k``: a short subject of plain words (no punctuation, no preposition or
    conjunction, no object pronoun first), then a finite verb or a modal (with ``past``, also a verb in
    -ed: "acknowledged the plan failed")."""
    if k >= len(tokens) or not tokens[k].word:
        return False
    first = tokens[k].text.lower()
    if first in EN_CLAUSE_BLOCKERS or first in EN_OBJECT_PRONOUNS or first == "to" or first in EN_FINITE:
        return False
    for j in range(k + 1, min(k + 1 + SUBJECT_WORDS_BEFORE_VERB, len(tokens))):
        word = tokens[j].text.lower()
        if not tokens[j].word or word in EN_CLAUSE_BLOCKERS or word == "to":
            return False
        if word in EN_FINITE or (past and word.endswith("ed") and len(word) > 4):
            return True
    return False
