"""A body the text names by what it calls itself: "a group calling itself "Desert Sword" claimed ...,
saying", «مجموعة تطلق على نفسها اسم "ظل النيل"». The name after the phrase is the body's; the words
before it ("a group") only describe it, and a verb the sentence gives no other subject is the body's."""

from __future__ import annotations

import re

from cluster.documents import Segment

_MARKS = "\"“”«»„"
EN_SELF_NAMED = re.compile(
    r"\b(?:calling|calls|called|named|naming) itself,?\s+(?:the\s+)?[" + _MARKS + r"]?"
    r"((?:[A-Z][\w'’-]*)(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’-]*){0,4})")
AR_SELF_NAMED = re.compile(
    r"(?:تطلق|تسمي|يطلق|يسمي)\s+على\s+(?:نفسها|نفسه)\s+(?:اسم\s+)?[" + _MARKS + r"]([^" + _MARKS + r"\n]{2,40})[" + _MARKS + r"]")
SELF_WORDS = frozenset({"itself", "نفسها", "نفسه"})
EN_PRONOUNS_OF_BODIES = frozenset({"it", "they"})


def self_named(words: list[str], lang: str, seg: Segment, offset: int | None) -> str | None:
    """The name a body gives itself in the sentence before ``offset`` (an article offset), when the
    verb's subject is that phrase, none, or a pronoun ("it"); else None."""
    if offset is None or not (not words or any(w in SELF_WORDS for w in words)
                              or (lang != "ar" and len(words) == 1 and words[0].lower() in EN_PRONOUNS_OF_BODIES)):
        return None
    at = offset - seg.start
    if not 0 <= at <= len(seg.text):
        return None
    start = max(seg.text.rfind(mark, 0, at) for mark in (".", "!", "?", "؟", "\n")) + 1
    found = list((AR_SELF_NAMED if lang == "ar" else EN_SELF_NAMED).finditer(seg.text, start, at))
    return found[-1].group(1).strip() if found else None
