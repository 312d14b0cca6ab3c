"""People an article names without quoting them yet, for references no earlier speaker explains.

Coreference (``coref``) first looks at the speakers met so far. Two reporting habits need the
article's other mentions of people instead:

* A person introduced in the paragraph before a quote and then quoted with a pronoun ("The move comes
  as a surprise to Reunion Pictures' Matthew O'Connor, ... / “Tara was 100 percent professional,” he
  told E! News."): the newcomer is the speaker, not a speaker quoted two paragraphs back.
* A description that shares no word with any title ("the Taradise star", "the 33-year-old"): in
  feature writing that is the article's subject, the person it names most often.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable

from cluster.quotes.english_subject import name_connector
from cluster.quotes.fullnames import full_name, introduced
from cluster.quotes.lexicon import AR_GENERIC, DOUBLE_MARKS, EN_DETERMINERS, EN_PRONOUNS, EN_TITLES
from cluster.quotes.names import ARABIC_PARTICLE_NAME, Token, is_name_token, strip_article
from cluster.quotes.openers import (
    DESCRIPTION_OF_TOKENS,
    EN_SETTING_PREPOSITIONS,
    OPENING_PHRASE_WORDS,
    apposed_description,
    past_setting,
)
from cluster.quotes.sources import AR_ORG_HEADS, PERSON, name_kind, strip_prefix_article
from cluster.textnorm import normalize

OPENER_CHARS = 80
"""How far into its sentence the name of a sentence's opening subject may begin (a title before it)."""
MIN_SUBJECT_MENTIONS = 3
"""A person is the article's subject when named this often (by surname or in full) before the quote."""


def introduced_person(tokens: list[Token], runs: list[tuple[int, int]], starts: list[int], text: str, since: int,
                      before: int, own_paragraph: bool = False, fits: Callable[[str], bool] | None = None) -> str | None:
    """The latest full name of a person (two or three capitalised words) mentioned in the paragraph
    before ``before`` (unless ``own_paragraph``) or in its own paragraph up to ``before``, after offset
    ``since``; ``starts``: each run's offset, so that only those paragraphs' runs are read; ``fits``:
    whether a name may be the one referred to (a pronoun's gender). A family name alone that opens a
    sentence counts as the full name the article gave it ("Back in his shop, Ellery was cutting ...")."""
    paragraph = text.rfind("\n\n", 0, before)
    previous = paragraph if own_paragraph else text.rfind("\n\n", 0, max(paragraph, 0))
    lo = max(since, previous + 2 if previous >= 0 else 0)
    found = None
    for k in range(bisect_left(starts, lo), len(runs)):
        first, end = runs[k]
        start = tokens[first].start
        if start >= before:
            break
        if start < lo:
            continue
        words = [t.text for t in tokens[first:end] if t.word]
        if len(words) == 1 and _introduces(tokens, first, end) and (
                first == 0 or tokens[first - 1].text not in DOUBLE_MARKS  # not a name the quotation opens with
                or "\n" in text[tokens[first - 1].end:start]):  # the mark closed the paragraph before
            words = (full_name(words[0], tokens, runs, "en") or "").split()  # "Ribera rejected that argument."
        if 2 <= len(words) <= 3 and all(_capitalised(w) for w in words) and _introduces(tokens, first, end) and (
                not _quoted(text, start)):
            name = " ".join(words)
            if name_kind(name) == PERSON and (fits is None or fits(name)):
                found = name
    return found


def _quoted(text: str, start: int) -> bool:
    """A name inside a quotation ('"Iran Air and Mahan have the aircraft," she told ...'): the speaker's
    words, not the writer introducing a person; an odd number of double marks opens its line before it."""
    line = text.rfind("\n", 0, start) + 1
    return sum(text.count(mark, line, start) for mark in DOUBLE_MARKS) % 2 == 1


def _capitalised(word: str) -> bool:
    """A word of an English full name: capitalised, or an Arabic name's particle ("Khalil al-Hayya")."""
    return word[:1].isupper() or bool(ARABIC_PARTICLE_NAME.match(word))


EN_ROLE_NOUNS = frozenset("member lawmaker legislator councillor councilor activist resident trader owner".split())
"""A lower-case role after a body's or a place's name, before a person's ("Council member Hala Daajah",
"Opposition lawmaker X"): part of the title that opens the sentence."""


def _introduces(tokens: list[Token], first: int, end: int) -> bool:
    """A mention that brings a person into the story: the subject opening a sentence, or a name the
    writer goes on to describe (", who coproduced ..."); not one named in passing ("his Supreme Court
    pick Brett Kavanaugh while talking about ...")."""
    k = first - 1
    while k >= 0 and tokens[k].word and (tokens[k].text[:1].isupper() or tokens[k].text.lower() in EN_TITLES or (
            tokens[k].text in EN_ROLE_NOUNS and k > 0 and tokens[k - 1].text[:1].isupper())):
        k -= 1  # "Lebanese Prime Minister Nawaf Salam condemned": titles before the name open the sentence
    opens = k < 0 or tokens[k].text in ".!?\n" or tokens[k + 1].start - tokens[k].end >= 2 or (
        k > 0 and tokens[k].text in DOUBLE_MARKS and tokens[k - 1].text in ".!?") or (  # after a paragraph or '."'
        k > 0 and tokens[k].text in "-–—" and (tokens[k - 1].text == ")" or tokens[k - 1].text.isupper()))  # dateline

    described = end + 1 < len(tokens) and tokens[end].text == "," and tokens[end + 1].text.lower() == "who"
    return opens or described or _apposed_to_opener(tokens, first, end) or _after_opening_phrase(tokens, first, end)


def _after_opening_phrase(tokens: list[Token], first: int, end: int) -> bool:
    """"At Kinshasa's N'djili airport, Josephine Mbuyu waited for her brother.": a sentence that opens with
    a setting (a preposition, at most ``OPENING_PHRASE_WORDS`` words, a comma) and then a name and a
    lower-case word (its verb) brings that person in as its subject; a lower-case description before the
    name and an age after it may stand between ("In the old port, fisherman Ali Saleh, 47, mended ...")."""
    comma = first - 1
    while comma > first - 3 and comma > 0 and tokens[comma].word and tokens[comma].text.islower():
        comma -= 1  # "In the old market, shopkeeper Mohamed Sghaier stood": a lower-case description first
    if comma < first - 1 and comma > 0 and tokens[comma].word and tokens[comma].text[:1].isupper():
        comma -= 1  # "At Frankfurt airport, Jordanian traveller Samer Haddad was": its nationality before it
    end = _past_description(tokens, _past_age(tokens, end))  # "Abu Samer, 54, watched", "X, a baker ..., was"
    if comma < 2 or tokens[comma].text != "," or end >= len(tokens) or not tokens[end].word or (
            not tokens[end].text.islower()):
        return False
    for k in range(comma - 1, max(comma - 1 - OPENING_PHRASE_WORDS, -1), -1):
        if tokens[k].text in EN_SETTING_PREPOSITIONS:
            return k == 0 or tokens[k - 1].text in ".!?" or tokens[k].start - tokens[k - 1].end >= 2
        if not tokens[k].word:
            return False
    return False


def _past_age(tokens: list[Token], end: int) -> int:
    """The token after a name's age in commas ("Mohamed Sghaier, 61, stood" -> "stood"), else ``end``."""
    if end + 2 < len(tokens) and tokens[end].text == "," and tokens[end + 1].text.isdigit() and (
            tokens[end + 2].text == ","):
        return end + 3
    return end


DESCRIPTION_TOKENS = 30
"""Longest description set off by commas after a name ("a construction worker from Egypt's Assiut province
who has lived in Libya for 11 years")."""


def _past_description(tokens: list[Token], end: int) -> int:
    """The token after a description in commas that an article opens ("Sayed Abdel-Rahim, a construction
    worker from Assiut who has lived in Libya for 11 years, was among those relieved" -> "was"), else
    ``end``: the sentence's verb comes after it, so its subject is the name before it."""
    if end + 1 >= len(tokens) or tokens[end].text != "," or tokens[end + 1].text.lower() not in {"a", "an"}:
        return end
    for k in range(end + 2, min(end + 2 + DESCRIPTION_TOKENS, len(tokens))):
        if tokens[k].text in ".!?;\n" or tokens[k].text in DOUBLE_MARKS:
            return end
        if tokens[k].text == ",":
            return k + 1
    return end


APPOSITION_OPENERS = frozenset("a an the its their".split())
"""What opens a description a name stands in apposition to: an article, or a body's possessive ("Its managing
director, Claire Hatton, apologised": the officer of the body just named)."""


def _apposed_to_opener(tokens: list[Token], first: int, end: int) -> bool:
    """"A local farmer, Omar Nasser, lost his crop.": a name between commas after the description its
    sentence opens with (``APPOSITION_OPENERS`` and up to three lower-case words) introduces that person."""
    if first < 3 or tokens[first - 1].text != "," or end >= len(tokens) or tokens[end].text != ",":
        return False
    k = first - 2
    while k >= 0 and first - 2 - k < 4 + DESCRIPTION_OF_TOKENS and (
            (tokens[k].word and (tokens[k].text.islower() or _in_of_phrase(tokens, k, first))) or tokens[k].text in "'’"):
        k -= 1
    return (k >= 0 and k < first - 2 and tokens[k].text.lower() in APPOSITION_OPENERS
            and (k == 0 or tokens[k - 1].text in ".!?" or tokens[k].start - tokens[k - 1].end >= 2
                 or (tokens[k - 1].text == "," and _opens_setting(tokens, k - 1))))


def _in_of_phrase(tokens: list[Token], k: int, first: int) -> bool:
    """A capitalised word inside the "of" phrase of a description ("the head of the Draa Association")."""
    return any(t.text == "of" for t in tokens[max(0, k - DESCRIPTION_OF_TOKENS): k]) and k < first - 2


def _opens_setting(tokens: list[Token], comma: int) -> bool:
    """Whether the comma at ``comma`` ends a setting that opens its sentence ("In the port of Barbate,")."""
    for k in range(comma - 1, max(comma - 2 - OPENING_PHRASE_WORDS, -1), -1):
        if tokens[k].text in EN_SETTING_PREPOSITIONS:
            return past_setting(tokens, k) == comma + 1 and (
                k == 0 or tokens[k - 1].text in ".!?" or tokens[k].start - tokens[k - 1].end >= 2)
    return False


def article_subject(tokens: list[Token], runs: list[tuple[int, int]], lang: str, before: int) -> str | None:
    """The person named most often before ``before`` (by the last word of each mention), in full, when
    named at least ``MIN_SUBJECT_MENTIONS`` times and ahead of everyone else."""
    counts: Counter[str] = Counter()
    last_word: dict[str, str] = {}
    for first, end in runs:
        if tokens[first].start >= before:
            break
        words = [t for t in tokens[first:end] if t.word]
        if not words or (lang != "ar" and not words[-1].text[:1].isupper()):
            continue
        last = words[-1].text if lang == "ar" else words[-1].text.removesuffix("'s").removesuffix("’s")
        key = strip_article(words[-1].norm) if lang == "ar" else last.lower()
        counts[key] += 1
        last_word[key] = last
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MIN_SUBJECT_MENTIONS or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    name = full_name(last_word[ranked[0][0]], tokens, runs, lang)
    return name if name and len(name.split()) >= 2 and name_kind(name) == PERSON else None


def sentence_opener(tokens: list[Token], runs: list[tuple[int, int]], starts: list[int], text: str, since: int,
                    before: int) -> str | None:
    """The person a sentence opens with, named after a title, when a reporting verb later in it has no
    subject of its own and no speaker was met in the sentence yet ("وأدان رئيس الحكومة نواف سلام
    الغارات، وقال إن ...": سلام says it, not the speaker of an earlier paragraph). ``starts``: each run's
    offset, so that only the sentence's runs are read (the stage stays linear in article length)."""
    start = max(text.rfind(mark, 0, before) for mark in (".", "\n", "!", "?", "؟")) + 1
    if since >= start:
        return None
    opened = _past_lead_phrase(text, start, before)  # "في المقابل، حث الأمين التنفيذي ... X": after the phrase
    for k in range(bisect_left(starts, start), len(runs)):  # not a slice: no copy of the article's runs
        first, end = runs[k]
        if tokens[first].start >= min(before, opened + OPENER_CHARS):
            return None  # a name deep in the sentence is no subject its verb opened with
        words = [t.text for t in tokens[first:end] if t.word]
        if _institution_before(tokens, first, start):
            return None  # "وأمرت النيابة العامة بحبس المتهمين، وقالت": the institution speaks, the run is its object
        if introduced(tokens, first) and tokens[first - 1].word or _after_particle(tokens, first, start):
            name = " ".join(words)  # after a title, not after a comma; or the subject a particle fronts
            return name if len(words) >= 2 and name_kind(name) == PERSON else None
        if len(words) == 2 and (known := _verb_then_surname(words, tokens, runs)):
            return known
    return None


AR_FRONTING_PARTICLES = frozenset(normalize(w) for w in "لكن ولكن أما".split())
"""«لكن منى العتيبي، صاحبة ...، أبدت تخوفها، وقالت»: particles that put the subject before its verb."""


def _after_particle(tokens: list[Token], first: int, start: int) -> bool:
    """A run right after the particle that opens the sentence at ``start`` («لكن», «أما»): its fronted subject."""
    return first > 0 and tokens[first - 1].norm in AR_FRONTING_PARTICLES and tokens[first - 1].start <= start + 1


LEAD_PHRASE_CHARS = 16
"""Longest phrase before a comma that opens an Arabic sentence ahead of its verb ("في المقابل،", "من جهته،")."""


def _past_lead_phrase(text: str, start: int, before: int) -> int:
    """Where an Arabic sentence's verb and subject begin: after a short phrase and its comma that open it
    ("في المقابل، حث ..."), else at ``start``; the subject's name is looked for that far from there."""
    comma = text.find("،", start, min(before, start + LEAD_PHRASE_CHARS + 2))
    return comma + 1 if comma >= 0 else start


def _institution_before(tokens: list[Token], first: int, start: int) -> bool:
    """Whether the first title or institution word of the sentence before a run heads an institution
    ("وأمرت النيابة العامة بحبس المتهمين"; not "وزير الخارجية X" nor "مدير مكتب الإعلام X")."""
    k = first
    while k > 0 and tokens[k - 1].start >= start:
        k -= 1
    for token in tokens[k:first]:
        head = strip_prefix_article(token.norm)
        if token.word and head in AR_GENERIC | AR_ORG_HEADS:
            return head in AR_ORG_HEADS
    return False


def _verb_then_surname(words: list[str], tokens: list[Token], runs: list[tuple[int, int]]) -> str | None:
    """"من جهته، عاد أدرعي ليحذر ...، قائلا": a verb the word lists do not know, then the surname of a
    person the article names in full: that person (an Arabic sentence opens with its verb)."""
    full = full_name(words[-1], tokens, runs, "ar")
    return full if full and words[0] not in full.split() and len(full.split()) >= 2 else None


def english_sentence_subject(tokens: list[Token], token_starts: list[int], text: str, since: int,
                             before: int) -> list[Token]:
    """The words a sentence opens with up to its first lower-case word that is no title ("Kremlin
    spokesman Dmitry Peskov" of "... dismissed the remarks, telling reporters that ..."), when no
    speaker was met in the sentence yet (empty otherwise)."""
    start = max(text.rfind(mark, 0, before) for mark in (". ", "\n", "! ", "? ")) + 1
    if since >= start:
        return []
    subject: list[Token] = []
    opening = bisect_left(token_starts, start)
    for k in range(opening + 1, min(opening + 14, len(tokens))):
        previous = tokens[k - 1].text
        if tokens[opening].text.isupper() and tokens[k].text in "–—-" and (previous == ")" or previous.isupper()):
            opening = k + 1  # "BOSTON, Oct 14 (Reuters) - A federal judge ...": the dateline is no subject
            break
    opening = past_setting(tokens, opening)  # "In the port of Barbate, the head of the guild, X, ..."
    for k in range(opening, len(tokens)):
        token = tokens[k]
        if token.text == "," and subject and subject[-1].word and subject[-1].text[:1].islower():
            return _apposed_name(tokens, k, before) or subject  # "The Israeli defence minister, Israel Katz,"
        if not subject and (named := apposed_description(tokens, k, before)) is not None:
            return tokens[named[0]: named[1]]  # "The head of the local fishermen's guild, X, said"
        if token.start >= before or (token.word and token.text[0].islower() and token.text.lower() not in (
                EN_TITLES | EN_DETERMINERS) and not (subject and name_connector(tokens, k))) or token.text in ",;:":
            break  # the subject ends at its verb or at an apposition ("Alan Thornhill, an ecologist, said")
        if token.text in DOUBLE_MARKS or (not subject and _not_a_subject(token)):
            return []  # a quotation opens the sentence, or a pronoun or an adverb does
        subject.append(token)
    return subject if any(t.word and t.text[0].isupper() for t in subject) else []


def _apposed_name(tokens: list[Token], comma: int, before: int) -> list[Token]:
    """The capitalised name between two commas after a described subject, if that is what follows."""
    name = []
    for token in tokens[comma + 1: comma + 5]:
        if token.start >= before:
            return []
        if token.text == ",":
            return name
        if not (token.word and token.text[:1].isupper()):
            return []
        name.append(token)
    return []


def _not_a_subject(token: Token) -> bool:
    """"They're", "It's", "Ultimately": a sentence's first word that names no one."""
    lowered = token.text.lower().replace("’", "'")
    return lowered.split("'")[0] in EN_PRONOUNS or lowered.endswith("ly")


def sentence_organisation(tokens: list[Token], token_starts: list[int], text: str, since: int,
                          before: int) -> str | None:
    """The institution an Arabic sentence opens with ("بدورها، طالبت وزارة الخارجية السودانية ...، مؤكدة
    أن ..."), for a participle or verb with no subject when no speaker was met in the sentence yet; not
    the institution of a person's title ("وزير الخارجية")."""
    start = max(text.rfind(mark, 0, before) for mark in (".", "\n", "!", "?", "؟")) + 1
    if since >= start:
        return None
    for k in range(bisect_left(token_starts, start), len(tokens)):
        token = tokens[k]
        if token.start >= min(before, start + OPENER_CHARS):
            return None
        head = strip_prefix_article(token.norm)
        if token.word and head in AR_ORG_HEADS and not (k > 0 and person_title(tokens[k - 1])):
            phrase = [token]
            for following in tokens[k + 1: k + 4]:
                if len(phrase) == 1 and following.word and is_name_token(following, "ar", True):
                    phrase.append(following)  # "قررت مجموعة أوبك+": the body's own name
                    break
                if len(phrase) == 1 and following.word and following.norm in AR_ORG_HEADS and not (
                        following.norm.startswith("ال")):
                    phrase.append(following)  # "مجلس جامعة الدول العربية": a body of a body
                    continue
                if not following.word or not following.norm.startswith("ال"):
                    break
                phrase.append(following)
                if following.norm.endswith(("يه", "ي")):
                    break  # the adjective ends the name: "وزارة الخارجية السودانية المجتمع الدولي"
            return " ".join(t.text for t in phrase)
    return None


LEAD_MIN_CHARS = 60
"""A paragraph shorter than this is furniture (a byline, "كتب: X"), not the article's lead."""


def lead_institution(tokens: list[Token], token_starts: list[int], text: str, before: int) -> str | None:
    """The institution the article's lead sentence opens with ("القاهرة – اختتم مجلس جامعة الدول العربية
    ..."): the first paragraph after the headline, of ``LEAD_MIN_CHARS`` at least, before ``before``. A
    statement no body was quoted for ("وجاء في البيان الختامي") is that body's."""
    start = text.find("\n") + 1
    while 0 < start < before:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start >= LEAD_MIN_CHARS:
            stop = text.find(".", start, end)
            return sentence_organisation(tokens, token_starts, text, -1, end if stop < 0 else stop)
        start = end + 1
    return None


def person_title(token: Token) -> bool:
    """A person's title word ("وزير", "النائب"), not an institution's head ("وزارة")."""
    head = strip_prefix_article(token.norm)
    return head in AR_GENERIC and head not in AR_ORG_HEADS
