"""The one compact JSON the HTML page renders its stories, groups and quotes from, on demand.

A day of news printed as markup was 65 MB (each text repeated per pair and per view) and took minutes
to open; this holds each text once (``t``, referenced by index), articles once (``a``, referenced by
position), and only what the page shows: pair figures for every pair. The word diff of each carrier
against the earliest copy and the highlighted shared words are computed by the page when it draws a group
(the carriers grow faster than the corpus: a wire story gains outlets), from the texts and ``words``, the
tool's word folding and stop words, so they are the ones the tool would compute. The page's script
builds the DOM from it with ``textContent`` only, so no text from the corpus can become markup. Every
string is passed through ``hygiene.visible`` first: control characters and bidi overrides are shown,
never obeyed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from cluster import textnorm
from cluster.report.contract import DuplicateGroupOut, QuoteOut, Report
from cluster.report.html.parts import direction, guess_lang
from cluster.report.hygiene import visible
from cluster.report.pair_rows import pair_figures
from cluster.report.saved import outlet, quotes_of, speaker_name

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
        "w": words(report),
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
    """A group as the page draws it: each passage's text by reference, every pair's figures; the highlights
    and the word diffs are the page's to compute, when it draws the group (``words`` says how it folds)."""
    passages = group.passages
    earliest = set(group.provenance.earliest) if group.provenance else set()
    first = next((k for k, p in enumerate(passages) if p.article in earliest), 0)
    return {
        "id": clean(group.id), "langs": group.languages, "types": group.match_types, "best": group.best_similarity,
        "first": first, "early": [k for k, p in enumerate(passages) if p.article in earliest],
        "p": [[position.get(p.article, -1), p.kind, clean(p.lang), texts(p.text), p.start, p.end] for p in passages],
        "r": [[a, b, MATCH_TYPES.index(kind), round(similarity, 3), round(overlap, 3)]
              for a, b, _, _, similarity, overlap, kind in pair_figures(group.pairs)],
        "pv": _provenance(group, position),
        "st": sorted({story_of[a] for a in group.articles if a in story_of}),
    }


def words(report: Report) -> dict[str, Any]:
    """How the page folds words to compare them, as ``textnorm`` does (its marks stripped, its character map,
    then NFKC and lower case in the page), and the stop words of the groups' languages: the page highlights
    the content words a passage shares with another copy and diffs a carrier against the earliest copy when
    it draws a group. Done here for every carrier, that was most of rendering a day of news, for the 30
    groups a reader opens."""
    langs = sorted({p.lang for g in report.duplicate_groups for p in g.passages if p.lang})
    return {**textnorm.folding(), "stop": {lang: sorted(textnorm.stopwords(lang)) for lang in langs}}


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


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def _in_utf16_units(text: str, offsets: list[int]) -> list[int]:
    """Offsets as JavaScript counts them: a character beyond the Basic Multilingual Plane (an emoji, a rare
    CJK ideograph) is two UTF-16 units, so every highlight after one would land a character early."""
    astral = [match.start() for match in _ASTRAL.finditer(text)]
    if not astral:
        return offsets
    return [offset + bisect_left(astral, offset) for offset in offsets]


def _quote(quote: QuoteOut, position: dict[str, int], texts: Texts) -> dict[str, Any]:
    earliest = quote.earliest
    return {
        "id": clean(quote.id), "sp": clean(speaker_name(quote)), "forms": [clean(f) for f in quote.speaker_forms],
        "x": [[clean(lang), texts(text)] for lang, text in quote.texts.items()],
        "i": [_instance(i, position, texts, quote.instances[0].text or "") for i in quote.instances],
        "e": {"a": clean(earliest.article), "d": earliest.date, "ties": [clean(t) for t in earliest.ties]},
    }


def _instance(instance: Any, position: dict[str, int], texts: Texts, source: str) -> dict[str, Any]:
    """One carrier of a quote; a part matched to one clause of the source (the first instance) carries that
    clause as ``pc``: the evidence a reader checks the part link by, as in the text report."""
    out = {"a": position.get(instance.article, -1), "lang": clean(instance.lang), "kind": clean(instance.kind),
           "type": instance.match_type, "ag": clean(instance.agency), "sw": clean(instance.speaker_as_written),
           "x": texts(instance.text or "")}
    if instance.part is True:
        out["part"] = True
    if instance.part_of:
        start, end = instance.part_of
        out["pc"] = texts(" ".join(source[start:end].split()))
    if instance.diff:
        out["diff"] = compact_diff(instance.diff)
    return out


def text_dir(text: str, lang: str | None = None) -> str:
    """``rtl`` or ``ltr`` for a string of the page (its language if known, else its script)."""
    return direction(lang or guess_lang(text))
