"""The article's register of named persons: a family name or a title read alone resolved to one full name.

Why: an article names a speaker once in full ("وزير الخارجية السوري أسعد حسن الشيباني", "Chief Executive
Tony Douglas", "الرئيس التنفيذي للشركة، شادي ملك،") and then by the family name alone ("أما الشيباني
فقال", "وأضاف ملك،") or by the title alone ("the CEO said", "وأكد الوزير السوري"). The name runs miss
many Arabic full mentions (no capitals: "ملك" is also "king", a run runs on into "والسوري"), so the
register reads each person from the words the text sets right before the family name, where a title,
a nisba or a comma opens the full name. A reading resolves only when exactly one person of the article
fits: two people who share the family name or the title leave the quote unattributed (``AMBIGUOUS``),
since an editor prefers no name to a wrong one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cluster.quotes.boundary import region_noun
from cluster.quotes.fullnames import introduced
from cluster.quotes.gender import AR_PERSON_TITLES
from cluster.quotes.history import History, Speaker
from cluster.quotes.lexicon import AR_COMPLEMENTIZERS, AR_GENERIC, AR_VERBS, EN_TITLES, EN_VERBS
from cluster.quotes.names import (
    AR_COMPOUND_SECONDS,
    AR_NAME_LINKS,
    AR_NATIONALITIES,
    Token,
    is_name_token,
    is_stop,
    mention_key,
    strip_article,
)
from cluster.quotes.sources import AR_ORG_HEADS, PERSON, UNATTRIBUTED, strip_prefix_article
from cluster.quotes.titles import DESCRIPTION_STOPWORDS, EN_TITLE_ACRONYMS, _title_texts, _title_words, title_key
from cluster.textnorm import normalize

AMBIGUOUS = "\x00ambiguous"
"""Two or more persons of the article fit: no name should be given."""
GIVEN_WORDS = 3
"""Words a full Arabic name may set before the family name ("أسعد حسن الشيباني", "عبد القادر البناني")."""
AR_NOT_GIVEN = AR_GENERIC | AR_PERSON_TITLES | AR_NATIONALITIES | AR_VERBS


@dataclass(frozen=True)
class Person:
    """One named person of the article: the full name as first written, and the title words before it."""

    name: str
    family: str
    titles: frozenset[str]
    start: int = -1
    """Token index of the first given word: two readings that open at one word are one person."""


def _given_word(token: Token) -> bool:
    """Whether an Arabic word can be a given name before a family name: not a title, a nisba ("والسوري"),
    a verb, a preposition or a definite word (which is a title's complement, not a given name)."""
    norm = token.norm
    if not token.word or is_stop(token) or norm in AR_NOT_GIVEN or len(norm) < 2 or norm in AR_COMPLEMENTIZERS:
        return False
    if not is_name_token(token, "ar", False) or any(c.isdigit() for c in norm):
        return False
    if norm in AR_ORG_HEADS or (norm[:1] in "لبوفك" and norm[1:] in AR_ORG_HEADS | AR_NOT_GIVEN):
        return False  # "لشركة قطارات الاتحاد، شادي ملك": a body's head, not a given name
    return norm in AR_NAME_LINKS or not norm.startswith(("ال", "وال", "لل", "بال", "و"))


def _arabic_full_at(tokens: list[Token], k: int) -> Person | None:
    """The full name ending with the family name at token ``k``: the given words before it, opened by a
    title, a nisba, a comma or a definite word (``fullnames.introduced``); None when no given word stands there."""
    first = k
    while first > 0 and k - first < GIVEN_WORDS and _given_word(tokens[first - 1]) and not (
            first >= 2 and region_noun(tokens[first - 2])):
        first -= 1  # "لمدينة بيروت إبراهيم زيدان": the region's name is no given name
    if first == k or not introduced(tokens, first):
        return None
    if tokens[first].norm in AR_NAME_LINKS and first + 1 == k:
        return None  # "بن X" alone is a lineage, not a given name
    name = " ".join(t.text for t in tokens[first:k + 1])
    return Person(name, mention_key(tokens[k], "ar"), _arabic_titles(tokens, first) | _conjoined_titles(tokens, first),
                  first)


def _family_word(token: Token) -> bool:
    """Whether a word read anywhere in the article can close a full name: a name word, not a name link
    ("عبد", "ولد" go on), a definite word only as a nisba or a compound's second ("الشيباني", "الدين"),
    not a noun that follows the name ("نواف سلام الغارات")."""
    norm = token.norm
    if norm in AR_NAME_LINKS or not _given_word(token) and not norm.startswith("ال"):
        return False
    if norm.startswith("ال"):
        return norm.endswith(("ي", "ى")) or norm in AR_COMPOUND_SECONDS or norm in {"الله"}
    return True


def _arabic_titles(tokens: list[Token], first: int) -> frozenset[str]:
    """The title words before a mention (``titles``), a dual title read as its singular ("وزيرا" is two
    ministers: each is a وزير), a title joined by و read without it."""
    keys = set()
    for text in _title_texts(tokens, first, "ar"):
        key = title_key(text, "ar")
        key = key[1:] if key.startswith("و") and key[1:] in AR_PERSON_TITLES else key  # "ووزير الخارجية المصري"
        dual = next((key[: -len(end)] for end in ("ان", "ا") if key.endswith(end) and key[: -len(end)] in AR_PERSON_TITLES), None)
        keys.add(dual or key)
    return frozenset(keys)


def _conjoined_titles(tokens: list[Token], first: int) -> frozenset[str]:
    """A second holder of a shared title: "وزيرا الخارجية اللبناني يوسف رجي والسوري أسعد حسن الشيباني"
    makes الشيباني a foreign minister too; he takes the first holder's titles but its nisbas (his own
    "والسوري" says whose minister he is)."""
    if first < 2 or not tokens[first - 1].norm.startswith("وال") or not tokens[first - 2].word:
        return frozenset()
    before = _arabic_full_at(tokens, first - 2)
    if before is None:
        return frozenset()
    start = first - 2 - len(before.name.split()) + 1
    nisbas = {title_key(t, "ar") for t in _title_texts(tokens, start, "ar") if normalize(t).endswith("ي")}
    return before.titles - nisbas


def arabic_persons(tokens: list[Token], family: str) -> list[Person]:
    """Every distinct person the article names in full with this family name (a shorter writing of a
    longer one is the same person: "حسن الشيباني" in "أسعد حسن الشيباني")."""
    found: list[Person] = []
    for k, token in enumerate(tokens):
        if token.word and mention_key(token, "ar") == family and (person := _arabic_full_at(tokens, k)):
            found.append(person)
    return _distinct(found)


def _distinct(found: list[Person]) -> list[Person]:
    """Persons that are not a shorter writing of another (same family name, given words a tail of theirs)."""
    out: list[Person] = []
    opened: set[int] = set()
    for person in sorted(found, key=lambda p: -len(p.name.split())):
        if person.start in opened:
            continue  # "ركان ناصر" of "ركان ناصر الدين"
        opened.add(person.start)
        words = person.name.split()
        same = next((o for o in out if o.family == person.family and o.name.split()[-len(words):] == words), None)
        if same is None:
            out.append(person)
        elif person.titles - same.titles:
            out[out.index(same)] = Person(same.name, same.family, same.titles | person.titles, same.start)
    return out


def _remembered(history: History, key: tuple[str, str], find: Callable[[], list[Person]]) -> list[Person]:
    """The persons ``find`` reads in the article, read once per article (``History.register``)."""
    if key not in history.register:
        history.register[key] = find()
    return history.register[key]


def family_holder(word: str, history: History, fits: Callable[[str], bool]) -> str | None:
    """The one person an Arabic family name read alone stands for ("الشيباني" -> "أسعد حسن الشيباني");
    ``AMBIGUOUS`` when two persons of the article carry it and fit; None when none does."""
    norm = normalize(word)
    if len(norm) < 3 or norm in AR_VERBS or (norm.startswith("ال") and (norm in AR_GENERIC or norm[2:] in AR_GENERIC)):
        return None  # "المسؤول", "المحافظ" are titles; a bare title word may be a family name ("وأضاف ملك")
    family = strip_article(norm)
    found = _remembered(history, ("family", family), lambda: arabic_persons(history.tokens, family))
    people = [p for p in found if fits(p.name)]
    if not people:
        return None
    return people[0].name if len(people) == 1 else AMBIGUOUS


def english_persons(tokens: list[Token], runs: list[tuple[int, int]]) -> list[Person]:
    """The article's English persons: a name run of two or three capitalised words (no possessive),
    its titles pooled over every mention of the family name."""
    people: dict[str, Person] = {}
    for first, end in runs:
        words = [t for t in tokens[first:end] if t.word]
        if not 2 <= len(words) <= 3 or any(t.text.lower().endswith(("'s", "’s")) for t in words):
            continue
        if any(t.text.lower() in EN_VERBS for t in words):
            continue
        family = mention_key(words[-1], "en")
        titles = frozenset(_title_words(tokens, first, "en"))
        known = people.get(family)
        name = known.name if known and len(known.name.split()) >= len(words) else " ".join(t.text for t in words)
        people[family] = Person(name, family, titles | (known.titles if known else frozenset()))
    return list(people.values())


def _wanted(description: list[str], lang: str) -> tuple[set[str], set[str]]:
    """A description's head words (its title: "وزير", "CEO" as chief + executive) and its qualifiers
    (nisba, office: "السوري", "الخارجية"), by ``title_key``."""
    keys = [title_key(w, lang) for w in description]
    keys = [k for k in keys if k not in {title_key(w, lang) for w in DESCRIPTION_STOPWORDS} | {"the"}]
    if not keys:
        return set(), set()
    head = keys[0] if lang == "ar" else keys[-1]
    heads = set(EN_TITLE_ACRONYMS.get(head, (head,)))
    return heads, set(keys) - {head}


def titled_holder(description: list[str], lang: str, history: History, fits: Callable[[str], bool]) -> str | None:
    """The one person whose title holds a description's head and every qualifier ("الوزير السوري" is
    the Syrian minister, "the CEO" the chief executive); ``AMBIGUOUS`` when two persons fit; None when
    none does (the description is then read as before)."""
    heads, qualifiers = _wanted(description, lang)
    if not heads:
        return None
    people = _remembered(history, ("titled", lang), lambda: _titled_persons(history, lang))
    matching = [p for p in people if heads <= p.titles and qualifiers <= p.titles and fits(p.name)]
    if not matching:
        return None
    return matching[0].name if len(matching) == 1 else AMBIGUOUS


def _titled_persons(history: History, lang: str) -> list[Person]:
    """The article's persons a title may stand for: Arabic full names whose family name recurs, English name runs."""
    tokens = history.tokens
    if lang == "ar":
        return _distinct([p for k in _recurring(tokens) if _family_word(tokens[k]) and (
            p := _arabic_full_at(tokens, _compound_end(tokens, k)))])
    return english_persons(tokens, history.runs(lang))


def _compound_end(tokens: list[Token], k: int) -> int:
    """Where a name whose word at ``k`` recurs ends: "ركان ناصر الدين" (ناصر recurs in "عبد الناصر") ends on
    the compound's second half, which is no given name of its own; read at ``k`` it was "ركان ناصر"."""
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    return k + 1 if following is not None and following.word and following.norm in AR_COMPOUND_SECONDS else k


def _recurring(tokens: list[Token]) -> list[int]:
    """Where a word that the article writes more than once stands: a person the article refers back to is
    named again (by family name, "أما الشيباني"), and a one-off run of words is seldom a person."""
    seen: dict[str, list[int]] = {}
    for k, token in enumerate(tokens):
        if token.word and len(token.norm) >= 3:
            seen.setdefault(mention_key(token, "ar"), []).append(k)
    return sorted(k for places in seen.values() if len(places) >= 2 for k in places)


def held_speaker(held: str | None, written: str | None) -> Speaker | None:
    """A register reading as a speaker: the one person, no one (unattributed) where two fit, None where none does."""
    if held is None:
        return None
    return Speaker(None, written, UNATTRIBUTED) if held == AMBIGUOUS else Speaker(held, written, PERSON)


def title_reading(words: list[str], written: str | None, lang: str, history: History,
                  fits: Callable[[str], bool]) -> Speaker | None:
    """A person's title read alone ("الوزير السوري", "وزير الخارجية", "the CEO"): the article's one holder
    (``titled_holder``); only for a person's title (an Arabic person title first, an English title last)."""
    if lang == "ar" and strip_prefix_article(normalize(words[0])) not in AR_PERSON_TITLES:
        return None
    if lang != "ar" and not (words[-1].lower() in EN_TITLE_ACRONYMS or words[-1].lower() in EN_TITLES):
        return None
    return held_speaker(titled_holder(words, lang, history, fits), written)
