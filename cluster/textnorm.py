"""Text normalisation shared by every lexical comparison (one place, so all stages agree).

Arabic news text varies in ways that do not change a word: diacritics, tatweel, hamza forms on alef,
alef maqsura vs yaa, taa marbuta vs haa, Arabic-Indic and Persian digits, typographic punctuation.
Lexical overlap, verbatim checks, shared numbers and keyword extraction all go through ``normalize``
so that two copies of a passage that differ only in such spelling compare equal.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_CHAR_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ک": "ك",
        "ی": "ي",
        "٫": ".",
        "٬": ",",
        "،": ",",
        "؛": ";",
        "؟": "?",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "ʼ": "'",
        "–": "-",
        "—": "-",
        "\u00a0": " ",
        "\u200f": "",
        "\u200e": "",
        "\u200c": "",
        "\u200d": "",
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_WORD = re.compile(r"[^\W_]+(?:[.,]\d+)*", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")


MEMO_PARAGRAPHS = 1 << 18
"""Entries of the memos that every stage reads a corpus's paragraphs through again (words, a paragraph's story
cues and names). Each stage passes over all of a corpus's paragraphs; a memo smaller than the corpus keeps
none of them from one pass to the next, and work that was once a paragraph became once a pass. At 1 << 16 the
300k-passage bench corpus (243,000 paragraphs) thrashed them: at 1 << 18 its story stage alone took 33.0 s CPU
instead of 41.5 (stories identical); the duplicate stage alone 263.8 s instead of 292.0 in one harness run each,
no clear gain in the growth runs (other loads). The cost: the whole run's peak at 300k rose 3,460 -> 3,747 MB
(plain reach-30 corpus), although the words are interned and an entry is a tuple of pointers."""


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Lower-cased, NFKC, Arabic-orthography-folded text with ASCII digits and plain punctuation.

    Memoised: every stage asks for the same paragraphs' words again (boilerplate rules, passage
    profiles, story keywords), and NFKC plus the character map dominated segmentation time.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    return text.translate(_CHAR_MAP).lower()


def folding() -> dict[str, object]:
    """What ``normalize`` does beyond NFKC and lower-casing, as data: the marks it strips (a regex character
    class) and the characters it maps. The HTML page folds its words with the same table, so its
    highlights and word diffs compare words as the tool does."""
    return {"strip": _DIACRITICS.pattern + "|" + _TATWEEL, "map": {chr(k): v for k, v in _CHAR_MAP.items()}}


def words(text: str) -> list[str]:
    """Normalised word tokens (numbers kept whole, e.g. ``2,735`` and ``3.5``)."""
    return list(word_tuple(text))


@lru_cache(maxsize=MEMO_PARAGRAPHS)
def word_tuple(text: str) -> tuple[str, ...]:
    """``words`` memoised, for the hot paths that only read them.

    Each word interned: a corpus names the same few hundred thousand words over and over, and every passage's
    words (here, in its lexical profile, in a story's keywords) held a string object of their own, ~2.5 KB a
    passage; at 300k bench passages the duplicate stage peaked ~575 MB lower and spent less CPU allocating."""
    return tuple(map(sys.intern, _WORD.findall(normalize(text))))


def numbers(text: str) -> set[str]:
    """The numbers a text mentions, digits folded to ASCII and separators dropped (``2,735`` -> ``2735``)."""
    return {number_key(n) for n in _NUMBER.findall(normalize(text))}


def number_key(digits: str) -> str:
    """How ``numbers`` writes a number: separators dropped, so 2,735 and 2735 compare equal."""
    return digits.replace(".", "").replace(",", "")


def script_language(text: str, default: str = "und") -> str:
    """``ar`` when Arabic letters dominate, ``en`` for Latin script, ``ru`` for Cyrillic, else ``default``.

    Script is what matters for matching (an Arabic and an English passage can only be a translation of
    each other); finer language identification within the Latin script is not attempted here.
    """
    sample = text[:4000]
    counts = {
        "ar": len(_ARABIC_LETTER.findall(sample)),
        "en": len(_LATIN_LETTER.findall(sample)),
        "ru": len(_CYRILLIC_LETTER.findall(sample)),
    }
    lang, best = max(counts.items(), key=lambda kv: kv[1])
    return lang if best >= 3 else default


@lru_cache(maxsize=8)
def stopwords(lang: str) -> frozenset[str]:
    """Stop words of a language, normalised like the text they are compared with."""
    from stop_words import StopWordError, get_stop_words

    names = {"ar": "arabic", "en": "english", "ru": "russian"}
    try:
        raw = get_stop_words(names.get(lang, lang))
    except (StopWordError, KeyError):
        return frozenset()
    return frozenset(normalize(w) for w in raw)


def content_words(text: str, lang: str) -> list[str]:
    """Normalised words minus stop words and one-letter tokens: what a lexical overlap should count."""
    stop = stopwords(lang)
    return [w for w in words(text) if len(w) > 1 and w not in stop]


_NAME_OR_NUMBER = re.compile(r"\b(?:[A-Z][\w'’-]*[\w]|[A-Z]{2,}|\d[\d,.]*\d|\d)\b")
_SENTENCE_END = frozenset('.!?؟:"”»')


def _starts_sentence(line: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence: only spaces before it on the line, or a sentence
    end (``.!?؟:"”»``) then spaces. Reads back over the spaces only, so a long line costs no more per
    word (testing the whole text before each word made long paragraphs quadratic)."""
    k = start - 1
    while k >= 0 and line[k].isspace():
        k -= 1
    return k < 0 or line[k] in _SENTENCE_END


def names_and_numbers(text: str) -> list[str]:
    """Capitalised words (not sentence-initial) and numbers: what tells one event from another.

    Two earthquakes or two court rulings share their vocabulary; they differ in places, people,
    dates and counts. Arabic has no capitals, so Arabic text contributes its numbers and any Latin
    names it quotes.
    """
    found = []
    for line in text.splitlines():
        for match in _NAME_OR_NUMBER.finditer(line):
            if match.group()[0].isupper() and _starts_sentence(line, match.start()):
                continue
            token = normalize(match.group()).replace(",", "")
            found.append(token[:-2] if token.endswith("'s") else token)
    return found


CASELESS_SCRIPTS = frozenset({"ar"})
"""Languages whose script has no capitals, so names cannot be told from other words by case."""


def event_terms(text: str, lang: str) -> list[str]:
    """The terms that tell one event from another of the same kind.

    Where capitals mark names, the names and numbers. Where they do not (Arabic), the content words
    and numbers: TF-IDF then weighs up the rare ones, which are mostly names and places.
    """
    if lang in CASELESS_SCRIPTS:
        terms = [w for w in content_words(text, lang) if len(w) > 2 and not w[0].isdigit()]
        return terms + names_and_numbers(text)
    return names_and_numbers(text)
