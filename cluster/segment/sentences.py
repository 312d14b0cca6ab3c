"""Sentences and word windows of one paragraph: where sentences end in Arabic and English news, and how
a long sentence is cut into windows for matching.

Every function here runs on paragraphs of any length, including hostile ones (a line of 200,000
characters without a space, thousands of quotation marks): each is linear in the paragraph's length,
so no regex may backtrack over a long run and no loop may rescan the text before a position.
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

_INVISIBLE = " \t\r\n\f\v\u00a0\u200b\u200e\u200f\u2028\u2029\u202f\ufeff"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _INVISIBLE:
        start += 1
    while end > start and text[end - 1] in _INVISIBLE:
        end -= 1
    return start, end


ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt insp det
inc ltd co corp bros dept univ assn approx vs al fig vol ch pp
jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd rd calif fla mich conn
""".split())
"""Words that end with a period without ending the sentence ("Dr. Smith", "Troy, Mich., company").
Abbreviations that are also common words ("etc.", "Mass.") are left out: they often end sentences."""
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "art", "p"})
"""Abbreviations that only count as such before a number ("No. 5")."""

_BOUNDARY = re.compile(r"(?:\.{3,}|[.!?؟…]+)[\"'”’»)\]]*")
_QUOTE_PAIRS = {"“": "”", "«": "»"}
_QUOTE_CHAR = re.compile("[" + re.escape("".join(_QUOTE_PAIRS) + "".join(_QUOTE_PAIRS.values()) + '"') + "]")
_MAX_QUOTE_WORDS = 30
_NEXT_CHAR = re.compile(r"\s*(\S)")
_TOKEN_LOOKBACK = 64
"""Characters read back from a full stop for the abbreviation or initials before it: longer than any."""
_WORD_TOKEN = re.compile(r"\S+")
_HAS_WORD_CHAR = re.compile(r"\w")
"""A quotation up to this long is kept in one sentence; a longer one is split like any text."""


SPLIT_PARAGRAPHS_KEPT = 1 << 18
"""Paragraphs whose sentence spans are memoised: the quote stage reads every paragraph the segment stage
split, in the same order, so a smaller cache than the corpus misses on every one of them (an LRU read in
a cycle longer than itself keeps nothing it is asked for): at 32k paragraphs the quote stage re-split all
81k of a 100k-passage corpus. Enough for 300k passages (243k paragraphs); about 0.3 kB a paragraph."""


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph; see ``_sentence_spans`` (memoised: segmentation and quote
    extraction both split every paragraph)."""
    return list(_sentence_spans(text))


@lru_cache(maxsize=SPLIT_PARAGRAPHS_KEPT)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans of one paragraph (offsets into ``text``, whitespace trimmed), Arabic or English.

    A sentence ends at ``. ! ? ؟ …`` (closing quotes and brackets stay with it) followed by
    a space or the end, or by an Arabic letter (scraped Arabic often drops the space). Not at
    decimals, abbreviations and initials ("Dr.", "U.S.", "J. K.", "a.m."), not before a lower-case
    word, and not inside a short quotation, which reads as one unit.
    """
    inside = _QuoteCover(_quote_spans(text))
    cuts: list[int] = []
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        nxt = text[end: end + 1]
        if nxt and not nxt.isspace() and not (_is_arabic(nxt) and _is_arabic(text[m.start() - 1: m.start()])):
            continue
        if _continues(text, m.start(), m.group(), end):
            continue
        if inside.covers(m.start(), end):
            continue
        cuts.append(end)
    spans, start = [], 0
    for cut in [*cuts, len(text)]:
        s, e = _trim(text, start, cut)
        if s < e:
            spans.append((s, e))
        start = cut
    return tuple(spans)


class _QuoteCover:
    """Whether some quotation opens before a position and closes at or after another, in log time (a
    paragraph of thousands of quotes and sentence marks must not cost their product)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.opens = [s for s, _ in spans]
        self.reach = list(itertools.accumulate((e for _, e in spans), max))

    def covers(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.opens, start)  # quotes opening strictly before ``start``
        return k > 0 and self.reach[k - 1] >= end


def _is_arabic(ch: str) -> bool:
    return bool(ch) and "\u0621" <= ch <= "\u064a"


def _continues(text: str, pos: int, mark: str, end: int) -> bool:
    """Whether the sentence goes on after the mark at ``pos`` (abbreviation, initial, lower case)."""
    nxt = _NEXT_CHAR.match(text, end)
    after = nxt[1] if nxt else ""
    if after.islower():
        return True
    if mark.rstrip("\"'\u201d\u2019\u00bb)]") != ".":
        return False
    # only the token before the mark matters: look back a bounded stretch, not the whole paragraph
    token = re.split(r"\s", text[max(0, pos - _TOKEN_LOOKBACK): pos])[-1].lstrip("\"'(\u201c\u00ab[")
    low = token.lower()
    if low in ABBREVIATIONS or (low in _NUMBER_ABBREVIATIONS and after.isdigit()):
        return True
    if len(token) == 1 and token.isalpha():  # an initial: "J. K. Rowling", "د. محمد"
        return True
    return bool(re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", token))  # U.S, a.m, e.g


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Balanced quotations of at most ``_MAX_QUOTE_WORDS`` words, as (open, close) offsets."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    straight: int | None = None
    for m in _QUOTE_CHAR.finditer(text):  # only quote marks matter: skip the rest in C
        i, ch = m.start(), m.group()
        if ch in _QUOTE_PAIRS:
            stack.append((_QUOTE_PAIRS[ch], i))
        elif stack and ch == stack[-1][0]:
            spans.append((stack.pop()[1], i))
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                spans.append((straight, i))
                straight = None
    return [(s, e) for s, e in spans if _count(text, s, e) <= _MAX_QUOTE_WORDS]


def word_tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the whitespace-separated tokens of ``text[start:end]`` that hold a word character (what
    ``\\S*\\w\\S*`` finds, without its quadratic backtracking on a long run of punctuation)."""
    return [m.span() for m in _WORD_TOKEN.finditer(text, start, end) if _HAS_WORD_CHAR.search(m[0])]


def _cut_long(tokens: list[tuple[int, int]], max_chars: int) -> list[tuple[int, int]]:
    """Tokens longer than ``max_chars`` (a line without spaces) cut into pieces of that length."""
    if all(e - s <= max_chars for s, e in tokens):
        return tokens
    return [(i, min(i + max_chars, e)) for s, e in tokens for i in range(s, e, max_chars)]


def word_windows(
    text: str, start: int, end: int, max_words: int, max_word_chars: int | None = None
) -> list[tuple[int, int]]:
    """``text[start:end]`` itself, or cut into balanced runs of at most ``max_words`` words; a word longer
    than ``max_word_chars`` counts as one word per that many characters."""
    tokens = word_tokens(text, start, end)
    if max_word_chars:
        tokens = _cut_long(tokens, max_word_chars)
    if len(tokens) <= max_words:
        return [(start, end)]
    parts = -(-len(tokens) // max_words)
    size = -(-len(tokens) // parts)
    windows = [(tokens[i][0], tokens[min(i + size, len(tokens)) - 1][1]) for i in range(0, len(tokens), size)]
    windows[-1] = (windows[-1][0], end)
    return windows


def _count(text: str, start: int, end: int) -> int:
    return len(word_tokens(text, start, end))
