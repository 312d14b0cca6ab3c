"""The last look at a speaker's name: does the span the rules settled on look like a name at all?

Why: on prose no rule round was fitted to, most wrong names are spans that are not the name: an
adverbial read after the verb («وأضاف بصوت متقطع:» -> «بصوت متقطع»), the verb of a relative clause
(«فأم علي، التي تستقل التكتك» -> «تستقل التكتك»), a span that runs into the object and stops on its
preposition («دعت النائبة ... سهاد الموسوي الحكومة إلى» -> «الحكومة إلى»), English words cut from a
clause ("the scientific advice but"). A wrong name is worse than none, so such a span is withheld (the
quote goes unattributed) by its shape, whatever rule produced it, instead of teaching each rule one
more word. Two repairs give the name the text writes beside the span instead:

* a title of a body, then the name between commas («الرئيس التنفيذي لشركة قطارات الاتحاد، شادي ملك،»):
  the speaker is the person, not the body of the title;
* a name, then its description between commas («المحامي عبد القادر البناني، دفاع الطبيب،») read as the
  speaker: the name before the comma is the speaker;
* (wt-q33) a title whose body's brand is quoted («مديرة دار «نخيل» سلمى حداد:»), or whose description
  runs to a comma («مديرة الموارد البشرية في إحدى الشركات، ريم الكواري:»): the name after it; a family
  name that is a common noun cut off the written subject («وزير التربية عزمي محافظة» -> «عزمي»).

* (wt-q38, ``span_then_name``) a span shaped like a title, then a person's full name right after it or
  apposed between commas («وشؤون المغتربين، السفير سفيان القضاة،»): the name.

Also withheld (wt-q33): the outlet told («قال لشفق نيوز إن», its name written elsewhere without «لـ»)
and a person's span the text only writes after «في» («في تصريحات صحفية»).

The word lists are small and closed (prepositions, a few nouns of manner); the rest is shape.
"""

from __future__ import annotations

import re
from dataclasses import replace

from cluster.quotes.extract import Quote
from cluster.quotes.gender import AR_PERSON_TITLES
from cluster.quotes.lexicon import AR_LAM_GIVEN_NAMES, AR_MANNER, AR_RELATIVES, AR_TIME_WORDS, AR_VERBS
from cluster.quotes.sources import (
    ANONYMOUS,
    AR_ORG_HEADS,
    AR_SOURCE_HEADS,
    ORGANISATION,
    PERSON,
    UNATTRIBUTED,
    strip_prefix_article,
)
from cluster.quotes.span_then_name import name_after_span
from cluster.quotes.surname_tail import family_name_after
from cluster.textnorm import normalize

AR_PREPOSITIONS = frozenset("إلى الى على في من عن مع لدى حول نحو ضد عبر دون".split())
"""Words that head a prepositional phrase: a name neither starts nor ends with one. Compared as written,
not folded: folding «على» meets the given name «علي»."""

AR_MANNER_NOUNS = frozenset(normalize(w) for w in "صوت نبرة لهجة".split())
"""Nouns that «ب» makes a manner adverbial of the verb (بصوت متقطع، بنبرة حادة، بلهجة حازمة)."""

EN_OPEN_ENDS = frozenset("""but and or of to in on at for with from by as than that which who whom whose
the a an""".split())
"""English words a name never ends with: a span that stops on one was cut from a clause."""

_AR_WORD = r"[\u0621-\u064a\u0671-\u06d3\u064b-\u065f\u0670\u0640]+"
_COMMA = r"\s*[،,]\s*"


def shaped(quote: Quote, text: str) -> Quote:
    """The quote with its speaker kept, repaired to the name the text writes beside it, or withheld when
    the span cannot be a name (module docstring)."""
    if quote.lang == "ar" and quote.speaker_kind in (ANONYMOUS, UNATTRIBUTED) and (
            named := _description_then_name(quote, text) or _called_name(quote, text)
            or name_after_span(quote, text)):
        return replace(quote, speaker=named, speaker_kind=PERSON)
    if not quote.speaker or quote.speaker_kind not in (PERSON, ORGANISATION):
        return quote
    if quote.lang == "ar":
        named = (_title_then_name(quote, text) or _name_then_description(quote, text)
                 or _name_after_brand(quote, text) or _family_word_cut(quote) or name_after_span(quote, text))
        if named:
            return replace(quote, speaker=named, speaker_kind=PERSON)
        if quote.speaker_kind == PERSON and (whole := family_name_after(quote.speaker, text, _person_title)):
            return replace(quote, speaker=whole)  # «خالد» of «وزير الزراعة خالد الحنيفات» ... «وأضاف الحنيفات»
        in_phrase = quote.speaker_kind == PERSON and _only_in_phrase(quote.speaker, text)
        if in_phrase or _not_an_arabic_name(quote.speaker, text):
            return replace(quote, speaker=None, speaker_kind=UNATTRIBUTED)
    elif quote.lang == "en" and _not_an_english_name(quote.speaker, quote.speaker_kind):
        return replace(quote, speaker=None, speaker_kind=UNATTRIBUTED)
    return quote


def _not_an_arabic_name(speaker: str, text: str) -> bool:
    """A span that starts or ends with a preposition, that is an adverbial of manner, or that the text
    only ever writes after a relative pronoun (the verb of «التي تستقل ...»)."""
    written = [_bare(w) for w in speaker.split()]
    words = [normalize(w) for w in speaker.split()]
    if not words:
        return False
    if written[0] in AR_PREPOSITIONS or written[-1] in AR_PREPOSITIONS:
        return True
    if words[0] in AR_MANNER or (words[0].startswith("ب") and words[0][1:] in AR_MANNER_NOUNS):
        return True
    return _told_outlet(speaker, text) or _only_after_relative(speaker, text)


def _told_outlet(speaker: str, text: str) -> bool:
    """«قال لشفق نيوز إن»: a span opened by the preposition «لـ» (not «لل»/«ال», nor a given name in ل
    such as «ليلى») whose name the article also writes without it («بغداد/ شفق نيوز», the outlet's own
    dateline) is the outlet told, not the speaker. A foreign given name in ل («لاري», «لوران») is never
    written without its first letter."""
    words = speaker.split()
    norm = normalize(words[0])
    if len(norm) < 4 or not norm.startswith("ل") or norm.startswith(("لل", "ال")) or norm in AR_LAM_GIVEN_NAMES:
        return False
    bare = " ".join([words[0][1:], *words[1:]])
    return re.search(r"(?<![\u0621-\u064a])" + re.escape(bare) + r"(?![\u0621-\u064a])", text) is not None


def _only_in_phrase(speaker: str, text: str) -> bool:
    """Every writing of a person's span of two words or more follows «في» («في تصريحات صحفية»): the object
    of a phrase, never a subject (a body is: «العمال في شركة X», then «قالت الشركة»). Not «عن»: «نقلت
    وسائل إعلام عن X قولها» quotes a person the article writes only there."""
    if len(speaker.split()) < 2:
        return False
    before = _words_before(speaker, text)
    return bool(before) and all(_bare(w) == "في" for w in before)


def _words_before(speaker: str, text: str) -> list[str]:
    """The word the text writes right before each writing of the span, commas stripped."""
    return [m.group(1).strip("،,") for m in re.finditer(r"(\S+)\s+" + re.escape(speaker), text)]


def _bare(word: str) -> str:
    """The word without its short vowels and tatweel, letters as written."""
    return re.sub("[\u064b-\u065f\u0670\u0640]", "", word)


def _only_after_relative(speaker: str, text: str) -> bool:
    """Every occurrence of the span in the text follows «التي/الذي...»: a relative clause's verb and
    object, never a name (a name is written elsewhere too, or at least not right after «التي»)."""
    before = _words_before(speaker, text)
    return bool(before) and all(normalize(w) in AR_RELATIVES for w in before)


def _not_an_english_name(speaker: str, kind: str) -> bool:
    """A span that ends on a function word ("the scientific advice but"), or a person's name without a
    capital letter (a body may be written in lower case: "the civil protection service")."""
    words = speaker.split()
    if not words:
        return False
    return words[-1].lower() in EN_OPEN_ENDS or (kind == PERSON and not any(c.isupper() for c in speaker))


def _title_then_name(quote: Quote, text: str) -> str | None:
    """«TITLE لـBODY، NAME،»: the person named between commas after the written title of a body."""
    written, speaker = quote.speaker_as_written, quote.speaker or ""
    if not written or len(written.split()) < 3 or not written.endswith(speaker) or written == speaker:
        return None  # the body the title ends on was read as the speaker, person or organisation
    if not normalize(written.split()[0]).startswith("ال"):
        return None  # a title is a definite noun: «الرئيس التنفيذي ...», «المدير العام ...»
    before = written[: -len(speaker)].split()
    if not before or not before[-1].startswith("ل") or len(before[-1]) < 3:
        return None  # the body follows «لـ» (of): «لشركة»; «المحامية نادية آيت لحسن» is a name, whole or cut
    match = re.search(re.escape(written) + _COMMA + rf"((?:{_AR_WORD}\s+){{1,3}}{_AR_WORD})" + _COMMA, text)
    return match.group(1) if match and _looks_like_person(match.group(1)) else None


def _name_then_description(quote: Quote, text: str) -> str | None:
    """«TITLE NAME، DESCRIPTION،» read as DESCRIPTION: the name before the comma."""
    written, speaker = quote.speaker_as_written, quote.speaker
    if quote.speaker_kind != PERSON or not written or not speaker or not written.endswith(speaker):
        return None
    head = written[: -len(speaker)].split()
    pattern = r"\s+".join(map(re.escape, head)) + _COMMA + re.escape(speaker)
    if not head or not re.search(pattern, text):
        return None
    titled = head
    while head and normalize(head[0]).startswith("ال"):
        head = head[1:]  # the title before the name: «المحامي»
    name = " ".join(head)
    # without a title first, the words before the comma are a description and the speaker the name
    # («محامي الصحفي، ريباز حمه علي»)
    return name if head is not titled and _looks_like_person(name) and not _body_of_title(head) else None


def _body_of_title(words: list[str]) -> bool:
    """«المهندس المعماري بالمعهد الوطني للتراث، منير القلال»: after the title's definite words, a definite
    noun behind «بـ» or «لـ» («بالمعهد», «للتراث») is where the title holder works, the body the title
    ends on, no given name (a given name has no article); the person is the name after the comma."""
    first = normalize(words[0]) if words else ""
    if len(first) > 3 and first[0] in "لب" and strip_prefix_article(first[1:]) in AR_ORG_HEADS:
        return True  # «المدير التنفيذي لشركة مطارات الخليج، سامر الحداد،»: the company, then its director
    return len(first) > 4 and first.startswith(("بال", "لل"))


def _name_after_brand(quote: Quote, text: str) -> str | None:
    """«مديرة دار «نخيل» سلمى حداد:»: the subject stopped at the body's quoted brand name; the person is
    the name after it (a nisba of the body may come between: «دار «نخيل» اللبنانية»), up to a colon or comma."""
    written = quote.speaker_as_written
    if not written or not _person_title(written.split()[0]):
        return None
    match = re.search(re.escape(written) + r"\s*«[^»\n]{1,40}»\s+" + rf"((?:{_AR_WORD}\s+){{1,2}}{_AR_WORD})\s*[:،,]",
                      text)
    return match.group(1) if match and _looks_like_person(match.group(1)) else None


def _family_word_cut(quote: Quote) -> str | None:
    """«وزير التربية والتعليم عزمي محافظة» read as «عزمي»: a family name that is also a common noun
    («محافظة», governorate) cut off the end of the written subject; the given name and that last word."""
    written, speaker = (quote.speaker_as_written or "").split(), (quote.speaker or "").split()
    if quote.speaker_kind != PERSON or len(speaker) != 1 or len(written) < 3 or written[-2:-1] != speaker:
        return None
    if normalize(written[-1]).startswith("ال") or _bare(written[-1]) in AR_PREPOSITIONS:
        return None  # a definite last word is a nisba or a complement, not read here
    if not _person_title(written[0]):
        return None  # a title opens the subject: the words after it are the name
    name = f"{speaker[0]} {written[-1]}"
    return name if _looks_like_person(name) else None


def _person_title(word: str) -> bool:
    """A person's title, masculine or feminine, with or without the article («مديرة», «الوزير»)."""
    norm = normalize(word)
    return any(_title_stem(form) for form in (norm, norm[1:] if norm.startswith("و") else ""))


def _title_stem(norm: str) -> bool:
    """The word, without its article and feminine ending, is a person's title."""
    bare = norm.removeprefix("ال")
    return bool(bare) and (bare in AR_PERSON_TITLES or (bare[-1:] in ("ة", "ه") and bare[:-1] in AR_PERSON_TITLES))


def _description_then_name(quote: Quote, text: str) -> str | None:
    """«وقالت مديرة الموارد البشرية في إحدى شركات المقاولات الكبرى، ريم الكواري:» read as the title alone
    (no one, or an unnamed source): the title's description runs to a comma, and the name follows it."""
    written = quote.speaker_as_written
    if not written or not _person_title(written.split()[0]) or quote.speaker not in (None, written):
        return None
    if strip_prefix_article(normalize(written.split()[0])) in AR_SOURCE_HEADS:
        return None  # «مسؤول في الوزارة، طلب عدم ذكر اسمه،»: an unnamed source, and what it asked
    match = re.search(re.escape(written) + rf"(?:\s+{_AR_WORD}){{0,6}}" + _COMMA
                      + rf"((?:{_AR_WORD}\s+){{1,3}}{_AR_WORD})\s*[:،,]", text)
    if not match or any(normalize(w) in AR_VERBS for w in match.group(1).split()):
        return None
    return match.group(1) if _looks_like_person(match.group(1)) else None


AR_CALLED = r"(?:و)?(?:يدعى|تدعى|يدعي|تدعي|يُدعى|تُدعى|اسمه|اسمها)"


def _called_name(quote: Quote, text: str) -> str | None:
    """«روى أحد المصابين، ويدعى كريم فتحي، لـ«مصراوي»»: an unnamed speaker («one of the injured») whom
    the clause after the comma names ("who is called ..."): that name, up to the next comma or colon."""
    written = quote.speaker_as_written
    if not written or quote.speaker not in (None, written):
        return None
    match = re.search(re.escape(written) + _COMMA + AR_CALLED + rf"\s+((?:{_AR_WORD}\s+){{1,3}}{_AR_WORD})\s*[:،,]", text)
    return match.group(1) if match and _looks_like_person(match.group(1)) else None


def _looks_like_person(name: str) -> bool:
    """Two to four words, none a preposition, the first neither definite nor a time word («صباح الأحد»):
    a given name and family name(s)."""
    words = [normalize(w) for w in name.split()]
    return (2 <= len(words) <= 4 and not words[0].startswith("ال") and not any(w in AR_TIME_WORDS for w in words)
            and not any(_bare(w) in AR_PREPOSITIONS for w in name.split()))
