"""Measure site-template handling on pages pasted from outlets (tests/data/outlets, scripts/make_outlets.py).

    python -m cluster.evaluation.templates_eval tests/data/outlets/dev [tests/data/outlets/heldout ...]

Per set (``docs.jsonl`` + ``gold.json`` with ``headlines`` and ``furniture`` per article):

* furniture groups: duplicate groups that hold a furniture line of any member (target 0);
* wire pairs found: gold duplicate pairs linked by one group (a copied wire paragraph must stay one);
* story B-cubed F1 against the gold partition (every unrelated article its own story);
* furniture labelled body: share of the gold furniture lines whose segment is body (target <= 5%),
  and the share labelled body or related (related passages are still matched);
* headline accuracy: titles after the run equal to the gold headline (target 100%).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from cluster.config import Config
from cluster.documents import Segment, SegmentKind
from cluster.evaluation.gold import load_gold
from cluster.evaluation.scores import score_stories
from cluster.ingest.readers import load_corpus
from cluster.pipeline import run_pipeline
from cluster.result import Result
from cluster.segment.boilerplate import line_key


@dataclass(frozen=True)
class TemplateScores:
    name: str
    furniture_groups: int
    groups: int
    wire_found: int
    wire_gold: int
    story_f1: float
    stories: int
    gold_stories: int
    furniture_body: float
    furniture_kept: float
    headline_accuracy: float
    wrong_headlines: tuple[str, ...]

    def lines(self) -> list[str]:
        return [
            f"{self.name}",
            f"  furniture duplicate groups   {self.furniture_groups} of {self.groups} groups",
            f"  wire pairs found             {self.wire_found} / {self.wire_gold}",
            f"  story B-cubed F1             {self.story_f1:.3f}  ({self.stories} stories, gold {self.gold_stories})",
            f"  furniture lines as body      {100 * self.furniture_body:.1f}%"
            f"  (body or related {100 * self.furniture_kept:.1f}%)",
            f"  headline accuracy            {100 * self.headline_accuracy:.1f}%",
            *[f"    wrong headline: {w}" for w in self.wrong_headlines],
        ]


def score_templates(result: Result, folder: Path) -> TemplateScores:
    """Score one pipeline run over ``folder``'s docs against its gold."""
    raw = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    gold = load_gold(folder / "gold.json")
    furniture = {aid: {line_key(x) for x in lines} for aid, lines in raw["furniture"].items()}
    texts = {a.id: a.text for a in result.articles}
    flagged = [g for g in result.groups if any(_overlaps_furniture(p.text, furniture[p.article_id])
                                               for p in g.passages)]
    wire = sum(any(_carries(g, pair.a.doc, pair.a.text, texts) and _carries(g, pair.b.doc, pair.b.text, texts)
                   for g in result.groups) for pair in gold.duplicates)
    body, kept, total = _furniture_labels(result.segments, raw["furniture"])
    titles = {a.id: a.title for a in result.articles}
    wrong = tuple(f"{aid}: {titles[aid]!r} (gold {head!r})" for aid, head in raw["headlines"].items()
                  if line_key(titles[aid]) != line_key(head))
    stories = score_stories([list(s.articles) for s in result.stories.stories], gold.stories or [])
    return TemplateScores(
        name=raw["name"], furniture_groups=len(flagged), groups=len(result.groups), wire_found=wire,
        wire_gold=len(gold.duplicates), story_f1=stories.f1, stories=len(result.stories.stories),
        gold_stories=len(gold.stories or []), furniture_body=body / max(total, 1),
        furniture_kept=kept / max(total, 1), headline_accuracy=1 - len(wrong) / max(len(raw["headlines"]), 1),
        wrong_headlines=wrong,
    )


def _overlaps_furniture(text: str, furniture: set[str]) -> bool:
    key = line_key(text)
    return bool(key) and any(key in f or f in key for f in furniture if f)


def _carries(group, doc: str, text: str, texts: dict[str, str]) -> bool:  # noqa: ANN001 (DuplicateGroup)
    start = texts[doc].find(text)
    end = start + len(text)
    return start >= 0 and any(p.article_id == doc and min(p.end, end) - max(p.start, start) >= 0.5 * min(
        p.end - p.start, len(text)) for p in group.passages)


def _furniture_labels(segments: dict[str, list[Segment]], furniture: dict[str, list[str]]) -> tuple[int, int, int]:
    """(furniture lines whose segment is body, ... body or related, all furniture lines found)."""
    body = kept = total = 0
    for aid, lines in furniture.items():
        for line in lines:
            seg = next((s for s in segments[aid] if line.strip() and line.strip() in s.text), None)
            if seg is None:
                continue
            total += 1
            body += seg.kind is SegmentKind.BODY
            kept += seg.kind is not SegmentKind.BOILERPLATE
    return body, kept, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score site-template handling on outlet page sets.")
    parser.add_argument("folders", nargs="+", type=Path, help="folders holding docs.jsonl and gold.json")
    parser.add_argument("--config", type=Path, help="config file (default: built-in defaults)")
    parser.add_argument("--no-templates", action="store_true", help="turn template learning off (the before figure)")
    args = parser.parse_args(argv)
    config = Config.from_file(args.config) if args.config else Config()
    if args.no_templates:
        config = config.with_overrides(**{"segment.site_min_articles": 10**9})
    for folder in args.folders:
        articles = load_corpus(folder / "docs.jsonl").articles
        result = run_pipeline(articles, config)
        print("\n".join(score_templates(result, folder).lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
