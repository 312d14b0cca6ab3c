"""Titles and descriptions of a name's mentions: "the envoy" finds "US special envoy ... Steve Witkoff".

Split from ``names`` (which finds the runs of name tokens): a mention's title is the few words before
its run, and a description ("المبعوث الأميركي", "the minister") is resolved to the mention whose title
shares most words with it; an acronym to the run whose initials spell it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cluster.quotes.boundary import region_noun
from cluster.quotes.lexicon import (
    AR_COMPLEMENTIZERS,
    AR_GENERIC,
    AR_TIME_PREPOSITIONS,
    AR_TIME_WORDS,
    AR_VERBS,
    EN_DETERMINERS,
    EN_TITLES,
    EN_VERBS,
)
from cluster.quotes.names import (
    AR_PLACE_TITLES,
    LATIN,
    Token,
    conjoined_noun,
    is_name_token,
    joined_definite,
    mention_key,
)
from cluster.quotes.sources import AR_ORG_HEADS, strip_prefix_article
from cluster.textnorm import normalize

MENTION_WINDOW = 9
"""Words before a name that can hold its title ("وكيل الأمين العام للأمم المتحدة للشؤون الإنسانية")."""
DESCRIPTION_STOPWORDS = frozenset(normalize(w) for w in "في من عن على إلى باسم the of to for in a an".split())


EN_TITLE_ACRONYMS = {"ceo": ("chief", "executive"), "cfo": ("chief", "financial"), "coo": ("chief", "operating")}
"""A title's acronym in a headline ("CEO says") and its words in the body ("Chief Executive Amin Nasser")."""


def described_name(description: list[str], tokens: list[Token], runs: list[tuple[int, int]], lang: str,
                   before: int | None, fits: Callable[[str], bool] | None = None) -> str | None:
    """The name a description refers to: the mention whose title holds its head noun ("الوزير المصري"
    is a minister, not "الوفد المصري X") and shares most words with it, the nearest before offset
    ``before`` first (None: anywhere, for a headline that precedes the body); ``fits``: whether a name may be the one described (a gendered description: "the spokeswoman")."""
    wanted = {title_key(w, lang) for w in description}
    wanted |= {title_key(w, lang) for d in description for w in EN_TITLE_ACRONYMS.get(d.lower(), ())}
    wanted -= {title_key(w, lang) for w in DESCRIPTION_STOPWORDS}
    head = title_key(description[0] if lang == "ar" else description[-1], lang) if description else ""
    best: tuple[bool, int, int, str] | None = None
    for first, end in runs:
        if before is not None and tokens[first].start >= before:
            break
        title = _title_words(tokens, first, lang) | apposed_title(tokens, end, lang)
        if _other_nisba(description, tokens, first) if lang == "ar" else _other_demonym(description, tokens, first):
            continue  # "الوزير المصري" is not "وزير المياه الإثيوبي X"; "the Egyptian minister" no "Jordanian Minister X"
        if lang != "ar" and _adjective_run(tokens, first, end):
            continue  # "A former Algerian industry minister": a nationality before its noun names no one
        if lang == "ar" and _agent_of(head, tokens, first):
            continue  # "والمودعة" is not "وكيل المودعة المحامي X": her lawyer, not her
        score = len(wanted & title)
        first, end = _holder_after_body(tokens, runs, first, end, lang)
        if score and (fits is None or fits(_mention_text(tokens, first, end, lang))):
            candidate = (head in title or bool(title & COUNTERPART_KEYS), score, first if before is not None else -first,
                         _mention_text(tokens, first, end, lang))
            best = candidate if best is None or candidate[:3] > best[:3] else best
    return best[3] if best else None


def _holder_after_body(tokens: list[Token], runs: list[tuple[int, int]], first: int, end: int,
                       lang: str) -> tuple[int, int]:
    """"الرئيس التنفيذي لشركة قطارات الاتحاد، شادي ملك، إن": the run after "ل + a body's head" is the
    company the title belongs to; the name set off by commas right after it holds the title (the run
    itself otherwise)."""
    if lang != "ar" or first == 0 or end >= len(tokens) or tokens[end].text not in "،,":
        return first, end
    head = tokens[first - 1].norm
    if not (head.startswith("ل") and not head.startswith("لل") and strip_prefix_article(head[1:]) in AR_ORG_HEADS):
        return first, end
    holder = next(((a, b) for a, b in runs if a == end + 1), None)
    if holder is None or holder[1] >= len(tokens) or tokens[holder[1]].text not in "،,":
        return first, end
    return holder


def _nisbas(words: list[str]) -> set[str]:
    """Definite masculine nisba adjectives of a title, by stem ("المصري" -> مصر, "الإثيوبي" -> اثيوب)."""
    found = set()
    for word in words:
        norm = normalize(word)
        norm = norm[1:] if norm.startswith("وال") else norm
        if norm.startswith("ال") and norm.endswith("ي") and len(norm) >= 6:
            found.add(title_key(norm, "ar"))
    return found


def _other_nisba(description: list[str], tokens: list[Token], first: int, own_paragraph: bool = False) -> bool:
    """Whether the description gives a nationality and the mention's title another one (``own_paragraph``:
    read no further back than the mention's paragraph, whose headline may hold a nisba of its own)."""
    wanted = _nisbas(description)
    if not wanted:
        return False
    lo = max(0, first - MENTION_WINDOW)
    if own_paragraph:
        lo = next((k for k in range(first - 1, lo, -1) if tokens[k].start - tokens[k - 1].end >= 2), lo)
    given = _nisbas([t.text for t in tokens[lo: first] if t.word])
    return bool(given) and not wanted & given


DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ese|ish|i|ch)")
"""A nationality adjective ("Egyptian", "Chinese", "British", "Israeli", "French"), capitalised."""


def _demonyms(words: list[str]) -> set[str]:
    """The nationality adjectives among title words ("Chairman", "Spokeswoman": titles ending in -man are none)."""
    return {w.lower() for w in words if DEMONYM.fullmatch(w) and not w.lower().endswith(("man", "men"))}


def _adjective_run(tokens: list[Token], first: int, end: int) -> bool:
    """A run of one nationality adjective with a lower-case noun after it ("Algerian industry minister")."""
    run = [t for t in tokens[first:end] if t.word]
    following = tokens[end] if end < len(tokens) else None
    return (len(run) == 1 and bool(_demonyms([run[0].text])) and following is not None and following.word
            and following.text.islower())


def _other_demonym(description: list[str], tokens: list[Token], first: int) -> bool:
    """English ``_other_nisba``: "the Egyptian minister" is not "Jordanian Foreign Minister Ayman Safadi",
    whose title (the words before his name, up to a verb or another name) gives another nationality."""
    wanted = _demonyms(description)
    if not wanted:
        return False
    given = _demonyms(_title_texts(tokens, first, "en"))
    return bool(given) and not wanted & given


def titles_of(name: str, tokens: list[Token], runs: list[tuple[int, int]], lang: str) -> set[str]:
    """The title words (``title_key``) the article puts before any mention of this name."""
    last = mention_key(Token(name.split()[-1], 0, 0, True), lang) if name.split() else ""
    words: set[str] = set()
    for first, end in runs:
        run = [t for t in tokens[first:end] if t.word]
        if run and mention_key(run[-1], lang) == last:
            words |= _title_words(tokens, first, lang) | apposed_title(tokens, end, lang)
    return words


def title_key(word: str, lang: str) -> str:
    """A title word compared by its stem: the article, لل and a nisba ending go ("الأممي", "للأمم" ->
    أمم; "المصري", "مصر"), so that a description meets the title its person was introduced with."""
    if lang != "ar":
        return word.lower()
    stem = strip_prefix_article(normalize(word))
    for ending in ("يه", "ي"):
        if stem.endswith(ending) and len(stem) - len(ending) >= 3:
            return stem[: -len(ending)]
    return stem


COUNTERPART_KEYS = frozenset({"counterpart"} | {title_key(w, "ar") for w in "نظير نظيره نظيرها نظيرته نظيرتها".split()})
""""مع نظيره الإيراني عباس عراقجي", "his Iranian counterpart Abbas Araqchi": a counterpart holds the office of
the one he meets, so "الوزير الإيراني" may be him though his own title never says وزير."""


AR_AGENT_NOUNS = frozenset(title_key(w, "ar") for w in """وكيل وكيلة محامي محامية زوج زوجة ابن ابنة شقيق شقيقة
والد والدة مستشار مستشارة مساعد مساعدة نائب نائبة""".split())
"""Nouns of someone acting for, or related to, the noun after them ("وكيل المودعة", "نائب الوزير")."""


def _agent_of(head: str, tokens: list[Token], first: int) -> bool:
    """Whether the description's head stands in the mention's title only as the complement of an agent
    noun ("وكيل المودعة المحامي نديم خوري" for "المودعة"; "نائب الوزير X" for "الوزير"): that mention
    is the one who acts for the person described, not that person."""
    texts = _title_texts(tokens, first, "ar")  # nearest first: texts[i + 1] is the word before texts[i]
    for i, text in enumerate(texts):
        if title_key(text, "ar") == head:
            return i + 1 < len(texts) and title_key(texts[i + 1], "ar") in AR_AGENT_NOUNS
    return False


def _title_words(tokens: list[Token], first: int, lang: str) -> set[str]:
    """The title words of the mention at ``first``, by ``title_key`` (English compound words split too)."""
    words: set[str] = set()
    for text in _title_texts(tokens, first, lang):
        words.add(title_key(text, lang))
        if lang != "ar" and "-" in text:
            words.update(text.lower().split("-"))
    return words


APPOSED_TITLE_WORDS = 6
"""Longest title set off by commas after a name ("، محافظ الإسكندرية،", ", the governor of Alexandria,")."""


def apposed_title(tokens: list[Token], end: int, lang: str) -> set[str]:
    """"أصدر اللواء أحمد خالد حسن سعيد، محافظ الإسكندرية، قرارا" / "Ahmed Saeed, the governor of Alexandria,
    said": a title between two commas right after the name is his as much as one before it, so that "وقال
    المحافظ" / "the governor said" later finds him. The words by ``title_key``; none when no person title
    opens the phrase or no comma or full stop closes it."""
    if end + 1 >= len(tokens) or tokens[end].text not in "،,":
        return set()
    words: list[str] = []
    for token in tokens[end + 1: end + 2 + APPOSED_TITLE_WORDS]:
        if not token.word:
            break
        words.append(token.text)
    closer = tokens[end + 1 + len(words)] if end + 1 + len(words) < len(tokens) else None
    if not words or len(words) > APPOSED_TITLE_WORDS or closer is None or closer.text not in "،,.":
        return set()
    if lang == "ar":
        opened = strip_prefix_article(normalize(words[0])) in AR_GENERIC - AR_ORG_HEADS
    else:
        head = words[1] if words[0].lower() in EN_DETERMINERS and len(words) > 1 else words[0]
        opened = head.lower() in EN_TITLES and not head[:1].isupper()
    return {title_key(w, lang) for w in words} if opened else set()


def _title_texts(tokens: list[Token], first: int, lang: str) -> list[str]:
    """The words before the mention at ``first`` that can title it, as written, nearest first."""
    words: list[str] = []
    comma: int | None = None  # how many words were read when the first comma was passed
    for k in range(first - 1, max(0, first - MENTION_WINDOW) - 1, -1):
        token = tokens[k]
        if not token.word and token.text not in "،,()-–":
            break
        if token.text in "،," and comma is None:
            comma = len(words)
        if token.word and lang == "ar" and (token.norm in AR_TIME_WORDS or token.norm in AR_TIME_PREPOSITIONS):
            break  # "أعلنت وزارة النقل، السبت، زيادة ...", "وزير المعادن بعد انهيار بئر X": no title across a time
        if token.word and (token.text.lower() in EN_VERBS or token.norm in AR_VERBS or (
                lang == "ar" and token.norm in AR_COMPLEMENTIZERS)):
            break  # "governor says as wildfire near Izmir": a verb ends the title; the place is no governor; nor
            # is a name after أن titled by the words before it ("ويرد المحافظ بأن لجان الرقابة": لجان is no governor)
        if token.word:
            words.append(token.text)
            if is_name_token(token, lang, False) and not conjoined_noun(token, lang) and not joined_definite(tokens, k, lang) and (
                    k == 0 or (tokens[k - 1].norm not in AR_PLACE_TITLES and not region_noun(tokens[k - 1]))):
                # "محافظ عدن", "رئيس المجلس البلدي لمدينة بيروت": a place, the title goes on
                if comma is not None and comma < len(words) - 1 and tokens[k + 1].text in "،,":
                    return words[:comma]  # "X، محافظ الإسكندرية، قرارا": the apposition is X's title
                break  # the words before another name are that name's title ("لوزارة" is none)
    return words


def _mention_text(tokens: list[Token], first: int, end: int, lang: str) -> str:
    """The name of a mention; an English run after "the"/"of"/"to" may begin with a place ("the
    Middle East Steve Witkoff"): its last two words are the name."""
    run = [t for t in tokens[first:end] if t.word]
    if lang != "ar" and len(run) >= 4 and first > 0 and tokens[first - 1].text.lower() in {"the", "of", "to"}:
        run = run[-2:]
    return " ".join(t.text for t in run)


def expanded_acronym(name: str, tokens: list[Token], runs: list[tuple[int, int]]) -> str | None:
    """"WHO" -> "World Health Organization", "IAEA" -> "International Atomic Energy Agency": the
    article's run of capitalised words whose initials spell the acronym (the speaker as named most fully)."""
    if not (2 <= len(name) <= 6 and name.isalpha() and name.isupper() and LATIN.match(name)):
        return None
    for first, end in runs:
        words = [t.text for t in tokens[first:end] if t.word]
        if len(words) == len(name) and "".join(w[0] for w in words) == name:
            return " ".join(words)
    return None



def construct_title_holder(description: list[str], tokens: list[Token], runs: list[tuple[int, int]],
                           before: int, fits: Callable[[str], bool] | None = None) -> str | None:
    """"وأكد وزير الطاقة السعودي أن" after "وزير الطاقة الأمير عبدالعزيز بن سلمان": an Arabic title in the
    construct state (made definite by its complement, no ال of its own) names the person the article
    introduced before with that title and that complement (both words: "مدير مستشفى" alone is any
    director), the nearest first. None when no mention before ``before`` holds both."""
    if len(description) < 2 or normalize(description[0]) not in AR_GENERIC or not normalize(description[1]).startswith(
            "ال"):
        return None  # not "وزير الطاقة ...": a title noun without ال made definite by the word after it
    head, complement = title_key(description[0], "ar"), title_key(description[1], "ar")
    found = None
    for first, end in runs:
        if tokens[first].start >= before:
            break
        title = _title_words(tokens, first, "ar") | apposed_title(tokens, end, "ar")
        name = _mention_text(tokens, first, end, "ar")
        if head in title and complement in title and not _other_nisba(description, tokens, first, True) and (
                fits is None or fits(name)):
            found = name
    return found


def institution_named(words: list[str], article_tokens: list[Token]) -> str | None:
    """A headline label without its head noun ("النقل:", "الصحة العالمية:") that the body names with an
    institution's head ("وزارة النقل", "منظمة الصحة العالمية"): that institution."""
    wanted = [normalize(w) for w in words]
    if not wanted or not wanted[0].startswith("ال"):
        return None
    tokens = [t for t in article_tokens if t.word]
    for k in range(1, len(tokens) - len(wanted) + 1):
        if strip_prefix_article(tokens[k - 1].norm) in AR_ORG_HEADS and (
                [t.norm for t in tokens[k: k + len(wanted)]] == wanted):
            return " ".join(t.text for t in tokens[k - 1: k + len(wanted)])
    return None
