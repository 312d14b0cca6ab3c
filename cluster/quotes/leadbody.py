"""The body an English wire story opens with ("KUWAIT (Reuters) - Kuwaiti budget carrier Wahat Airways
cancelled ...", "DUBAI (Reuters) - Saudi Aramco has cut ..."): a later "the airline said" / "the company
said" with no body quoted in its paragraph is that body's. Split from ``coref``."""

from __future__ import annotations

import re

DATELINE = re.compile(r"^[^\n]{0,80}?(?:\)\s*[-\u2013\u2014]|\s[-\u2013\u2014])\s+")
"""'SINGAPORE/DUBAI, Dec 7 (Reuters) - ', 'CAIRO (AP) — ': where a wire story's lead begins."""
LEAD_SUBJECT = re.compile(
    r"^(?:[a-z][\w-]*\s+|[A-Z][\w-]*\s+){0,4}?((?:[A-Z][\w&-]*\s+){1,4}?)(?:on \w+\s+)?"
    r"(?:has |have |had |will )?(?:[a-z]+ed|cut|cuts|said|says|told|made|set|sold|took|won|lost)\b")
"""The lead's subject: a capitalised name of up to four words near the sentence's start, right before
its verb (past, perfect or said), after lower-case descriptors ("budget carrier") or a nationality."""
BODY_NOUNS = frozenset("company firm airline carrier group operator lender maker producer insurer".split())
"""Nouns by which a story calls the body it opened with."""


def lead_body(text: str, words: list[str], gender_of) -> str | None:
    """The body a definite "the company" / "the airline" (``words``) refers to: the capitalised subject of
    the story's dated lead, when the article shows no gender for it (a person's would be he or she)."""
    if len(words) < 2 or words[0].lower() != "the" or words[-1].lower() not in BODY_NOUNS:
        return None
    for paragraph in text.split("\n")[1:6]:
        dated = DATELINE.match(paragraph)
        if dated is None:
            continue
        found = LEAD_SUBJECT.match(paragraph[dated.end():])
        if found is None:
            return None
        name = found.group(1).strip()
        if "'" in name or "’" in name or len(name.split()) < 2 or gender_of(name) is not None:
            return None  # "Benjamin Netanyahu said" is a person; "Egypt ordered" no body of two words
        return name
    return None
