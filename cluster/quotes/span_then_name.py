"""The person named right after the span the rules read as the speaker, in the verb's own subject.

Why: out of sample the largest class of wrong Arabic names is a span of the reporting verb's own subject
that is not the name: the place of a title («والي إزمير سليمان إلبان» -> «والي إزمير»), the last domain
of a title («الناطق باسم وزارة الخارجية وشؤون المغتربين، السفير سفيان القضاة،» -> «وشؤون المغتربين»),
the title itself («مديرة الوقاية بالوزارة، الدكتورة سامية حمادي،»). Arabic writes the title first and
the name last, so when the text goes on from a span shaped like a title, with no punctuation or with a
comma and an apposition closed by its comma, to a person's full name, the span was the title and the name
is the speaker. Read after the rules (``nameshape.shaped``), so it also holds for the blind snapshots; a
span of name words is left alone (the name finder reads a verb or an object after a name as more names).
"""

from __future__ import annotations

import re

from cluster.quotes.boundary import AR_WAW_GIVEN_NAMES
from cluster.quotes.extract import Quote
from cluster.quotes.gender import AR_PERSON_TITLES
from cluster.quotes.lexicon import AR_COMPLEMENTIZERS, AR_GENERIC
from cluster.quotes.names import Token, is_stop, name_runs, strip_article, tokenize
from cluster.quotes.sources import AR_ORG_HEADS, PERSON, name_kind, strip_prefix_article
from cluster.textnorm import normalize

TITLE_WORDS = AR_GENERIC | AR_PERSON_TITLES
"""A title's words (a person's title or a generic office)."""
TITLE_OR_BODY_WORDS = TITLE_WORDS | AR_ORG_HEADS
"""A title's or a body's words: what makes a span a title's phrase."""
FOLLOWING_CHARS = 60
"""How far after the span a name may run: four words of a long name."""
NAME_WORDS = (2, 4)
"""A full name has two words at least («سليمان إلبان»), four at most («آمنة بنت أحمد الرميحي»)."""


def name_after_span(quote: Quote, text: str) -> str | None:
    """The full name of a person that the text writes right after the rules' title-shaped span (or after
    it, a comma and a title word or two, up to the comma closing the apposition), where the span is written
    nearest before the quote in its paragraph (or, failing that, after it); None when anything else follows
    (the complementizer, a preposition, a description)."""
    if quote.lang != "ar" or not quote.speaker or not _title_shaped(quote.speaker):
        return None
    end = _span_end(quote, text)
    if end is None:
        return None
    tokens = tokenize(text[end:end + FOLLOWING_CHARS])
    if not tokens or tokens[0].start > 1:
        return None
    apposed = not tokens[0].word and tokens[0].text in "،,"
    first = _past_titles(tokens, 1) if apposed else 0
    if first >= len(tokens) or not tokens[first].word or tokens[first].norm in AR_COMPLEMENTIZERS:
        return None
    runs = [r for r in name_runs(tokens, "ar") if r[0] == first]
    if not runs:
        return None
    last = runs[0][1]
    if apposed and (last >= len(tokens) or tokens[last].text not in "،,"):
        return None  # "X، السفير Y،": the apposition closes with its comma
    words = [t.text for t in tokens[first:last] if t.word]
    name = " ".join(words)
    if not NAME_WORDS[0] <= len(words) <= NAME_WORDS[1] or name_kind(name) != PERSON or _titled(words):
        return None
    return name


TITLE_WORDS_BEFORE_NAME = 2
"""«الدكتورة سامية حمادي», «السفير سفيان القضاة»: an apposed name may follow a title word or two."""


def _past_titles(tokens: list[Token], k: int) -> int:
    """The first token after at most ``TITLE_WORDS_BEFORE_NAME`` definite title words from ``k``."""
    for _ in range(TITLE_WORDS_BEFORE_NAME):
        if k < len(tokens) and tokens[k].word and _head(tokens[k].norm) in TITLE_WORDS and (
                tokens[k].norm.startswith("ال")):
            k += 1
    return k


def _span_end(quote: Quote, text: str) -> int | None:
    """Where the rules' span ends as written nearest before the quote in its paragraph, else nearest after
    it; None when the paragraph does not write it."""
    start = text.rfind("\n", 0, quote.start) + 1
    stop = text.find("\n", quote.end)
    stop = len(text) if stop < 0 else stop
    pattern = re.compile(r"(?<![\u0621-\u064a])" + re.escape(quote.speaker) + r"(?![\u0621-\u064a])")
    before = [m.end() for m in pattern.finditer(text, start, quote.start)]
    if before:
        return before[-1]
    after = pattern.search(text, quote.end, stop)
    return after.end() if after else None


def _title_shaped(span: str) -> bool:
    """A span with a title's or a body's word («والي إزمير», «مديرة الوقاية بالوزارة») or opened by the
    conjunction و or by لل («وشؤون المغتربين», «للشركة»): a title's phrase, never a name of its own. A span
    of name words («أبو سامر», «بلال كبارة») is a name, whatever the text writes after it (a verb, an
    object: the name finder cannot tell them from more names)."""
    words = [normalize(w) for w in span.split()]
    if any(is_stop(t) for t in tokenize(span)):
        return False  # «الحكومة إلى»: a span run on into the verb's object and its preposition
    return any(_head(w) in TITLE_OR_BODY_WORDS for w in words) or (
        words[0].startswith(("و", "لل")) and words[0] not in AR_WAW_GIVEN_NAMES)  # not «وليد»


def _head(word: str) -> str:
    """The word without the conjunction و, the preposition لـ or the article."""
    return strip_prefix_article(word[1:] if word[:1] in "ول" and len(word) > 4 else word)


def _titled(words: list[str]) -> bool:
    """A run that holds a title word is no name of its own («رئيس الوزراء»)."""
    return any(strip_article(w) in AR_GENERIC for w in words)
