"""How many of the exactly-found verified duplicate pairs the IVF neighbour search still finds.

``python -m cluster.evaluation.ann_recall --dev 3000 --heldout 10000`` builds the bench corpora
(``bench.build_corpus``, paragraphs), embeds them (through the embedding cache), and for each
(cell size, nprobe) of a grid reports the recall of verified pairs against exact search, the
candidate recall and the search time. The settings are chosen on the dev corpus; the held-out corpus
is the articles of the larger corpus that the dev corpus does not hold (no article in both).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

import numpy as np

from cluster.config import Config, DuplicateConfig
from cluster.documents import Article
from cluster.duplicates.groups import one_paragraph_per_article, search_radius, verified_matches
from cluster.duplicates.neighbours import cells, exact_pairs, ivf_pairs
from cluster.textnorm import words

GRID = [(cell, probe) for cell in (128, 256, 512) for probe in (4, 8, 16, 32)]


def _articles(records: list[dict[str, Any]]) -> list[Article]:
    """The records read as ``cluster run`` reads a JSONL file."""
    import json
    import tempfile
    from pathlib import Path

    from cluster.ingest.readers import load_corpus

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        return load_corpus(path).articles


def corpora(dev: int, heldout: int) -> tuple[list[Article], list[Article]]:
    from cluster.evaluation.bench import build_corpus

    small = build_corpus(dev)
    seen = {r["id"] for r in small}
    return _articles(small), _articles([r for r in build_corpus(heldout) if r["id"] not in seen])


def embedded(articles: list[Article], config: Config):
    from cluster.embed import LazyEncoder, embed_with_config
    from cluster.segment.stage import segment_articles

    _, units = segment_articles(articles, config)
    vectors = embed_with_config(LazyEncoder.for_model(config.model), [u.text for u in units], config)
    return units, vectors


def verified(units, keep: np.ndarray, pairs, cfg: DuplicateConfig) -> set:
    rows, cols, sims = pairs
    candidates = [(i, j, s) for i, j, s in zip(keep[rows].tolist(), keep[cols].tolist(), sims.tolist())
                  if units[i].article_id != units[j].article_id]  # fmt: skip
    return {(m.left, m.right) for m in one_paragraph_per_article(verified_matches(units, candidates, cfg))}


def measure(units, vectors: np.ndarray, cfg: DuplicateConfig) -> list[dict[str, Any]]:
    keep = np.asarray([i for i, p in enumerate(units) if len(words(p.text)) >= cfg.min_words], dtype=np.int64)
    matrix, radius = np.ascontiguousarray(vectors[keep]), search_radius(cfg)
    start = time.perf_counter()
    exact = exact_pairs(matrix, radius)
    rows = [{"setting": "exact", "seconds": time.perf_counter() - start, "candidates": len(exact[0])}]
    truth = verified(units, keep, exact, cfg)
    exact_set = set(zip(exact[0].tolist(), exact[1].tolist()))
    rows[0].update(verified=len(truth), recall=1.0, candidate_recall=1.0)
    for cell, probe in GRID:
        start = time.perf_counter()
        found = ivf_pairs(matrix, radius, cells(len(matrix), cell), probe)
        seconds = time.perf_counter() - start
        got = verified(units, keep, found, cfg)
        hits = len(exact_set & set(zip(found[0].tolist(), found[1].tolist())))
        rows.append({"setting": f"cell {cell} nprobe {probe}", "seconds": seconds, "candidates": len(found[0]),
                     "verified": len(got), "recall": len(truth & got) / max(1, len(truth)),
                     "extra": len(got - truth), "candidate_recall": hits / max(1, len(exact_set))})  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    prog, about = "python -m cluster.evaluation.ann_recall", __doc__.split("\n\n")[0]
    parser = argparse.ArgumentParser(prog=prog, description=about)
    parser.add_argument("--dev", type=int, default=3000, help="Dev corpus size in paragraphs (choose here).")
    parser.add_argument("--heldout",
                        type=int, default=10000, help="Larger corpus; its articles not in dev: held out.")
    args = parser.parse_args(argv)
    config = Config()
    for name, articles in zip(("dev", "held-out"), corpora(args.dev, args.heldout)):
        units, vectors = embedded(articles, config)
        print(f"\n{name}: {len(articles)} articles, {len(units)} passages")
        print(f"{'setting':<22}{'seconds':>9}{'candidates':>12}{'verified':>10}{'recall':>9}{'cand.rec':>10}{'extra':>7}")
        for r in measure(units, vectors, config.duplicates):
            print(f"{r['setting']:<22}{r['seconds']:>9.2f}{r['candidates']:>12}{r['verified']:>10}"
                  f"{r['recall']:>9.4f}{r['candidate_recall']:>10.4f}{r.get('extra', 0):>7}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
