"""The person an Arabic scene shows: feature prose sets a scene ("وفي سوق المدينة، وقف أبو سامر ...", "وفي
شارع عزمي، أبقى صاحب محل الحلويات بلال كبارة أبوابه مفتوحة") and then quotes that person with a bare verb
("يقول:", "وقال:"). Split from ``mentions`` (its size); read by ``coref`` for a verb with no subject.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from cluster.quotes.fullnames import introduced
from cluster.quotes.gender import AR_PERSON_TITLES, arabic_title_gender
from cluster.quotes.lexicon import AR_GENERIC, AR_SUBJECT_STOPS, AR_VERBS
from cluster.quotes.mentions import OPENER_CHARS, person_title
from cluster.quotes.names import Token, is_name_token
from cluster.quotes.sources import PERSON, name_kind, strip_prefix_article
from cluster.textnorm import normalize

AR_PERSON_NOUNS = frozenset(normalize(w) for w in """الرجل المرأة السيدة الشاب الشابة الفتاة الفتى التاجر التاجرة
المزارع المزارعة الصياد العامل العاملة السائق الطالب الطالبة الأم الأب الجد الجدة المسن المسنة العجوز الموظف
الموظفة المعلم المعلمة الأرملة الناجي الناجية""".split())
"""Nouns that describe an ordinary person, no title: "يقول الرجل" refers to someone the text just showed."""
AR_AGES = frozenset(normalize(w) for w in """عشريني ثلاثيني أربعيني خمسيني ستيني سبعيني ثمانيني تسعيني""".split())
AR_SCENE = re.compile(r"(?:^|[.!؟?]\s+)و?(?:في|عند|أمام|داخل|بين|وسط|قرب)\s+[^،,.\n]{2,60}[،,]"
                      r"\s*(\S+)\s+(\w+)\s+(\w+)", re.M)
""""وفي سوق المدينة القديم، وقف NAME ...": a setting, a comma, a verb and the person the scene shows."""
AR_NAME_LINKS_FIRST = frozenset(normalize(w) for w in "أبو أم أبي".split())
AR_VERB_OPENING = re.compile(r"(?:^|[.!؟?]\s+)(و\w{2,})\s+(\w+)\s+(\w+)", re.M)
""""ووقفت NAME، وهي أم ...", "وتخشى NAME، المرشدة في ...": a sentence that opens with و and its verb, then
the person it is about (Arabic puts the verb first; a name never opens a sentence with و in news prose)."""
AR_SETTING_PREPOSITIONS = AR_SUBJECT_STOPS | frozenset(normalize(w) for w in """تحت فوق عند داخل خارج قرب
قرابة خلف بين وسط أمام لدى""".split())
""""وفي شارع عزمي،", "وتحت قبة البرلمان،": a sentence that opens with و and a preposition opens with a setting,
not a verb; the two words after it are a place, no person."""
VERBS_OR_SETTINGS = AR_VERBS | AR_SETTING_PREPOSITIONS
"""A sentence's opening word (after و) that is a verb of saying or a setting's preposition: no narrated person."""


def describes_a_person(words: list[str]) -> bool:
    """"الرجل الخمسيني", "التاجر الستيني", "السيدة": an ordinary person by sex, trade or age (no title)."""
    keys = [strip_prefix_article(normalize(w)).removesuffix("ه") for w in words]
    return normalize(words[0]) in AR_PERSON_NOUNS or any(k in AR_AGES for k in keys)


def scene_person(text: str, since: int, before: int) -> str | None:
    """The person a scene of the quote's paragraph shows after the last speaker ("وفي قرية X، وقف أبو سامر
    يراقب الدخان. يقول الرجل الخمسيني:"): a setting after في, a comma, a verb, then a name (a linking part
    and a word, or a given name with or without a family name with ال)."""
    paragraph = text.rfind("\n", 0, before) + 1
    found: tuple[int, str] | None = None
    for pattern in (AR_SCENE, AR_VERB_OPENING):
        for match in pattern.finditer(text, max(paragraph, since), before):
            first, second = match.group(2), match.group(3)
            if pattern is AR_VERB_OPENING and normalize(match.group(1))[1:] in VERBS_OR_SETTINGS:
                continue  # "وقال محامي الصحفي، X، إن": a speaker's own sentence; "وفي شارع عزمي،": a place
            if (linked := _linked_name(first, second, text, match.end())) and (found is None or match.start() > found[0]):
                found = (match.start(), linked)  # "يقف جبار عبد الحسين (54 عاما)": عبد takes the word after it
            elif _shown_name(first, second, text[match.end():match.end() + 1] in "،,") and (
                    found is None or match.start() > found[0]):
                found = (match.start(), f"{first} {second}")
    return found[1] if found else None


AR_SETTING_OPENING = re.compile(r"\s*و?(?:في|عند|تحت|أمام|داخل|قرب|وسط|خارج|على|بين)\s+[^،,.\n]{2,40}[،,]")
""""وفي شارع عزمي،", "وتحت قبة البرلمان،": a sentence that opens on the place where its scene is set."""


def scene_titled_person(tokens: list[Token], runs: list[tuple[int, int]], starts: list[int], text: str,
                        since: int, before: int) -> str | None:
    """"وفي شارع عزمي، أبقى صاحب محل الحلويات بلال كبارة أبوابه مفتوحة. وقال: ...": a subjectless verb whose
    paragraph's sentence before it sets a scene (a place, a comma) and then names a person after a title or
    in apposition ("وتحت قبة البرلمان، تقدم النائب عن دائرة المنتزه، محمد عبد الحميد، بطلب"): that person,
    the one the scene is about, when no speaker was met since."""
    paragraph = text.rfind("\n", 0, before) + 1
    end = max(text.rfind(mark, 0, before) for mark in (".", "!", "؟"))
    if end < max(paragraph, since, 0) or text[end + 1:before].strip(" .:،,«»\"").count(" ") > 2:
        return None  # the verb must open the sentence right after the scene ("وقال:", "وقال لـ«مصراوي»:")
    start = max(text.rfind(mark, 0, end) for mark in (".", "\n", "!", "?", "؟")) + 1
    if start < max(paragraph, since):
        return None
    setting = AR_SETTING_OPENING.match(text, start, end)
    opened = setting.end() if setting else _past_narrative_verb(text, start, end)
    if opened is None:
        return None
    for k in range(bisect_left(starts, opened), len(runs)):
        first, last = runs[k]
        if tokens[first].start >= min(end, opened + OPENER_CHARS):
            return None
        words = [t.text for t in tokens[first:last] if t.word]
        if introduced(tokens, first) and tokens[first - 1].word and tokens[first - 1].start >= opened or (
                _apposed_after_title(tokens, first, last, opened)):
            words = _before_possessed_object(words)
            name = " ".join(words)  # not a run gone on into the verb's object and beyond
            return name if 2 <= len(words) <= 3 and name_kind(name) == PERSON else None
        if setting is None and not (person_title(tokens[first]) or arabic_title_gender(tokens[first].text)):
            return None  # no scene: only the verb's own subject, right after it, is the person it shows
            # (past its description: «أما والد الطفل، X، فلم يتمالك نفسه»)
    return None


AR_OPENING_WORD = re.compile(r"\s*(\w+)")


def _past_narrative_verb(text: str, start: int, end: int) -> int | None:
    """Where the subject of a sentence that opens with a verb reporting nothing begins ("وقف المزارع X بين
    أشجاره.", "وكانت الدكتورة X، طبيبة ...، من بين المتضررين."): the person it narrates is the subject of a
    bare reporting verb that opens the next sentence. A reporting verb's sentence ("وترى X، محللة ...، أن")
    quoted its own speaker already; None for it and for an opening preposition (a setting)."""
    opening = AR_OPENING_WORD.match(text, start, end)
    if opening is None:
        return None
    word = normalize(opening.group(1))
    if {word, word[1:]} & VERBS_OR_SETTINGS:
        return None
    return opening.end()


AR_POSSESSIVE_ENDINGS = ("ه", "ها", "هم", "هن")
"""Pronoun suffixes of a possessed noun ("أبوابه", "سيارتها"), written with ه, never with ة."""


def _before_possessed_object(words: list[str]) -> list[str]:
    """"أبقى صاحب المحل بلال كبارة أبوابه مفتوحة": the scene's verb takes an object that is his own (a noun
    with a pronoun suffix) right after the subject's name; a run read through it is cut before it (not
    before "الله" of "عبد الله")."""
    for k in range(2, min(len(words), 4)):
        if words[k].endswith(AR_POSSESSIVE_ENDINGS) and normalize(words[k]) != normalize("الله") and len(words[k]) >= 4:
            return words[:k]
    return words


def _apposed_after_title(tokens: list[Token], first: int, last: int, lo: int) -> bool:
    """"النائب عن دائرة المنتزه، محمد عبد الحميد،": a full name between two commas after a phrase opened by a
    person's title."""
    if first == 0 or tokens[first - 1].text not in "،," or last >= len(tokens) or tokens[last].text not in "،,":
        return False
    if last - first < 2:
        return False
    k = first - 1
    while k > 0 and tokens[k - 1].start >= lo and tokens[k - 1].text not in "،,.":
        k -= 1
    return any(person_title(t) or arabic_title_gender(t.text) for t in tokens[k:min(k + 2, first - 1)] if t.word)


AR_LINKED_SECOND = frozenset(normalize(w) for w in "عبد أبو بن".split())
"""Name parts that a given name runs on through ("جبار عبد الحسين", "محمد أبو زيد", "سالم بن خلفان")."""
AR_NEXT_WORD = re.compile(r"\s+(\w+)")


def _linked_name(first: str, second: str, text: str, end: int) -> str | None:
    """A scene's person named with a linking part ("يقف جبار عبد الحسين"): the given name, the part and the
    word after it, when the given name is no title or common word."""
    if normalize(second) not in AR_LINKED_SECOND or normalize(first) in AR_GENERIC | AR_PERSON_TITLES:
        return None
    if not is_name_token(Token(first, 0, len(first), True), "ar", False):
        return None
    following = AR_NEXT_WORD.match(text, end)
    return f"{first} {second} {following.group(1)}" if following else None


def _shown_name(first: str, second: str, apposed: bool) -> bool:
    """Whether two words after a scene's verb are a person's name: a linking part and a word ("أبو
    سامر"), or a given name and a family name with ال ("محمد الزعبي") or followed by a comma that opens
    a description ("نورة إبراهيم، وهي أم ...")."""
    if normalize(first) in AR_NAME_LINKS_FIRST:
        return True
    if normalize(first) in AR_GENERIC or normalize(first) in AR_PERSON_TITLES or not is_name_token(Token(first, 0, len(first), True), "ar", False):
        return False
    if normalize(second).startswith("ال"):
        return True
    return apposed and normalize(second) not in AR_GENERIC and is_name_token(Token(second, 0, len(second), True), "ar", False)
