"""Cross-lingual verification: a translation keeps the facts; a report of a similar event does not.

An Arabic paragraph and an English report of *another* meeting of the same people (other date, city,
numbers) embed as closely as a true translation (cosine 0.65-0.8 with USE-m3), so cosine alone cannot
tell them apart. A translation must keep:

- numbers (Arabic-Indic and Latin digits fold to one form) and dates (month names, Gregorian and
  Levantine, and weekdays, in both languages);
- names: every Latin-script name is written in the Arabic side (same consonant skeleton, or the
  transliteration table of ``cluster.quotes.speakers`` for names whose Arabic form is not a
  transliteration: القاهرة / Cairo), and a known name written on one side is not missing on the other;
- its length, within a band (Arabic words per English word) learned on NTREX-128 true pairs;
- and it must stand out among each side's other candidates: the ratio margin of bitext mining
  (Artetxe & Schwenk 2019), cos(x, y) over the mean cosine of x's and y's nearest other-script
  neighbours. A report of a similar event is close to every paragraph of the other meeting, so it
  does not stand out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from cluster.config import DuplicateConfig
from cluster.quotes.speakers import NAME_FAMILY, PLACE_AND_NAME_FORMS, skeleton
from cluster.textnorm import names_and_numbers, normalize, number_key, numbers, words

_MONTHS_EN = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december"]
_MONTHS_AR = [  # Gregorian (Egypt, Gulf), Levantine/Iraqi, then Moroccan and Algerian/Tunisian names, normalised
    ["يناير", "كانون الثاني", "جانفي"], ["فبراير", "شباط", "فيفري"], ["مارس", "اذار"], ["ابريل", "نيسان", "افريل"],
    ["مايو", "ايار", "ماي"], ["يونيو", "حزيران", "جوان"], ["يوليو", "تموز", "يوليوز", "جويليه"],
    ["اغسطس", "غشت", "اوت"], ["سبتمبر", "ايلول", "شتنبر"], ["اكتوبر", "تشرين الاول"],
    ["نوفمبر", "تشرين الثاني", "نونبر"], ["ديسمبر", "كانون الاول", "دجنبر"],
]
"""Maghrebi outlets (Hespress, Le360, El Khabar) write "شتنبر"/"جوان": without them "الأشغال ستنطلق في شتنبر"
read as a translation that dropped "September"."""
_WEEKDAYS_EN = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAYS_AR = ["يوم الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد"]
_SCALES = {"الف": 10**3, "الفا": 10**3, "الاف": 10**3, "thousand": 10**3, "مليون": 10**6, "ملايين": 10**6,
           "million": 10**6, "مليار": 10**9, "مليارات": 10**9, "billion": 10**9}
_SCALED = re.compile(r"(\d+(?:[.,]\d+)*)\s*(" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")(?!\w)")
_AR_PREFIXES = ("وال", "بال", "لل", "فال", "كال", "ال", "و", "ب", "ل", "ف", "ك")
_LATIN_NAME = re.compile(r"\b[A-Z][a-zA-Z'’-]+")
_NOT_NAMES = frozenset(
    _MONTHS_EN + _WEEKDAYS_EN
    + "the a an and but he she it they we i in on at of for to by as after before his her its their this that "
      "these those there what when while with from president prime minister chief mr ms dr sheikh".split()
)


@dataclass(frozen=True)
class Facts:
    """What a translation of a passage must keep."""

    numbers: frozenset[str]
    months: frozenset[int]
    weekdays: frozenset[int]
    names: tuple[str, ...]
    """English side: the capitalised names (Latin text, normalised). Arabic side: empty."""
    keys: frozenset[str]
    """Every token's forms that can match a name: table entries and consonant skeletons."""
    known: frozenset[str]
    """Table entries (English names) the passage writes."""
    words: int


@lru_cache(maxsize=1 << 15)
def facts(text: str, lang: str) -> Facts:
    """Memoised: a passage meets many candidates."""
    norm = normalize(text)
    toks = words(text)
    latin = lang != "ar"
    capitals = [normalize(m) for m in _LATIN_NAME.findall(text)] if latin else []
    if latin:
        months = _lookup(norm, capitals, [[m, m[:3], m[:4]] for m in _MONTHS_EN])
        days = _lookup(norm, capitals, [[d] for d in _WEEKDAYS_EN])
    else:
        months, days = _lookup(norm, toks, _MONTHS_AR), _lookup(norm, toks, [[d] for d in _WEEKDAYS_AR])
    names = tuple(n for n in names_and_numbers(text) if n not in _NOT_NAMES and not n[0].isdigit()) if latin else ()
    keys: set[str] = set()
    known: set[str] = set()
    for tok in toks:
        for form in _forms(tok, latin):
            hit = PLACE_AND_NAME_FORMS.get(form)
            if hit:
                known.add(hit)
            keys.add(skeleton(form))
    for two in zip(toks, toks[1:]):  # two-word forms: "خان يونس", "new york"
        for form in _forms(" ".join(two), latin):
            if hit := PLACE_AND_NAME_FORMS.get(form):
                known.add(hit)
    keys.discard("")
    return Facts(_scaled_numbers(text), months, days, names, frozenset(keys | known), frozenset(known), len(toks))


def _scaled_numbers(text: str) -> frozenset[str]:
    """``numbers`` with a number before a scale word written out: Arabic news writes 16,000 as "16 ألف"
    and 4.5 million as "4.5 مليون", so without this a faithful translation failed the numbers check."""
    found = set(numbers(text))
    for digits, scale in _SCALED.findall(normalize(text)):
        found.discard(number_key(digits))
        decimal = re.fullmatch(r"(\d+)[.,](\d{1,2})", digits)  # 4.5 / 4,5: a decimal, not a thousands group
        value = float(".".join(decimal.groups())) if decimal else float(number_key(digits))
        found.add(str(round(value * _SCALES[scale])))
    return frozenset(found)


def _lookup(norm: str, toks: Sequence[str], table: Sequence[Sequence[str]]) -> frozenset[int]:
    found = set()
    token_set = set(toks) | {t[len(p):] for t in toks for p in _AR_PREFIXES if t.startswith(p) and len(t) - len(p) >= 3}
    for k, forms in enumerate(table):
        if any((f in token_set) if " " not in f else (f in norm) for f in forms):
            found.add(k)
    return frozenset(found)


def _forms(token: str, latin: bool) -> list[str]:
    """The token and, in Arabic, the token without its attached conjunction/preposition/article."""
    if latin:
        return [token]
    return [token] + [token[len(p):] for p in _AR_PREFIXES if token.startswith(p) and len(token) - len(p) >= 3]


@dataclass(frozen=True)
class Consistency:
    """How well a cross-script pair keeps the facts (the figures, so calibration can see them)."""

    numbers_kept: bool
    dates_kept: bool
    name_recall: float
    """Share of the English side's names found in the Arabic side (1.0 when it has none)."""
    names_swapped: bool
    """Each side writes a table name the other lacks (Istanbul here, أنقرة there): another place or
    actor, not a looser rendering (one-way omissions are common in real translations)."""
    length_ratio: float
    """Arabic words per English word."""
    one_sided: bool = False
    """A table name (person, place) is written on one side only, in no form of its family."""
    shorter_words: int = 0
    """Words of the shorter side: in a headline-length pair every name is the story (two Security
    Council votes differ by the one actor named), in a long one a dropped name is a loose rendering."""

    def passes(self, cfg: DuplicateConfig, whole: bool) -> bool:
        """``whole``: both sides are whole paragraphs, so their lengths can be compared."""
        low, high = cfg.translation_length_band
        return (
            self.numbers_kept
            and self.dates_kept
            and self.name_recall >= cfg.translation_min_name_recall
            and not self.names_swapped
            and (not whole or low <= self.length_ratio <= high)
            and not (self.one_sided and self.shorter_words <= cfg.translation_strict_names_words)
        )


def consistency(text_a: str, lang_a: str, text_b: str, lang_b: str, number_share: float = 0.5) -> Consistency:
    """The facts check of a cross-script pair (either order).

    Facts are compared from the shorter side (by words) into the longer: a matched sentence window
    keeps its own numbers and dates, not all of its paragraph's. ``number_share`` of the shorter
    side's numbers must recur (Arabic writes some as words: 30,000 / 30 ألف).
    """
    en, ar = _sides(text_a, lang_a, text_b, lang_b)
    found = sum(1 for n in en.names if _name_found(n, ar))
    recall = found / len(en.names) if en.names else 1.0
    only_en, only_ar = en.known - ar.known, ar.known - en.known - en.keys
    swapped = _swapped(en, ar)
    short = en if en.words <= ar.words else ar
    kept, dates = _numbers_kept(en, ar, number_share), _dates_kept(en, ar)
    lone_en = {x for x in only_en if all(_family(x) != _family(k) for k in ar.known)}
    lone_ar = {y for y in only_ar if all(_family(y) != _family(k) for k in en.known)}
    one_sided = bool(lone_en or lone_ar)
    return Consistency(kept, dates, recall, swapped, ar.words / max(1, en.words), one_sided, short.words)


def facts_kept(text_a: str, lang_a: str, text_b: str, lang_b: str, number_share: float = 0.5) -> bool:
    """``numbers_kept and dates_kept and not names_swapped`` of ``consistency``, without its name recall
    (a fuzzy match of every name, the costliest part): all a quote translation is checked for."""
    en, ar = _sides(text_a, lang_a, text_b, lang_b)
    return _numbers_kept(en, ar, number_share) and _dates_kept(en, ar) and not _swapped(en, ar)


def _sides(text_a: str, lang_a: str, text_b: str, lang_b: str) -> tuple[Facts, Facts]:
    """The facts of the English (Latin-script) side, then of the Arabic one."""
    if lang_a == "ar" or (lang_b != "ar" and lang_a > lang_b):
        text_a, lang_a, text_b, lang_b = text_b, lang_b, text_a, lang_a
    return facts(text_a, lang_a), facts(text_b, lang_b)


def _shorter_first(en: Facts, ar: Facts) -> tuple[Facts, Facts]:
    """Facts are compared from the shorter side (by words) into the longer."""
    return (en, ar) if en.words <= ar.words else (ar, en)


def _numbers_kept(en: Facts, ar: Facts, number_share: float) -> bool:
    short, long = _shorter_first(en, ar)
    return not short.numbers or len(short.numbers & long.numbers) >= number_share * len(short.numbers)


def _dates_kept(en: Facts, ar: Facts) -> bool:
    short, long = _shorter_first(en, ar)
    return short.months <= long.months and short.weekdays <= long.weekdays


def _swapped(en: Facts, ar: Facts) -> bool:
    """Each side writes a table name the other lacks (``Consistency.names_swapped``)."""
    only_en, only_ar = en.known - ar.known, ar.known - en.known - en.keys
    return any(_family(x) != _family(y) for x in only_en for y in only_ar)


def _family(name: str) -> str:
    """Country, adjective and capital as one name (Qatar / القطرية / الدوحة); Istanbul stays apart from Ankara."""
    return NAME_FAMILY.get(name, name)


def _name_found(name: str, ar: Facts) -> bool:
    hit = PLACE_AND_NAME_FORMS.get(name)
    if hit and any(_family(hit) == _family(k) for k in ar.known):
        return True
    key = skeleton(name)
    if not key:
        return True
    if key in ar.keys:
        return True
    return len(key) >= 3 and any(fuzz.ratio(key, k) >= 80 for k in ar.keys if abs(len(k) - len(key)) <= 2)


def margins(
    passages: Sequence, candidates: Sequence[tuple[int, int, float]], k: int, floor: float
) -> dict[tuple[int, int], float]:
    """Ratio margin of every cross-script candidate: cos(x, y) / ((knn(x) + knn(y)) / 2).

    knn(x) is the mean of x's ``k`` best cosines to other-script passages, one per other article (a
    passage translated by several outlets is not penalised for each copy). Neighbours below the search
    radius are not known; they count as ``floor`` (the radius), an upper bound, so the margin is never
    overstated.
    """
    best: dict[int, dict[str, float]] = defaultdict(dict)
    cross = [(i, j, s) for i, j, s in candidates if passages[i].lang != passages[j].lang]
    for i, j, s in cross:
        for x, y in ((i, j), (j, i)):
            art = passages[y].article_id
            if s > best[x].get(art, -1.0):
                best[x][art] = s

    knn = {x: _mean_of_best(scores.values(), k, floor) for x, scores in best.items()}  # once per passage, not per pair
    return {(i, j): s / ((knn[i] + knn[j]) / 2) for i, j, s in cross}


def _mean_of_best(scores: Iterable[float], k: int, floor: float) -> float:
    """Mean of the ``k`` best ``scores``, the missing ones counted as ``floor``. Computed once per passage: a
    passage carried in the other script by c articles is in c candidate pairs, and sorting its c cosines
    for each of them made the margins quadratic in the carriers."""
    top = sorted(scores, reverse=True)[:k]
    return (sum(top) + floor * (k - len(top))) / k


def is_translation(a: object, b: object, margin: float, cfg: DuplicateConfig) -> bool:
    """Whether a cross-script pair that passed the cosine cut is a translation (Passages ``a``, ``b``)."""
    if margin < cfg.translation_min_margin:
        return False
    check = consistency(a.text, a.lang, b.text, b.lang, cfg.translation_min_number_share)
    return check.passes(cfg, a.whole_paragraph and b.whole_paragraph)
