"""`cluster eval`: a run scored against a gold file, next to same-run baselines.

The baselines are the references the README of the labelled sets reports: TF-IDF + average-linkage
agglomerative clustering for stories, datasketch MinHash LSH for duplicate paragraphs. They run on
the same articles in the same process, so the comparison holds on any corpus and machine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from cluster.config import Config
from cluster.evaluation.baselines import as_result, minhash_duplicates, split_paragraphs, tfidf_stories
from cluster.evaluation.gold import Gold, check_ids
from cluster.evaluation.quote_stories import render_quote_stories
from cluster.evaluation.scores import EvalReport, evaluate
from cluster.report.terminal import to_json
from cluster.result import Result
from cluster.stories.scorer import load_scorer


@dataclass(frozen=True)
class Assessment:
    tool: EvalReport
    baseline: EvalReport
    seconds: dict[str, float]
    story_scorer: str = "mix"
    """Which story decision ran: the learned scorer (with its out-of-fold F1) or the weighted mix."""

    def to_dict(self) -> dict[str, Any]:
        return {"tool": self.tool.to_dict(), "baseline": self.baseline.to_dict(), "seconds": self.seconds,
                "story_scorer": self.story_scorer}


def assess(result: Result, gold: Gold) -> Assessment:
    """Score the run and the baselines; ValueError when the gold names articles the run lacks."""
    check_ids(gold, [a.id for a in result.articles])
    texts = {a.id: a.text for a in result.articles}
    langs = {a.id: a.lang for a in result.articles}
    tool = evaluate(to_json(result), gold, texts, langs)
    start = time.perf_counter()
    stories = tfidf_stories([(a.id, a.text) for a in result.articles])
    middle = time.perf_counter()
    paragraphs = [p for a in result.articles for p in split_paragraphs(a.id, a.text)]
    pairs = minhash_duplicates(paragraphs)
    end = time.perf_counter()
    docs = [{"id": a.id, "title": a.title, "text": a.text, "lang": a.lang} for a in result.articles]
    baseline = evaluate(as_result(docs, stories, pairs), gold, texts, langs)
    seconds = {
        "tool_pipeline": round(sum(result.timings.values()), 3),
        "baseline_tfidf_stories": round(middle - start, 3),
        "baseline_minhash_duplicates": round(end - middle, 3),
    }
    return Assessment(tool=tool, baseline=baseline, seconds=seconds, story_scorer=scorer_note(result.config))


def scorer_note(config: Config) -> str:
    """One line naming the story decision, so a score is never read without knowing what made it."""
    cfg = config.stories
    if cfg.scorer != "learned":
        return "hand-weighted signal mix"
    scorer = load_scorer(cfg.scorer_path)
    oof = scorer.meta.get("out_of_fold_bcubed_f1", {})
    cut = cfg.learned_cut if cfg.learned_cut is not None else scorer.cut
    folds = ", ".join(f"{k} {v:.3f}" for k, v in oof.items())
    nested = ", ".join(f"{k} {v:.3f}" for k, v in scorer.meta.get("nested_bcubed_f1", {}).items())
    return (f"learned scorer, cut {cut:.3f}; leave-topic-out B3-F1 when fitted: {folds or 'n/a'}"
            + (f" (nested: {nested})" if nested else ""))


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def render_assessment(assessment: Assessment, name: str) -> str:
    tool, base = assessment.tool.to_dict(), assessment.baseline.to_dict()
    out = [f"Evaluation on {name}", ""]
    if tool["stories"]:
        t, b = tool["stories"], base["stories"]
        out += [
            "Stories                      B3-P    B3-R    B3-F1   ARI     NMI     stories (gold)",
            _story_row("cluster", t),
            _story_row("TF-IDF baseline", b),
            f"(stories by: {assessment.story_scorer})",
            "",
        ]
    if tool["duplicates"]:
        t, b = tool["duplicates"], base["duplicates"]
        out += ["Duplicate pairs              P       R       F1      predicted / gold"]
        out.append(_pair_row("cluster (all)", t))
        for key, scores in sorted(t["by_type"].items()):
            out.append(_pair_row(f"  type {key}", scores))
        for key, scores in sorted(t["by_language_pair"].items()):
            out.append(_pair_row(f"  lang {key}", scores))
        out.append(_pair_row("MinHash baseline", b))
        out.append("")
        out.append(
            "Precision per type counts predictions of that type; recall per type counts gold pairs of it."
        )
    if assessment.tool.quotes is not None:
        out += [*render_quote_stories(assessment.tool.quotes), ""]
    seconds = assessment.seconds
    out.append(
        f"Time: cluster {seconds['tool_pipeline']:.1f} s; baselines {seconds['baseline_tfidf_stories']:.1f} s"
        f" (TF-IDF) + {seconds['baseline_minhash_duplicates']:.1f} s (MinHash)"
    )
    return "\n".join(out) + "\n"


def _story_row(label: str, s: dict[str, Any]) -> str:
    return (
        f"{label:<26} {_fmt(s['bcubed_precision'])}  {_fmt(s['bcubed_recall'])}  {_fmt(s['bcubed_f1'])}"
        f"  {_fmt(s['ari'])}  {_fmt(s['nmi'])}  {s['n_predicted']} ({s['n_gold']})"
    )


def _pair_row(label: str, s: dict[str, Any]) -> str:
    return (
        f"{label:<26} {_fmt(s['precision'])}  {_fmt(s['recall'])}  {_fmt(s['f1'])}"
        f"  {s['n_predicted']} / {s['n_gold']}"
    )
