"""A written subject that leads straight into a full name: the quote is that person's.

Why: on prose the rules had not been read on (the blind snapshots, ``cluster.evaluation.withhold_cv``)
a recurring wrong name is a subject whose title the rules read as an unnamed source, or as a word of
it, while the sentence names the person right after the title: "وقال ممثل منظمة الصحة العالمية في الأرض
الفلسطينية المحتلة ريك بيبركورن إن" gave "ممثل منظمة الصحة العالمية", "عضو مجلس النواب عن حزب ...
فريدي البياضي إنه" gave "عضو مجلس النواب"; in English "Reem Soliman, a content creator ..., said" gave
"content creator". Arabic: the subject as the sentence writes it, read on to where its clause opens (إن,
أن, a colon, a quotation mark, a listener "لنظيره", an occasion "خلال"), holds a full name the article
brings in after a title or a comma; when the name given shares no word with any name there, that person
is the speaker. The name must be named again in the article or stand right before إن / أن: a verb and
its object misread as a name ("وختم الديب بيانه بالقول:") are neither. English: an indefinite
description right after "Name," describes that name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cluster.quotes.extract import Quote
from cluster.quotes.gender import AR_PERSON_TITLES
from cluster.quotes.lexicon import EN_VERBS
from cluster.quotes.names import strip_prefix_article
from cluster.quotes.sources import AR_ORG_HEADS
from cluster.quotes.speaker_features import Mention
from cluster.textnorm import normalize

REACH_WORDS = 18
"""Words read from the subject's start: a title through two phrases ("في الأرض الفلسطينية المحتلة")
and a name of four words fit; a clause rarely starts later."""
APPOSITION_REACH = 3
"""Words after a comma where an apposed name may open ("، السفير سفيان القضاة،")."""

AR_CLAUSE = frozenset(normalize(w) for w in """
إن أن إنه أنه إنها أنها بأن بأنه بأنها وإن وأن لأن قائلا قائلة مؤكدا مؤكدة مضيفا مضيفة معتبرا معتبرة
خلال مع أمام عقب بعد أثناء لدى على عبر حيث الذي التي وهو وهي الذين ردا يوم
""".split())
"""Words that end an Arabic subject: the clause opens, or an occasion or listener follows."""
AR_TITLES = frozenset(strip_prefix_article(t) for t in AR_PERSON_TITLES)
AR_THAT = frozenset(normalize(w) for w in "إن أن إنه أنه إنها أنها بأن بأنه بأنها".split())
AGAIN = 2
"""Mentions of a family name that make it a person of the article (``_mentions_of``)."""
BREAK = re.compile(r"[:؛;.!?«»\"“”()\[\]]")
COMMA = re.compile(r"[،,]")


@dataclass(frozen=True)
class ArticleNames:
    """The article's text and its name mentions in text order (``ArticleIndex.mentions``)."""

    text: str
    mentions: Sequence[Mention]


Names = Callable[[], ArticleNames]
"""Built only when the check asks."""


def subject_name(quote: Quote, names: ArticleNames) -> str | None:
    """The full name the quote's written subject holds or leads into, when the name given (if any) shares
    no word with it; else None (the reading stands)."""
    written = (quote.speaker_as_written or "").strip()
    if not written:
        return None
    found = _occurrence(names.text, quote, written)
    if found is None:
        return None
    start, end = found
    person = (_named_in_reach(names, start, quote.lang, quote.speaker)
              or _apposed_before(names, start, end, written, quote.lang))
    if person is None or _shares(person, quote.speaker or ""):
        return None
    return person


def _occurrence(text: str, quote: Quote, written: str) -> tuple[int, int] | None:
    """Where the written subject stands in the quote's paragraph, nearest the quote (before it first)."""
    lo = text.rfind("\n", 0, quote.start) + 1
    hi = text.find("\n", quote.end)
    hi = len(text) if hi < 0 else hi
    pattern = re.compile(r"(?<!\w)" + r"\W{0,3}".join(re.escape(w) for w in written.split()) + r"(?!\w)")
    before = [m.span() for m in pattern.finditer(text, lo, quote.start)]
    if before:
        return before[-1]
    after = pattern.search(text, quote.end, hi)
    return after.span() if after else None


def _named_in_reach(names: ArticleNames, start: int, lang: str, speaker: str | None) -> str | None:
    """The first name of two words or more brought in by a title or a comma ("introduced") from the
    subject's start to where its clause opens. None when any name there shares a word with the name
    given (the rules read that subject already), or when the first is a body's name."""
    if lang != "ar":
        return None
    stop = _reach_end(names.text, start)
    inside = [m for m in names.mentions if start <= m.start and m.end <= stop]
    if not inside or any(_shares(m.name, speaker or "") for m in inside):
        return None
    first = next((m for m in inside if len(m.name.split()) >= 2 and m.introduced), None)
    if first is None or _body(first.name):
        return None
    return first.name if _mentions_of(names, first.name) >= AGAIN or _opens_clause(names.text, first.end) else None


def _opens_clause(text: str, end: int) -> bool:
    """The name is followed at once by the clause it says ("فريدي البياضي إنه تقدم"), or, apposed between
    commas, by the listener and the colon that open it ("، الدكتور فهد المطيري، لـ«الرأي»:"): the subject
    ends on it, as no verb and object misread as a name would ("وختم الديب بيانه بالقول:")."""
    following = text[end:end + 24].split()
    if not following:
        return False
    if normalize(following[0].strip("،,")) in AR_THAT:
        return True
    return following[0] in {"،", ","} and len(following) > 1 and _listener(re.split("[«\"“]", following[1])[0]) and (
        following[1].endswith(":"))


def _mentions_of(names: ArticleNames, name: str) -> int:
    """How often the article writes the name's family name (alone or in full): a person it quotes is
    named again ("وأضاف البياضي"); a verb and its object misread as a name ("بيانه بالقول") are not."""
    last = _key(name.split()[-1])
    return sum(1 for m in names.mentions if _key(m.name.split()[-1]) == last)


def _body(name: str) -> bool:
    """A body's name ("قطاع الأعمال" after "مصادر في وزارة"): its head noun among the name's words."""
    return any(strip_prefix_article(normalize(w)) in AR_ORG_HEADS for w in name.split())


def _reach_end(text: str, start: int) -> int:
    """Where an Arabic subject's reading ends: a clause word, a break, a comma (past one apposed name),
    or ``REACH_WORDS`` words on."""
    count, pos, end = 0, start, start
    for m in re.finditer(r"\S+", text[start:]):
        token = m.group()
        word = token.strip("،,:؛;.!?«»\"“”()[]'")
        if normalize(word) in AR_CLAUSE or _listener(word):
            return end + m.start()
        if BREAK.match(token):
            return end + m.start()
        pos = end + m.end()
        if BREAK.search(token):
            return end + m.start() + len(token.rstrip("،,:؛;.!?«»\"“”()[]'"))
        if COMMA.search(token):
            return _apposition_end(text, pos)
        count += 1
        if count >= REACH_WORDS:
            return pos
    return pos


def _apposition_end(text: str, pos: int) -> int:
    """Past a comma: a title and a name apposed between commas ("، السفير سفيان القضاة، إن") belong to
    the subject; anything else ends it at the comma ("مسؤول، فضل عدم الكشف عن هويته")."""
    tail = re.match(r"((?:\s*[^\s،,:؛;.!?«»\"“”]+){1,%d})\s*[،,]" % (APPOSITION_REACH + 2), text[pos:])
    opener = tail.group(1).split()[0] if tail else ""
    if tail and strip_prefix_article(normalize(opener)) in AR_TITLES:
        return pos + tail.end(1)
    return pos - 1


def _listener(word: str) -> bool:
    """A word that brings in whom the speaker addressed ("لنظيره", "لمراسل", "لـ")."""
    norm = normalize(word)
    return norm.startswith("ل") and (norm in {"ل", "لـ"} or norm[1:].startswith(("نظير", "مراسل", "وكال", "صحيف", "قنا")))


def _apposed_before(names: ArticleNames, start: int, end: int, written: str, lang: str) -> str | None:
    """English "Reem Soliman, a content creator with ..., said": an indefinite description right after a
    full name and its comma describes that name, unless the sentence runs on from it to the speech verb with
    no comma between: "... by the Red Sox, a source said" is a source's, not the team's."""
    if lang == "ar" or written.split()[0].lower() not in {"a", "an"}:
        return None
    before = names.text[:start].rstrip()
    if not before.endswith(",") or _verb_before_comma(names.text, end):
        return None
    edge = len(before) - 1
    for m in names.mentions:
        if m.end == edge and len(m.name.split()) >= 2:
            return m.name
    return None


def _verb_before_comma(text: str, end: int) -> bool:
    """Whether the sentence goes on from the description to its speech verb with no comma between: the
    description is then the subject ("the Red Sox, a source close to the talks said"), where an apposition
    is closed by one ("Reem Soliman, a content creator with 300,000 followers, said")."""
    sentence = re.split(r"[.!?\n\"“”]", text[end:], maxsplit=1)[0]
    for word in re.finditer(r"[,،]|[A-Za-z]+", sentence):
        if word.group() in {",", "،"}:
            return False
        if word.group().lower() in EN_VERBS:
            return True
    return False


def _shares(a: str, b: str) -> bool:
    return bool({_key(w) for w in a.split()} & {_key(w) for w in b.split()})


def _key(word: str) -> str:
    norm = normalize(word).lower()
    return norm[2:] if norm.startswith("ال") and len(norm) > 4 else norm
