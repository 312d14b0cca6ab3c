"""Text in quote marks that names someone rather than quoting them: a name inside the speaker's subject,
an outlet's name, and Latin acronyms spelled out in Arabic letter names ("إن بي سي" for NBC, «إن إن بي
سي» for NNPC, "سي إن إن" for CNN), where the letter N is written إن, the same word as the complementizer.
Split from ``extract`` (its size)."""

from __future__ import annotations

from bisect import bisect_left

from cluster.quotes.forms import quoted_name_end
from cluster.quotes.history import Attribution
from cluster.quotes.names import Token, tokenize
from cluster.textnorm import normalize

AR_LETTER_NAMES = frozenset(normalize(w) for w in "بي سي دي تي جي إم إس إف إل إكس كيه إتش زد آر".split())
"""Arabic names of Latin letters that are no common word (في "in" and أو "or" are left out)."""
AR_LETTER_N = normalize("إن")
CLOSING_MARKS = frozenset('»”"')


def spells_letter_n(tokens: list[Token], k: int) -> bool:
    """Whether the إن at ``k`` is the letter N of a spelled acronym: another letter name follows it
    ("إن بي سي"), or a second N and then a letter name ("إن إن بي سي"), or it ends a quoted one after a
    letter name («تي سي إن»: a complementizer is never the last word before a closing mark)."""
    if tokens[k].norm != AR_LETTER_N or k + 1 >= len(tokens):
        return False
    if k > 0 and tokens[k - 1].norm in AR_LETTER_NAMES and tokens[k + 1].text in CLOSING_MARKS:
        return True
    following = tokens[k + 1].norm
    if following in AR_LETTER_NAMES:
        return True
    return following == AR_LETTER_N and k + 2 < len(tokens) and tokens[k + 2].norm in AR_LETTER_NAMES


def spelled_acronym(text: str) -> bool:
    """Whether a quoted text is only a spelled acronym («إن إن بي سي», «بي بي سي»): a name, no quote."""
    words = [t for t in tokenize(text) if t.word]
    return len(words) >= 2 and all(t.norm in AR_LETTER_NAMES or t.norm == AR_LETTER_N for t in words)


def names_not_quotes(quoted: str, attributions: list[Attribution], tokens: list[Token], open_: int) -> bool:
    """Whether text in quote marks (opening at character ``open_``) is a name, not a quotation."""
    return _in_a_subject(quoted, attributions) or _names_an_outlet(tokens, open_) or spelled_acronym(quoted)


def _in_a_subject(quoted: str, attributions: list[Attribution]) -> bool:
    """'وقال كبير محللي السلع في بنك "إس إي بي" السويدي ... إن': a few words in quote marks inside a
    speaker's description are a name, not a quotation."""
    return len(quoted.split()) <= 4 and any(a.as_written and quoted in a.as_written for a in attributions)


def _names_an_outlet(tokens: list[Token], open_: int) -> bool:
    """'لقناة «إن تي في»', 'على منصة «إكس»': a short name in quote marks after an outlet's noun."""
    k = bisect_left([t.start for t in tokens], open_)
    return 0 <= open_ and k < len(tokens) and tokens[k].start == open_ and quoted_name_end(tokens, k) is not None
