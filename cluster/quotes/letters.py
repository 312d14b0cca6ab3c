"""Latin acronyms spelled in Arabic letter names ("إن بي سي" for NBC, «إن إن بي سي» for NNPC, "سي إن إن"
for CNN), where the letter N is written إن, the same word as the complementizer: the clause reader
(``clauses``) and the subject reader (``arabic_subject``) ask here which إن is a letter. Split from
``quoted_names`` so both can import it without a cycle."""

from __future__ import annotations

from typing import Protocol

from cluster.quotes.lexicon import AR_COMPLEMENTIZERS
from cluster.textnorm import normalize


class Token(Protocol):
    """A word of ``names.Token``'s shape (not imported: ``names`` asks here about N)."""

    text: str
    word: bool

    @property
    def norm(self) -> str: ...

AR_LETTER_NAMES = frozenset(normalize(w) for w in "بي سي دي تي جي إم إس إف إل إكس كيه إتش زد آر".split())
"""Arabic names of Latin letters that are no common word (في "in" and أو "or" are left out)."""
AR_LETTER_N = normalize("إن")
CLOSING_MARKS = frozenset('»”"')


def spells_a_letter(token: Token) -> bool:
    """A word that is the Arabic name of a Latin letter, N (إن) included: what a spelled acronym is made of."""
    return token.norm in AR_LETTER_NAMES or token.norm == AR_LETTER_N


def spells_letter_n(tokens: list[Token], k: int) -> bool:
    """Whether the إن at ``k`` is the letter N of a spelled acronym: another letter name follows it
    ("إن بي سي"), or a second N and then a letter name ("إن إن بي سي"), or it ends a quoted one after a
    letter name («تي سي إن»: a complementizer is never the last word before a closing mark, nor right before
    another one: "تي سي إن أنها")."""
    if tokens[k].norm != AR_LETTER_N:
        return False
    if k + 1 >= len(tokens):
        return k > 0 and tokens[k - 1].norm in AR_LETTER_NAMES  # a subject read up to its «تي سي إن»
    if k > 0 and tokens[k - 1].norm in AR_LETTER_NAMES and (
            tokens[k + 1].text in CLOSING_MARKS or tokens[k + 1].norm in AR_COMPLEMENTIZERS):
        return True  # "أعلنت شركة تي سي إن أنها": the clause opens at أنها, so إن is the acronym's
    following = tokens[k + 1].norm
    if following in AR_LETTER_NAMES:
        return True
    return following == AR_LETTER_N and k + 2 < len(tokens) and tokens[k + 2].norm in AR_LETTER_NAMES


def spells_cnn(tokens: list[Token], k: int) -> bool:
    """"لشبكة سي إن إن إن ...": the two إن after سي are the letters of CNN, the third opens the clause;
    after an acronym ending in سي ("إن بي سي إن", "بي بي سي إن") إن opens the clause."""
    if tokens[k].norm != AR_LETTER_N:
        return False  # "تي سي إن أنها": أنها is no letter
    if tokens[k - 1].norm == "سي":
        return not (k > 1 and tokens[k - 2].norm in AR_LETTER_NAMES)
    return k > 1 and tokens[k - 1].norm == "ان" and tokens[k - 2].norm == "سي"


def letter_n(tokens: list[Token], k: int) -> bool:
    """Whether the إن at ``k`` is a letter of a spelled acronym, not the complementizer: the clause reader
    and the subject reader must agree, or the subject stops where the acronym goes on."""
    return k > 0 and (spells_cnn(tokens, k) or spells_letter_n(tokens, k))


def spelled_start(tokens: list[Token], k: int) -> int:
    """The first letter of the spelled acronym whose N is at ``k`` ("شركة تي سي إن" -> تي): after a body's
    head the letters before N read as its indefinite complement, not as a name, until N shows them a name."""
    while k > 0 and tokens[k - 1].word and spells_a_letter(tokens[k - 1]):
        k -= 1
    return k


def marked_acronym(tokens: list[Token], k: int) -> bool:
    """Whether the quote mark at ``k`` opens a spelled acronym and nothing else («إن بي إس», «تي سي إن»):
    after a body's full name it abbreviates that name ("مكتب الإحصاء الوطني النيجيري «إن بي إس»")."""
    letters = 0
    for token in tokens[k + 1:k + 8]:
        if token.text in CLOSING_MARKS:
            return letters >= 2
        if not token.word or not spells_a_letter(token):
            return False
        letters += 1
    return False
