"""The outlet a named speaker told, right after the name: "قالت رئيستها X Y لهسبريس إن", "وقال العميد X Y،
لشفق نيوز، إن" ("told Hespress", "told Shafaq News").

Why: a news outlet writes the medium it spoke to after the speaker's full name, in any outlet's own name,
not only after a media noun ("لقناة ...", which ``arabic_subject`` already stops at). Read into the
subject, the outlet became the speaker's family name ("بلفقيه لهسبريس") or the whole name ("لشفق نيوز").
A full name (two name words at least) has no given name left to come, and a family name in ل (not لل) is
rare; a given name in ل ("لطفي", "ليلى") stays a name.
"""

from __future__ import annotations

from cluster.quotes.lexicon import AR_COMPLEMENTIZERS, AR_LAM_GIVEN_NAMES
from cluster.quotes.names import Token, name_run

LISTENER_WORDS = 3
"""An outlet's name between commas is short ("لشفق نيوز", "لموقع الحرة نت")."""


def _lam_word(token: Token) -> bool:
    """A word in ل that is not لل or ال, nor a given name in ل: the preposition "to" on an outlet's name."""
    norm = token.norm
    return (token.word and len(norm) >= 4 and norm.startswith("ل") and not norm.startswith(("لل", "ال"))
            and norm not in AR_LAM_GIVEN_NAMES)


def ends_on_full_name(subject: list[Token]) -> bool:
    """The subject so far ends on a name of two words at least ("رئيستها سعاد بلفقيه")."""
    run = name_run(subject, "ar")
    return run is not None and len(run.split()) >= 2 and bool(subject) and subject[-1].text == run.split()[-1]


def told_after_name(tokens: list[Token], k: int, subject: list[Token]) -> bool:
    """"X Y لهسبريس إن": a ل-word right after a full name, then the complementizer or a colon: the outlet."""
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    return (following is not None and _lam_word(tokens[k]) and ends_on_full_name(subject)
            and ((not following.word and following.text == ":") or following.norm in AR_COMPLEMENTIZERS))


def told_between_commas(tokens: list[Token], comma: int, subject: list[Token]) -> bool:
    """"X Y، لشفق نيوز، إن": after a full name, a comma, a ل-word and at most ``LISTENER_WORDS`` words up to
    a comma, a colon or the complementizer: the outlet told, no more of the name ("الرئيس، لولا دا سيلفا،"
    has no full name before its comma)."""
    if comma + 1 >= len(tokens) or not _lam_word(tokens[comma + 1]) or not ends_on_full_name(subject):
        return False
    for j in range(comma + 2, min(comma + 2 + LISTENER_WORDS, len(tokens))):
        token = tokens[j]
        if not token.word:
            return token.text in "،,:"
        if token.norm in AR_COMPLEMENTIZERS:
            return True
    return False
