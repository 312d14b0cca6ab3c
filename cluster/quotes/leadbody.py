"""The body an English wire story opens with ("KUWAIT (Reuters) - Kuwaiti budget carrier Wahat Airways
cancelled ...", "DUBAI (Reuters) - Saudi Aramco has cut ..."): a later "the airline said" / "the company
said" with no body quoted in its paragraph is that body's. Split from ``coref``."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from cluster.documents import Segment
from cluster.quotes.bodynoun import class_description
from cluster.quotes.history import History, Speaker
from cluster.quotes.names import Token
from cluster.quotes.sources import ORGANISATION, PERSON, UNATTRIBUTED, is_definite, source_phrase

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


def opening_body(words: list[str], lang: str, seg: Segment, history: History, offset: int | None) -> str | None:
    """``lead_body`` for an English description after the headline, unless a body quoted in its paragraph
    goes on speaking (``body_just_quoted``)."""
    if lang == "ar" or offset is None or body_just_quoted(words, ORGANISATION, lang, seg, history, offset):
        return None
    return lead_body(history.text, words, lambda n: history.gender(n, lang))


def body_just_quoted(words: list[str], kind: str, lang: str, seg: Segment, history: History,
                      offset: int | None) -> str | None:
    """An English definite description of a body ("the company", "the group") in the paragraph whose
    latest speaker is a named organisation: that body goes on speaking ("Microsoft said ... "...," the
    company added"); "the company's lawyer" or a body's own name is no such description."""
    if kind != ORGANISATION or offset is None or lang == "ar" or not is_definite(words, lang) or any(
            "'" in w or "’" in w for w in words):
        return None
    found = history.last_entry(seg.index, seg.kind)
    if found is None:
        return None
    if found[0] != seg.index:  # "Niger Delta Watch, a local environmental group, said" the paragraph before
        body = found[2].kind == ORGANISATION or _apposed_body(history.text, found[2].name)
        return found[2].name if body and _goes_on_after_break(words, found[2].name, seg.index - found[0]) else None
    if not (found[2].kind == ORGANISATION or (found[2].kind == PERSON and len(found[2].name.split()) == 1)):
        return None  # a one-word name the article gives no fuller form of is a body's ("Microsoft")
    return found[2].name


GENERIC_BODY_NOUNS = BODY_NOUNS | frozenset("bank society charity union association organisation organization".split())
"""Nouns a story calls any body by, whatever its own name ("Banque Al-Sharq" is "the bank", "the Gulf
Animal Welfare Society" "the group")."""
PUBLIC_HEADS = frozenset("ministry police army court government council commission authority agency regulator "
                         "office department".split())
COMMERCIAL_NOUNS = frozenset("company firm airline carrier operator lender maker producer insurer bank".split())


def _goes_on_after_break(words: list[str], name: str, paragraphs: int) -> bool:
    """A body quoted last in the paragraph just before ("Banque Al-Sharq said in a statement it would
    appeal." then '"...," the bank said.'): wire copy gives the body's reaction a paragraph of its own,
    with no other speaker between. Only a generic body noun, and not a company noun for a public body
    ("the Interior Ministry said ..." then "the company said" is someone else)."""
    noun = words[-1].lower()
    if paragraphs != 1 or noun not in GENERIC_BODY_NOUNS or any(w[:1].isupper() for w in words[1:]):
        return False  # "The Genel Maden-Is union said" names its own body
    return not (noun in COMMERCIAL_NOUNS and name.split()[-1].lower() in PUBLIC_HEADS)


def _apposed_body(text: str, name: str) -> bool:
    """A name the article sets a body noun beside ("Niger Delta Watch, a local environmental group,"): a
    body, though its name reads like a person's."""
    return re.search(re.escape(name) + r", (?:a|an|the) (?:[a-z-]+ ){0,3}(?:" + "|".join(sorted(GENERIC_BODY_NOUNS))
                     + r")\b", text) is not None


SUBJECT_BODY_NOUNS = BODY_NOUNS | frozenset("""committee panel board council commission ministry agency authority federation
association union league club team bank regulator court""".split())
"""Heads of a sentence's subject that make it a body ("The federation's referees committee rejected ...")."""
FINITE = re.compile(r"^(?:[a-z]+ed|is|was|were|has|had|have|says|said|will|would)$")
"""A lower-case past, perfect or copula: where an English sentence's subject ends."""


def body_sentence_before(history: History, since: int, offset: int,
                         resolve: Callable[[list[Token], int], Speaker]) -> Speaker | None:
    """The body a sentence of the quote's paragraph opens with, after the last speaker and before an
    English "it said" ("The league's disciplinary panel rejected the complaint. The decision was correct,
    it said"): "it" is that body, not the club quoted paragraphs before. ``resolve`` reads a subject (the
    ``coref`` resolver at that place); the latest body so opened wins, none when no sentence opens so."""
    text, tokens = history.text, history.tokens
    start = max(since, text.rfind("\n", 0, offset) + 1)
    found: Speaker | None = None
    for k in range(bisect_left(history.token_starts, start), len(tokens)):
        if tokens[k].start >= offset:
            break
        if k > 0 and tokens[k - 1].start >= start and tokens[k - 1].text not in ".!?":
            continue  # not a sentence's first word
        subject = _subject_of(tokens, k)
        if subject:
            found = _body_reading(subject, resolve(subject, tokens[k].start))
    return found


def _body_reading(subject: list[Token], speaker: Speaker) -> Speaker:
    """A body subject as "it"'s speaker: its name when the resolver found one, else the description
    itself ("referees committee"), or no one for a bare class noun ("the company": ``class_description``)."""
    words = [t.text for t in subject if t.word]
    written = " ".join(words)
    if speaker.kind == ORGANISATION and speaker.name:
        return Speaker(speaker.name, written, ORGANISATION)
    if class_description(words, "en"):
        return Speaker(None, written, UNATTRIBUTED)
    return Speaker(source_phrase(words, "en"), written, ORGANISATION)


def _subject_of(tokens: list[Token], first: int) -> list[Token]:
    """The words from a sentence's start to its verb when they end in a body noun; empty otherwise."""
    for k in range(first + 1, min(first + 8, len(tokens))):
        if not tokens[k].word:
            return []
        if FINITE.match(tokens[k].text):
            return tokens[first:k] if tokens[k - 1].text.lower() in SUBJECT_BODY_NOUNS else []
    return []
