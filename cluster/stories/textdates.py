"""Calendar days named in an article's text ("March 23", "23 مارس", "Dec. 11"), as (month, day).

Two reports of one event name its day; two events of one kind (two meetings of the same people, two
earthquakes) name different days. Unlike ``ingest.dates``, which looks for the one publication date at
the top of a page, this reads every day-and-month mention in the body, years optional, because a
report says "on March 23" far more often than "on 23 March 2026".
"""

from __future__ import annotations

import re

from cluster.ingest.dates import MONTH_NAMES
from cluster.textnorm import normalize

_MONTHS: dict[str, int] = {re.sub(r"\s+", " ", normalize(name)): num
                           for num, names in MONTH_NAMES.items() for name in names if len(name) > 2}
"""Month names, normalised; two-letter forms ("اب") are left out, they are ordinary words too."""
_MONTH = "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(?<![\d.,])([0-3]?\d)(?:st|nd|rd|th)?(?![\d.,]\d)"
_DAY_MONTH = re.compile(rf"{_DAY}\s*(?:of\s+)?({_MONTH})(?![^\W\d_])")
_MONTH_DAY = re.compile(rf"(?<![^\W\d_])({_MONTH})\.?\s+{_DAY}(?![\d:])")
# "may" and "march" are verbs too: an English month name counts only when capitalised in the text.
_AMBIGUOUS = frozenset({"may", "march"})
_DIGIT = re.compile(r"\d")


def calendar_days(text: str) -> frozenset[tuple[int, int]]:
    """(month, day) pairs the text names."""
    found: set[tuple[int, int]] = set()
    norm = normalize(text)
    if not _DIGIT.search(norm):  # every form names the day in digits: most paragraphs have none
        return frozenset()
    for match in _DAY_MONTH.finditer(norm):
        _add(found, text, match, match.group(2), match.group(1))
    for match in _MONTH_DAY.finditer(norm):
        _add(found, text, match, match.group(1), match.group(2))
    return frozenset(found)


def _add(found: set, original: str, match: re.Match[str], month: str, day: str) -> None:
    name = re.sub(r"\s+", " ", month)
    if name in _AMBIGUOUS and not original[match.start():match.end()].count(name.capitalize()):
        return
    number = int(day)
    if 1 <= number <= 31:
        found.add((_MONTHS[name], number))
