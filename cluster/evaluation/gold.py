"""Labelled gold sets (``shared/eval`` format) and locating their passages in the articles.

Gold passages often come without offsets; ``locate`` finds each in its document (exact, then
normalised, then fuzzy) so that a prediction's character span can be compared with it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from cluster.textnorm import normalize

MATCH_TYPES = ("verbatim", "edited", "paraphrase", "translation")
FUZZY_MIN_SCORE = 80.0
"""Least rapidfuzz partial-alignment score (0-100) at which a gold text counts as located."""

Span = tuple[int, int]

# ---------------------------------------------------------------------------------------- gold
@dataclass(frozen=True)
class GoldPassage:
    """A gold passage; without offsets it is located in the document's text when scored."""

    doc: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class GoldPair:
    """Two passages in different documents; ``type`` is one of MATCH_TYPES."""

    a: GoldPassage
    b: GoldPassage
    type: str


@dataclass(frozen=True)
class Gold:
    name: str
    stories: list[list[str]] | None
    """A partition of the gold documents, or None when the corpus has no story labels."""
    duplicates: list[GoldPair]

    @property
    def doc_ids(self) -> set[str]:
        """Every article id the gold names, in stories or in duplicate pairs."""
        ids = {d for story in self.stories or [] for d in story}
        return ids | {p.doc for pair in self.duplicates for p in (pair.a, pair.b)}


def _passage(raw: Any, where: str) -> GoldPassage:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: expected an object with 'doc' and 'text', got {type(raw).__name__}")
    doc, text, start, end = raw.get("doc"), raw.get("text", ""), raw.get("start"), raw.get("end")
    if not isinstance(doc, str) or not doc:
        raise ValueError(f"{where}.doc: expected a non-empty string, got {doc!r}")
    if not isinstance(text, str):
        raise ValueError(f"{where}.text: expected a string, got {type(text).__name__}")
    if (start is None) != (end is None):
        raise ValueError(f"{where}: give both 'start' and 'end' or neither (got {start!r}, {end!r})")
    if start is not None and not (type(start) is int and type(end) is int and 0 <= start < end):
        raise ValueError(f"{where}: offsets must be integers with 0 <= start < end (got {start!r}, {end!r})")
    if start is None and not text.strip():
        raise ValueError(f"{where}: a passage without offsets needs a non-empty 'text'")
    return GoldPassage(doc, text, start, end)


def partition_labels(clusters: Sequence[Sequence[str]], what: str) -> dict[str, int]:
    """Cluster index of every document; a document in two clusters is an error (not a partition)."""
    label: dict[str, int] = {}
    for i, cluster in enumerate(clusters):
        for doc in cluster:
            if doc in label:
                raise ValueError(f"{what}: {doc!r} is in clusters {label[doc]} and {i}; expected a partition")
            label[doc] = i
    return label


def load_gold(path: str | Path) -> Gold:
    """Read a ``gold.json`` (or the set folder holding one); ValueError says exactly what is malformed."""
    path = Path(path)
    path = path / "gold.json" if path.is_dir() else path
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"{path}: cannot read gold file ({exc.strerror or exc})") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: top level must be an object, got {type(raw).__name__}")
    name, stories, dups = raw.get("name", path.parent.name), raw.get("stories"), raw.get("duplicates") or []
    if not isinstance(name, str) or not name:
        raise ValueError(f"{path}: 'name' must be a non-empty string, got {name!r}")
    if stories is not None:
        if not isinstance(stories, list):
            raise ValueError(f"{path}: stories: expected a list of lists of ids, got {type(stories).__name__}")
        for i, story in enumerate(stories):
            if not isinstance(story, list) or not story or not all(isinstance(d, str) and d for d in story):
                raise ValueError(f"{path}: stories[{i}]: expected a non-empty list of ids, got {story!r:.80}")
        partition_labels(stories, f"{path}: stories")
    if not isinstance(dups, list):
        raise ValueError(f"{path}: 'duplicates' must be a list, got {type(dups).__name__}")
    pairs: list[GoldPair] = []
    for i, item in enumerate(dups):
        where = f"{path}: duplicates[{i}]"
        if not isinstance(item, dict) or item.get("type") not in MATCH_TYPES:
            got = item.get("type") if isinstance(item, dict) else item
            raise ValueError(f"{where}: expected 'a', 'b' and a 'type' in {MATCH_TYPES}, got {got!r:.80}")
        a, b = _passage(item.get("a"), f"{where}.a"), _passage(item.get("b"), f"{where}.b")
        if a.doc == b.doc:
            raise ValueError(f"{where}: both passages are in {a.doc!r}; gold pairs must span two documents")
        pairs.append(GoldPair(a, b, item["type"]))
    return Gold(name, [list(s) for s in stories] if stories is not None else None, pairs)


def check_ids(gold: Gold, article_ids: Iterable[str]) -> None:
    """Fail early when the gold names articles the run does not have (wrong corpus, or ids changed)."""
    unknown = sorted(gold.doc_ids - set(article_ids))
    if unknown:
        shown = ", ".join(unknown[:5]) + (f" (and {len(unknown) - 5} more)" if len(unknown) > 5 else "")
        raise ValueError(f"gold {gold.name!r} names {len(unknown)} article id(s) not in the run: {shown}")


# ------------------------------------------------------------------------------------- stories


def _find_all(hay: str, needle: str) -> list[int]:
    """Start of every non-overlapping occurrence (str.find: compiling long needles as regexes is slow)."""
    found, at = [], hay.find(needle)
    while at >= 0:
        found.append(at)
        at = hay.find(needle, at + len(needle))
    return found


@lru_cache(maxsize=4096)
def _normalise_char(ch: str) -> str:
    return normalize(ch)


@lru_cache(maxsize=1024)
def _normalise_mapped(text: str) -> tuple[str, tuple[int, ...]]:
    """``normalize`` per character, whitespace runs collapsed to one space; ``index[i]`` = source position."""
    out: list[str] = []
    index: list[int] = []
    space = True  # drops leading whitespace
    for i, ch in enumerate(text):
        for c in _normalise_char(ch):
            if c.isspace() and space:
                continue
            space = c.isspace()
            out.append(" " if space else c)
            index.append(i)
    if out and out[-1] == " ":
        out.pop(), index.pop()
    return "".join(out), tuple(index)


def locate(text: str, needle: str) -> tuple[Span, ...]:
    """Every span of ``text`` holding ``needle``; empty when it cannot be found.

    Exact find on the raw text first (every occurrence: news copies repeat sentences, and a
    prediction may point at any copy); then the same on ``normalize``d text with whitespace runs
    collapsed, mapped back character by character; last, rapidfuzz partial alignment on the
    normalised text, accepted from FUZZY_MIN_SCORE.
    """
    if hits := _find_all(text, needle):
        return tuple((h, h + len(needle)) for h in hits)
    hay, index = _normalise_mapped(text)
    pin = _normalise_mapped(needle)[0]
    if not pin:
        return ()
    if hits := _find_all(hay, pin):
        return tuple((index[h], index[h + len(pin) - 1] + 1) for h in hits)
    hit = fuzz.partial_ratio_alignment(pin, hay, score_cutoff=FUZZY_MIN_SCORE)
    if hit is None or hit.dest_end <= hit.dest_start:
        return ()
    return ((index[hit.dest_start], index[hit.dest_end - 1] + 1),)
