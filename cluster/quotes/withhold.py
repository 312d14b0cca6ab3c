"""Readings whose evidence contradicts the name they give: given to whom the subject writes, or withheld.

Why: on prose the rules had not been read on (the blind snapshots, ``cluster.evaluation.withhold_cv``) a
wrong name is often one the rules *resolved* while the subject the sentence actually writes says who
spoke, and the name given shares no word with it. Two such contradictions are read off the quote alone
(its written subject, the name, the article's people), before the learned chooser weighs the rest:

- ``body_subject``: the written subject is a body by its head noun ("النيابة العامة", "مديرية الأسايش",
  "الوزارة"), or an indefinite unnamed source ("أحد العاملين في المصفاة"), and the person named shares no
  word with it: the body or source is the speaker (its phrase, as the rules give a source). A *definite*
  source noun ("المسؤول الأممي", "المتحدث باسم الجيش") may stand for a person the article named, and stays.
  An Arabic subject opening with a body noun is the body even when the "person" is one of its words
  ("هيئة البيئة بمحافظة ظفار" read as "ظفار").
- ``other_surname``: the written subject is one word, the family name of a person the article names in
  full ("وأضاف الحية" with "خليل الحية"), and the name given (of any kind) does not hold it ("غزة خليل",
  "رفض النقابة"): the resolution went astray. ``surname_person``: when one person of the article bears
  that family name, the quote is theirs; else no name is given.
- ``subject_name``: the written subject holds or leads straight into a full name ("وقال ممثل منظمة
  الصحة العالمية في الأرض الفلسطينية المحتلة ريك بيبركورن إن") that the name given shares no word with
  (``subjectname``): the quote is that person's.

For a newsroom a wrong name costs more than none; each check was adopted only where, chosen on the other
blind snapshots, it raised precision without lowering F1 (docs/quotes-log.md, "Round wt-q21").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from cluster.quotes.extract import Quote
from cluster.quotes.gender import AR_PERSON_TITLES
from cluster.quotes.lexicon import EN_PRONOUNS, EN_TITLES
from cluster.quotes.names import strip_article
from cluster.quotes.sources import (
    ANONYMOUS,
    AR_ORG_HEADS,
    AR_SOURCE_HEADS,
    ORGANISATION,
    PERSON,
    UNATTRIBUTED,
    head_kind,
    is_definite,
    source_phrase,
)
from cluster.quotes.speaker_features import ArticleIndex
from cluster.quotes.subjectname import Names, subject_name
from cluster.textnorm import normalize

CHECKS = ("body_subject", "other_surname", "surname_person", "subject_name")
"""The checks ``checked`` applies, in order (``withhold_cv`` adopts or drops each out of fold)."""

FAMILY_AFTER = re.compile(r" (ال[\u0621-\u064a]{3,})(?![\u0621-\u064a])")
"""A definite Arabic word right after a name, one space between: a family name it may carry."""
Surnames = Callable[[], dict[str, set[str]]]
"""The family names of the article's people (``article_surnames``), built only when a check asks."""


def article_surnames(index: ArticleIndex, text: str) -> dict[str, set[str]]:
    """The people the article names in two words or more, by the key of their family name. Titles are
    no family names, nor a one-word run ("والوزير", "سموه"); a definite word written right after a
    name brought in by a title is one ("النائب سالم الهاشمي مشروع الموازنة": the name finder ends
    the run at سالم when the verb's object follows, yet "وقال الهاشمي" is سالم الهاشمي)."""
    found: dict[str, set[str]] = {}
    for m in index.mentions:
        words = m.name.split()
        if len(words) >= 2 and not _title(key := _key(words[-1])):
            found.setdefault(key, set()).add(m.name)
        family = FAMILY_AFTER.match(text, m.end) if m.introduced else None
        if family and not _title(key := _key(family[1])):
            found.setdefault(key, set()).add(f"{m.name} {family[1]}")
    return found


def checked(quote: Quote, surnames: Surnames, checks: tuple[str, ...] = CHECKS, names: Names | None = None) -> Quote:
    """The quote with its reading kept, given to the person, body or source its subject writes, or
    withheld."""
    written = (quote.speaker_as_written or "").strip()
    if not written or written.lower() in EN_PRONOUNS:
        return quote
    if "subject_name" in checks and names is not None and head_kind(written.split(), quote.lang) != ORGANISATION and (
            person := subject_name(quote, names())):
        return replace(quote, speaker=person, speaker_kind=PERSON)
    if not quote.speaker:
        return quote
    shared = _shared(quote.speaker, written)
    if "body_subject" in checks and quote.speaker_kind == PERSON:
        source = _written_source(written, quote.lang, shared)
        if source is not None:
            return replace(quote, speaker=source[0], speaker_kind=source[1])
    if not shared and "other_surname" in checks and (people := _other_surname(written, surnames)):
        if "surname_person" in checks and len(people) == 1:
            return replace(quote, speaker=next(iter(people)), speaker_kind=PERSON)
        return _withheld(quote)
    return quote


def _written_source(written: str, lang: str, shared: bool) -> tuple[str, str] | None:
    """(phrase, kind) of a subject that writes a body, or an unnamed source without a determiner, when
    the person named shares no word with it. An Arabic subject that opens with a body noun is that body
    even when the name is one of its words: a place or the body's own name after the head ("هيئة البيئة
    بمحافظة ظفار" is no person "ظفار"; the head comes first in Arabic, a person's title would)."""
    words = written.split()
    kind = head_kind(words, lang)
    if shared:
        return (source_phrase(words, lang), kind) if lang == "ar" and kind == ORGANISATION else None
    if kind == ORGANISATION or (kind == ANONYMOUS and not is_definite(words, lang)):
        return source_phrase(words, lang), kind
    return None


def _withheld(quote: Quote) -> Quote:
    return replace(quote, speaker=None, speaker_kind=UNATTRIBUTED)


def _key(word: str) -> str:
    """A word as names and subjects are compared: normalised, lower-cased, without ال or a joined و
    ("والمنصوري" is "منصوري")."""
    norm = normalize(word).lower()
    if norm.startswith("و") and len(norm) > 4:
        norm = norm[1:]
    return strip_article(norm)


def _title(key: str) -> bool:
    """A title or a body or source noun ("الوزير", "الشركة", "المصادر"): no family name."""
    return (key in AR_PERSON_TITLES or key.removesuffix("ه") in AR_PERSON_TITLES or key in EN_TITLES
            or key in AR_ORG_HEADS or key in AR_SOURCE_HEADS)


def _shared(name: str, written: str) -> bool:
    return bool({_key(w) for w in name.split()} & {_key(w) for w in written.split()})


def _other_surname(written: str, surnames: Surnames) -> set[str]:
    """The people named in full whose family name is a one-word subject (the name given shares no word
    with it: checked before)."""
    words = written.split()
    return surnames().get(_key(words[0]), set()) if len(words) == 1 and not _title(_key(words[0])) else set()
