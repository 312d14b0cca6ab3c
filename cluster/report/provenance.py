"""Who carried a passage or a quote first, who copied it and how, and whether it reads like agency copy.

The earliest carrier is the article with the earliest publication date; articles published the same
day are ties (dates have no time of day in most inputs), and undated articles can never be shown to
be first, so they are listed apart rather than guessed. An agency credit (الأناضول, Reuters, AFP, ...)
in the paragraph itself or in the paragraph next to it marks the passage as probable agency copy: wire
text is carried by many outlets, so the credit explains the duplication.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cluster.documents import Article, Segment

AGENCIES: dict[str, tuple[str, ...]] = {
    "Anadolu": ("الأناضول", "الاناضول", "Anadolu", "AA"),
    "Reuters": ("رويترز", "Reuters"),
    "AFP": ("فرانس برس", "فرانس بريس", "أ ف ب", "AFP", "Agence France-Presse"),
    "AP": ("أسوشيتد برس", "أسوشييتد برس", "اسوشيتد برس", "Associated Press", "AP"),
    "WAM": ("وام", "WAM"),
    "SPA": ("واس", "SPA"),
    "QNA": ("قنا", "QNA"),
    "MENA": ("أ ش أ", "MENA"),
    "SANA": ("سانا", "SANA"),
    "Xinhua": ("شينخوا", "Xinhua"),
}
"""Canonical agency name -> how articles credit it. Short Latin acronyms must be written in capitals."""


def _credit_pattern(form: str) -> str:
    body = re.escape(form).replace(r"\ ", r"\s+")
    if re.match("[\u0600-\u06ff]", form):
        # Arabic: allow the clitics و / ل / ب / لـ before the name ("لوكالة الأناضول", "والأناضول").
        return rf"(?<![\u0621-\u064a])(?:[وفبل]|لـ)?{body}(?![\u0621-\u064a])"
    return rf"(?<![A-Za-z]){body}(?![A-Za-z])"


def _flags(forms: tuple[str, ...]) -> int:
    """Case-sensitive when a short capitalised acronym is among the forms ("AP" is not "ap")."""
    return 0 if any(f.isupper() and len(f) <= 4 for f in forms) else re.IGNORECASE


_CREDITS = [
    (name, re.compile("|".join(_credit_pattern(f) for f in forms), _flags(forms)))
    for name, forms in AGENCIES.items()
]


_KEYS = {
    name: tuple({(form.split()[0] if flags == 0 else form.split()[0].lower()) for form in AGENCIES[name]})
    for name, flags in ((name, pattern.flags & re.IGNORECASE) for name, pattern in _CREDITS)
}
"""Per agency, a word every credit to it contains (in capitals where the pattern is case-sensitive): a
plain substring test, fast and in C, lets most texts skip the precise pattern, whose look-arounds are
tried at every position."""


def agency_credits(text: str) -> list[str]:
    """The agencies credited in a text, in ``AGENCIES`` order."""
    return list(_credits_in(text))


_FOLDED = {name: bool(pattern.flags & re.IGNORECASE) for name, pattern in _CREDITS}
"""Per agency, whether its keys are looked up in the lower-cased text (the flag test, once, not per text)."""

_KEY_LIST = [(name, key, _FOLDED[name]) for name in AGENCIES for key in _KEYS[name]]
"""Every (agency, key, folded) in one flat list: one comprehension of C substring tests per text, where a
generator per agency cost more than the tests (a day of news asks about 30,000 paragraphs)."""


@lru_cache(maxsize=1 << 17)
def _credits_in(text: str) -> tuple[str, ...]:
    """Memoised, large enough for a day of news: a paragraph is asked about once for each passage and quote
    in or next to it, and a cache smaller than the corpus's paragraphs is flushed before it is reused."""
    low = text.lower()
    hinted = {name for name, key, folded in _KEY_LIST if key in (low if folded else text)}
    if not hinted:
        return ()
    return tuple(name for name, pattern in _CREDITS if name in hinted and pattern.search(text))


def credits_near(segments: list[Segment], index: int) -> list[str]:
    """Agencies credited in paragraph ``index`` or the paragraphs next to it (a closing "(الأناضول)").

    Segment indices are distinct and increasing, so the (at most three) neighbours are the segments from
    the first with index ``index - 1`` or more: where an article's indices are its positions (the usual
    case) that is read off directly, else found by bisection. A wire article carries dozens of grouped
    passages, a day of news 30,000 carriers, each asking about its own neighbours."""
    lo = max(index - 1, 0)
    if not (lo <= len(segments) and (lo == len(segments) or segments[lo].index >= index - 1)
            and (lo == 0 or segments[lo - 1].index < index - 1)):
        lo = bisect_left(segments, index - 1, key=lambda s: s.index)
    found: tuple[str, ...] = ()
    for s in segments[lo:lo + 3]:
        if s.index > index + 1:
            break
        found += _credits_in(s.text)
    return [name for name in AGENCIES if name in found] if found else []


@dataclass(frozen=True)
class Earliest:
    """The first carrier(s) of a passage by publication date."""

    first: list[str]
    """Articles published on the earliest date (one unless tied); empty when no carrier is dated."""
    date: dt.date | None
    undated: list[str]

    @property
    def dated(self) -> bool:
        return self.date is not None

    @property
    def ties(self) -> list[str]:
        return self.first[1:]


def earliest(article_ids: list[str], articles: dict[str, Article]) -> Earliest:
    """Earliest carriers among ``article_ids`` (kept in their given order)."""
    ids = list(dict.fromkeys(article_ids))
    dated = [a for a in ids if articles[a].date is not None]
    undated = [a for a in ids if articles[a].date is None]
    if not dated:
        return Earliest([], None, undated)
    first_date = min(articles[a].date for a in dated)  # type: ignore[type-var]
    return Earliest([a for a in dated if articles[a].date == first_date], first_date, undated)


def _strongest_links(group: Any, source_rows: set[int]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Per carrier, its strongest verified link to a source passage and its strongest link of all (the
    first one among equals, in pair order): one pass over the pairs, keeping two per carrier instead of
    listing every link of every carrier (a wire passage with k carriers has up to k² pairs)."""
    to_source: dict[str, Any] = {}
    strongest: dict[str, Any] = {}
    passages = group.passages
    for pair in group.pairs:
        touches_source = pair.a in source_rows or pair.b in source_rows
        first, second = passages[pair.a].article_id, passages[pair.b].article_id
        for article_id in (first, second) if first != second else (first,):
            best = strongest.get(article_id)
            if best is None or pair.similarity > best.similarity:
                strongest[article_id] = pair
            if touches_source:
                best = to_source.get(article_id)
                if best is None or pair.similarity > best.similarity:
                    to_source[article_id] = pair
    return to_source, strongest


def duplicate_provenance(
    group: Any, articles: dict[str, Article], segments: dict[str, list[Segment]]
) -> dict[str, Any]:
    """The ``provenance`` object of a duplicate group (docs/output.md).

    ``copies`` gives every other carrier's relation to an earliest copy: the type of the verified
    link between them when there is one, else the type of that carrier's strongest link.
    """
    first = earliest(group.articles, articles)
    sources = set(first.first)
    source_rows = {k for k, p in enumerate(group.passages) if p.article_id in sources}
    copies = []
    to_source, strongest = _strongest_links(group, source_rows)
    for article_id in group.articles:
        if article_id in sources:
            continue
        chosen = to_source.get(article_id) or strongest.get(article_id)
        copies.append({"article": article_id, "match_type": chosen.match_type.value if chosen else None})
    agencies: list[str] = []
    for passage in group.passages:
        for name in credits_near(segments[passage.article_id], passage.segment_index):
            if name not in agencies:
                agencies.append(name)
    return {
        "earliest": first.first,
        "dated": first.dated,
        "date": first.date.isoformat() if first.date else None,
        "undated": first.undated,
        "copies": copies,
        "agency": agencies,
    }
