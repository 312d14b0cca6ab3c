"""Where a speaker's name ends: a place, a verb's object or a title's domain glued onto a name is no part of it.

Why: on prose the rules had not been read on, a name written in full was often given with a word of
the sentence around it, or replaced by one: "المزارع سالم بن خلفان الهنائي من ولاية بهلا" read as the
person "بهلا" (the last run of name-like words is the place he comes from), "النائب خالد أبو حسان
بإعادة المشروع" as "خالد أبو حسان بإعادة" (ب + a verbal noun with hamza, "by returning", the object of
طالب); "Minister of Agriculture Karim Al Harthy said" as "Agriculture Karim Al Harthy", and "the
minister" as the person "Agriculture". A wrong name costs a newsroom more than a short one, so these
words end or skip a run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from cluster.quotes.lexicon import AR_COMPLEMENTIZERS, AR_GENERIC, AR_SUBJECT_STOPS, EN_TITLES
from cluster.quotes.sources import AR_ORG_HEADS, AR_ORG_NAMES, EN_ORG_WORDS
from cluster.textnorm import normalize

AR_REGION_HEADS = frozenset(normalize(w) for w in """
منطقة محافظة مدينة ولاية إقليم بلدة قرية ضاحية مخيم حي مقاطعة بلدية""".split())
"""Nouns whose complement is a place ("ولاية بهلا", "مخيم جباليا"): a run after one is that place."""
AR_REGION_NOUNS = AR_REGION_HEADS - frozenset(normalize(w) for w in "مخيم حي مقاطعة بلدية".split())
"""The region nouns a name never runs through ("بمنطقة تبوك", "مجلس محافظة أربيل"): the heads above without the
camp, the quarter, the district and the municipality (round wt-q35 measured this smaller set only)."""
FROM = normalize("من")
PREPOSITION_HAMZA = ("بإ", "بأ", "لإ", "لأ", "وبإ", "وبأ", "ولإ", "ولأ")
"""ب or ل joined to a word that opens with a written hamza ("بإعادة", "لإلغاء", "بأهمية"): a
preposition and a noun, "by returning", "to cancel"; Arabic given and family names do not open so."""


class _Word(Protocol):
    text: str
    word: bool

    @property
    def norm(self) -> str: ...


_T = TypeVar("_T", bound=_Word)


def preposition_noun(text: str) -> bool:
    """"بإعادة", "لإلغاء": a preposition joined to a hamza noun, which ends a name (hamza as written:
    normalisation would make "بإعادة" look like "باسل")."""
    return text.startswith(PREPOSITION_HAMZA) and len(text) >= 4


AR_FORM_TWO_NAMES = frozenset(normalize(w) for w in "توفيق تحسين تسنيم تغريد".split())
"""Given names of the verbal-noun pattern تفعيل (Tawfiq, Tahsin, Tasnim, Taghrid): names, not nouns."""


def verbal_noun_object(tokens: Sequence[_Word], k: int) -> bool:
    """"أعلن محافظ نينوى عبد القادر الدخيل تشكيل لجنة", "أعلن الوالي يوسف بشلاوي توقيف الخط": a verbal
    noun of the pattern تفعيل (تشكيل، توقيف، تمديد) between a word and its complement is the verb's
    object, no part of a name (it was read as "بشلاوي توقيف", or as the speaker "تشكيل")."""
    norm = tokens[k].norm
    if not (_form_two_noun(norm) or norm[:1] in "بل" and _form_two_noun(norm[1:]) or _accusative_verbal_noun(norm)):
        return False  # "بتشديد العقوبات" after طالب: by + the verbal noun, the object of the demand
    return 0 < k < len(tokens) - 1 and tokens[k - 1].word and tokens[k + 1].word


AR_ACCUSATIVE_VERBAL_NOUN = re.compile(r"^(?:ت..ي.|ا.ت.ا.|ا..ا.|است..ا.)ا$")
"""Verbal nouns with the indefinite accusative ending ا, of the patterns تفعيل، افتعال، إفعال، استفعال
("تحذيرا", "انتقادا", "إعلانا", "استنكارا"): the object of a narrating verb ("ووجهت النائبة X الشمري
انتقادا للحكومة"), never a name word (a name is not read in these patterns with the accusative ending)."""


def _accusative_verbal_noun(norm: str) -> bool:
    """Whether a word is an indefinite accusative verbal noun (``AR_ACCUSATIVE_VERBAL_NOUN``)."""
    return AR_ACCUSATIVE_VERBAL_NOUN.match(norm) is not None


def _form_two_noun(norm: str) -> bool:
    """A word of the verbal-noun pattern تفعيل ("تشكيل", "تشديد") that is not a given name of that pattern."""
    return len(norm) == 5 and norm[0] == "ت" and norm[3] == "ي" and norm not in AR_FORM_TWO_NAMES


AR_WAW_GIVEN_NAMES = frozenset(normalize(w) for w in """وليد وائل وفاء وداد وسام وجدي وهيب وصفي وديع وحيد وضاح
ولاء وئام وعد وجيه وفيق وليم وهبة""".split())
"""Given names that open with و (Walid, Wael, Wafaa ...): at a sentence's start such a word is the name."""
SENTENCE_ENDS = frozenset(".!?؟")


def opening_verb(tokens: Sequence[_Word], k: int) -> bool:
    """"وتخشى مريم X، المرشدة في ...", "ووقفت سعاد X، وهي أم ...": a word with the conjunction و that
    opens a sentence, before a name, is the sentence's verb (Arabic news prose puts the verb first and
    does not open a sentence with "and NAME"); the word lists know too few verbs for elimination to keep
    it out of the run, which then lost the family name as "the verb's object"."""
    norm = tokens[k].norm
    if verb_before_title(tokens, k):
        return True
    if len(norm) < 4 or norm[0] != "و" or norm in AR_WAW_GIVEN_NAMES or k + 1 >= len(tokens) or not tokens[k + 1].word:
        return False
    return k == 0 or (not tokens[k - 1].word and tokens[k - 1].text in SENTENCE_ENDS)


AR_LEAD_WORDS = 4
"""Most words of a phrase that opens a sentence before its comma and its verb ("وفي ختام جولته،", "من جانبه،")."""


def verb_before_title(tokens: Sequence[_Word], k: int) -> bool:
    """"وفي ختام جولته، عاد المحافظ ليؤكد", "عاد الوزير ليحذر": a word the lists do not know that opens a
    sentence or follows its short opening phrase, before a definite title (المحافظ، الوزير، القاضي), is the
    sentence's verb and the title its subject (Arabic puts the verb first); read as a given name and a
    family name, "عاد المحافظ" became a person."""
    if k + 1 >= len(tokens) or not tokens[k + 1].word or not tokens[k + 1].norm.startswith("ال"):
        return False
    if tokens[k + 1].norm[2:] not in AR_GENERIC or tokens[k].norm.startswith("ال"):
        return False
    if k == 0 or (not tokens[k - 1].word and tokens[k - 1].text in SENTENCE_ENDS):
        return True
    if tokens[k - 1].text not in "،,":
        return False
    for j in range(k - 2, max(-1, k - 3 - AR_LEAD_WORDS), -1):
        if j < 0 or (not tokens[j].word and tokens[j].text in SENTENCE_ENDS):
            return j < k - 2  # the comma closes a phrase the sentence opened with
        if not tokens[j].word:
            return False
    return False


def region_noun(token: _Word) -> bool:
    """"محافظة", "لمدينة", "بمنطقة": a region noun, bare or after و/ب/ل; the word after it names the region."""
    return token.word and (token.norm in AR_REGION_NOUNS or token.norm[1:] in AR_REGION_NOUNS)


def _region_head(word: str) -> bool:
    """"ولاية", "بمحافظة", "وفي مدينة"'s "مدينة": a region noun, bare or after و/ب/ل/ف."""
    return word in AR_REGION_HEADS or (len(word) > 3 and word[0] in "وبلف" and word[1:] in AR_REGION_HEADS)


def place_run(subject: Sequence[_Word], first: int, end: int) -> bool:
    """The run subject[first:end] is a place after a person named in full: it follows a region noun
    ("الهنائي من ولاية بهلا") or من right after the name ("سالم الهنائي من بهلا"), in one or two words."""
    words = [t for t in subject[first:end] if t.word]
    if first == 0 or not 1 <= len(words) <= 2:
        return False
    before = subject[first - 1].norm
    return _region_head(before) or (before == FROM and len(words) == 1)


def person_runs(subject: Sequence[_Word], runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs without the places that follow a full name (a run of two words or more before them):
    "المزارع سالم بن خلفان الهنائي من ولاية بهلا" keeps the farmer, not "بهلا". A place alone stays
    (other readers decide what it is)."""
    kept: list[tuple[int, int]] = []
    for first, end in runs:
        full_before = any(sum(t.word for t in subject[a:b]) >= 2 for a, b in kept)
        if full_before and place_run(subject, first, end):
            continue
        kept.append((first, end))
    return kept


EN_TITLE_DOMAINS = frozenset("""
agriculture fisheries water resources health finance interior defence defense foreign affairs economy
economic energy education justice transport transportation labour labor trade industry tourism culture
information communications environment housing planning oil petroleum gas hajj umrah religious social
youth sport sports state home commerce investment media mines minerals mining electricity works public
infrastructure development rural urban municipal municipalities endowments awqaf immigration security
national digital technology science higher treasury welfare family women heritage civil aviation
""".split())
"""Domains of a ministry or an office ("Minister of Agriculture", "Secretary of State"): after a title
and "of" they complete the title, and are never a person's name."""


def after_title_of(tokens: Sequence[_Word], k: int) -> bool:
    """tokens[k] is the "of" of a title ("Minister of", "Secretary of")."""
    return k >= 1 and tokens[k].text == "of" and tokens[k - 1].text.lower() in EN_TITLES


def without_domain(words: list[_T]) -> list[_T]:
    """A subject written right after "<title> of" without its leading domain words ("Agriculture Karim
    Al Harthy" -> "Karim Al Harthy"); a subject that is all domain stays as it is."""
    cut = 0
    while cut < len(words) and words[cut].text.lower() in EN_TITLE_DOMAINS:
        cut += 1
    return words[cut:] if cut < len(words) else words


def member_after_body(words: Sequence[_Word], after_of: bool) -> int:
    """Where a member's name starts in "State Council Aisha Al Rawahi" ("Member of the State Council Aisha
    Al Rawahi said", "Member of Parliament Laura Benson"), else 0: a body word (Council, Parliament)
    followed by a capitalised name of two words or more that are not titles only. Read as one run, the
    member was the body, and her "she said" went to the speaker before. The body word must follow another
    capitalised word or "of" ("Union Pacific Railroad" is a company)."""
    heads = [j for j, t in enumerate(words) if t.text.lower() in EN_ORG_WORDS]
    if not heads or not (heads[-1] >= 1 or after_of):
        return 0
    rest = words[heads[-1] + 1:]
    if len(rest) < 2 or rest[-1].text.lower() in EN_TITLES or sum(t.text.lower() not in EN_TITLES for t in rest) < 2:
        return 0
    capitalised = all(t.text[:1].isupper() and t.text.replace("-", "").replace("'", "").isalpha() for t in rest)
    return heads[-1] + 1 if capitalised else 0


def english_person_runs(tokens: Sequence[_Word], runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs after "<title> of" lose the title's domain ("Minister of Agriculture Karim Al Harthy" is
    "Karim Al Harthy"; "Secretary of State Marco Rubio" is "Marco Rubio"); a run that is only a
    domain ("Minister of Agriculture and Rural Development") is no mention at all."""
    out: list[tuple[int, int]] = []
    for first, end in runs:
        if first >= 2 and after_title_of(tokens, first - 1):
            while first < end and (not tokens[first].word or tokens[first].text.lower() in EN_TITLE_DOMAINS):
                first += 1
        first += member_after_body(tokens[first:end], first >= 1 and tokens[first - 1].word and (
            tokens[first - 1].text == "of" or tokens[first - 1].text[:1].isupper()))  # "State" left out as a title
        if first < end:
            out.append((first, end))
    return out


AR_SAY_ONLY = frozenset(normalize(w) for w in "قال قالت يقول تقول أضاف أضافت يضيف تضيف صرح صرحت أفاد أفادت أردف أردفت".split())
"""Reporting verbs that take no noun object ("said", "added"): a definite word right after the name that
follows one is no object of it."""
AR_SAY_WORDS_BACK = 8
AR_CLAUSE_VERBS = frozenset(normalize(w) for w in """أكد أكدت يؤكد تؤكد أوضح أوضحت يوضح توضح أشار أشارت يشير
تشير اعتبر اعتبرت يعتبر تعتبر رأى رأت يرى ترى أعلن أعلنت كشف كشفت ذكر ذكرت شدد شددت يشدد تشدد لفت لفتت نفى نفت
حذر حذرت""".split())
"""Reporting verbs that take a clause after أن / إن but never a noun and then that clause ("أكد الوزير الاتفاقات
أن" is no Arabic): before إن / أن a definite word in ات right after one given name is the family name. Not
أبلغ / أخبر, which take a listener first ("أبلغ الوزير السلطات أن")."""


def family_before_clause(tokens: Sequence[_Word], start: int, k: int) -> bool:
    """"وقال محافظ البنك المركزي علي محسن العلاق، في مؤتمر صحفي، إن": a definite word after a name of two words
    is read as the verb's object ("جدعون ساعر القرار") unless it ends in ي; after "said" there is no object, so
    when the word closes the subject (a comma or إن / أن comes next) it is the family name. A weekday or a
    title word there ("الأحد", "الوزير") is not."""
    if k - start not in (1, 2) or k + 1 >= len(tokens) or not tokens[k].norm.startswith("ال") or len(tokens[k].norm) <= 4:
        return False
    if any(t.norm.startswith("ال") or not t.word for t in tokens[start:k]) or tokens[k].norm in AR_SUBJECT_STOPS:
        return False
    bare = tokens[k].norm[2:]
    if bare in AR_GENERIC or tokens[k].norm in AR_GENERIC or tokens[k].norm.endswith("يه"):
        return False
    if not _closes_subject(tokens[k + 1]) or (k - start == 1) != tokens[k].norm.endswith("ات"):
        return False  # one given word: only a family name in ات ("محمود الحسنات،") was read as an object
    verbs = AR_SAY_ONLY | AR_CLAUSE_VERBS if tokens[k + 1].norm in AR_COMPLEMENTIZERS else AR_SAY_ONLY
    for j in range(start - 1, max(-1, start - 1 - AR_SAY_WORDS_BACK), -1):
        if not tokens[j].word:
            return False
        if tokens[j].norm in verbs or (tokens[j].norm[:1] in "وف" and tokens[j].norm[1:] in verbs):
            return True
    return False


AR_SUBJECT_CLOSERS = frozenset("في خلال أمام عبر لدى".split())
"""Prepositions that open the circumstance of a saying ("في كلمة", "خلال مؤتمر", "أمام البرلمان"): the
subject ends before them. Compared as written (folding «على» meets «علي»)."""


def _closes_subject(closer: _Word) -> bool:
    """A comma, colon, إن / أن or a preposition of circumstance after "said NAME": the subject ends there."""
    return closer.text in "،,:" or closer.norm in AR_COMPLEMENTIZERS or closer.text in AR_SUBJECT_CLOSERS


def body_of_place(token: _Word) -> bool:
    """"الباحثة في التراث بجامعة قطر مريم الخاطر": ب / ل and a body's head ("بجامعة", "لمركز") whose one-word
    name (a place) runs on into the person's: the title's last phrase, and no part of the name after it."""
    norm = token.norm
    return token.word and norm[:1] in "بل" and not norm.startswith("ال") and norm[1:] in AR_ORG_HEADS - AR_ORG_NAMES


def body_of(tokens: Sequence[_Word], k: int, lang: str) -> bool:
    """English "of"/"for"/"to" between a capitalised institution word and a capitalised word: the body's name
    goes on ("Bank of England", "Committee to Protect Journalists"); "Smith of Reuters" stays two names."""
    if lang != "ar" and tokens[k].text == "and":
        return and_in_body_name(tokens, k)
    if lang == "ar" or tokens[k].text not in {"of", "for", "to"} or k + 1 >= len(tokens) or k == 0:
        return False
    before, after = tokens[k - 1], tokens[k + 1]
    return (before.text[:1].isupper() and before.text.lower() in EN_ORG_WORDS and after.word
            and after.text[:1].isupper())


def and_in_body_name(tokens: Sequence[_Word], k: int) -> bool:
    """"the Forum for Economic and Social Rights", "Ministry of Labour and Social Affairs": "and" between
    capitalised words after a body's "for"/"of" joins that body's name (not "Egypt and Ethiopia said")."""
    j = k - 1
    while j > 0 and k - j <= 3 and tokens[j].word and tokens[j].text[:1].isupper():
        j -= 1
    return (0 < j < k - 1 and tokens[j].text in {"of", "for"} and tokens[j - 1].text[:1].isupper()
            and tokens[j - 1].text.lower() in EN_ORG_WORDS and k + 1 < len(tokens) and tokens[k + 1].word
            and tokens[k + 1].text[:1].isupper())
