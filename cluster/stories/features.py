"""What the learned same-story scorer reads of two articles: one row of numbers per candidate pair.

The hand-weighted mix (``signals.combined_similarity``) knows meaning, wording, names and shared
passages. Two events of one kind (two earthquakes, two meetings of the same people) agree on all
of them but disagree on the details a reporter gives first: the day, the place, the counts. So the
features add those cues, each as "both mention one and they agree" and "both mention one and they
differ", which is what tells the two apart; one side silent says nothing. Every cue is read from the
article's BODY text (``ArticleBodies.texts``), never page furniture, and works across scripts:
digits are folded (Arabic-Indic too), weekdays are mapped to one number, and names and places are
compared by their consonant skeleton (``quotes.speakers.skeleton``: ``إسطنبول`` = ``Istanbul``).
Same-language and cross-language pairs get separate meaning columns, because cosines of a
translation pair sit on another scale than those of two English reports.

Days: the weekdays and calendar days ("March 23", "23 مارس") a text names; for a dated article the
ones that fit its publication date, or, when it names none, its publication day and the day before
(``event_days``). That is what keeps two meetings of the same people apart when one report is undated
and the other names no day: the dev sets are undated, so the weights are learned from text alone and
the record date only stands in for a day the text would have named.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse

from cluster.ingest.dates import MAX_YEAR, MIN_YEAR
from cluster.quotes.speakers import skeleton
from cluster.stories.bodies import ArticleBodies
from cluster.stories.signals import ArticleSignals, paragraph_event_terms
from cluster.stories.textdates import calendar_days
from cluster.textnorm import CASELESS_SCRIPTS, MEMO_PARAGRAPHS, content_words, normalize, numbers, word_tuple

FEATURES: tuple[str, ...] = (
    "meaning_same", "meaning_cross", "lead_same", "lead_cross", "wording", "names_numbers", "few_names",
    "shared_passages", "names_cross", "numbers_agree", "numbers_conflict", "weekday_agree", "weekday_conflict",
    "place_agree", "place_conflict", "cross_language", "date_agree", "date_conflict",
)
"""Column order of ``pair_features`` (the shipped model's JSON names them; a mismatch refuses to load)."""

_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
}
"""English and (normalised) Arabic weekday names -> 0..6, so 'on Wednesday' agrees with 'يوم الأربعاء'."""
_WEEKDAY_TOKENS = {**_WEEKDAYS, **{"و" + name: day for name, day in _WEEKDAYS.items()}}
"""The word tokens that name a weekday: each name, and each with the conjunction و joined ('والجمعة')."""

_EN_PLACE = re.compile(r"\b(?:in|at|near)\s+((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})")
_AR_PLACE = re.compile(r"(?:^|\s)(?:في|ب)\s+([^\s\d]{3,})")
"""'in Istanbul' / 'في إسطنبول': a capitalised phrase after a place preposition; in Arabic a word after
في that does not start with the article (في الوقت, في المدينة are not places)."""


@dataclass(frozen=True)
class Cues:
    """The per-article details a pair is compared on (sets, so each pair costs a few set operations)."""

    numbers: frozenset[str]
    weekdays: frozenset[int]
    places: frozenset[str]
    names: frozenset[str]
    dates: frozenset[tuple[int, int]] = frozenset()
    """Calendar days named, as (month, day) (``textdates.calendar_days``)."""


def article_cues(text: str, lang: str, date: dt.date | None = None) -> Cues:
    """Numbers of two digits or more (one-digit counts are everywhere; years are left to the dates),
    weekdays, places, name skeletons and calendar days.

    Read paragraph by paragraph (memoised: an article read again without a shared paragraph,
    ``stories.reuse``, costs set unions). For a dated article, weekdays and calendar days are narrowed
    by ``event_days``, so 'on Saturday' in an undated report disagrees with a report published on a
    Monday that names no day."""
    parts = [paragraph_cues(paragraph, lang) for paragraph in text.split("\n\n")]
    nums, days, names, dates = (frozenset().union(*(p[k] for p in parts)) for k in range(4))
    days = event_days(days, frozenset(d.weekday() for d in recent_days(date)))
    dates = event_days(dates, frozenset((d.month, d.day) for d in recent_days(date)))
    return Cues(*(cue or _NONE for cue in (nums, days, _places(text, lang), names, dates)))


_NONE: frozenset = frozenset()
"""The one empty cue every article without that cue shares (most name no weekday, date or place): ~2,000
articles and stand-ins each holding five sets alive are what the garbage collector counts."""


ParagraphCues = tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...], tuple[tuple[int, int], ...]]
"""One paragraph's numbers, weekdays, name skeletons and calendar days, as plain tuples: the garbage
collector stops tracking a tuple of strings and numbers, not a frozenset or a dataclass. Memoised as
five sets each, the paragraphs of a 720-article corpus left ~57,000 tracked objects behind, and each
time that many pile up CPython rescans the whole pipeline's heap (two full collections in the story
stage, 0.4-0.7 s of a ~2 s stage)."""


@lru_cache(maxsize=MEMO_PARAGRAPHS)
def paragraph_cues(text: str, lang: str) -> ParagraphCues:
    """The numbers, weekdays, names and calendar days one paragraph names, before any publication date
    weighs in (places are read by ``article_cues`` over the whole text)."""
    nums = tuple({n for n in numbers(text) if len(n) >= 2 and not _is_year(n)})
    days = tuple({_WEEKDAY_TOKENS[w] for w in _WEEKDAY_TOKENS.keys() & word_tuple(text)})
    if lang in CASELESS_SCRIPTS:
        names = {w for w in content_words(text, lang) if len(w) > 3}
    else:
        names = {n for n in paragraph_event_terms(text, lang) if not n[0].isdigit() and len(n) > 2}
    return nums, days, tuple(_skeletons(names)), tuple(calendar_days(text))


def _places(text: str, lang: str) -> frozenset[str]:
    """Place skeletons, read over the whole text (a place phrase may run on past a paragraph's end)."""
    if lang in CASELESS_SCRIPTS:
        return _skeletons({m for m in _AR_PLACE.findall(normalize(text)) if not m.startswith("ال")})
    return _skeletons({m.split()[-1] for m in _EN_PLACE.findall(text)})


def recent_days(date: dt.date | None) -> tuple[dt.date, ...]:
    """The days a report published on ``date`` most likely tells of: that day and the day before."""
    return (date, date - dt.timedelta(days=1)) if date is not None else ()


def event_days(named: frozenset, recent: frozenset) -> frozenset:
    """The days of the event: those the text names that fit its publication date (a dated report that
    says 'on Wednesday' and names Saturday in its background is about Wednesday); else all it names;
    else, when it names none, the publication day and the day before."""
    return (named & recent) or named or recent


def _is_year(number: str) -> bool:
    return len(number) == 4 and MIN_YEAR <= int(number) <= MAX_YEAR


def all_cues(bodies: ArticleBodies, rows: set[int] | None = None) -> list[Cues | None]:
    """Each article's cues, or only those of the given rows (None elsewhere): the pairs scored may touch
    few of the articles (a store's placement reads only the pairs it can use). Read through ``body_cues``."""
    return [body_cues(text, article.lang, article.date) if rows is None or k in rows else None
            for k, (text, article) in enumerate(zip(bodies.texts, bodies.articles))]


MEMO_ARTICLES = 1 << 16
"""Whole articles whose cues ``body_cues`` keeps (a 20,000-article store's take ~20 MB)."""

body_cues = lru_cache(maxsize=MEMO_ARTICLES)(article_cues)
"""``article_cues`` of whole article bodies, memoised. A store's placement reads the cues of its neighbourhood
(~2,000 stored articles for a batch of wire copies at 20,000), mostly articles no earlier add had read: the
paragraphs' cues were memoised already, but their unions and the place phrases (a regular expression over each
whole text) cost ~75 ms CPU an add of 10. Filled for every stored article when the writer warms up
(``remember_cues``), the memo answers with what ``article_cues`` computes (it reads nothing else); the texts
come from the writer's bodies, the same strings at every add, so a hit costs a dictionary probe. Not used for
the stand-ins of ``reuse`` (an article less its shared paragraphs: new texts at every add, which would push
the stored articles out)."""


def remember_cues(bodies: Iterable[tuple[str, str, dt.date | None]]) -> int:
    """Fill ``body_cues`` with each (body text, language, date); how many. Skipped when they would not all fit
    (they would only push each other out)."""
    items = list(bodies)
    if len(items) > MEMO_ARTICLES:
        return 0
    for text, lang, date in items:
        body_cues(text, lang, date)
    return len(items)


def pair_features(
    signals: ArticleSignals, cues: Sequence[Cues | None], left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """One row of ``FEATURES`` per pair (``left[k]``, ``right[k]``), read from the signals and cues."""
    same = signals.same_language[left, right].astype(float)
    cross = 1.0 - same
    has = signals.has_entities[left, right].astype(float)
    semantic, leads = signals.semantic[left, right], signals.leads[left, right]
    columns = [
        semantic * same, semantic * cross, leads * same, leads * cross,
        signals.lexical[left, right] * same, signals.entities[left, right] * same * has, same * (1.0 - has),
        signals.shared[left, right],
    ]
    agree = {kind: _agreement(cues, kind, left, right) for kind in ("names", "numbers", "weekdays", "places", "dates")}
    detail = [np.where(cross > 0, agree["names"][0], 0.0)]  # names_cross: the share, for cross-language pairs only
    for kind in ("numbers", "weekdays", "places"):
        detail += agree[kind]
    return np.column_stack(columns + detail + [cross, *agree["dates"]])


def _agreement(cues: Sequence[Cues | None], kind: str, left: np.ndarray,
               right: np.ndarray) -> list[np.ndarray]:
    """For each pair, of one cue (``kind``, a field of ``Cues``): the share of the smaller side's set the other
    repeats (agree), and 1.0 where both mention some and none agree (conflict); both 0 when a side is silent (not
    mentioning the day says nothing about it). For all pairs at once: each article's set as a row of a sparse
    incidence matrix, the common values of a pair the product of its two rows (a story placement scores ~30,000
    pairs: a Python loop of set operations per pair took 0.1-0.3 s an add), the product only for the pairs where
    both sides name some (all pairs for the names, a few for the days and places). The same floats as
    ``len(a & b) / min(len(a), len(b))``: whole counts divided once."""
    number: dict[object, int] = {}
    columns: list[int] = []
    starts = [0]
    for cue in cues:
        if cue is not None:
            columns += [number.setdefault(value, len(number)) for value in getattr(cue, kind)]
        starts.append(len(columns))
    sets = sparse.csr_matrix((np.ones(len(columns)), columns, starts), shape=(len(cues), max(1, len(number))))
    size = np.diff(starts)
    smaller = np.minimum(size[left], size[right])
    both = smaller > 0
    counted = np.flatnonzero(both)  # only these pairs are multiplied: most articles name no weekday, date or place
    common = np.asarray(sets[left[counted]].multiply(sets[right[counted]]).sum(axis=1)).ravel() if len(counted) else 0
    share = np.zeros(len(left))
    share[counted] = common / smaller[counted]
    return [share, (both & (share == 0.0)).astype(float)]


def _skeletons(tokens: set[str]) -> frozenset[str]:
    return frozenset(s for s in (_skeleton(t) for t in tokens) if len(s) >= 3)


_skeleton = lru_cache(maxsize=1 << 16)(skeleton)
"""``skeleton`` memoised: the same names recur in every article of a story."""
