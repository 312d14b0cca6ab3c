"""Whether two copies of a quote agree on who said it: the speaker evidence of quote matching.

Split from ``matching``: a translation with the same named speaker on both sides needs less cosine, two
different people veto a link unless the words are the same, and a misread speaker (one copy's name is
the other's, or the other's paragraph names it) does not veto at a high cosine, nor, between two articles
already linked, at the same-speaker cut (``conflict_excused``).
"""

from __future__ import annotations

from cluster.quotes.extract import Quote
from cluster.quotes.sources import ANONYMOUS, ORGANISATION
from cluster.quotes.speakers import same_person

EXCUSED_CONFLICT_COSINE = 0.72
"""Cosine at which a translation whose two copies name different people still links, when one copy's
paragraph names the other's speaker (``speakers_excused``). Translations of one quote sit at 0.7-0.9
with the labelled sets' encoder; two people's statements on one subject reach 0.66 ("Hamas rejected the
deal" / "Hamas had rejected no deal", each paragraph naming both men), so the bar is above that."""
LINKED_EXCUSED_COSINE = 0.5
"""The same, between two articles already linked by another translation (``companions``: they report one
event), and also for a person against a body or an unnamed source there: one copy's paragraph naming the
other's speaker is then the sign of a misreading on unread prose ("مسعود عبد" for Masoud Abdelsamad, "Masen"
for the minister the Arabic paragraph names, "content creator" for the woman the English paragraph names).
It is the same-speaker cut (an explained misreading reads as the same speaker); chosen by leaving one blind
snapshot out (docs/quotes-log.md, round wt-tr): 0.4 found two pairs more and linked two people's statements on
one subject at 0.48; 0.72 (before) missed 9 pairs of 328."""


def same_source(qa: Quote, qb: Quote, sa: int | None, sb: int | None) -> bool:
    """Both copies name the same person, or both an unnamed source or an organisation ("مسؤول إسرائيلي" /
    "Israeli official"), or one names as a person the body the other names (``_one_body``): the
    attribution is evidence the embedding lacks, so a looser translation counts."""
    if sa is None or sb is None:
        return False
    if qa.speaker_kind == "person" and qb.speaker_kind == "person":
        return sa == sb
    if {qa.speaker_kind, qb.speaker_kind} == {"person", ORGANISATION}:
        return _one_body(qa.speaker, qb.speaker)
    return qa.speaker_kind == qb.speaker_kind and qa.speaker_kind in (ANONYMOUS, ORGANISATION)


def _one_body(a: str | None, b: str | None) -> bool:
    """One copy reads a body's name as a person's ("Microsoft said" with no organisation word beside it),
    the other as the organisation («مايكروسوفت», «شركة أمبري البريطانية للأمن البحري» / "Ambrey"): the
    same name (or one held whole in the other) is still the same source; the kinds are the reader's guess,
    the name is the evidence."""
    return same_person(a or "", b or "") or _nested(a, b)


def speakers_conflict(qa: Quote, qb: Quote, sa: int | None, sb: int | None) -> bool:
    """Two named people who are not the same person. Sources and organisations never conflict: their
    labels ("مصادر مصرية", "Egyptian sources") are descriptions, not names to compare across scripts."""
    if sa is None or sb is None or sa == sb or qa.speaker_kind != "person" or qb.speaker_kind != "person":
        return False
    return not same_person(qa.speaker or "", qb.speaker or "")


def conflict_excused(qa: Quote, qb: Quote, similarity: float, linked: bool) -> bool:
    """Whether two copies' different speakers do not keep them apart: from ``EXCUSED_CONFLICT_COSINE`` when
    one copy's paragraph names the other's speaker (``speakers_excused``) or the two articles are ``linked``
    by another translation; from ``LINKED_EXCUSED_COSINE`` when both hold. Why both: on prose the rules have
    not read, one copy in five or so names the wrong speaker, and between two reports of one event the
    other paragraph naming this copy's speaker is what tells a misreading from a second person; the one-to-
    one rule of an article pair (``guard``) keeps that second person's own statement out."""
    if similarity >= EXCUSED_CONFLICT_COSINE:
        return linked or speakers_excused(qa, qb)
    return linked and similarity >= LINKED_EXCUSED_COSINE and speakers_excused(qa, qb)


def speakers_excused(qa: Quote, qb: Quote) -> bool:
    """Whether one copy's paragraph names the other copy's speaker, or one name holds the other whole:
    one of the two attributions may then be the extractor's misreading of the same paragraph ("إطلاق
    النار" read as a name where the English copy has Wayde Sims, whom the Arabic paragraph names too;
    "نواف سلام الغارات", the verb's object read into the name, for Nawaf Salam); the cosine cut still
    decides. Joe Biden and Hunter Biden hold no one another whole: they stay two people."""
    return _named_near(qa.speaker, qb) or _named_near(qb.speaker, qa) or _nested(qa.speaker, qb.speaker)


def _nested(a: str | None, b: str | None) -> bool:
    """Every word of the shorter name is, by its skeleton, a word of the longer."""
    short, long_ = sorted(((a or "").split(), (b or "").split()), key=len)
    return bool(short) and all(any(same_person(w, v) for v in long_) for w in short)


def _named_near(speaker: str | None, quote: Quote) -> bool:
    return bool(speaker) and any(same_person(speaker or "", name) for name in quote.context_names)
