""""One of them said": one unnamed member of the group the article quoted just before.

Wire copy often quotes a group of unnamed sources and then one of them ("Orders were stuck in the system,
two brokers told Reuters ... 'Clients were calling non-stop,' one of them said"; «وقال مصدران مطلعان إن ...
وأضاف أحدهما»). The subject is a pronoun for that group: read alone it named no one ("one of them" is no
name) or, in Arabic, was taken for a person called «أحدهم». The speaker is the group's source phrase, an
unnamed source, when the speaker quoted last is such a group; otherwise the subject itself, still an unnamed
source and never a person's name.
"""

from __future__ import annotations

from cluster.documents import Segment
from cluster.quotes.history import History, Speaker
from cluster.quotes.selfnamed import self_named
from cluster.quotes.sources import ANONYMOUS, ORGANISATION
from cluster.textnorm import normalize

EN_MEMBER = (("one", "of", "them"), ("one", "of", "those"), ("one", "of", "these"))
"""English subjects that point at one member of a group named before."""
AR_MEMBER = frozenset(normalize(w) for w in "أحدهم إحداهن أحدهما إحداهما".split())
"""Arabic «one of them» (plural and dual, masculine and feminine)."""
GROUP_PARAGRAPHS = 1
"""The group must have been quoted in this paragraph or the one before: further back, "one of them" may
be any group the story has since described."""


def is_group_member(words: list[str], lang: str) -> bool:
    """Whether a subject is "one of them" / «أحدهم» (with «و» or «ف» before the Arabic)."""
    if lang == "ar":
        return len(words) == 1 and (normalize(words[0]) in AR_MEMBER or normalize(words[0])[1:] in AR_MEMBER)
    return tuple(w.lower() for w in words) in EN_MEMBER


def group_member(words: list[str], written: str | None, seg: Segment, history: History) -> Speaker:
    """The unnamed group quoted last (this paragraph or the one before) for "one of them", else the
    subject as an unnamed source of its own."""
    found = history.last_entry(seg.index, seg.kind)
    if found is not None and seg.index - found[0] <= GROUP_PARAGRAPHS and found[2].kind == ANONYMOUS:
        return Speaker(found[2].name, written, ANONYMOUS)
    return Speaker(" ".join(words), written, ANONYMOUS)


def self_named_or_member(words: list[str], written: str | None, lang: str, seg: Segment, history: History,
                         offset: int | None) -> Speaker | None:
    """A subject that says who it is before any name is read (``coref.resolve``): a body calling itself by a
    name ('A group calling itself "Desert Sword" ..., saying'), or one member of the group quoted before."""
    if (body := self_named(words, lang, seg, offset)) is not None:
        return Speaker(body, written, ORGANISATION)
    if offset is not None and is_group_member(words, lang):
        return group_member(words, written, seg, history)
    return None
