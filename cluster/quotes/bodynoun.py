"""The body an English definite body noun stands for ("the exchange", "the bank", "the ministry"): the one
body the article names before it whose name has that head noun or marks that kind of body ("Boursa Kuwait"
is an exchange, "Banque Al-Sharq" a bank), or that the article describes by the noun ("Niger Delta Watch, a
local environmental group"). Split from ``coref``, which resolves a subject to it; the Arabic counterpart is
``bodyname.body_named_as``. And the issuer "the statement" goes on quoting (``statement_issuer``).

A user wants the body's name, as a pronoun resolves to a person; a reader takes "the exchange" for the
exchange the story is about. Where two different bodies fit ("the ministry" after the Interior and the
Health ministries), no name is given: the description stays.
"""

from __future__ import annotations

import re

from cluster.documents import SegmentKind
from cluster.quotes.history import History, Speaker
from cluster.quotes.sources import ORGANISATION
from cluster.textnorm import normalize

EN_KIND_MARKS: dict[str, frozenset[str]] = {
    "exchange": frozenset("exchange bourse boursa borsa bolsa".split()),
    "bank": frozenset("bank banque banco banca bancorp".split()),
    "regulator": frozenset("regulator authority commission".split()),
    "airline": frozenset("airways airlines".split()),
    "carrier": frozenset("airways airlines".split()),
    "company": frozenset("company co corp corporation inc ltd plc llc holdings industries".split()),
    "firm": frozenset("company co corp corporation inc ltd plc llc holdings industries".split()),
}
"""Words of a body's own name that say what kind of body it is, for a noun the name need not hold."""
EN_BODY_NOUNS = frozenset("""exchange bank regulator airline carrier company firm ministry authority agency union
council commission court federation association society charity group operator lender insurer museum club league
hospital university party""".split())
"""Nouns by which a story calls a body it has named."""
EN_CLASS_NOUNS = frozenset("company firm group statement museum club".split())
AR_CLASS_NOUNS = frozenset(normalize(w) for w in "الشركة البيان".split())
"""Heads of a description that say only what class of body spoke (or that a statement did), from which a
body's own name is seldom built: "the company" is Microsoft, "the group" Niger Delta Watch, "البيان" its
issuer; unlike "the ministry" or "الوزارة", the phrase shares no word with the name a reader looks for."""
CAPITALISED_RUN = re.compile(
    r"(?<![\w'’-])(?:The\s+)?([A-Z][\w&.’'-]*(?:\s+(?:(?:of|for|and|de|du)\s+)?[A-Z][\w&.’'-]*)*)")
"""A run of capitalised words, "of"/"for"/"and" inside it ("Ministry of Interior", "Banque Al-Sharq")."""
APPOSED = r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}{noun}\b"
"""'Niger Delta Watch, a local environmental group': a name set beside the noun."""


def class_description(words: list[str], lang: str) -> bool:
    """"the company", "The Singapore-based company", "وقالت الشركة", "وأضاف البيان": a definite
    description by a class noun (``EN_CLASS_NOUNS``). Left unresolved it is no name: on the blind
    snapshots each such phrase given as the speaker was a wrong one (docs/quotes-log.md, round wt-q27),
    and a newsroom would rather have none."""
    if lang == "ar":
        return len(words) == 1 and strip_conjunction(normalize(words[0])) in AR_CLASS_NOUNS
    return 2 <= len(words) <= 3 and words[0].lower() == "the" and words[-1].lower() in EN_CLASS_NOUNS and "'" not in (
        words[1]) and "’" not in words[1]


def strip_conjunction(norm: str) -> str:
    """"والشركة" -> "الشركة": the conjunction و before the article."""
    return norm[1:] if norm.startswith("وال") else norm


def named_body(words: list[str], text: str, offset: int | None) -> str | None:
    """The one body named in ``text`` before ``offset`` that a definite ``words`` ("the exchange") fits;
    None for a headline (``offset`` None), an indefinite or possessive description, a noun no body takes,
    or when no body or several different ones fit."""
    if offset is None or len(words) < 2 or words[0].lower() != "the" or any(
            w[:1].isupper() or "'" in w or "’" in w for w in words[1:]):
        return None  # "The Genel Maden-Is union" names its own body; "the company's lawyer" is someone else
    noun = words[-1].lower()
    if noun not in EN_BODY_NOUNS:
        return None
    before = text[:offset]
    bodies: list[str] = []
    for found in CAPITALISED_RUN.finditer(before, max(before.find("\n"), 0)):  # a headline's capitals are style
        name = _trimmed(found.group(1))
        if name and _fits(noun, name, before) and not any(_same_body(name, b) for b in bodies):
            bodies.append(name)
    return bodies[0] if len(bodies) == 1 else None


def _trimmed(name: str) -> str | None:
    """A run without a possessive (a body's own name has none: "Egypt's" qualifies what follows, so "Qatar's
    Museum of Islamic Art" is the museum's name after it) and with more than an acronym of one letter."""
    words = name.split()
    owner = max((k for k, w in enumerate(words) if "'" in w or "’" in w), default=-1)
    name = " ".join(words[owner + 1:])
    if "'" in name or "’" in name or len(name) < 3:
        return None
    return name.rstrip(".")


def _fits(noun: str, name: str, text: str) -> bool:
    """The name's head is the noun ("Interior Ministry", "Ministry of Interior"), or one of its words marks
    that kind of body ("Boursa Kuwait"), or the article sets the noun beside it."""
    lowered = {w.lower().strip(".,") for w in name.split()}
    if lowered <= {noun} | EN_KIND_MARKS.get(noun, frozenset()):
        return False  # "Bank shares fell": the noun opening a sentence names no body
    if noun in lowered or lowered & EN_KIND_MARKS.get(noun, frozenset()):
        return True
    return re.search(re.escape(name) + APPOSED.format(noun=noun), text) is not None


def _same_body(name: str, other: str) -> bool:
    """One body named twice, once shorter ("Banque Al-Sharq", "Al-Sharq")."""
    a, b = set(name.lower().split()), set(other.lower().split())
    return a <= b or b <= a


STATEMENT_AFTER_VERB = re.compile(r"^\S*\s+(?:\S+\s+){0,3}?(?:in|on|via)\s+(?:a|an|its)\s+(?:[\w-]+\s+){0,2}?statement\b"
                                  r"|^\S*\s+(?:\S+\s+){0,3}?في\s+بيان")
"""'said in a statement', 'said on Tuesday in an emailed statement', 'قالت ... في بيان': the speaker issued one."""


def statement_issuer(history: History, kind: SegmentKind) -> Speaker | None:
    """The body whose statement "the statement" / "البيان" goes on quoting: the latest named body, or the
    latest one-word name said to speak "in a statement" ("Gulfmark said in a statement that ... "...," the
    statement said": a company's one-word name reads like a person's). A person named in full who spoke in
    a statement is not taken: "وورد في البيان" after "ورد عون في بيان" may be the presidency's text."""
    for k in range(len(history.entries) - 1, -1, -1):
        _, seg_kind, speaker = history.entries[k]
        if seg_kind is not kind or not speaker.name:
            continue
        if speaker.kind == ORGANISATION:
            return speaker
        if len(speaker.name.split()) == 1 and STATEMENT_AFTER_VERB.match(
                history.text[history.offsets[k]:history.offsets[k] + 80]):
            return Speaker(speaker.name, speaker.written, ORGANISATION)
    return None
