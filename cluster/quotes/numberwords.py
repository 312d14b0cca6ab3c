"""Numbers a quote writes out in words, as digits: the facts check's second reading of a translation.

A translation keeps the numbers of its quote (``duplicates.crosslingual.facts_kept``), but outlets write
small numbers and round tens as words in one language and as digits in the other ("الأدنى منذ ثمانين
عاما" / "lowest in 80 years", "seven people" / "7 أشخاص"), and the check then read a faithful
translation as one that drops a number. ``as_digits`` rewrites the number words of a text; ``links``
asks the facts check again on both texts so rewritten when the written ones fail it (a second chance
only: "أسبوعين" / "two weeks", a dual against a word, passes as written and must not fail as rewritten).

Only single words are read: units from two, the teens, the tens and a hundred (compounds such as
"ثمانية وعشرين" are rare in quotes). English "one" is left alone ("no one", "one of them").
"""

from __future__ import annotations

import re

from cluster.textnorm import normalize

_AR = {
    2: "اثنان اثنين اثنتان اثنتين", 3: "ثلاث ثلاثه", 4: "اربع اربعه", 5: "خمس خمسه", 6: "سته",
    7: "سبع سبعه", 8: "ثماني ثمانيه", 9: "تسع تسعه", 10: "عشر عشره",
    20: "عشرين عشرون", 30: "ثلاثين ثلاثون", 40: "اربعين اربعون", 50: "خمسين خمسون", 60: "ستين ستون",
    70: "سبعين سبعون", 80: "ثمانين ثمانون", 90: "تسعين تسعون", 100: "مئه مائه",
}
"""Arabic number words (ة written ه, أ written ا); "ست" (also "lady") is left out. The keys of
``_AR_WORDS`` are these words as ``normalize`` writes them: it also writes ئ as ي («مئة» -> «ميه»), so a
table written by hand in its spelling missed "a hundred" («بنسبة مئة في المئة» / "100 percent")."""
_EN = {
    2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten",
    11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen",
    17: "seventeen", 18: "eighteen", 19: "nineteen", 20: "twenty", 30: "thirty", 40: "forty", 50: "fifty",
    60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety", 100: "hundred",
}
_AR_WORDS = {normalize(word): str(n) for n, forms in _AR.items() for word in forms.split()}
_EN_WORDS = {word: str(n) for n, word in _EN.items()}
_AR_PREFIXES = ("و", "ب", "ل", "وب", "ول")
_AR_TOKEN = re.compile(r"[\u0621-\u064a\u0640\u064b-\u0652]+")
_EN_TOKEN = re.compile(r"\b[A-Za-z]+\b")


def as_digits(text: str, lang: str) -> str:
    """``text`` with its number words written as digits ("منذ ثمانين عاما" -> "منذ 80 عاما")."""
    if lang == "ar":
        return _AR_TOKEN.sub(_arabic, text)
    return _EN_TOKEN.sub(lambda m: _EN_WORDS.get(m.group(0).lower(), m.group(0)), text)


def _arabic(match: re.Match[str]) -> str:
    word = normalize(match.group(0))
    if word in _AR_WORDS:
        return _AR_WORDS[word]
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and word[len(prefix):] in _AR_WORDS:
            return _AR_WORDS[word[len(prefix):]]
    return match.group(0)
