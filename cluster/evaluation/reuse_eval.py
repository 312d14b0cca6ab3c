"""Scores on an edited-reuse set: recall per obfuscation and pair precision.

Why a module of its own: ``cluster eval`` reports recall per gold ``type`` (verbatim / edited), but
the reuse sets also say *how* a passage was edited (``obfuscation``: none, word-shuffle,
phrase-shuffle, synonym, paraphrase; ``between-copies`` for two hosts carrying one passage), which is what tells a weak spot. Matching is ``cluster eval``'s (same two documents,
>= 50% overlap of the shorter span on both sides, one-to-one).

``python -m cluster.evaluation.reuse_eval DIR [--no-align]``: DIR holds ``docs.jsonl`` + ``gold.json``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from cluster.config import Config
from cluster.documents import Article
from cluster.evaluation.gold import load_gold
from cluster.evaluation.reuse_data import BETWEEN_COPIES
from cluster.evaluation.scores import _gold_spans, _match, pairs_from_result, score_duplicates
from cluster.pipeline import run_pipeline
from cluster.report.terminal import to_json


def load_docs(folder: Path) -> list[Article]:
    rows = [json.loads(x) for x in (folder / "docs.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    return [Article(id=r["id"], title=r.get("title", ""), text=r["text"], lang=r.get("lang", "und")) for r in rows]


def reuse_scores(folder: Path, config: Config, encoder: Any = None) -> dict[str, Any]:
    """Recall per obfuscation and per type, pair precision, and the counts behind them."""
    articles = load_docs(folder)
    gold = load_gold(folder)
    raw = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["duplicates"]
    result = run_pipeline(articles, config, encoder=encoder)
    pred = pairs_from_result(to_json(result))
    texts = {a.id: a.text for a in articles}
    matched = _match(pred, gold.duplicates, _gold_spans(gold.duplicates, texts))
    total, hit = Counter(), Counter()
    for j, g in enumerate(raw):
        obfuscation = g.get("obfuscation", "?")
        # A pair of two edited copies is scored on its own, not in the per-type recall of source-copy pairs.
        for key in (obfuscation,) if obfuscation == BETWEEN_COPIES else (obfuscation, g["type"]):
            total[key] += 1
            hit[key] += j in matched
    overall = score_duplicates(pred, gold.duplicates, texts, {a.id: a.lang for a in articles})
    return {
        "recall": {k: round(hit[k] / total[k], 3) for k in sorted(total)},
        "counts": {k: f"{hit[k]}/{total[k]}" for k in sorted(total)},
        "pair_precision": round(overall.precision or 0.0, 3),
        "pair_recall": round(overall.recall or 0.0, 3),
        "predicted_pairs": len(pred),
        "gold_pairs": len(gold.duplicates),
        "seconds": round(sum(result.timings.values()), 2),
    }


def main(argv: list[str]) -> None:
    config = Config()
    if "--no-align" in argv:
        config = config.with_overrides(**{"duplicates.align_reuse": False})
    for folder in (a for a in argv if not a.startswith("--")):
        print(folder, json.dumps(reuse_scores(Path(folder), config), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
