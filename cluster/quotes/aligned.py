"""Quotes of two linked articles that translate one another clause by clause, not as wholes.

Why: an outlet's quote often runs on past the statement the other outlet carries, or the two cut it
differently: "his players had nothing to be ashamed of but was furious about the penalty, given for ..."
against «لاعبيه لا يجب أن يخجلوا من أي شيء» (cosine 0.28 as wholes, 0.64 for the clause they share), «الأرقام
جميلة على الورق، لكن اذهبوا إلى الدواوير ...» against "The figures look nice on paper, but go to the
villages ..." (0.42 and 0.67). The whole-quote vector is pulled away by what one copy adds, so the
companions' cut (``companions``) misses them. Between two articles already linked, and after the whole
quotes have taken their one-to-one slots, a pair whose best-aligned clauses reach ``CLAUSE_COSINE`` is a
candidate here (``matching`` verifies it with the companions' rules at that cosine).

Clauses are the quote's sentences cut at a comma, a semicolon, or a "but" / «لكن» and a reported-clause
joiner (``parts``), of ``min_words`` words at least; the work is bounded by the companions' linked
articles (``companions.MAX_PARTNERS`` per article) and their quotes' clauses.
"""

from __future__ import annotations

import re

import numpy as np

from cluster.quotes.extract import Quote
from cluster.segment.sentences import sentence_spans
from cluster.textnorm import word_tuple

CLAUSE_COSINE = 0.8
"""Least cosine of the best-aligned clause pair of two quotes of linked articles. Chosen by leaving one
blind snapshot out (docs/quotes-log.md, round wt-tr7; grid off, 0.8 .. 0.5, fit: pairs found minus twice
the wrong links on the other snapshots, the strictest of ties): 0.8 in 13 folds of 14. Lower cuts find
clauses a labeller paired («لاعبيه لا يجب أن يخجلوا من أي شيء» in "his players had nothing to be ashamed
of but was furious about the penalty ...", 0.64) and as many a labeller left apart (a café owner's two
sentences against one of the English copy's two quotes, 0.6)."""

_CUTS = re.compile(r"\s*[,،؛;]\s*|\s+(?:but|and that|but that)\s+|\s+(?:لكن|ولكن|وإن|وأن|فإن)\s+", re.IGNORECASE)


def clause_texts(text: str, min_words: int) -> list[str]:
    """The clauses of a quote (sentences cut at ``_CUTS``) of ``min_words`` words or more; the quote
    itself when it holds one clause."""
    found = []
    for start, end in sentence_spans(text):
        found += [c for c in _CUTS.split(text[start:end]) if len(word_tuple(c)) >= min_words]
    return found if len(found) > 1 else [text]


def aligned_pairs(quotes: list[Quote], pairs: list[tuple[int, int]], clause_vectors: dict[int, np.ndarray],
                  floor: float = CLAUSE_COSINE) -> dict[tuple[int, int], float]:
    """Of quote ``pairs`` (index pairs), those whose best clause-pair cosine is ``floor`` or more, with
    that cosine, best first (``clause_vectors``: per quote, one unit vector per clause)."""
    found: dict[tuple[int, int], float] = {}
    for a, b in pairs:
        if len(clause_vectors[a]) == 1 and len(clause_vectors[b]) == 1:
            continue  # one clause each: the whole quotes' cosine already said
        best = float((clause_vectors[a] @ clause_vectors[b].T).max())
        if best >= floor:
            found[(a, b)] = best
    return dict(sorted(found.items(), key=lambda item: -item[1]))
