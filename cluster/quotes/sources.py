"""What kind of speaker a subject is: a named person, an organisation, or an anonymous source.

News attributes much of what it reports to sources it does not name ("مصادر أمنية تركية", "officials",
"witnesses") or to institutions ("وزارة الصحة اللبنانية", "the Confederation of British Industry").
Those are speakers the text *does* give, so a quote gets them with a kind (``anonymous`` or
``organisation``) rather than no speaker at all; ``unattributed`` is kept for quotes whose text names
no one. A source phrase ("بحسب مصادر", "نقلا عن", "according to officials") introduces speech as a
reporting verb does.
"""

from __future__ import annotations

import re

from cluster.quotes.lexicon import EN_TITLES
from cluster.textnorm import normalize

PERSON, ORGANISATION, ANONYMOUS, UNATTRIBUTED = "person", "organisation", "anonymous", "unattributed"
SPEAKER_KINDS = (PERSON, ORGANISATION, ANONYMOUS, UNATTRIBUTED)


def _ar(words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words.split())


AR_SOURCE_HEADS = _ar("""مصادر مصدر مسؤول مسؤولون مسؤولين مسؤولو شهود شاهد مراقبون مراقبين محللون محللين خبراء
أشخاص شخص وسائل دبلوماسيون دبلوماسي ناشطون سكان أطباء مسعفون مراسلون أعضاء أفراد محتجون محتجين متظاهرون متظاهرين
مشجعون مشجعين مشيعون مشيعين مؤيدون مؤيدين مصدران مصدرين مسؤولان دبلوماسيان دبلوماسيين شاهدان شاهدين خبيران
خبيرين""")
"""Head nouns of an unnamed source ("مصادر أمنية", "شهود عيان", "مسؤول إسرائيلي"), duals too ("مصدران مطلعان")."""
AR_UNNAMED_ROLES = _ar("مراسل مراسلة طبيب طبيبة مسعف ممرض ممرضة")
"""A person by role: an unnamed source when indefinite ("طبيب في المستشفى", "مراسل الجزيرة"), the one
named or met before when definite ("الطبيب")."""
AR_QUANTIFIERS = _ar("أحد إحدى بعض عدة اثنان اثنين ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة")
""""One of", "some of" before a head noun: the head decides ("أحد أعضاء الجمعية" names no one)."""
AR_ONE_OF = _ar("أحد إحدى")
AR_SPOKESPERSON = _ar("متحدث متحدثة ناطق ناطقة")
"""An indefinite spokesperson ("متحدث باسم حزب العمال", "a Labour Party spokesman") is an unnamed source;
the definite one ("المتحدث باسم الهيئة") is a title that a name or an earlier mention fills."""
EN_SOURCE_HEADS = frozenset("""
source sources official officials witness witnesses diplomat diplomats analyst analysts observer observers
people person spokesperson spokesman spokeswoman residents medics aides aide insiders watchdog media
""".split())
AR_ORG_HEADS = _ar("""وزارة وكالة منظمة هيئة قوات جيش حركة مفوضية صحيفة قناة موقع حزب مجلس لجنة جماعة صندوق
بنك مصرف بعثة الخارجية حكومة رئاسة شرطة بيان الجانبان الطرفان الحوثيون حماس اتحاد شركة مكتب إدارة سلطة
مصلحة دائرة مرصد منتدى مؤسسة جمعية نقابة معهد مركز محكمة برلمان سفارة قنصلية ائتلاف جبهة مجموعة نيابة مديرية سلطات
بلدية جامعة بورصة رابطة غرفة متحف شبكة تجمع تحالف كتلة""")
"""Head nouns of an institution; an institution named by such a phrase is a speaker of its own."""
AR_ORG_NAMES = _ar("حماس الحوثيون الجانبان الطرفان بيان")
"""Entries of ``AR_ORG_HEADS`` that are a body themselves, not a noun that a body's name follows
("القيادي في حماس باسم نعيم" is a person; "قناة خبر تورك" is a channel)."""
EN_ORG_WORDS = frozenset("""
police ministry agency society forces army navy organization organisation confederation industry council
committee commission union party government office department bank fund court company group association
movement hamas hezbollah reuters afp sana suna bbc statement report brigade service authority authorities
institute university hospital observatory embassy administration parliament congress senate cabinet military
coastguard prosecutors prosecutor's programme program center centre departments ministries agencies consulate
initiative coalition alliance federation foundation network campaign regulator regulators forum exchange
league museum club ltd inc corp plc llc
""".split())
AR_SOURCE_TRIGGERS = _ar("بحسب حسب وفق وفقا نقلا")
"""Prepositions that attribute the rest of the sentence to a source ("وبحسب مصادر، فإن ...")."""
AR_SOURCE_FILLERS = _ar("ما أفادت أفاد به ذكرت ذكره ذكرته أوردت أورده أوردته عن بيان تقرير تصريحات")
"""Words between a source preposition and the source itself ("بحسب ما أفادت به مصادر طبية",
"بحسب بيان للخارجية")."""


def strip_prefix_article(word: str) -> str:
    """A normalised Arabic word without ال / لل / ل so that heads compare (للمصادر -> مصادر)."""
    for prefix in ("وال", "فال", "بال", "لل", "ال"):
        if word.startswith(prefix) and len(word) > len(prefix) + 2:
            return word[len(prefix):] if prefix != "لل" else word[2:]
    return word


def head_kind(words: list[str], lang: str) -> str | None:
    """``anonymous`` or ``organisation`` for a subject without a proper name, from its head noun."""
    if not words:
        return None
    if lang == "ar":
        heads = [strip_prefix_article(normalize(w)) for w in words[:3]]
        if len(heads) > 1 and heads[0] in AR_QUANTIFIERS:
            if heads[0] in AR_ONE_OF and _one_of_people(words[1:]):
                return ANONYMOUS  # "أحد العاملين في المصفاة", "أحد زوار المعرض": one unnamed person of a group
            heads = heads[1:]  # "أحد المصادر", "بعض المسؤولين": one of the sources is still a source
        if heads[0] in AR_SOURCE_HEADS or (heads[0] in AR_SPOKESPERSON and (
                not is_definite(words, lang) or spokesperson_of(words))) or (
                heads[0] in AR_UNNAMED_ROLES and not is_definite(words, lang)):
            return ANONYMOUS
        if heads[0] in AR_ORG_HEADS or normalize(words[0]) in AR_ORG_HEADS:
            return ORGANISATION
        return None
    lowered = [w.lower() for w in words]
    if any(w in EN_SOURCE_HEADS for w in lowered[:5]) or _english_one_of(words):
        return ANONYMOUS
    split = " ".join(lowered).split()
    linked = next((k for k, w in enumerate(split) if w in {"of", "for", "to"}), len(split))
    if 0 < linked < len(split) and any(w in EN_ORG_WORDS for w in split[:linked]):
        return ORGANISATION  # "Committee to Protect Journalists": the body, not journalists
    if plural_person(lowered[-1]):
        return ANONYMOUS  # "three bankers", "two traders": an unnamed group of people
    if lowered[-1] in EN_TITLES:
        return None  # "Libya's central bank chief": the head is the title, a person; the bank qualifies it
    if any(w in EN_ORG_WORDS for w in lowered):
        return ORGANISATION
    return None


def _one_of_people(rest: list[str]) -> bool:
    """After «أحد/إحدى» (one of): a group of people, so one unnamed person of it. A sound plural with
    the article («الناجين»), or any plural noun before its complement («أحد زوار المعرض», «أحد العمال
    المضربين»): only a body («إحدى الشركات», «أحد البنوك») is not a person, and it is told by its head."""
    if not rest:
        return False
    head = strip_prefix_article(normalize(rest[0]))
    if head in AR_ORG_HEADS or normalize(rest[0]) in AR_ORG_HEADS:
        return False
    if normalize(rest[0]).startswith("ال") and head.endswith(("ين", "ون")):
        return True
    return len(rest) >= 2 and not head.endswith("ات")  # "زوار المعرض", "العمال المضربين"; not "الشركات"


def _english_one_of(words: list[str]) -> bool:
    """"One striking worker", "One of the protesters": one unnamed person of a group, written in lower
    case after "One" (a capital after it is a name: "One Nation")."""
    split = " ".join(words).split()
    if len(split) < 2 or split[0].lower() != "one":
        return False
    rest = split[2:] if split[1].lower() == "of" else split[1:]
    if not rest or rest[0].lower() in EN_GROUP_PRONOUNS:
        return False  # "One of them" points back at the group named before, which coreference reads
    return all(w[:1].islower() for w in rest)


EN_GROUP_PRONOUNS = frozenset("them us those these you".split())


def spokesperson_of(words: list[str]) -> list[str]:
    """The institution words of "المتحدث باسم إدارة السجن" / "الناطق العسكري باسم الجيش" (empty when the
    phrase is no spokesperson of anything): the one who speaks is the institution's unnamed voice, unless
    the article names that spokesperson (``coref`` looks for a mention with those words in its title)."""
    normal = [normalize(w) for w in words[:4]]
    if not normal or strip_prefix_article(normal[0]) not in AR_SPOKESPERSON or "باسم" not in normal:
        return []
    return words[normal.index("باسم") + 1:]


def name_kind(name: str) -> str:
    """A named speaker is an organisation when its name says so ("Surrey Police", "حركة حماس")."""
    words = [w.lower() for w in re.findall(r"\w+", name)]
    ar_words = {strip_prefix_article(normalize(w)) for w in words}
    if any(w in EN_ORG_WORDS for w in words) or ar_words & AR_ORG_HEADS:
        return ORGANISATION
    return PERSON


def country_named(name: str, text: str) -> bool:
    """Whether a one-word English speaker is a country ("'Nobody will go hungry,' Jordan says"): the
    article calls someone by the nationality built on it ("Jordanian", "Egyptian", "Iraqi", "Syrian",
    "Lebanese", "Moroccan"), or it is "it" ("Jordan says as it ends flour subsidy") or "which". A country speaks through its government, an organisation; a person
    called Jordan comes with a given name, and a story about him seldom says "Jordanian"."""
    if not re.fullmatch(r"[A-Z][a-z]{2,}", name):
        return False
    stems = {name, name[:-1], name[:-2]} if name.endswith(("a", "y", "o", "on")) else {name}
    if any(len(found) > len(name) for stem in stems for found in re.findall(rf"\b{stem}(?:ian|an|n|i|ese)\b", text)):
        return True  # longer than the name: "Dalto" + "n" is Dalton himself
    return re.search(rf"\b{name},? (?:says|said) (?:as|after|while|when|because) it\b|\b{name}, which\b", text) is not None


def is_definite(words: list[str], lang: str) -> bool:
    if not words:
        return False
    if lang == "ar":
        return normalize(words[0]).startswith(("ال", "وال", "لل"))
    return words[0].lower() in {"the", "this", "that", "these", "those"}


EN_LEADING_CONJUNCTIONS = frozenset("but and yet so while although though".split())
"""Words that join a source's clause to the one before it ("..., but sources ... say")."""


def source_phrase(words: list[str], lang: str) -> str:
    """The source as a speaker label: determiners and fillers left out ("A senior US official" ->
    "senior US official", "ما أفادت به مصادر طبية" -> "مصادر طبية")."""
    if lang == "ar":
        kept = list(words)
        while kept and normalize(kept[0]) in AR_SOURCE_FILLERS:
            kept.pop(0)
        if kept and normalize(kept[0]).startswith("لل"):
            kept[0] = kept[0][1:]
        return " ".join(kept)
    kept = [w for w in words if w.lower() not in {"a", "an", "the"}]
    while len(kept) > 1 and kept[0].lower() in EN_LEADING_CONJUNCTIONS:
        kept.pop(0)  # "..., but sources close to the talks say": the sentence's joint, not the source's name
    heads = [k for k, w in enumerate(kept) if w.lower() in EN_SOURCE_HEADS]
    return " ".join(kept[: heads[0] + 1] if heads else kept)


EN_PERSON_NOUNS = frozenset("""
star actress actor man woman boy girl teenager mother father wife husband son daughter singer rapper player
coach chef host comedian writer author victim survivor suspect witness official spokesman spokeswoman nurse medic
paramedic
""".split())
EN_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "-old")


def person_noun(word: str) -> bool:
    """Whether an English description's head can name one person ("the minister", "the Taradise star",
    "the 33-year-old", "the producer"), unlike a body or a thing ("the fire brigade", "the measures")."""
    head = word.lower()
    if head.endswith("ment") and head not in EN_TITLES:
        return False  # "moment", "government", "statement": the -ent of "resident" names no thing in -ment
    return head in EN_TITLES or head in EN_PERSON_NOUNS or head.endswith(EN_PERSON_ENDINGS)


def plural_person(word: str) -> bool:
    """"bankers", "traders": the plural of a noun for a person, an unnamed group when it heads a subject."""
    head = word.lower()
    return len(head) > 3 and head.endswith("s") and not head.endswith("ss") and person_noun(head[:-1])


AR_OBJECT_SUFFIXES = ("ها", "هم", "هما", "ه")


def institution_before_object(words: list[str], name: str) -> str | None:
    """"أعلنت نقابة الأطباء الأردنية دعمها للإضراب": an institution's head noun and its definite words, then
    one word with a pronoun suffix, which is the verb's object (its support), no name: the institution."""
    parts = name.split()
    if len(parts) != 1 or len(words) < 3 or words[-1] != parts[0] or strip_prefix_article(
            normalize(words[0])) not in AR_ORG_HEADS - AR_ORG_NAMES:
        return None
    if not normalize(parts[0]).endswith(AR_OBJECT_SUFFIXES) or len(parts[0]) < 4:
        return None
    middle = [normalize(w) for w in words[1:-1]]
    return " ".join(words[:-1]) if all(w.startswith("ال") for w in middle) else None
