"""Quote marks in a paragraph: where quotations open and close (any mix of “ ” « » " and ‘ ’ pairs, a
mark left open running to the paragraph's end), and the word counts and trims read on their spans.
Split from ``extract`` by concern (the headline echoes of ``echoes`` read them too)."""

from __future__ import annotations

import re

from cluster.quotes.clauses import sentence_of
from cluster.quotes.lexicon import DOUBLE_MARKS, TOKEN

HEADLINE_SINGLES = re.compile(r"(?:^|(?<=[\s:]))'(?=\w)(.+?[\w.,!?])'(?!\w)")
"""A pair of typewriter single marks in a headline: the opener before a word at the start or after a space or
colon, the closer after a word or a stop and before no letter ("Kuwait's" holds no closer)."""


def direct_spans(text: str, *, continued: bool = False, headline: bool = False) -> list[tuple[int, int]]:
    """(open mark, close mark) offsets of the quotations of a paragraph.

    Double marks of any shape alternate open/close (sites mix “ with " and write » « either way
    round in right-to-left text); a mark left open runs to the paragraph end. Single ‘ ’ pairs are
    read too, but a ’ between letters is an apostrophe (Hamas’s). ``continued``: the paragraph
    starts inside a quotation opened before it (its open mark is then reported at -1), unless it
    opens with a quote mark of its own. ``headline``: typewriter single marks pair too ("'We will scale
    this up': UK to widen ..."): headlines quote with them, where body text would hold apostrophes.
    """
    spans: list[tuple[int, int]] = []
    opened: int | None = -1 if continued and _first_mark_closes(text) else None
    for i, ch in enumerate(text):
        if ch in DOUBLE_MARKS:
            if opened is None:
                opened = i
            else:
                spans.append((opened, i))
                opened = None
    if opened is not None and word_count(text[opened + 1:]) > 0:
        spans.append((opened, len(text)))
    singles = [*re.finditer(r"‘([^‘’]+?)’(?!\w)", text), *(HEADLINE_SINGLES.finditer(text) if headline else ())]
    for m in singles:
        if not any(s <= m.start() < e for s, e in spans):
            spans.append((m.start(), m.end() - 1))
    return sorted(spans)


def _first_mark_closes(text: str) -> bool:
    """Whether the first double mark of a paragraph reads as a closing one (”, », or " after a word
    and before a space): the paragraph then continues a quotation left open before it."""
    for i, ch in enumerate(text):
        if ch in DOUBLE_MARKS:
            if ch in "”»":
                return True
            if ch in "“«„":
                return False
            after = text[i + 1: i + 2]
            return i > 0 and (not after or after.isspace() or after in ".,،;:!?")
    return True


def stands_alone(text: str, sentences: list[tuple[int, int]], open_: int, close: int) -> bool:
    """Whether the quotation is its sentence: no words of the writer's before or after it."""
    start = sentence_of(sentences, max(open_, 0))[0]
    end = sentence_of(sentences, max(close - 1, open_, 0))[1]
    return not has_word(text[start:max(open_, start)]) and not has_word(text[close + 1:end])


def trim_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (text[start].isspace() or text[start] in "…."):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",،;:"):
        end -= 1
    return (start, end) if start < end else None


def has_word(text: str) -> bool:
    """``word_count(text) > 0``, stopping at the first word (a sentence can be a whole paragraph)."""
    return any(t.group("w") for t in TOKEN.finditer(text))


def word_count(text: str) -> int:
    return sum(1 for t in TOKEN.finditer(text) if t.group("w"))
