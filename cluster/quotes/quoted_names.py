"""Text in quote marks that names someone rather than quoting them: a name inside the speaker's subject,
an outlet's name, and Latin acronyms spelled out in Arabic letter names ("إن بي سي" for NBC, «إن إن بي
سي» for NNPC, "سي إن إن" for CNN), where the letter N is written إن, the same word as the complementizer.
Split from ``extract`` (its size)."""

from __future__ import annotations

from bisect import bisect_left

from cluster.quotes.forms import quoted_name_end
from cluster.quotes.history import Attribution
from cluster.quotes.letters import spells_a_letter
from cluster.quotes.names import Token, tokenize


def spelled_acronym(text: str) -> bool:
    """Whether a quoted text is only a spelled acronym («إن إن بي سي», «بي بي سي»): a name, no quote."""
    words = [t for t in tokenize(text) if t.word]
    return len(words) >= 2 and all(spells_a_letter(t) for t in words)


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
