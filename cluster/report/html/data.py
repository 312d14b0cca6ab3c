"""The one compact JSON the HTML page renders its stories, groups and quotes from, on demand.

A day of news printed as markup was 65 MB (each text repeated per pair and per view) and took minutes
to open; this holds each text once (``t``, referenced by index), articles once (``a``, referenced by
position), and only what the page shows: pair figures for every pair, word diffs only for each
carrier's relation to the earliest copy, highlight spans instead of marked-up text. The page's script
builds the DOM from it with ``textContent`` only, so no text from the corpus can become markup. Every
string is passed through ``hygiene.visible`` first: control characters and bidi overrides are shown,
never obeyed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Any

from cluster import textnorm
from cluster.report.contract import DuplicateGroupOut, QuoteOut, Report
from cluster.report.html.parts import direction, guess_lang, shared_words
from cluster.report.hygiene import has_hidden, visible
from cluster.report.saved import outlet, quotes_of, speaker_name

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MATCH_TYPES = ["verbatim", "edited", "paraphrase", "translation"]
"""Pairs name their match type by position in this list (``mt`` in the data): 64,000 pairs a day."""


class Texts:
    """The string table: each distinct text stored once, referred to by its index."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.index: dict[str, int] = {}

    def __call__(self, text: str | None) -> int:
        clean = visible(text or "")
        found = self.index.get(clean)
        if found is None:
            found = self.index[clean] = len(self.items)
            self.items.append(clean)
        return found

    def table(self) -> list[str | list[Any]]:
        """The texts front-coded for the page: a text that starts like an earlier one (the same first
        ``PREFIX_KEY`` characters, and at least ``MIN_SHARED`` in common) is ``[earlier, length, rest]``, the
        earlier text's first ``length`` UTF-16 units (JavaScript's string indices) followed by ``rest``.

        Copies of a wire passage differ by a few words, mostly near the end (a credit, a sentence added or
        cut): written out in full, the carriers' texts were half of a day of news's page."""
        out: list[str | list[Any]] = []
        latest: dict[str, int] = {}
        for k, text in enumerate(self.items):
            key = text[:PREFIX_KEY]
            earlier = latest.get(key) if len(text) >= MIN_SHARED else None
            shared = _shared_prefix(self.items[earlier], text) if earlier is not None else 0
            if shared >= MIN_SHARED:
                out.append([earlier, _in_utf16_units(text, [shared])[0], text[shared:]])
            else:
                out.append(text)
            if len(text) >= PREFIX_KEY:
                latest[key] = k
        return out


PREFIX_KEY = 32
MIN_SHARED = 48


def _shared_prefix(a: str, b: str) -> int:
    """How many leading characters ``a`` and ``b`` have in common (bisection over C slice comparisons)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def clean(value: str | None) -> str | None:
    return None if value is None else visible(value)


def page_data(report: Report) -> dict[str, Any]:
    """Everything the page's script renders, keyed by one letter to keep a day of news small."""
    texts = Texts()
    position = {a.id: k for k, a in enumerate(report.articles)}
    outlets: dict[str, int] = {}
    articles = [_article(a, texts, outlets) for a in report.articles]
    group_pos = {g.id: k for k, g in enumerate(report.duplicate_groups)}
    story_pos = {s.id: k for k, s in enumerate(report.stories)}
    story_of = {aid: story_pos[s.id] for s in report.stories for aid in s.articles}
    storylines_of: dict[str, list[int]] = {}
    for k, line in enumerate(report.storylines):
        for sid in line.stories:
            storylines_of.setdefault(sid, []).append(k)
    data = {
        "t": texts.items,  # front-coded below, once every text is in
        "o": list(outlets),
        "a": articles,
        "s": [_story(s, position, group_pos, storylines_of.get(s.id, []), texts) for s in report.stories],
        "l": [{"id": clean(line.id), "s": [story_pos[sid] for sid in line.stories if sid in story_pos],
               "sim": line.similarity} for line in report.storylines],
        "g": [_group(g, position, story_of, texts) for g in report.duplicate_groups],
        "q": [_quote(q, position, texts) for q in quotes_of(report)] if report.quotes is not None else None,
        "span": [report.summary.first_date, report.summary.last_date],
        "mt": MATCH_TYPES,
    }
    data["t"] = texts.table()
    return data


def _article(article: Any, texts: Texts, outlets: dict[str, int]) -> list[Any]:
    name = clean(outlet(article))
    outlet_index = outlets.setdefault(name, len(outlets))
    return [clean(article.id), texts(article.title or article.id), article.date, clean(article.lang), outlet_index,
            clean(article.url)]


def _story(story: Any, position: dict[str, int], group_pos: dict[str, int], lines: list[int],
           texts: Texts) -> dict[str, Any]:
    return {
        "id": clean(story.id), "label": texts(story.label), "kw": [clean(k) for k in story.keywords],
        "m": [position[a] for a in story.articles if a in position],
        "c": position.get(story.central_article), "f": story.first_date, "l": story.last_date,
        "ev": [group_pos[g] for g in story.evidence if g in group_pos], "sl": lines,
    }


def _group(group: DuplicateGroupOut, position: dict[str, int], story_of: dict[str, int], texts: Texts) -> dict:
    passages = group.passages
    marks = shared_words([(p.text, p.lang) for p in passages])
    earliest = set(group.provenance.earliest) if group.provenance else set()
    first = next((k for k, p in enumerate(passages) if p.article in earliest), 0)
    return {
        "id": clean(group.id), "langs": group.languages, "types": group.match_types, "best": group.best_similarity,
        "first": first, "early": [k for k, p in enumerate(passages) if p.article in earliest],
        "p": [[position.get(p.article, -1), p.kind, clean(p.lang), texts(p.text), p.start, p.end,
               _spans(visible(p.text), marks[k])] for k, p in enumerate(passages)],
        "r": [_pair(pair, first, passages) for pair in group.pairs],
        "pv": _provenance(group, position),
        "st": sorted({story_of[a] for a in group.articles if a in story_of}),
    }


def _pair(pair: Any, first: int, passages: list[Any]) -> list[Any]:
    """A verified link; its word diff only when it ties a carrier to the earliest copy (the relation shown)."""
    row = [pair.a, pair.b, MATCH_TYPES.index(pair.match_type), round(pair.similarity, 3),
           round(pair.lexical_overlap, 3)]
    if pair.diff and first in (pair.a, pair.b):
        a, b = passages[pair.a].text, passages[pair.b].text
        row.append(diff_ranges(pair.diff) if not (has_hidden(a) or has_hidden(b)) else compact_diff(pair.diff))
    return row


DIFF_OPS = ["equal", "replace", "delete", "insert"]
"""A diff of two passages names its operations by position here (the page's ``DIFF_OPS``)."""


def diff_ranges(ops: list[Any]) -> list[list[int]]:
    """A word diff as runs of words of the two passages, whose texts the page already holds: ``[0, n]`` for n
    unchanged words, ``[op, n, m]`` for n words of passage a that became m words of b (each run starts where
    the one before ended). The page words and cuts them as ``compact_diff`` does: the text of every
    carrier's diff written out was a fifth of a day of news's page.

    Only for texts without hidden characters: their words are the same split here (``str.split``) and in
    the page (the same whitespace), which a control character shown as ``\x0c`` would break."""
    return [[0, len(op.a.split())] if op.op == "equal" else [DIFF_OPS.index(op.op), len(op.a.split()),
                                                             len(op.b.split())] for op in ops]


def compact_diff(ops: list[Any], context: int = 4) -> list[list[str]]:
    """A word diff for reading: changes in full, long unchanged runs cut to ``context`` words each side.

    A wire copy is mostly unchanged text; written out in full, its diff repeats the passage once more per
    carrier (5 of 19 MB of a day of news). The JSON contract keeps the full diff."""
    out = []
    for op in ops:
        if op.op == "equal":
            words = visible(op.a).split(" ")
            if len(words) > 2 * context + 1:
                words = [*words[:context], "…", *words[-context:]]
            out.append(["equal", " ".join(words), ""])
        else:
            out.append([op.op, visible(op.a), visible(op.b)])
    return out


def _provenance(group: DuplicateGroupOut, position: dict[str, int]) -> dict[str, Any] | None:
    p = group.provenance
    if p is None:
        return None
    # the copies and their match types are each carrier's relation to the earliest, drawn on its passage
    return {"e": [clean(a) for a in p.earliest], "d": p.date, "dated": p.dated, "ag": [clean(a) for a in p.agency]}


def _spans(text: str, words: set[str]) -> list[int]:
    """The words to highlight (shared with another copy) as runs: characters before the run, then its length,
    flattened (delta-coded: short numbers, a sixth of a day of news's page as absolute offsets)."""
    out = _in_utf16_units(text, _span_offsets(text, words))
    return [end - start for start, end in zip([0, *out], out)]


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def _in_utf16_units(text: str, offsets: list[int]) -> list[int]:
    """Offsets as JavaScript counts them: a character beyond the Basic Multilingual Plane (an emoji, a rare
    CJK ideograph) is two UTF-16 units, so every highlight after one would land a character early."""
    astral = [match.start() for match in _ASTRAL.finditer(text)]
    if not astral:
        return offsets
    return [offset + bisect_left(astral, offset) for offset in offsets]


def _span_offsets(text: str, words: set[str]) -> list[int]:
    """Start and end offsets (flattened) of the words to highlight: shared with another copy.

    One pass of the word pattern, each distinct token of the passage looked up once: this runs over every
    carrier's text, the one part of the page that grows with the carriers' words rather than the pairs."""
    out: list[int] = []
    if not words:
        return out
    shared: dict[str, bool] = {}
    end_of_run = -1  # consecutive shared words are one span: copies share nearly every word
    for match in _WORD.finditer(text):
        token = match.group()
        hit = shared.get(token)
        if hit is None:
            hit = shared[token] = not words.isdisjoint(_normalised(token))
        if not hit:
            end_of_run = -1
        elif end_of_run >= 0:
            out[-1] = end_of_run = match.end()
        else:
            out += [match.start(), match.end()]
            end_of_run = match.end()
    return out


@lru_cache(maxsize=200_000)
def _normalised(token: str) -> tuple[str, ...]:
    """A token's normalised words, once per distinct token (a day of news repeats its words)."""
    return tuple(textnorm.words(token))


def _quote(quote: QuoteOut, position: dict[str, int], texts: Texts) -> dict[str, Any]:
    earliest = quote.earliest
    return {
        "id": clean(quote.id), "sp": clean(speaker_name(quote)), "forms": [clean(f) for f in quote.speaker_forms],
        "x": [[clean(lang), texts(text)] for lang, text in quote.texts.items()],
        "i": [_instance(i, position, texts) for i in quote.instances],
        "e": {"a": clean(earliest.article), "d": earliest.date, "ties": [clean(t) for t in earliest.ties]},
    }


def _instance(instance: Any, position: dict[str, int], texts: Texts) -> dict[str, Any]:
    out = {"a": position.get(instance.article, -1), "lang": clean(instance.lang), "kind": clean(instance.kind),
           "type": instance.match_type, "ag": clean(instance.agency), "sw": clean(instance.speaker_as_written),
           "x": texts(instance.text or "")}
    if instance.part is True:
        out["part"] = True
    if instance.diff:
        out["diff"] = compact_diff(instance.diff)
    return out


def text_dir(text: str, lang: str | None = None) -> str:
    """``rtl`` or ``ltr`` for a string of the page (its language if known, else its script)."""
    return direction(lang or guess_lang(text))
