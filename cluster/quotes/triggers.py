"""Which words a rule of ``attribution.find_attributions`` can act on: a reporting verb or participle, a
source preposition, a statement's "جاء" or a reply's "رد".

Why a module of its own: ``find_attributions`` asks five rules of every token of every paragraph, each a
function call, and all but a few words in a hundred fail every one of them. ``may_report`` is the union of
what each rule first looks up, so a token it rules out is one every rule would have passed over.
"""

from __future__ import annotations

from cluster.quotes.lexicon import AR_PARTICIPLES, AR_VERBS, EN_PARTICIPLES, EN_VERBS
from cluster.quotes.names import Token
from cluster.quotes.sources import AR_SOURCE_TRIGGERS
from cluster.textnorm import normalize

AR_CAME = frozenset(normalize(w) for w in "جاء وجاء وورد".split())
""""وجاء في البيان": a statement's words, reported (``attribution._statement_words``)."""
AR_REPLY_VERBS = frozenset(normalize(w) for w in "رد ردت ورد وردت فرد فردت عقب عقبت وعقب وعقبت فعقب فعقبت".split())
"""ردّ (replied), which reads as ورد (came, was mentioned: "ورد في البيان") with و, and عقّب (answered),
which reads as عقب (after: "عقب الاجتماع"): reporting verbs only when a person the article names in
full, or an institution ("وردّت الخارجية"), follows them."""

_EN_WORDS = EN_VERBS | EN_PARTICIPLES
_AR_WORDS = AR_CAME | AR_REPLY_VERBS
_AR_FORMS = AR_VERBS | AR_PARTICIPLES | AR_SOURCE_TRIGGERS


def clitic_forms(norm: str) -> list[str]:
    """A normalised Arabic word and, when it starts with the conjunction و or ف, the word without it."""
    forms = [norm]
    if len(norm) > 3 and norm[0] in "وف":
        forms.append(norm[1:])
    return forms


def may_report(token: Token, lang: str) -> bool:
    """Whether any rule of ``find_attributions`` can act on this token (False: every one passes over it)."""
    if not token.word:
        return False
    if lang != "ar":
        return token.text.lower() in _EN_WORDS
    norm = token.norm
    return norm in _AR_WORDS or any(form in _AR_FORMS for form in clitic_forms(norm))
