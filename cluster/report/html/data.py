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
from functools import lru_cache
from typing import Any

from cluster import textnorm
from cluster.report.contract import DuplicateGroupOut, QuoteOut, Report
from cluster.report.html.parts import direction, guess_lang, shared_words
from cluster.report.hygiene import visible
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
    return {
        "t": texts.items,
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
        "r": [_pair(pair, first) for pair in group.pairs],
        "pv": _provenance(group, position),
        "st": sorted({story_of[a] for a in group.articles if a in story_of}),
    }


def _pair(pair: Any, first: int) -> list[Any]:
    """A verified link; its word diff only when it ties a carrier to the earliest copy (the relation shown)."""
    row = [pair.a, pair.b, MATCH_TYPES.index(pair.match_type), round(pair.similarity, 3),
           round(pair.lexical_overlap, 3)]
    if pair.diff and first in (pair.a, pair.b):
        row.append(compact_diff(pair.diff))
    return row


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
    """Start and end offsets (flattened) of the words to highlight: shared with another copy."""
    out: list[int] = []
    if not words:
        return out
    joined = False  # consecutive shared words are one span: copies share nearly every word
    for start, end, normalised in _tokens(text):
        if any(w in words for w in normalised):
            if joined:
                out[-1] = end
            else:
                out += [start, end]
            joined = True
        else:
            joined = False
    return out


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """A text's word tokens with their offsets and normalised words, once per distinct text (verbatim
    copies of a passage are the same text in every carrier)."""
    return tuple((m.start(), m.end(), _normalised(m.group())) for m in _WORD.finditer(text))


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
