"""Name units and their Latin readings: what ``speakers.same_person`` compares across scripts.

A written name is cut into *units*, each one word of the name or a word with its particle:

- ``عبد`` + the next word is one given or family name (عبد الله = Abdullah, عبد الرحمن = Abdelrahman
  = Abdul Rahman = Abdurrahman, عبد الستار = Abdessattar), as is a word + ``الله`` (ذبيح الله =
  Zabihullah, نصر الله = Nasrallah), and a word + ``الدين`` (ناصر الدين = Nasreddine = Nasser al-Din,
  صلاح الدين = Salaheddine = Salah ad-Din);
- a particle of descent or kinship joins the word after it: ولد / Ould, بن / ابن / bin / ben / ibn,
  أبو / Abu / Abou, أم / Umm (الحسين ولد أمدو: the family name is "ولد أمدو", not أمدو, and ولد is no
  given name); آل / Al / a glued Al- (AlMarri) are the article and go.

A unit is compared by its particle (the same on both sides, or none on both) and its word's consonant
skeleton (``speakers.skeleton``). A Latin word has several readings, as other languages' spellings write
other sounds: a Turkish c is ج (Oncu / أونجو), a ç (or a c whose cedilla was dropped: Keceli) تش or ش,
ş is ش, ğ is silent or غ, ö / ü are vowels; a French final t, d, s or x is silent (Barrot / بارو) and
initial ou before a vowel is و (Ouattara / واتارا).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from cluster.textnorm import normalize

_PARTICLES = {
    "ولد": "ould", "ould": "ould", "wuld": "ould",
    "بن": "bin", "ابن": "bin", "bin": "bin", "ibn": "bin", "ben": "bin", "bn": "bin",
    "ابو": "abu", "abu": "abu", "abou": "abu", "abo": "abu",
    "ام": "umm", "umm": "umm", "um": "umm", "oum": "umm", "om": "umm",
}
"""Normalised particle -> its one spelling. ``ben`` opening a name is a given name (Ben Wallace)."""
_ABD = {"عبد", "abd", "abdul", "abdel", "abdal", "abdol", "abdu", "abdoul", "abdil"}
_ALLAH = {"الله", "allah", "ullah", "ollah", "illah", "alla", "ulla", "lah", "llah"}
_GLUED_ABD = re.compile(r"^abd(?:-?[aeiou]l-?)?(?=[a-z])")
_GLUED_ALLAH = re.compile(r"^(?P<head>[a-z]{3,}?)[aeiou]?llah$")  # Zabihullah, not Stella
_DIN = {"الدين", "din", "deen", "eddine", "eddin", "uddin", "uddeen", "eddeen", "addin", "iddin"}
"""The second word of a "... الدين" compound written apart (Nasr Eddine, Nasser al-Din, Moin Uddin)."""
_DIN_LINK = {"ad", "ud", "ed", "ed-", "al", "el", "ul"}
_GLUED_DIN = re.compile(r"^(?P<head>[a-z]{3,}?)[aeiou]dd(?:i|ee)ne?$")  # Nasreddine, Ziauddin; not Claudine
_ARTICLE = {"ال", "al", "el"}
_HONORIFICS = {"السيد", "السيده", "mr", "mrs", "ms", "dr"}


def units(tokens: list[str] | tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """A name's tokens as (particle, word) units: ("abd", "الرحمن"), ("ould", "أمدو"), ("", "Witkoff")."""
    out: list[tuple[str, str]] = []
    i = 0
    while len(tokens) - i > 1 and normalize(tokens[i]) in _HONORIFICS:
        i += 1  # السيد عبد الرازق: Mr Abdel-Razek, no given name
    while i < len(tokens):
        token = _drop_glued_article(tokens[i])
        low = normalize(token)
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if low in _ARTICLE:
            i += 1
            continue
        if nxt is not None and low in _ABD:
            out.append(("abd", _word_after_abd(normalize(nxt))))
            i += 2
            continue
        if nxt is not None and normalize(nxt) in ("الله", "allah"):
            out.append(("allah", token))
            i += 2
            continue
        if (din := _din_length(tokens, i)) and low not in _ABD:
            out.append(("din", token))
            i += din
            continue
        particle = _PARTICLES.get(low)
        if nxt is not None and particle and not (low == "ben" and i == 0):
            out.append((particle, _drop_glued_article(nxt)))
            i += 2
            continue
        out.append(_glued_unit(token, low))
        i += 1
    return tuple(out)


def _din_length(tokens: list[str] | tuple[str, ...], i: int) -> int:
    """How many tokens from ``i`` form a "word + الدين" compound written apart (0: none): "ناصر الدين",
    "Nasr Eddine", "Salah ad Din" (the hyphen of ad-Din, al-Din is no token)."""
    rest = [normalize(t) for t in tokens[i + 1: i + 3]]
    if rest and rest[0] in _DIN:
        return 2
    if len(rest) == 2 and rest[0] in _DIN_LINK and rest[1] in _DIN:
        return 3
    return 0


def regroup(found: tuple[tuple[str, str], ...], particle: str) -> tuple[tuple[str, str], ...]:
    """A name's units with "Ben" opening it read as the particle the other name's family name has
    (Ben Gvir against إيتمار بن غفير): which one it is, the other name tells."""
    if particle and len(found) >= 2 and not found[-1][0] and not found[-2][0]:
        if _PARTICLES.get(normalize(found[-2][1])) == particle:
            return (*found[:-2], (particle, found[-1][1]))
    return found


def _drop_glued_article(token: str) -> str:
    """AlMarri / ElBaradei: a capital after a glued Al or El starts the name."""
    if len(token) > 3 and token[:2] in ("Al", "El") and token[2].isupper():
        return token[2:]
    return token


def _word_after_abd(word: str) -> str:
    """The name after عبد / Abdul: الرحمن, rahman; الله whatever its spelling."""
    if word in _ALLAH:
        return "allah"
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _glued_unit(token: str, low: str) -> tuple[str, str]:
    """One written word that holds a compound: عبدالله, Abdelhamid, Abdessattar, Zabihullah, نصرالله."""
    if re.search("[\u0621-\u064a]", low):
        if low.startswith("عبدال") and len(low) > 6:
            return "abd", _word_after_abd(low[3:])
        if low.endswith("الله") and len(low) > 5 and not low.startswith("عبد"):
            return "allah", low[:-4]
        if low.endswith("الدين") and len(low) > 7:
            return "din", low[:-5]
        return "", token
    latin = _ascii(low)
    glued = _GLUED_ABD.match(latin)
    if glued and len(latin) > glued.end() + 2:
        rest = latin[glued.end():]
        if re.fullmatch(r"[aeiou]?ll?ah?", rest):
            return "abd", "allah"
        rest = re.sub(r"^[aeiou](?=([bcdfghjklmnpqrstvwxz])\1)", "", rest)  # Abdessattar, Abdurrahman
        return "abd", rest
    if din := _GLUED_DIN.match(latin):
        return "din", din["head"]
    allah = _GLUED_ALLAH.match(latin)
    if allah and latin not in _ALLAH:
        return "allah", allah["head"]
    return "", token


def _ascii(word: str) -> str:
    """A Latin word's letters without marks, Turkish letters written as the sounds they stand for."""
    word = word.replace("ş", "sh").replace("ç", "ch").replace("ğ", "")
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 15)
def latin_variants(word: str) -> tuple[str, ...]:
    """Other spellings of a Latin word that a ``skeleton`` may meet in Arabic: marks folded (Keçeli ->
    Kecheli), a Turkish c read as j (Oncu -> Onju) or as ç (Keceli -> Kecheli), a French final consonant
    dropped (Barrot -> Barro), initial ou before a vowel read as w (Ouattara -> Wattara), a Spanish j read as
    the kh Arabic writes for it (Juan Jesús Vivas / خوان خيسوس فيفاس, José / خوسيه, Javier / خافيير)."""
    base = _ascii(normalize(word))
    out = [base]
    if "ğ" in normalize(word):
        out.append(normalize(word).replace("ğ", "gh"))  # Erdoğan / أردوغان
    if re.search(r"c(?![hk])", base):
        out.append(re.sub(r"c(?![hk])", "j", base))
        out.append(re.sub(r"c(?![hk])", "ch", base))
    if re.search(r"(?:o|ou|au|ai|e)(?:l?t|d|s|x|ts|ds)$", base) and len(base) > 4:
        out.append(re.sub(r"(?:l?t|d|s|x|ts|ds)$", "", base))  # Barrot / بارو, Ayrault / إيرو
    if re.match(r"ou[aei]", base):
        out.append("w" + base[2:])
    if "j" in base:
        out.append(base.replace("j", "kh"))
    return tuple(dict.fromkeys(out))
