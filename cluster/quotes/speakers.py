"""Speaker names across scripts and spellings: ترامب / ترمب / Trump, ويتكوف / Witkoff are one person.

Outlets spell a foreign name in Arabic in several ways (ترامب, ترمب) and English articles write it in
Latin script, so names are compared on a *consonant skeleton*: Arabic letters are transliterated to
Latin, vowels and letters that Arabic writes as long vowels (w, y) are dropped inside a word, and
letters Arabic cannot tell apart are folded (p/b, v/f, c/q/k, g/j ...). Two names are the same person
when their skeletons are close (rapidfuzz ratio) on the surname, and do not contradict on the given
name. A small alias table covers very common names whose Arabic form is not a transliteration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from cluster.quotes.transliteration import latin_variants, regroup, units
from cluster.textnorm import normalize

_AR_TO_LATIN = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d",
    "ر": "r", "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "",
    "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w",
    "ي": "y", "ء": "", "پ": "b", "ڤ": "f", "گ": "g", "چ": "j",
}
_LATIN_FOLDS = [("ph", "f"), ("ck", "k"), ("sch", "s"), ("sh", "s"), ("ch", "s"), ("th", "t"),
                ("kh", "k"), ("gh", "g"), ("dj", "j"), ("q", "k"), ("c", "k"), ("x", "ks"), ("p", "b"),
                ("v", "f"), ("g", "j"), ("e", "a"), ("i", "a"), ("o", "a"), ("u", "a")]
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
"""A name token; O'Hagan is one (its skeleton is that of أوهجان), "Sainsbury's" one with its ending."""

ALIASES: dict[str, str] = {
    # Arabic or short forms whose skeleton is not that of the usual English spelling.
    "نتنياهو": "Benjamin Netanyahu",
    "نتانياهو": "Benjamin Netanyahu",
    "اردوغان": "Recep Tayyip Erdogan",
    "بوتين": "Vladimir Putin",
    "ترامب": "Donald Trump",
    "ترمب": "Donald Trump",
    "بايدن": "Joe Biden",
    "غوتيريش": "Antonio Guterres",
    "جوتيريش": "Antonio Guterres",
}
"""Normalised Arabic surname -> the English name the report shows."""


def is_latin(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]", text)) and not re.search("[\u0600-\u06ff]", text)


@lru_cache(maxsize=1 << 14)
def skeleton(token: str, latin_ch: str = "s", hard_g: bool = False) -> str:
    """The consonant skeleton of one name token, the same for its Arabic and Latin spellings.

    A word-initial vowel is kept as ``a`` (Arabic writes it with an alef: أردوغان / Erdogan); inside a
    word the vowels, w and y go (Arabic spells vowels with و and ي, or not at all); doubled letters
    count once (Witkoff / ويتكوف). ``latin_ch``: the sound a Latin "ch" is read as; ``hard_g``: a Latin
    g read as k, the ك or ق by which Maghrebi and Gulf names write it (Regragui / الركراكي).
    """
    word = normalize(token)
    if re.search("[\u0621-\u064a]", word):
        if word.startswith("ال") and len(word) > 4 and not token.startswith("إ"):
            word = word[2:]  # الشيباني / Shaibani: the article is no part of the name (إلبان / Elban: no article)
        initial = "a" if word.startswith("ع") else ""  # عراقجي / Araghchi: a word-initial vowel
        word = initial + "".join(_AR_TO_LATIN.get(ch, "") for ch in word)
        word = word.replace("j", "j")
    else:
        word = re.sub(r"^(?:al|el)-", "", word)
        word = re.sub(r"[^a-z]", "", word)
        if latin_ch != "s":
            word = word.replace("ch", latin_ch)
        if hard_g:
            word = re.sub("g(?!h)", "k", word)  # Regragui / الركراكي, Gargash / قرقاش: a g written ك or ق
        for old, new in _LATIN_FOLDS:
            word = word.replace(old, new)
    if not word:
        return ""
    head, rest = word[0], word[1:]
    if head in "aeiouwy":
        head = "a" if head in "aeiou" else head
    rest = re.sub(r"[aeiouwyh]", "", rest)
    squeezed = re.sub(r"(.)\1+", r"\1", (head + rest).replace("z", "s"))
    return squeezed.replace("j", "g") if squeezed else ""


def name_tokens(name: str) -> list[str]:
    return [t for t in _TOKEN.findall(name) if t.lower() not in {"al", "el"}]


Units = tuple[tuple[str, str], ...]


def same_person(a: str, b: str, *, threshold: float = 80.0) -> bool:
    """Whether two written names refer to one person (``ويتكوف`` and ``Steve Witkoff``: yes).

    Names are compared by units (``transliteration.units``: عبد الله, ولد أمدو, bin Salman are one unit
    each). Family names (the last units) must agree (skeleton ratio >= ``threshold``, the same particle,
    or the alias table maps both to one name); when both names give a first name, one of them must agree
    too (``Joe Biden`` is not ``Hunter Biden``). A name that is only a kunya (أم محمد / Umm Mohammed) is
    the person whose full name holds it.
    """
    alias_a, ua = _reading(a)
    alias_b, ub = _reading(b)
    if alias_a and alias_b:
        return alias_a == alias_b
    if not ua or not ub:
        return False
    ua, ub = regroup(ua, ub[-1][0]), regroup(ub, ua[-1][0])
    for kunya, full in ((ua, ub), (ub, ua)):
        if len(kunya) == 1 and len(full) > 1 and kunya[0][0] in ("umm", "abu"):
            if any(_unit_close(kunya[0], u, threshold) for u in full[:-1]):
                return True
    if not _unit_close(ua[-1], ub[-1], threshold, family=True):
        ua, ub = _glued_family(ua, ub, threshold)
        if not _unit_close(ua[-1], ub[-1], threshold, family=True):
            return False
    if len(ua) > 1 and len(ub) > 1:
        # any given name in common: "Tayyip Erdogan" is "Recep Tayyip Erdogan", and a title written into
        # one name ("مفتش المباحث براين أوهجان" / "Detective Inspector Brian O'Hagan") is no given name
        return any(_unit_close(x, y, threshold - 10) for x in ua[:-1] for y in ub[:-1])
    return True


def _glued_family(ua: Units, ub: Units, threshold: float) -> tuple[Units, Units]:
    """A family name of two words written as one on the other side ("Omar Hamad Bu Shehab" / «عمر حمد
    بوشهاب», «بو سعادة» / "Bousaada"): the two last plain units of the longer name joined, when the
    joined word is the other name's family name; else the names as they were."""
    for longer, other in ((ua, ub), (ub, ua)):
        if len(longer) > len(other) and len(longer) >= 3 and not (longer[-1][0] or longer[-2][0] or other[-1][0]):
            joined = (*longer[:-2], ("", longer[-2][1] + longer[-1][1]))
            if _unit_close(joined[-1], other[-1], threshold, family=True):
                return (joined, other) if longer is ua else (other, joined)
    return ua, ub


@lru_cache(maxsize=1 << 16)
def _reading(name: str) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """A written name's alias and the name units ``same_person`` compares (the alias's, when it has one),
    found once per name: quote matching compares each speaker with hundreds of others."""
    hit = alias(name)
    return hit, units(name_tokens(hit or name))


def _unit_close(a: tuple[str, str], b: tuple[str, str], threshold: float, family: bool = False) -> bool:
    """The same particle (or none) and a close word; after a particle an Arabic word may open with an
    alef the Latin spelling lacks (ولد أمدو / Ould Meddou). A family name may be written without its
    particle of descent on one side (بن غفير / Ben Gvir, "Ben" opening a name read as a given name)."""
    if a[0] != b[0] and not (family and not (a[0] and b[0]) and (a[0] or b[0]) in _DESCENT):
        return False
    if _close_any(a[1], b[1], threshold):
        return True
    if a[0] and is_latin(a[1]) != is_latin(b[1]):
        arabic = b[1] if is_latin(a[1]) else a[1]
        if re.match("[أا][^او]", normalize(arabic)):
            return _close_any(a[1] if is_latin(a[1]) else b[1], arabic[1:], threshold)
    return False


_DESCENT = ("ould", "bin", "abu")

LATIN_CH_SOUNDS = ("j", "k", "ts")
"""Besides English "ch" (ش, folded with sh): the ج of a Persian name (Araghchi / عراقجي), the خ of
a Hebrew or German one (Avichay / أفيخاي, Michael / ميخائيل) and the تش of a Turkish ç (Keçeli / كتشالي)."""


@lru_cache(maxsize=1 << 16)
def _close_any(a: str, b: str, threshold: float) -> bool:
    """Name tokens close in skeleton; a Latin token against an Arabic one in any of its readings
    (``transliteration.latin_variants``), a "ch" as any sound it writes, a g as the k sound Arabic
    writes for a hard g (memoised: the same surnames meet again in every pair of their quotes)."""
    if is_latin(a) == is_latin(b):
        return _close(skeleton(a), skeleton(b), threshold)
    latin, arabic = (a, b) if is_latin(a) else (b, a)
    return any(_close(key, other, threshold) for key in _latin_keys(latin) for other in _arabic_keys(arabic))


def _arabic_keys(word: str) -> tuple[str, ...]:
    """An Arabic word's skeleton, and with ذ and ث read z and s as Persian, Turkish and Urdu names write
    them (ذبيح الله / Zabihullah, عثمان / Osman)."""
    keys = [skeleton(word)]
    if "ذ" in word or "ث" in word:
        keys.append(skeleton(word.replace("ذ", "ز").replace("ث", "س")))
    return tuple(keys)


@lru_cache(maxsize=1 << 16)
def _latin_keys(word: str) -> tuple[str, ...]:
    keys = []
    for form in latin_variants(word):
        keys.append(skeleton(form))
        if "ch" in form:
            keys += [skeleton(form, ch) for ch in LATIN_CH_SOUNDS]
        if "g" in form:  # the hard g of Maghrebi and Gulf names
            keys.append(skeleton(form, hard_g=True))
    return tuple(dict.fromkeys(k for k in keys if k))


def _close(a: str, b: str, threshold: float) -> bool:
    if not a or not b:
        return False
    if min(len(a), len(b)) <= 2:
        return a == b
    return fuzz.ratio(a, b) >= threshold


def alias(name: str) -> str | None:
    """The alias table's English name for a written name, if any of its tokens is listed."""
    for token in name_tokens(name):
        hit = ALIASES.get(normalize(token))
        if hit:
            return hit
    return None


@dataclass
class Speaker:
    """One person (or named body) and every way the corpus wrote the name."""

    forms: list[str] = field(default_factory=list)

    @property
    def display(self) -> str:
        """The fullest Latin-script form seen, else the alias table's, else the fullest form seen."""
        latin = [f for f in self.forms if is_latin(f)]
        latin += [hit for f in self.forms if (hit := alias(f))]
        if latin:
            return max(latin, key=lambda f: (len(name_tokens(f)), len(f)))
        return max(self.forms, key=lambda f: (len(name_tokens(f)), len(f)))


class SpeakerIndex:
    """Assigns every written speaker name to one ``Speaker``, merging spellings and scripts.

    Names are bucketed by surname skeleton (a dictionary lookup, not a scan of all speakers), then
    compared with ``same_person`` within the bucket and its near neighbours.
    """

    def __init__(self) -> None:
        self.speakers: list[Speaker] = []
        self._by_key: dict[str, list[int]] = {}

    def add(self, name: str) -> int:
        """The index of the speaker this name belongs to (a new one when nobody matches)."""
        keys = _buckets(name)
        seen: set[int] = set()
        for key in keys:
            for k in self._by_key.get(key, []):
                if k in seen:
                    continue
                seen.add(k)
                if any(same_person(name, form) for form in self.speakers[k].forms):
                    if name not in self.speakers[k].forms:
                        self.speakers[k].forms.append(name)
                        self._file(k, keys)
                    return k
        self.speakers.append(Speaker([name]))
        self._file(len(self.speakers) - 1, keys)
        return len(self.speakers) - 1

    def _file(self, k: int, keys: tuple[str, ...]) -> None:
        for key in keys:
            bucket = self._by_key.setdefault(key, [])
            if k not in bucket:
                bucket.append(k)

    def find(self, query: str) -> list[int]:
        """Speakers whose name matches ``query`` in any script or spelling (``Witkoff`` finds ويتكوف)."""
        hits = []
        for k, speaker in enumerate(self.speakers):
            if any(same_person(query, form) or _contains_name(form, query) for form in speaker.forms):
                hits.append(k)
        return hits


@lru_cache(maxsize=1 << 16)
def _buckets(name: str) -> tuple[str, ...]:
    """The family name's particle (not one of descent, which one side may leave out) and the first two
    consonants of its skeleton in each reading (a leading vowel dropped: أمدو / Meddou; g, k, j, q one letter:
    Regragui / الركراكي), and the same for a kunya anywhere in the name (أم محمد أبو عودة meets Umm Mohammed):
    spellings that could match meet. An Arabic word is keyed in every reading ``same_person`` accepts
    (``_arabic_keys``: ذ and ث also as z and s), else عثمان and Osman, which it calls one name, never met. One consonant made buckets of a twentieth of all speakers (547,000
    ``same_person`` calls for 8,473 names at 37k passages, growing with the square of the speakers) and chained
    unrelated names through shared forms (Mike Lynch into Michelle Lyons); two keep the labelled pairs."""
    found = _reading(name)[1]
    if not found:
        return ("",)
    keys = []
    for particle, word in {found[-1], *(u for u in found if u[0] in ("umm", "abu"))}:
        skeletons = _latin_keys(word) if is_latin(word) else _arabic_keys(word)
        for key in skeletons:
            key = key.lstrip("a") or key
            keys.append(("" if particle in _DESCENT else particle) + ":" + key[:2].translate(_ONE_K))
    return tuple(sorted(set(keys)))


_ONE_K = str.maketrans("gjq", "kkk")


def _contains_name(form: str, query: str) -> bool:
    """A one-word query matching any token of a longer name (``--speaker Steve`` finds Steve Witkoff)."""
    tokens = name_tokens(query)
    if len(tokens) != 1:
        return False
    key = skeleton(tokens[0])
    return any(_close(key, skeleton(t), 85.0) for t in name_tokens(form))


def speaker_matches(query: str, names: list[str]) -> bool:
    """Whether a ``--speaker`` query names any of these written names."""
    return any(same_person(query, n) or _contains_name(n, query) for n in names if n)


_NAME_FORMS: dict[str, tuple[str, ...]] = {
    # English name -> its usual Arabic spellings, where the skeletons of the two do not meet (places
    # with an Arabic name of their own: القاهرة / Cairo) or meet only loosely (ترمب / Trump).
    "Trump": ("ترامب", "ترمب"), "Witkoff": ("ويتكوف", "ويتكوفف"), "Hamas": ("حماس",),
    "Erdogan": ("اردوغان", "أردوغان"), "Istanbul": ("اسطنبول", "إسطنبول", "استانبول"),
    "Cairo": ("القاهرة",), "Doha": ("الدوحة",), "Gaza": ("غزة",), "Israel": ("اسرائيل", "إسرائيل"),
    "Israeli": ("الاسرائيلي", "الإسرائيلية", "الاسرائيليه", "اسرائيلي", "اسرائيليه"),
    "Ankara": ("أنقرة", "انقرة"), "Turkey": ("تركيا",), "Turkish": ("التركي", "التركية", "تركي", "تركية"),
    "Egypt": ("مصر",), "Egyptian": ("المصري", "المصرية", "مصري", "مصرية"), "Qatar": ("قطر",),
    "Qatari": ("القطري", "القطرية", "قطري", "قطرية"), "Syria": ("سوريا", "سورية"),
    "Damascus": ("دمشق",), "Washington": ("واشنطن",), "Brussels": ("بروكسل",), "Jerusalem": ("القدس",),
    "Netanyahu": ("نتنياهو", "نتانياهو"), "Biden": ("بايدن",), "Putin": ("بوتين",),
    "Russia": ("روسيا",), "Russian": ("الروسي", "الروسية", "روسي", "روسية"), "China": ("الصين",),
    "Chinese": ("الصيني", "الصينية", "صيني", "صينية"), "Rafah": ("رفح",), "Khan Younis": ("خان يونس",),
    "Lebanon": ("لبنان",), "Iran": ("إيران", "ايران"), "Scotland": ("اسكتلندا",),
    "White House": ("البيت الأبيض",), "Security Council": ("مجلس الأمن",), "Palestinian": (
        "الفلسطيني", "الفلسطينية", "فلسطيني", "فلسطينية", "الفلسطينيين", "فلسطينيين", "فلسطينيا"),
    "Europe": ("أوروبا", "اوروبا"), "European": ("الأوروبية", "الأوروبي", "الاوروبية", "الاوروبي"),
}
PLACE_AND_NAME_FORMS: dict[str, str] = {
    normalize(form): english
    for english, forms in _NAME_FORMS.items()
    for form in (english, *forms)
}
"""Normalised Arabic or English form -> English name: names a translation must keep on both sides."""
_FORMS_OF: dict[str, frozenset[str]] = {
    normalize(english): frozenset(normalize(form) for form in (english, *forms)) for english, forms in _NAME_FORMS.items()
}
"""Normalised English name -> every normalised form of it (the table above read the other way)."""


def name_forms(name: str) -> set[str]:
    """A written name, case-folded, with its alias table English name and, per word, the forms the name
    table pairs it with in the other script: what a search for either spelling should find."""
    forms = {name.casefold()}
    english = alias(name)
    if english:
        forms.add(english.casefold())
    for token in name_tokens(name):
        key = normalize(token)
        if key in PLACE_AND_NAME_FORMS:
            forms.add(PLACE_AND_NAME_FORMS[key].casefold())
        forms.update(f.casefold() for f in _FORMS_OF.get(key, ()))
    return forms

NAME_FAMILY: dict[str, str] = {
    # A country, its adjective and the capital that stands for its government are one name for the
    # translation check (العاصمة القطرية الدوحة / "in Qatar"); Istanbul is not Ankara, Cairo is not Doha.
    "Qatari": "Qatar", "Doha": "Qatar", "Egyptian": "Egypt", "Cairo": "Egypt", "Turkish": "Turkey",
    "Ankara": "Turkey", "Syria": "Syria", "Damascus": "Syria", "Washington": "United States",
    "Israeli": "Israel", "Russian": "Russia", "Chinese": "China", "European": "Europe",
}
