"""The per-article length cap (``Config.ingest``), applied wherever an article enters: files, records, HTTP.

Every stage after ingest costs at least linear time and memory in an article's length, and some
(segmentation against other articles' lines, sentence windows, the encoder) cost more per character
of one runaway article than of many normal ones. A scraper that dumps a whole site into one record
must cost its own excess, not the run: the article is kept, cut where a reader would stop (the end of
a paragraph, else of a sentence, else of a word), and the user is told what was cut.
"""

from __future__ import annotations

import dataclasses
import itertools
import re

from cluster.config import IngestConfig
from cluster.documents import Article

_LINE_BREAK = re.compile("[\\n\\r\\v\\f\\x1c\\x1d\\x1e\\x85\\u2028\\u2029]")
_SENTENCE_END = re.compile(r"[.!?؟…][\"'”’»)\]]*\s")
_BOUNDARY_REACH = 0.5
"""A boundary is looked for in the last half of the allowed text; earlier than that, a hard cut at
the limit loses less than stopping at a far-away boundary would."""


def _paragraph_end(text: str, max_paragraphs: int) -> int | None:
    """Where the ``max_paragraphs``-th non-empty line ends, when the text has more; else None.
    Lines break where ``str.splitlines`` breaks them, as segmentation does."""
    seen, pos = 0, 0
    for brk in itertools.chain(_LINE_BREAK.finditer(text), [None]):
        end = len(text) if brk is None else brk.start()
        if text[pos:end].strip():
            seen += 1
            if seen == max_paragraphs:
                return end if text[end:].strip() else None
        pos = end + 1
    return None


def _boundary_cut(text: str, limit: int) -> tuple[int, str]:
    """The last paragraph, sentence or word end at or before ``limit``, and which kind it was."""
    floor = int(limit * _BOUNDARY_REACH)
    para = text.rfind("\n", floor, limit + 1)
    if para > 0:
        return para, "paragraph"
    window = text[floor:limit + 1]
    ends = [m.end() - 1 for m in _SENTENCE_END.finditer(window)]
    if ends:
        return floor + ends[-1], "sentence"
    space = max(text.rfind(" ", floor, limit + 1), text.rfind("\t", floor, limit + 1))
    if space > 0:
        return space, "word"
    return limit, "character"


def cap_text(text: str, limits: IngestConfig) -> tuple[str, str | None]:
    """``text`` within the limits, and a one-line description of the cut (None when nothing was cut)."""
    para_end = _paragraph_end(text, limits.max_article_paragraphs)
    cut, what = len(text), None
    if para_end is not None:
        cut, what = para_end, f"{limits.max_article_paragraphs:,} paragraphs (ingest.max_article_paragraphs)"
    if cut > limits.max_article_chars:
        cut, kind = _boundary_cut(text, limits.max_article_chars)
        what = f"{limits.max_article_chars:,} characters (ingest.max_article_chars), at a {kind} boundary"
    if what is None:
        return text, None
    kept = text[:cut].rstrip()
    return kept, f"article longer than {what}: kept {len(kept):,} of {len(text):,} characters"


def cap_article(article: Article, limits: IngestConfig) -> tuple[Article, str | None]:
    """The article within the limits, and the notice naming it and the cut (None when it fits)."""
    text, cut = cap_text(article.text, limits)
    if cut is None:
        return article, None
    return dataclasses.replace(article, text=text), f"{article.path or article.id}: {article.id}: {cut}"
