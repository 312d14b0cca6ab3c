"""Which reported clauses of a paragraph are quotes of their own, and which are part of another's statement.

Split from ``clauses`` (which finds each verb's clause): a clause nested in another speaker's statement, in
colon speech or in a source phrase that only names the outlet is a question about the clauses together.
"""

from __future__ import annotations

from cluster.quotes.attribution import Attribution, Token
from cluster.quotes.forms import after_colon, carrier_only

NESTED_VERB_WORDS = 4
"""A reporting verb this near the start of another speaker's clause reports inside that statement."""


def outermost(tokens: list[Token], clauses: list[tuple[Attribution, tuple[int, int]]]
             ) -> list[tuple[Attribution, tuple[int, int]]]:
    """The clauses but those whose verb opens the clause of another speaker (within its first
    ``NESTED_VERB_WORDS`` words): "قال مصدر إن الجزائر أبلغت باريس بأن ..." is the source's one statement,
    and what it says Algiers told Paris is part of it, not a quote of Paris. The same speaker going on
    ("..., لكنه اعتبر أن") and a later clause of the writer's ("..., though a watchdog later said") are
    quotes of their own. Speech after a colon is the speaker's own words to its end: a verb inside it
    ("وأضاف القضاة: نعمل ...، ونتوقع أن يتم ذلك خلال 48 ساعة") is the speaker's, however far in. A source
    phrase whose clause holds a verb of its own only names the outlet that carried it (``carrier_only``)."""
    verbs = [b.verb for b, _ in clauses]
    return [(a, span) for a, span in clauses if not carrier_only(tokens, a.verb, span, verbs)
            and not any(s <= tokens[a.verb].start < e and (s, e) != span and (
                after_colon(tokens, s) or (b.name != a.name and sum(
                    1 for t in tokens if t.word and s <= t.start < tokens[a.verb].start) < NESTED_VERB_WORDS))
                       for b, (s, e) in clauses)]
