"""Within-article coreference of speakers: pronouns, titles, surnames and sources resolved to a speaker.

A subject gives the speaker directly when it holds a name ("المبعوث الأميركي ستيف ويتكوف"); otherwise
it refers back: a pronoun or an elided subject ("وأضاف", "he said") to the latest speaker; a definite
description ("المبعوث الأميركي", "the envoy", "الصحيفة") to the speaker met before under that title, or
to the name the article's full mention gives that title (``titles.described_name``), or else to the
latest named person; a lone surname ("الشيباني") to its full mention. A subject that names a source
or an institution without a proper name ("مصادر أمنية تركية", "officials", "وزارة الصحة") is itself
the speaker, with its kind (``sources``). No name is guessed where the text gives none.
"""

from __future__ import annotations

from collections.abc import Callable

from cluster.documents import Segment
from cluster.quotes.arabic_subject import body_word_head
from cluster.quotes.bodyname import body_named_as, spelled_out
from cluster.quotes.bodynoun import class_description, named_body
from cluster.quotes.fullnames import full_name, whole_name
from cluster.quotes.gender import apposed, reference_gender
from cluster.quotes.group_member import self_named_or_member
from cluster.quotes.history import History, Speaker
from cluster.quotes.history import key as _key
from cluster.quotes.institutions import after_institution, qualified_institution
from cluster.quotes.leadbody import body_just_quoted, body_sentence_before, opening_body
from cluster.quotes.lexicon import AR_GENERIC, AR_HONORIFICS, DOUBLE_MARKS, EN_PRONOUNS, EN_TITLES
from cluster.quotes.mentions import (
    article_subject,
    english_sentence_subject,
    introduced_person,
    sentence_opener,
    sentence_organisation,
)
from cluster.quotes.names import Token, name_run
from cluster.quotes.principals import apposed_spokesperson, speaks_for_person
from cluster.quotes.pronoun_title import titled_before_quote
from cluster.quotes.register import family_holder, held_speaker, title_reading
from cluster.quotes.scenes import describes_a_person, scene_person, scene_titled_person
from cluster.quotes.sources import (
    ANONYMOUS,
    AR_SOURCE_HEADS,
    AR_SPOKESPERSON,
    AR_UNNAMED_ROLES,
    ORGANISATION,
    PERSON,
    UNATTRIBUTED,
    country_named,
    head_kind,
    institution_before_object,
    is_definite,
    name_kind,
    person_noun,
    source_phrase,
    spokesperson_of,
    strip_prefix_article,
)
from cluster.quotes.speakers import same_person
from cluster.quotes.titles import (
    construct_title_holder,
    described_name,
    expanded_acronym,
    institution_named,
    title_key,
    titles_of,
)
from cluster.textnorm import normalize

EN_PERSONAL = frozenset("he she".split())
"""Pronouns that stand for a person: never an institution met last."""
ONE_PERSON_SOURCES = frozenset(normalize(w) for w in """
مسؤول مسؤولة دبلوماسي متحدث متحدثة ناطق ناطقة official diplomat spokesman spokeswoman spokesperson""".split())
"""Source heads that, made definite, point back to one person the article has introduced."""

def resolve(subject: list[Token], lang: str, seg: Segment, history: History, offset: int | None,
            verb_gender: str | None = None) -> Speaker:
    """The speaker a subject stands for (module docstring); ``offset``: where in the article the
    subject is (None: a headline, whose full mention comes later); ``verb_gender``: the reporting verb's
    (Arabic: قالت is a woman's, ``gender``). A pronoun, a subjectless gendered verb or a gendered
    description never goes to a person the article shows of the other gender."""
    written = " ".join(t.text for t in subject) or None
    words = [t.text for t in subject if t.word]
    if (itself := self_named_or_member(words, written, lang, seg, history, offset)) is not None:
        return itself
    honorific = lang == "ar" and len(words) == 1 and AR_HONORIFICS.get(normalize(words[0].lstrip("و")))
    wanted = honorific or reference_gender(words, lang, verb_gender)
    gender = (lang, wanted) if wanted else None
    if not words or honorific or (lang != "ar" and words[0].lower() in EN_PRONOUNS):
        found = history.last_entry(seg.index, seg.kind, human=bool(honorific) or (
            bool(words) and words[0].lower() in EN_PERSONAL), gender=gender)
        if words and offset is not None and (newcomer := _newcomer(found, seg, history, offset, gender) or (
                titled_before_quote(words[0], history, seg.start, offset, gender))):  # 'the mayor was blunt. "..."'
            return Speaker(newcomer, written, PERSON)
        if words and words[0].lower() == "it" and offset is not None and (body := body_sentence_before(
                history, found[1] if found else 0, offset, lambda opener, at: resolve(opener, lang, seg, history, at))):
            return Speaker(body.name, written, body.kind)  # "The panel rejected the complaint. ..., it said"
        if not words and offset is not None and (opened := _sentence_subject(
                lang, seg, history, found[1] if found else -1, offset, written)) and (
                opened.kind != PERSON or history.fits(opened.name, lang, wanted)):
            return opened
        earlier = found[2] if found else Speaker(None, None, UNATTRIBUTED)
        return Speaker(earlier.name, written or earlier.written, earlier.kind)
    opened = next((k for k, t in enumerate(subject[:-1]) if t.text in DOUBLE_MARKS), None)
    if lang == "ar" and opened is not None and opened + 2 < len(subject) and subject[-1].text in DOUBLE_MARKS:
        # a body in marks ('وقالت «طيران الإمارات»', 'بحسب منظمة "أطباء بلا حدود"'), by the full name the
        # article gave it before ('وأفادت «مازن»' after "الوكالة المغربية للطاقة المستدامة «مازن»")
        named = " ".join(t.text for t in subject[opened + 1:-1] if t.word)
        return Speaker(spelled_out(named, history) or named, written, ORGANISATION)
    common_head = lang != "ar" and words[-1].islower()
    name = None if common_head else name_run(subject, lang)
    outlet = name is not None and lang == "ar" and after_institution(subject, name)
    if name and lang == "ar" and (head := body_word_head(subject)) is not None:  # "مركز أبحاث الزلازل": not "أبحاث"
        if outlet:
            return Speaker(" ".join(t.text for t in subject[head:] if t.word), written, ORGANISATION)
        name = None  # "رئيس نقابة أصحاب المخابز": a role, no name
    if name and lang == "ar" and speaks_for_person(subject):
        name = apposed_spokesperson(subject)  # "المتحدث باسم الرئيس التركي X، Y": Y speaks for X (None: unnamed)
    if name and lang == "ar" and not outlet and qualified_institution(subject, name):
        return Speaker(" ".join(words), written, ORGANISATION)  # "القنصلية العامة لفرنسا": not "لفرنسا"
    if name and lang == "ar" and not outlet and (body := institution_before_object(words, name)):
        return Speaker(body, written, ORGANISATION)  # "أعلنت نقابة الأطباء الأردنية دعمها": not "دعمها"
    if name and not outlet and lang == "ar" and head_kind(words, lang) == ANONYMOUS and not spokesperson_of(words) and (
            strip_prefix_article(normalize(words[0])) not in AR_UNNAMED_ROLES):  # "مراسل ليكرز مايك تريدل" is named
        name = None  # "مصادر مصرية مطلعة" names no one ("وسائل إعلام منها قناة خبر تورك" does)
    if name:
        kind = _kind_of_name(name, outlet, lang, history)
        if lang != "ar" and (spelled := expanded_acronym(name, history.tokens, history.runs(lang))):
            return Speaker(spelled, written, ORGANISATION)
        if kind == PERSON:  # an organisation's name is not the tail of a longer one ("وحركة حماس")
            name = _person_in_full(subject, name, lang, seg, history, offset)
        return Speaker(name, written, kind)
    if (body := opening_body(words, lang, seg, history, offset)) is not None:  # "The airline said"
        return Speaker(body, written, ORGANISATION)
    return _described(words, written, lang, seg, history, offset, gender)


def _kind_of_name(name: str, outlet: bool, lang: str, history: History) -> str:
    """What a name read in a subject is: an outlet after its head noun, a source by its head, a body by
    its name's words, a country ("Jordan says as it ends ...": ``country_named``), else a person."""
    if outlet or (lang != "ar" and country_named(name, history.text)):
        return ORGANISATION
    return ANONYMOUS if head_kind([name], lang) == ANONYMOUS else name_kind(name)


def _person_in_full(subject: list[Token], name: str, lang: str, seg: Segment, history: History,
                    offset: int | None) -> str:
    """A person's name from a subject, as the article writes it in full: a recent speaker's (``known_prefix``),
    the longest mention ending with it (``full_name``), and in Arabic the mention the subject read alone cut
    short ("علي محسن" of "علي محسن العلاق، ...") or a headline label's titled holder ("مدير مستشفى ناصر:")."""
    name = history.known_prefix(name) or name
    name = full_name(name, history.tokens, history.runs(lang), lang) or name
    if lang != "ar":
        return name
    return whole_name(subject, name, None if offset is None else seg.start, history.tokens, history.runs(lang),
                      history.run_starts(lang)) or name


def _sentence_subject(lang: str, seg: Segment, history: History, since: int, offset: int,
                      written: str | None) -> Speaker | None:
    """For a verb or participle with no subject, when no speaker was met in its sentence after ``since``:
    the person (or, in Arabic, the institution) the sentence opens with (``mentions``)."""
    if lang != "ar":
        opener = english_sentence_subject(history.tokens, history.token_starts, history.text, since, offset)
        opened = resolve(opener, lang, seg, history, offset) if opener else None
        if opened and opened.name and (opened.kind != PERSON or len(opened.name.split()) >= 2):
            return opened  # "Nudity didn't bother her, she said, explaining": a lone word names no one
        return None
    if name := sentence_opener(history.tokens, history.runs(lang), history.run_starts(lang), history.text,
                               since, offset):
        return Speaker(name, written, PERSON)
    if body := sentence_organisation(history.tokens, history.token_starts, history.text, since, offset):
        return Speaker(body, written, ORGANISATION)
    if shown := scene_person(history.text, max(since, 0), offset):
        return Speaker(shown, written, PERSON)  # "وعند البوابة، كان أبو أحمد يدفع عربة. يقول: «...»"
    if shown := scene_titled_person(history.tokens, history.runs(lang), history.run_starts(lang), history.text,
                                    since, offset):
        return Speaker(shown, written, PERSON)  # "وفي شارع عزمي، أبقى صاحب المحل بلال كبارة ... وقال:"
    return None


def _newcomer(found: tuple[int, int, Speaker] | None, seg: Segment, history: History, offset: int,
              gender: tuple[str, str | None] | None = None) -> str | None:
    """A person named in full just before an English pronoun ("he told E! News") when no speaker was
    quoted in the paragraph before, or in the pronoun's own paragraph after the last speaker ("Lebanese
    Prime Minister Nawaf Salam condemned the strike. '...,' he said"): the newcomer, not a speaker quoted
    further back."""
    since = found[1] if found else 0
    own_paragraph = found is not None and seg.index - found[0] < 2  # then only a newcomer of this paragraph
    fits = (lambda n: history.fits(n, *gender)) if gender else None
    name = introduced_person(history.tokens, history.runs("en"), history.run_starts("en"), history.text, since,
                             offset, own_paragraph, fits)
    if name is None or (found is not None and same_person(name, found[2].name or "")):
        return None
    return name


def _body_of_title(person: Speaker, words: list[str], lang: str, history: History) -> str:
    """The institution a person's title named, for a definite institution after it: "المتحدث باسم وزارة
    الكهرباء أحمد موسى" then "وأكدت الوزارة" is "وزارة الكهرباء" (the ministry, not its spokesman). A
    title that calls it by the bare noun too ("المتحدثة باسم المتحف") spells nothing out: the name the
    article gives the body in full (``body_named_as``), else the description itself."""
    head = _key(words[0] if lang == "ar" else words[-1], lang)
    title = (person.written or "").split()
    first = next((k for k, w in enumerate(title) if _key(w, lang) == head), None)
    name_start = (person.name or "").split()[:1]
    if lang != "ar" or first is None:
        return source_phrase(words, lang)
    end = next((k for k in range(first + 1, len(title)) if title[k] in name_start), len(title))
    if end == first + 1 and len(words) == 1 and (body := body_named_as(words[0], history)):
        return body
    return " ".join(title[first:end])


def _title_of_one(words: list[str], lang: str, kind: str | None) -> list[str]:
    """The words a definite description shares with the title of the person it refers to: all of them
    for a title ("المبعوث الأميركي"); the institution for a spokesperson ("المتحدث باسم الجيش" is the
    army's spokesman named before, not any spokesman); all of them for one definite official ("المسؤول
    الأممي", "the official": someone the article introduced); none for sources, who are no one person."""
    if any(w.lower().endswith(("'s", "’s")) and w[:-2].lower() in EN_TITLES for w in words[:-1]):
        return []  # "the prime minister's spokesman" is not the prime minister ("Libya's ... chief" is Libya's)
    if kind is None:
        return words if lang == "ar" or person_noun(words[-1]) else []  # "the Asian oil market" is no one
    if kind != ANONYMOUS or not is_definite(words, lang):
        return []
    if institution := spokesperson_of(words):
        return institution
    head = strip_prefix_article(normalize(words[0])) if lang == "ar" else words[-1].lower()
    return words if head in ONE_PERSON_SOURCES else []


def _voice_of(words: list[str], mention: str, history: History, lang: str) -> bool:
    """Whether a mention found for a description may be the one it describes: for an unnamed body's
    spokesperson ("الناطق الرسمي باسم الحكومة") only a person the article titles spokesperson; the
    body's head ("حكومة الشيخ أحمد عبد الله", "رئيس الحكومة") shares the body's words but is not its voice."""
    if not spokesperson_of(words):
        return True
    titles = titles_of(mention, history.tokens, history.runs(lang), lang)
    return bool(titles & {title_key(w, lang) for w in AR_SPOKESPERSON})


GENERIC_OFFICIALS = frozenset(normalize(w) for w in "مسؤول مسؤولة official".split())


def _official_just_quoted(words: list[str], lang: str, seg: Segment, history: History,
                          gender: tuple[str, str | None] | None = None) -> str | None:
    """"وأضاف المسؤول الأممي" / "the official added" right after a named person was quoted (this paragraph
    or the one before, nobody else in between): "the official" fits any office, so it is that person."""
    head = strip_prefix_article(normalize(words[0])) if lang == "ar" else words[-1].lower()
    if head not in GENERIC_OFFICIALS or not is_definite(words, lang):
        return None
    found = history.last_entry(seg.index, seg.kind, gender=gender)
    if found is None or found[2].kind != PERSON or seg.index - found[0] > 1:
        return None
    return found[2].name


def _described(words: list[str], written: str | None, lang: str, seg: Segment, history: History,
               offset: int | None, gender: tuple[str, str | None] | None = None) -> Speaker:
    kind = head_kind(words, lang)
    fits = (lambda n: history.fits(n, *gender)) if gender else (lambda n: True)
    if (settled := _settled_first(words, written, kind, lang, seg, history, offset, fits)) is not None:
        return settled
    if lang == "ar" and len(words) == 1 and kind is None and (named := _by_surname(words[0], written, history, fits)):
        return named
    if is_definite(words, lang) or offset is None or (lang == "ar" and len(words) <= 2 and kind != ANONYMOUS):
        earlier = history.described(words, lang)
        if earlier is not None and earlier.kind == PERSON and not fits(earlier.name):
            earlier = None  # "the spokeswoman" is not the spokesman quoted before
        if earlier is not None and kind == ORGANISATION and earlier.kind == PERSON:
            return Speaker(_body_of_title(earlier, words, lang, history), written, ORGANISATION)  # "وأكدت الوزارة": not
        if earlier is not None and not (offset is None and kind == ORGANISATION and earlier.kind != ORGANISATION):
            return Speaker(earlier.name, written, earlier.kind)  # a headline's ministry is not its spokesman
        if gender and offset is not None and (named := _apposed_person(words, lang, history, offset)):
            return Speaker(named, written, PERSON)  # "the spokeswoman": "Lina Farah, a spokeswoman for ..."
        describing = _title_of_one(words, lang, kind)
        if describing:
            mention = described_name(describing, history.tokens, history.runs(lang), lang, offset, fits)
            if mention and not _voice_of(words, mention, history, lang):
                mention = None  # "الناطق باسم الحكومة" is not "حكومة الشيخ X"'s head
            if mention:
                return Speaker(mention, written, name_kind(mention))
        if kind == ANONYMOUS and offset is not None and (person := _official_just_quoted(words, lang, seg, history, gender)):
            return Speaker(person, written, PERSON)
        if kind is None:
            if lang == "ar" and offset is not None and (titled := _titled_unnamed(history, seg)) is not None:
                return Speaker(titled.name, written, ANONYMOUS)  # "وأوضح مدير المستشفى ... وأضاف الطبيب"
            if lang != "ar" and not person_noun(words[-1]):
                return Speaker(None, written, UNATTRIBUTED)  # "The fire brigade said": no person to look for
            subject = None
            if offset is not None and lang != "ar" and not any(w.lower().endswith(("'s", "’s")) for w in words):
                subject = (_newcomer(history.last_entry(seg.index, seg.kind), seg, history, offset, gender)  # "the
                           or article_subject(history.tokens, history.runs(lang), lang, offset))  # mother", "the Taradise star"
                subject = subject if subject and fits(subject) else None
            if lang == "ar" and offset is not None and describes_a_person(words) and (shown := scene_person(
                    history.text, (history.last_entry(seg.index, seg.kind) or (0, 0))[1], offset)):
                return Speaker(shown, written, PERSON)  # "وفي السوق، وقف X ... يقول التاجر الستيني:"
            earlier = history.last(seg.index, seg.kind, person=True, gender=gender if lang != "ar" else None) if (
                offset is not None) else None  # "the mother": the latest woman
            if earlier is not None and lang == "ar" and (_other_role(words, earlier.name or "", history) or (
                    gender and not history.fits(earlier.name, *gender))):  # not the "المدير العام" before, nor a
                return Speaker(source_phrase(words, lang), written, ANONYMOUS)  # man for "المفوضة"
            if subject is not None or earlier is not None:
                return Speaker(subject or earlier.name, written, PERSON)
    if lang == "ar" and kind == ORGANISATION and len(words) == 1 and (body := body_named_as(words[0], history)):
        return Speaker(body, written, ORGANISATION)  # "وقالت الشركة" after "شركة طيران الواحات"
    if kind in (ANONYMOUS, ORGANISATION):
        return Speaker(label := _source_or_body(words, kind, lang, seg, history, offset), written, kind if label else UNATTRIBUTED)
    if lang != "ar" and words[0].lower() in {"a", "an"} and person_noun(words[-1]):
        return Speaker(source_phrase(words, lang), written, ANONYMOUS)  # "a doctor", "a resident": unnamed
    if lang == "ar" and kind is None and len(words) >= 2 and not is_definite(words, lang) and (
            normalize(words[0]) in AR_GENERIC):
        return Speaker(source_phrase(words, lang), written, ANONYMOUS)  # "مدير مستشفى الفاشر": a role, no name
    return Speaker(None, written, UNATTRIBUTED)


def _by_surname(word: str, written: str | None, history: History, fits: Callable[[str], bool]) -> Speaker | None:
    """An Arabic family name read alone: a speaker met before with it, else the mention that ends with it
    ("السوداني" -> "محمد شياع السوداني"), else the article's one person of that family name ("وأضاف ملك" after
    "..، شادي ملك،"; no one where two carry it: ``register``)."""
    full = _speaker_with_surname(word, history) or full_name(word, history.tokens, history.runs("ar"), "ar")
    return Speaker(full, written, PERSON) if full else held_speaker(family_holder(word, history, fits), written)


def _source_or_body(words: list[str], kind: str, lang: str, seg: Segment, history: History,
                    offset: int | None) -> str | None:
    """A source or a body without a name: the body quoted just before goes on ('Microsoft said ... "...,"
    the company added'), else the one body the article names that the noun fits ("the exchange": Boursa
    Kuwait, ``bodynoun``), else the phrase itself, unless it only says the class of body ("the company":
    no name, ``class_description``)."""
    found = body_just_quoted(words, kind, lang, seg, history, offset) or (
        kind == ORGANISATION and lang != "ar" and named_body(words, history.text, offset))
    if found:
        return found
    unnamed = kind == ORGANISATION and offset is not None and class_description(words, lang)  # a headline's
    return None if unnamed else source_phrase(words, lang)  # label with no name would be no quote at all


def _settled_first(words: list[str], written: str | None, kind: str | None, lang: str, seg: Segment,
                   history: History, offset: int | None, fits: Callable[[str], bool]) -> Speaker | None:
    """What a description names before any earlier speaker so described is looked up: the article's one
    person so titled, or no one where two are (``register``), unless a speaker was met under that title; a
    headline's institution without its head noun, the body an English "the regulator" goes on for (a headline
    label "Regulator" would be met first otherwise), the holder of an Arabic construct title."""
    titled = title_reading(words, written, lang, history, fits) if kind is None else None
    if titled is not None and (titled.name is None or history.described(words, lang) is None):
        return titled  # "وأكد الوزير السوري", "the CEO said"; "وأكد وزير الخارجية" after two such ministers
    if offset is None and lang == "ar" and kind is None and (body := institution_named(words, history.tokens)):
        return Speaker(body, written, ORGANISATION)  # headline "الصحة العالمية:" is "منظمة الصحة العالمية"
    if kind == ORGANISATION and lang != "ar" and (body := body_just_quoted(words, kind, lang, seg, history, offset)):
        return Speaker(body, written, kind)  # 'Ofwat said ... "...," the regulator said'
    if kind is None and offset is not None and lang == "ar" and (holder := construct_title_holder(
            words, history.tokens, history.runs(lang), offset, fits)):
        return Speaker(holder, written, PERSON)  # "وزير الطاقة السعودي" after "وزير الطاقة الأمير X"
    return None


def _apposed_person(words: list[str], lang: str, history: History, offset: int) -> str | None:
    """A definite gendered English description ("the spokeswoman", not "the prime minister's spokesman"):
    the person the article described with that noun in apposition (``gender.apposed``)."""
    if lang == "ar" or not is_definite(words, lang) or any("'" in w or "’" in w for w in words):
        return None
    return apposed(words[-1], history.tokens, history.runs(lang), offset)


def _speaker_with_surname(word: str, history: History) -> str | None:
    """The latest person speaker whose name of two words or more ends with this surname ("يضيف الصغير" after
    "محمد الصغير" was quoted): the name runs around a mention can be misread, the speaker was not."""
    wanted = _key(word, "ar")
    for _, _, speaker in reversed(history.entries):
        parts = (speaker.name or "").split()
        if speaker.kind == PERSON and len(parts) >= 2 and _key(parts[-1], "ar") == wanted:
            return speaker.name
    return None


def _other_role(words: list[str], name: str, history: History) -> bool:
    """Whether an Arabic description's head title (مفوضة) differs from every title the article gives
    this person (المدير العام): then it is someone else."""
    head = title_key(words[0], "ar")
    if strip_prefix_article(normalize(words[0])) not in AR_GENERIC:
        return False
    titles = titles_of(name, history.tokens, history.runs("ar"), "ar")
    return bool(titles & {title_key(g, "ar") for g in AR_GENERIC}) and head not in titles


def _titled_unnamed(history: History, seg: Segment) -> Speaker | None:
    """The speaker just before, when it is one person known only by a role ("مدير مستشفى الفاشر"): a bare
    title after it ("الطبيب") is that person, not someone named further back."""
    found = history.last_entry(seg.index, seg.kind)
    if found is None or seg.index - found[0] > 1 or found[2].kind != ANONYMOUS:
        return None
    head = strip_prefix_article(normalize((found[2].written or " ").split()[0]))
    return found[2] if head in AR_GENERIC and head not in AR_SOURCE_HEADS else None
