"""An English "he" / "she" after a sentence whose subject is a title alone: the article's holder of that title.

Why: news prose sets up a quote with a short sentence about a titled person the article named earlier,
then quotes him: 'Asked whether the city would hire a contractor, the mayor was blunt. "If the company
is not back by Monday, yes," he said.' The pronoun went to the latest speaker still in reach (a body of
doctors quoted one paragraph before), so the mayor's words were given to "Physicians". The sentence right
before the quotation names its speaker by title; the register (``register.title_reading``) resolves the
title to the one person the article gave it to, and leaves it alone when two or none hold it.
"""

from __future__ import annotations

import re

from cluster.quotes.history import History
from cluster.quotes.lexicon import DOUBLE_MARKS, EN_TITLES
from cluster.quotes.register import title_reading
from cluster.quotes.sources import PERSON

EN_PERSONAL = frozenset("he she".split())
"""The pronouns read here: a person's (a title alone never stands for "they" or "it")."""
TITLE_SUBJECT = re.compile(r"(?:^|, )[Tt]he ((?:[a-z-]+ ){1,3}[a-z-]+)")
"""A sentence's subject that is "the" and lower-case words ("the mayor was", ", the foreign minister said")."""
SETUP_CHARS = 1500
"""The most characters between a paragraph's start and the pronoun that this reading looks through."""
NOT_AFTER_TITLE = frozenset("of and for at in".split())
"""Words that make the title a part of a longer description ("the head of ...", "the mayor and ...")."""


def _title_words(words: list[str]) -> list[str] | None:
    """The title a subject's words open with, when a verb-like word follows it ("mayor" of "mayor was
    blunt", "foreign minister" of "foreign minister said"); None for "the head of ..." or no title."""
    for end in range(min(3, len(words) - 1), 0, -1):
        if words[end - 1] in EN_TITLES and words[end] not in EN_TITLES | NOT_AFTER_TITLE:
            return words[:end]
    return None


def titled_before_quote(pronoun: str, history: History, paragraph_start: int, offset: int,
                        gender: tuple[str, str | None] | None) -> str | None:
    """The person a title alone stands for, when the sentence right before the quotation that "he" / "she"
    closes has that title as its subject ('the mayor was blunt. "...," he said'); None otherwise. ``gender``:
    (language, gender) the pronoun asks for."""
    if pronoun.lower() not in EN_PERSONAL or offset - paragraph_start > SETUP_CHARS:
        return None  # read a bounded span per quote: the stage stays linear in a long paragraph of quotes
    text = history.text[paragraph_start:offset]
    opening = next((k for k, c in enumerate(text) if c in DOUBLE_MARKS), None)
    if not opening:
        return None
    before = text[:opening].rstrip()
    if not before.endswith((".", ":")):
        return None  # the quotation goes on a sentence of its own: only then does that sentence set it up
    sentence = re.split(r"(?<=[.!?])\s+", before[:-1])[-1]
    found = [title for m in TITLE_SUBJECT.finditer(sentence) if (title := _title_words(m.group(1).split()))]
    if len(found) != 1:
        return None
    words = ["the", *found[0]]
    held = title_reading(words, " ".join(words), "en", history, lambda n: history.fits(n, *gender) if gender else True)
    return held.name if held is not None and held.kind == PERSON else None
