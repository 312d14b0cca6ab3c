"""Quote groups against gold stories: a group that joins two stories says two events share a statement.

Why: a quote group claims its members are one statement. On a gold set of *different* events of one kind
(the similar-events sets: two rounds of Gaza talks, two nuclear meetings), no two stories share a quote,
so every pair of a group's instances that lie in two gold stories is a precision error a user sees (one
speaker's two lines on one subject shown as one statement). The figure is printed by ``cluster eval``
next to the translations of the duplicate pairs, so a regression of the quote matcher shows there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MAX_SHOWN = 5
"""Crossing pairs kept to print: enough to read what went wrong, not a listing."""


@dataclass(frozen=True)
class QuoteStoryScores:
    pairs: int
    """Pairs of instances of one quote group in two different articles, both in the gold's stories."""
    translations: int
    """Of those, pairs in two languages."""
    crossing: int
    """Pairs whose two articles lie in two different gold stories."""
    crossing_translations: int
    shown: tuple[tuple[str, str, str, str], ...] = ()
    """Up to ``MAX_SHOWN`` crossing pairs: (article, text, article, text)."""

    def to_dict(self) -> dict[str, Any]:
        return {"pairs": self.pairs, "translations": self.translations, "crossing_stories": self.crossing,
                "crossing_translations": self.crossing_translations,
                "crossing_examples": [{"a": a, "text_a": ta, "b": b, "text_b": tb} for a, ta, b, tb in self.shown]}


def score_quote_stories(quotes: Sequence[Mapping[str, Any]], stories: Sequence[Sequence[str]]) -> QuoteStoryScores:
    """Count the instance pairs of each quote group (``quotes``: the run's JSON ``quotes`` items) that
    lie in two articles of the gold, and those that join two gold stories."""
    story_of = {doc: k for k, story in enumerate(stories) for doc in story}
    pairs = translations = crossing = crossing_translations = 0
    shown: list[tuple[str, str, str, str]] = []
    for group in quotes:
        instances = [i for i in group.get("instances", []) if i["article"] in story_of]
        for n, first in enumerate(instances):
            for second in instances[n + 1:]:
                if first["article"] == second["article"]:
                    continue
                translated = first["lang"] != second["lang"]
                pairs += 1
                translations += translated
                if story_of[first["article"]] != story_of[second["article"]]:
                    crossing += 1
                    crossing_translations += translated
                    if len(shown) < MAX_SHOWN:
                        shown.append((first["article"], first["text"], second["article"], second["text"]))
    return QuoteStoryScores(pairs, translations, crossing, crossing_translations, tuple(shown))


def render_quote_stories(scores: QuoteStoryScores, width: int = 70) -> list[str]:
    """The ``cluster eval`` lines: counts, then the crossing pairs, each text cut to ``width``."""
    out = [f"Quote groups: {scores.pairs} instance pairs in two articles ({scores.translations} across languages);"
           f" {scores.crossing} join two gold stories ({scores.crossing_translations} across languages)"]
    for a, text_a, b, text_b in scores.shown:
        out.append(f"  {a}: {_cut(text_a, width)}  ~  {b}: {_cut(text_b, width)}")
    out.append("A pair in two gold stories is a statement shown as one across two events: 0 on sets of"
               " different events.")
    return out


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
