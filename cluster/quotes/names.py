"""Proper names in a paragraph or an article, and the name a title or a surname stands for.

An article names a speaker once in full ("المبعوث الأميركي الخاص إلى الشرق الأوسط ستيف ويتكوف", "US
special envoy to the Middle East Steve Witkoff") and afterwards by title ("المبعوث الأميركي", "the
envoy") or by surname ("الشيباني"); a headline often uses the short form before the body gives the
full one. ``described_name`` and ``full_name`` find the full mention in the article's own text, so
these references resolve without a model: a mention is a run of name tokens (``name_runs``) and the
words just before it (its title).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from cluster.quotes.boundary import (
    AR_REGION_NOUNS,
    body_of,
    body_of_place,
    english_person_runs,
    family_before_clause,
    opening_verb,
    person_runs,
    preposition_noun,
    region_noun,
    verbal_noun_object,
)
from cluster.quotes.letters import letter_n, spelled_start
from cluster.quotes.lexicon import (
    AR_ACCOUNT_VERBS,
    AR_ADVERBS,
    AR_COMPLEMENTIZERS,
    AR_GENERIC,
    AR_LAM_GIVEN_NAMES,
    AR_MANNER,
    AR_NUMBER_WORDS,
    AR_PARTICIPLES,
    AR_SUBJECT_STOPS,
    AR_TITLE_ADJECTIVES,
    AR_TITLE_PREPOSITIONS,
    AR_VERBS,
    EN_DETERMINERS,
    EN_NAME_PARTICLES,
    EN_TITLES,
    TOKEN,
)
from cluster.quotes.name_words import closing_amin, feminine_given_name
from cluster.quotes.pronoun_titles import title_with_pronoun
from cluster.quotes.sources import AR_ORG_HEADS, AR_ORG_NAMES, AR_SPOKESPERSON, strip_prefix_article
from cluster.textnorm import normalize

AR_NAME_LINKS = frozenset(normalize(w) for w in "أبو أبي أم بن ابن عبد العبد بنت آل".split())
"""Name parts always followed by another part (أبو سلمية, عبد الله, "سلمى العبد الله"): the next word is kept whatever it is."""
AR_COMPOUND_SECONDS = frozenset(normalize(w) for w in "الدين العابدين الزهراء الإسلام الهدى".split())
"""Second halves of a compound given name ("صلاح الدين الأيوبي", "فاطمة الزهراء المنصوري", "سيف الإسلام
القذافي"), after which a family name may follow."""
AR_NATIONALITIES = frozenset(normalize(w) for w in """
تركي أمريكي أميركي إسرائيلي فلسطيني مصري أردني سوري لبناني عراقي إيراني سعودي قطري إماراتي يمني ليبي سوداني
روسي صيني فرنسي بريطاني ألماني أوروبي أممي عربي دولي رسمي""".split())
"""Adjectives after a name that describe it ("ترامب الأميركي"), not a family name with the article."""
AR_FUNCTION_WORDS = frozenset(normalize(w) for w in """
كما قد لقد أما أن إن وأن وإن لا لم لن ما هذا هذه ذلك تلك التي الذي ثم حيث فيما بينما أيضا كان كانت وكان وكانت هو هي هم
بعد قبل عند حين هناك هنا أكثر أقل لكن ولكن""".split()) | AR_ACCOUNT_VERBS | AR_MANNER | AR_ADVERBS
"""Words that a run of names in running text never holds (an Arabic name token is only "not a
description", so verbs and particles must be kept out explicitly), and the manner adverbs that follow a
speaker's name ("نفاه الوزير بشدة", "يضيف الصغير بغضب")."""
EN_NOT_NAMES = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december according senior but and while in on at as if when after before
so yet or for with from by to of then also however meanwhile
""".split())
"""Capitalised at a sentence's start, these open it; they are no part of a name ("But Melrose")."""
ARABIC_PARTICLE_NAME = re.compile(r"(?:al|el|bin|ibn|abu)-[A-Z]")
LATIN = re.compile(r"[A-Za-z]")
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


class Token(NamedTuple):
    """A word or punctuation mark of a paragraph; offsets into the paragraph.

    A named tuple, not a dataclass: every paragraph of a corpus is tokenised, and building
    hundreds of thousands of frozen dataclasses dominated the quotes stage."""

    text: str
    start: int
    end: int
    word: bool

    @property
    def norm(self) -> str:
        return _normalized(self.text)


@lru_cache(maxsize=1 << 16)
def _normalized(text: str) -> str:
    """Every name test normalises the same few thousand words many times over."""
    return normalize(text)


_NEW_TUPLE = tuple.__new__


def tokenize(text: str) -> list[Token]:
    """Words and punctuation marks of a paragraph, with their offsets (built by ``tuple.__new__``, not the
    named tuple's own ``__new__``, a Python function: a quarter of the time, over every token of a corpus)."""
    return [_NEW_TUPLE(Token, (m[0], m.start(), m.end(), m.lastgroup == "w")) for m in TOKEN.finditer(text)]


@lru_cache(maxsize=4)
def article_tokens(text: str) -> list[Token]:
    """``tokenize`` of a whole article, kept for the next reader of the same text: extraction and the
    speaker chooser both index the article (never changed after: callers only read it)."""
    return tokenize(text)


@lru_cache(maxsize=8)
def article_runs(text: str, lang: str) -> list[tuple[int, int]]:
    """``name_runs`` of a whole article's tokens, kept like ``article_tokens`` (the costliest pass of
    the quote stage when it ran twice per article)."""
    tokens = article_tokens(text)
    return [piece for run in name_runs(tokens, lang) for piece in _within_lines(run, tokens, text)]


def _within_lines(run: tuple[int, int], tokens: list[Token], text: str) -> list[tuple[int, int]]:
    """A run cut at every line break inside it: a name never spans two lines or paragraphs (a byline
    "Daniel Whitcomb" over a dateline "BOSTON" is a name and a place, not "Whitcomb BOSTON")."""
    first, end = run
    pieces, start = [], first
    for k in range(first + 1, end):
        if "\n" in text[tokens[k - 1].end: tokens[k].start]:
            pieces.append((start, k))
            start = k
    pieces.append((start, end))
    return pieces


def strip_article(word: str) -> str:
    word = word.lower()
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    if word.startswith("al-") and len(word) > 4:
        word = word[3:]
    return word


def name_runs(tokens: list[Token], lang: str) -> list[tuple[int, int]]:
    """(first, end) token ranges of the runs of proper-name tokens, titles and descriptions left out.

    Arabic: a run goes on through a linking part (أبو, عبد) and through a family name with the article
    right after a given name (أسعد الشيباني, محمد شياع السوداني)."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    previous_generic = False
    for k, token in enumerate(tokens):
        if start is not None and (_extends(tokens[start:k], token, lang) and not _object_follows(tokens, k, lang) or (
                lang == "ar" and family_before_clause(tokens, start, k))):
            continue
        if start is not None and lang != "ar" and token.text.lower() in EN_NAME_PARTICLES and k + 1 < len(tokens) and (
                tokens[k + 1].text[:1].isupper()):
            continue  # "Prince Abdulaziz bin Salman": one name
        if start is not None and body_of(tokens, k, lang):
            continue  # "Central Bank of Libya", "Office for National Statistics": one body, not "Libya"
        if lang == "ar" and token.word and letter_n(tokens, k) and (
                (first := spelled_start(tokens, k)) == 0 or strip_prefix_article(tokens[first - 1].norm) in AR_ORG_HEADS):
            start = first if start is None else start  # "شبكة سي إن إن": N spelled إن is a letter of the name the
            continue  # head noun takes; after a body's full name («إن بي إس») it only abbreviates it
        if token.word and (is_name_token(token, lang, previous_generic) or _given_name(tokens, k, lang)) and (
                not conjoined_noun(token, lang)) and not _genitive_of(tokens, k, lang) and not joined_definite(tokens, k, lang) and (
                not _definite_with_clitic(tokens, k, lang)) and not _place_before_name(tokens, k, lang, start) and (
                lang != "ar" or not (verbal_noun_object(tokens, k) or opening_verb(tokens, k))):
            if start is None:
                start = k
            previous_generic = False
            continue
        if start is not None:
            runs.append(_after_place(tokens, start, k, lang))
            start = None
        norm = token.norm
        indefinite = not norm.startswith(("ال", "لل"))
        previous_generic = lang == "ar" and (norm in AR_GENERIC or (indefinite and norm.endswith(("يه", "ي")))) and (
            not opening_verb(tokens, k))  # "وتخشى سلمى": a verb in ى is no adjective before a name in ي
    if start is not None:
        runs.append(_after_place(tokens, start, len(tokens), lang))
    return runs if lang == "ar" else english_person_runs(tokens, runs)


AR_PLACE_TITLES = frozenset(normalize(w) for w in "والي حاكم محافظ عمدة".split())
"""Titles whose complement is a place ("والي إزمير سليمان إلبان", "حاكم دبي"): the place is no name."""


def _place_before_name(tokens: list[Token], k: int, lang: str, start: int | None) -> bool:
    """"رئيس حركة حماس في غزة خليل الحية" ("الباحثة بجامعة قطر مريم الخاطر": after ب / ل and a body's head
    too): the word right after في is a place, and a name may follow it;
    starting the run after the place lets the family name with ال join the given name. After a title
    of a place ("والي إزمير") the word is that place whatever follows (a headline's "والي إزمير:" names
    no one: the body's "والي إزمير سليمان إلبان" does), and so after a region noun."""
    if lang != "ar" or start is not None or k == 0:
        return False
    if any(f in AR_PLACE_TITLES for f in (tokens[k - 1].norm, tokens[k - 1].norm[1:])) or region_noun(tokens[k - 1]):
        return True  # "مجلس محافظة أربيل", "بمنطقة تبوك": a region noun's word is the region's name too
    if (tokens[k - 1].norm != "في" and not body_of_place(tokens[k - 1])) or k + 1 >= len(tokens):  # "بجامعة قطر X"
        return False
    following = tokens[k + 1]
    return following.word and is_name_token(following, lang, False)


def _after_place(tokens: list[Token], start: int, end: int, lang: str) -> tuple[int, int]:
    """"في غزة محمود بصل": a run after في begins with the place, which is not part of the name."""
    if lang == "ar" and start > 0 and tokens[start - 1].norm == "في" and end - start >= 3:
        return start + 1, end
    return start, end


def _extends(run: list[Token], token: Token, lang: str) -> bool:
    if lang != "ar" or not token.word or not run:
        return False
    if run[-1].norm in AR_NAME_LINKS or token.text == "آل":
        return True  # "محمد بن راشد آل مكتوم": آل (the house of) joins the family name after it
    norm = token.norm
    if not ARABIC_LETTER.match(run[-1].text) or is_stop(token) or norm in AR_GENERIC or norm in AR_HONORIFICS:
        return False  # "صاحب السمو الشيخ X": an honorific, no family name of صاحب
    if norm in AR_COMPOUND_SECONDS and len(run) <= 2 and not run[-1].norm.startswith("ال"):
        return True  # "ركان ناصر الدين", "نور الدين بوطيب": the second half of a compound given name
    if norm.startswith("ال") and (len(run) <= 2 or (len(run) <= 5 and run[-2].norm in AR_NAME_LINKS)) and (
            len(norm) > 4) and not _has_family_name(run) and (  # "محمد بن عبد العزيز الخليفي": after a compound
            len(run) < 2 or run[-2].norm in AR_NAME_LINKS or norm.endswith("ي")  # "جدعون ساعر القرار"
            or run[-1].norm in AR_COMPOUND_SECONDS):  # "عز الدين الحداد"
        return strip_article(norm) not in AR_GENERIC and strip_article(norm).rstrip("هي") not in AR_NATIONALITIES
    return norm.endswith("يه") and not norm.startswith(("ال", "لل"))  # هانا تيتيه: a name, not an adjective


AR_HONORIFICS = frozenset(normalize(w) for w in "السمو الجلالة الفخامة السعادة المعالي السيادة".split())
"""The noun of an honorific ("صاحب السمو", "صاحب الجلالة"): a title before the name, never a family name."""


def _has_family_name(run: list[Token]) -> bool:
    """A run already ending in a family name with the article ("أيمن الصفدي"): a second one is the verb's
    object ("أيمن الصفدي الهجوم"); after a linking part it is the name's second half ("عبد الفتاح السيسي")."""
    last = run[-1].norm
    return last.startswith("ال") and last not in AR_COMPOUND_SECONDS and (
        len(run) < 2 or run[-2].norm not in AR_NAME_LINKS)


def _object_follows(tokens: list[Token], k: int, lang: str) -> bool:
    """"دان رئيس الحكومة نواف سلام الغارات الإسرائيلية": a definite word after a name is the verb's object,
    not a family name, when it is a plural (الغارات) or a noun its adjective follows (الهجوم الإسرائيلي);
    family names with the article (الشيباني، الأسد) are neither."""
    norm = tokens[k].norm
    if lang != "ar" or not norm.startswith("ال") or tokens[k].text == "آل":
        return False
    if norm.endswith("ات"):
        return True  # not "ين": عز الدين، زين العابدين
    if norm in AR_COMPOUND_SECONDS or (k > 0 and tokens[k - 1].norm in AR_NAME_LINKS):
        return False  # "نور الدين بوطيب", "عبد القادر الحصرية": the name's second half, not an object
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    if following is not None and following.word and is_name_token(following, lang, False) and (
            not verbal_noun_object(tokens, k + 1)) and (
            following.norm not in AR_NAME_LINKS and (k == 0 or tokens[k - 1].norm not in AR_NAME_LINKS)):
        return True  # 'بنك "كابيتال إيكونوميكس" البريطاني جيسون توفي', "شركة نفط البصرة خالد حمزة": a person follows
    return following is not None and following.word and following.norm.startswith("ال") and (
        following.norm.endswith(("يه", "يين", "يون")))


AMIN = normalize("أمين")


def _given_name(tokens: list[Token], k: int, lang: str) -> bool:
    """"وزير الصحة أمين التهراوي": أمين (secretary) is the given name Amin between the definite end of a
    title and a family name with ال (not "الأمين العام", "أمين عام الحزب", "وقال أمين العاصمة").
    "باسم نعيم": باسم is the name Basem before a name, "on behalf of" before a definite noun
    ("المتحدث باسم الوزارة") and after a spokesperson ("المتحدث باسم إدارة السجن": the spokesman of an
    institution, whatever the next word is)."""
    if lang == "ar" and (feminine_given_name(tokens, k, lambda t: is_name_token(t, lang, False)) or closing_amin(
            tokens, k, lambda t: is_name_token(t, lang, False))):
        return True  # "الدكتورة سامية حمادي", "شيلان حمه أمين إن"
    if lang == "ar" and tokens[k].norm == AMIN and 0 < k < len(tokens) - 1 and tokens[k - 1].word and (
            tokens[k + 1].word):
        after = tokens[k + 1].norm
        return tokens[k - 1].norm.startswith("ال") and after.startswith("ال") and len(after) > 4 and (
            strip_prefix_article(after) not in AR_GENERIC and after not in AR_TITLE_ADJECTIVES
            and strip_prefix_article(after) not in AR_TITLE_ADJECTIVES)
    if lang != "ar" or tokens[k].norm != "باسم" or k + 1 >= len(tokens) or not tokens[k + 1].word:
        return False
    if any(strip_prefix_article(t.norm) in AR_SPOKESPERSON for t in tokens[max(0, k - 2): k] if t.word):
        return False
    if k >= 2 and tokens[k - 2].norm == "باسم" and tokens[k + 1].norm.startswith("ال"):
        return True  # "المتحدث باسم الحكومة باسم العوادي": the second باسم is Basem
    return is_name_token(tokens[k + 1], lang, False)


def _genitive_of(tokens: list[Token], k: int, lang: str) -> bool:
    """"المرصد السوري لحقوق الإنسان": ل + a noun between two definite words is "of ...", no name (لاري
    and لافروف follow a title or a given name, not a definite noun, or no definite word follows them)."""
    if lang != "ar" or k == 0 or k + 1 >= len(tokens) or not tokens[k].norm.startswith("ل") or (
            tokens[k].norm in AR_LAM_GIVEN_NAMES):
        return False
    return tokens[k - 1].norm.startswith("ال") and tokens[k + 1].norm.startswith("ال") and (
        strip_prefix_article(tokens[k - 1].norm) not in AR_GENERIC)


def _definite_with_clitic(tokens: list[Token], k: int, lang: str) -> bool:
    """"المفوضة العامة بالإنابة": ب/و/ف + ال after a definite word is a noun, no name."""
    norm = tokens[k].norm
    return (lang == "ar" and norm.startswith(("بال", "وال", "فال")) and k > 0
            and tokens[k - 1].norm.startswith("ال") and strip_prefix_article(tokens[k - 1].norm) not in AR_GENERIC)


def conjoined_noun(token: Token, lang: str) -> bool:
    """"وحركة" in "إسرائيل وحركة حماس", "لحركة" in "عضو المكتب السياسي لحركة حماس حسام بدران": a
    conjunction or preposition and a description, which end a name."""
    norm = token.norm
    return lang == "ar" and len(norm) > 3 and norm[0] in "ولبف" and norm[1:] in AR_GENERIC


def joined_definite(tokens: list[Token], k: int, lang: str) -> bool:
    """"وزير النفط والمعادن والطاقة X": و with a definite word after a definite word goes on the title's
    list of domains, no name ("لوك والتون", after a given name, stays one)."""
    norm = tokens[k].norm
    return (lang == "ar" and k > 0 and len(norm) > 4 and norm.startswith("وال") and tokens[k - 1].word
            and tokens[k - 1].norm.startswith(("ال", "وال", "لل")))  # "جمعية ... للفنادق والمطاعم X"


def name_run(subject: list[Token], lang: str) -> str | None:
    """The last run of proper-name tokens in a subject phrase."""
    runs = person_runs(subject, name_runs(subject, lang)) if lang == "ar" else name_runs(subject, lang)
    if not runs:
        return None
    first, end = runs[0] if _titled_after(subject, runs, lang) else runs[-1]
    return " ".join(t.text for t in subject[first:end] if t.word)


def _titled_after(subject: list[Token], runs: list[tuple[int, int]], lang: str) -> bool:
    """"لوك والتون مدرب لاكيرز", "جون جولدسميث رئيس مجتمع كرومويل": a full name, then a title whose
    complement (a team, a body) is the later run: the person is the first run."""
    if lang != "ar" or len(runs) < 2:
        return False
    first, end = runs[0]
    words = [t for t in subject[first:end] if t.word]
    return len(words) >= 2 and end < len(subject) and subject[end].norm in AR_GENERIC


def is_stop(token: Token) -> bool:
    """A preposition or time word that ends a subject; the name علي is not the preposition على, which
    normalisation spells alike."""
    return token.norm in AR_SUBJECT_STOPS and not (token.norm == "علي" and token.text.endswith("ي"))


def is_name_token(token: Token, lang: str, after_generic: bool) -> bool:
    """Whether a word can be part of a proper name (memoised by its text: the name-run finder asks it of
    every word of every paragraph it reads, and a corpus repeats the same few thousand words)."""
    return _is_name_text(token.text, lang, after_generic)


@lru_cache(maxsize=1 << 17)
def _is_name_text(text: str, lang: str, after_generic: bool) -> bool:
    token = Token(text, 0, len(text), True)  # only the text is read: its start, end and kind do not matter
    if ARABIC_PARTICLE_NAME.match(text):
        return True
    if LATIN.match(text):
        lowered = text.lower()
        return len(text) > 1 and text[0].isupper() and lowered not in EN_TITLES and lowered not in EN_DETERMINERS and (
            lowered not in EN_NOT_NAMES)
    if lang != "ar":
        return False
    norm = token.norm
    if (norm.startswith("ال") and not text.startswith("إل")) or norm.startswith("لل") or norm in AR_GENERIC or len(norm) < 2 or norm[0].isdigit():
        return False
    if norm in AR_TITLE_PREPOSITIONS or is_stop(token) or norm in AR_FUNCTION_WORDS or norm in AR_COMPLEMENTIZERS:
        return False
    if norm in AR_NUMBER_WORDS or norm in AR_TITLE_ADJECTIVES or norm in AR_SPEECH_NOUNS:
        return False  # "عن الوزير X قوله إن": "his saying" ends the name
    forms = [norm, norm[1:]] if norm[0] in "وفل" and len(norm) > 3 else [norm]
    if norm[0] == "و" and any(f in AR_TITLE_ADJECTIVES or f in AR_GENERIC or f in AR_NUMBER_WORDS for f in forms[1:]):
        return False  # "رئيس أرامكو وكبير إدارييها", "محاكمة الوزير X وستة رجال أعمال": و joins another, no name
    if any(f in AR_VERBS or f in AR_PARTICIPLES or f in AR_ORG_NAMES for f in forms) or norm in AR_ORG_HEADS:
        return False  # an organisation's own name (حماس) ends a person's run: "لحركة حماس حسام بدران"
    if norm.endswith("يه") or preposition_noun(text):
        return False  # an indefinite feminine adjective: "مصادر أمنية تركية"
    if _clitic_noun(norm) or title_with_pronoun(norm):
        return False
    if len(norm) > 5 and norm.endswith(("يها", "يهم")):
        return False  # a plural noun with its pronoun ("كبير إدارييها", "أحد موظفيهم")
    return not (after_generic and norm.endswith("ي"))


AR_SPEECH_NOUNS = frozenset(normalize(w) for w in "قوله قولها قولهم تأكيده تأكيدها تصريحه تصريحها".split())


def _clitic_noun(norm: str) -> bool:
    """A region noun, bare or after a preposition ("بمنطقة تبوك", "في مدينة"), or a noun after و/ب/ل that
    carries a possessive pronoun ("ومقرها سنغافورة": "and its seat is Singapore"): no part of a name."""
    stem = norm[1:] if norm[0] in "وبل" else ""
    return norm in AR_REGION_NOUNS or stem in AR_REGION_NOUNS or (len(stem) > 4 and stem.endswith(("ها", "هم")))


def mention_key(token: Token, lang: str) -> str:
    """How a mention's word is compared: Arabic without its article, other scripts lower-cased."""
    return strip_article(token.norm) if lang == "ar" else token.text.lower()
