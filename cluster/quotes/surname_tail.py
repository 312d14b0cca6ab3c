"""A person's Arabic name read short: the family name the article itself uses for that person put back.

Why: on every blind split the commonest wrong name that was *almost* right is a name cut before its family
name («وزير الزراعة خالد الحنيفات» read «خالد», «محافظ البنك المركزي علي محسن العلاق» read «علي محسن», «وزير
الصحة العامة ركان ناصر الدين» read «ركان ناصر»): the name finder has no capitals to go by, and each round taught
it one more family-name shape. The article settles it without any list: news refers to a person by the family
name alone after the first mention («وأضاف الحنيفات»، «وقال العلاق»). So a word that follows the speaker's
name somewhere in the article, and that the article also writes alone as the subject of a reporting verb or
after a person's title, is that person's family name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cluster.quotes.lexicon import (
    AR_ADVERBS,
    AR_COMPLEMENTIZERS,
    AR_GENERIC,
    AR_MANNER,
    AR_PARTICIPLES,
    AR_SKIP,
    AR_SUBJECT_STOPS,
    AR_TIME_WORDS,
    AR_VERBS,
)
from cluster.quotes.names import AR_COMPOUND_SECONDS
from cluster.textnorm import normalize

_LETTER = "\u0621-\u064a\u0671-\u06d3\u064b-\u065f\u0670\u0640"
_WORD = rf"[{_LETTER}]+"
MAX_NAME_WORDS = 4
"""Names of more words than this are read in full already (a lineage «محمد بن عبد العزيز» is extended too)."""
AR_REPLIES = frozenset(normalize(w) for w in "رد ردت عقب عقبت".split())
"""Replied, commented: a person's family name follows them as it follows قال («ورد ناصر الدين على ...»)."""
AR_REPORTING = frozenset(AR_VERBS | AR_PARTICIPLES | AR_REPLIES | {normalize("و" + v) for v in AR_VERBS | AR_REPLIES}
                         | {normalize("ف" + v) for v in AR_VERBS | AR_REPLIES})
"""A reporting verb, with the «و» / «ف» news prose writes before it («وأضاف الحنيفات»)."""
AR_NOT_FAMILY = (AR_COMPLEMENTIZERS | AR_SUBJECT_STOPS | AR_TIME_WORDS | AR_GENERIC | AR_MANNER | AR_REPORTING
                 | AR_ADVERBS | AR_SKIP)
"""Words that follow a subject and are no family name: «إن», «في», «أمس», a title, «بشدة», a verb, «بدوره»."""


def family_name_after(speaker: str, text: str, is_title: Callable[[str], bool]) -> str | None:
    """The speaker with the family name the article writes after it and alone (module docstring), or None.
    ``is_title``: whether a word is a person's title («الوزير»), before which a family name alone also
    refers to the person («الوزير الحنيفات»)."""
    words = speaker.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS:
        return None
    after = re.compile(rf"(?<![{_LETTER}]){re.escape(speaker)}\s+({_WORD})(?:\s+({_WORD}))?")
    tails: list[str] = []
    for match in after.finditer(text):
        first, second = match.group(1), match.group(2)
        if second and normalize(second) in AR_COMPOUND_SECONDS:
            tails.append(f"{first} {second}")  # «ركان ناصر الدين» is never cut before «الدين» here
        elif normalize(first) in AR_COMPOUND_SECONDS and second:
            tails.append(f"{first} {second}")  # «فاطمة الزهراء» + «المنصوري»
        tails.append(first)
    for tail in dict.fromkeys(tails):
        if _family_name(tail, words, text, is_title):
            return f"{speaker} {tail}"
    return None


def _family_name(tail: str, words: list[str], text: str, is_title: Callable[[str], bool]) -> bool:
    """Whether the article writes ``tail`` alone as a person: after a reporting verb or a person's title,
    not after the speaker's own last word (that is the occurrence that prompted the look)."""
    parts = tail.split()
    if any(normalize(p) in AR_NOT_FAMILY or len(normalize(p)) < 3 for p in parts[-1:]):
        return False
    if normalize(parts[0]) in AR_NOT_FAMILY or _preposition_object(parts[0], text):
        return False
    alone = re.compile(rf"({_WORD})\s+{re.escape(tail)}(?![{_LETTER}])")
    for match in alone.finditer(text):
        before = match.group(1)
        if before == words[-1]:
            continue
        if normalize(before) in AR_REPORTING or is_title(before):
            return True
    return False


def _preposition_object(word: str, text: str) -> bool:
    """«بالوزارة», «للصحفيين», «لشفق» (the outlet told, which the article also writes without «لـ»): the
    object of a preposition glued to the word, no family name."""
    norm = normalize(word)
    if norm[:1] not in ("ل", "ب"):
        return False
    if norm[1:].startswith(("ال", "ل")):
        return True
    return re.search(rf"(?<![{_LETTER}]){re.escape(word[1:])}(?![{_LETTER}])", text) is not None
