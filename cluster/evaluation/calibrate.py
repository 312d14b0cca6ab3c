"""Choosing thresholds on labelled data: sweeps, curves, and the chosen values.

The pipeline's expensive part (embedding, duplicate search, the pairwise article signals) runs once
per labelled set; the sweeps only re-cluster or re-verify, so a whole grid takes seconds.
Every choice maximises the *worst* F1 over the sets given, so that a default tuned on English
near-miss events (ECB+) does not break Arabic-English story matching (NTREX), and vice versa.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from cluster.config import Config, DuplicateConfig, StoryConfig
from cluster.duplicates.groups import find_duplicate_groups
from cluster.evaluation.scores import Gold, pairs_from_result, score_duplicates, score_stories
from cluster.report.terminal import to_json
from cluster.result import Result
from cluster.stories.clustering import attach_strays
from cluster.stories.signals import combined_similarity, date_penalty


@dataclass(frozen=True)
class LabelledRun:
    """One labelled set run through the pipeline, with the subset of articles to score on."""

    name: str
    result: Result
    gold: Gold
    articles: tuple[int, ...] | None = None
    """Indices of the articles in this half (None: all)."""


@dataclass(frozen=True)
class Point:
    """One setting of the swept values and the F1 it reaches on each set."""

    values: dict[str, float]
    scores: dict[str, tuple[float, float, float]]
    """Precision, recall and F1 per labelled set."""

    @property
    def f1(self) -> dict[str, float]:
        return {name: prf[2] for name, prf in self.scores.items()}

    @property
    def worst(self) -> float:
        return min(self.f1.values()) if self.f1 else 0.0

    @property
    def mean(self) -> float:
        return float(np.mean(list(self.f1.values()))) if self.f1 else 0.0


def story_grid() -> dict[str, list[float]]:
    """The story settings swept by ``cluster calibrate``.

    Signal weights are normalised inside ``combined_similarity``, so the three weights only matter
    relative to each other; the cut is swept densely because it interacts with all of them.
    """
    return {
        "semantic_weight": [0.1, 0.2, 0.3, 0.5],
        "lexical_weight": [0.0, 0.2, 0.4],
        "entity_weight": [0.2, 0.4, 0.6],
        "cross_language_shift": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
        "duplicate_weight": [0.5, 1.0],
        "distance_threshold": [round(x, 2) for x in np.arange(0.45, 0.91, 0.025)],
    }


def halves(gold: Gold, article_ids: Sequence[str]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Split a set's articles in two by gold story, keeping neighbouring gold stories together.

    ECB+ lists the two events of a topic next to each other; keeping them in one half keeps each
    half's hard cases (same kind of event, different event) intact.
    """
    stories = gold.stories or [[doc] for doc in article_ids]
    half_of = {doc: (k // 2) % 2 for k, story in enumerate(stories) for doc in story}
    first = tuple(i for i, doc in enumerate(article_ids) if half_of.get(doc, 0) == 0)
    second = tuple(i for i, doc in enumerate(article_ids) if half_of.get(doc, 0) == 1)
    return first, second


def sweep_stories(
    runs: Sequence[LabelledRun], base: StoryConfig, grid: dict[str, list[float]] | None = None
) -> list[Point]:
    """B-cubed F1 on every set for every combination in the grid (threshold cuts share one tree)."""
    grid = grid or story_grid()
    thresholds = grid.get("distance_threshold", [base.distance_threshold])
    others = {k: v for k, v in grid.items() if k != "distance_threshold"}
    points: list[Point] = []
    for combo in itertools.product(*others.values()):
        values = dict(zip(others, combo))
        cfg = base.model_copy(update=values)
        per_threshold: dict[float, dict[str, tuple[float, float, float]]] = {t: {} for t in thresholds}
        for run in runs:
            for t, prf in _story_scores_by_threshold(run, cfg, thresholds).items():
                per_threshold[t][run.name] = prf
        points += [Point({**values, "distance_threshold": t}, prf) for t, prf in per_threshold.items()]
    return points


def _story_scores_by_threshold(
    run: LabelledRun, cfg: StoryConfig, thresholds: Sequence[float]
) -> dict[float, tuple[float, float, float]]:
    result = run.result
    if result.signals is None or run.gold.stories is None:
        raise ValueError(f"{run.name}: no story labels or signals to calibrate on")
    idx = list(run.articles) if run.articles is not None else list(range(len(result.articles)))
    similarity = combined_similarity(result.signals, cfg)
    similarity = similarity - date_penalty([a.date for a in result.articles], cfg)
    sub = similarity[np.ix_(idx, idx)]
    ids = [result.articles[i].id for i in idx]
    wanted = set(ids)
    gold = [[d for d in story if d in wanted] for story in run.gold.stories]
    gold = [g for g in gold if g]
    distance = np.clip(1.0 - (sub + sub.T) / 2, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    scores = {}
    for t in thresholds:
        labels = attach_strays(sub, fcluster(tree, t=t, criterion="distance"), cfg.stray_min_similarity)
        predicted: dict[int, list[str]] = {}
        for doc, label in zip(ids, labels):
            predicted.setdefault(int(label), []).append(doc)
        story = score_stories(list(predicted.values()), gold)
        scores[t] = (story.precision, story.recall, story.f1)
    return scores


def best(points: Sequence[Point], key: str = "distance_threshold", radius: float = 0.05) -> Point:
    """Highest worst-set F1 averaged over neighbouring values of ``key`` (same other values).

    Averaging over the neighbourhood prefers a plateau to a lone peak: a cut that only works at one
    exact value on the data it was chosen on rarely holds on other data. Ties go to the higher mean.
    """
    by_rest: dict[tuple, list[Point]] = {}
    for p in points:
        rest = tuple(sorted((k, v) for k, v in p.values.items() if k != key))
        by_rest.setdefault(rest, []).append(p)

    def smoothed(p: Point) -> tuple[float, float]:
        if key not in p.values:
            return (round(p.worst, 4), round(p.mean, 4))
        rest = tuple(sorted((k, v) for k, v in p.values.items() if k != key))
        near = [q for q in by_rest[rest] if abs(q.values[key] - p.values[key]) <= radius + 1e-9]
        return (round(float(np.mean([q.worst for q in near])), 4), round(p.mean, 4))

    return max(points, key=smoothed)


def duplicate_grid(base: DuplicateConfig) -> dict[str, list[float]]:
    """Duplicate cuts swept: the cross-language cosine (translations), around the current value.

    Around, not over a fixed range, because each encoder has its own cosine scale.
    """
    centre = base.cross_language_threshold
    values = [round(centre + step, 2) for step in np.arange(-0.14, 0.141, 0.02)]
    return {"cross_language_threshold": [v for v in values if 0.0 < v < 1.0]}


def sweep_duplicates(
    runs: Sequence[LabelledRun], base: DuplicateConfig, key: str, values: Sequence[float]
) -> list[Point]:
    """Pair F1 on each set (that has duplicate labels) for each value of one duplicate setting."""
    points = []
    for value in values:
        cfg = base.model_copy(update={key: value})
        per_set = {}
        for run in runs:
            if not run.gold.duplicates or run.result.units is None:
                continue
            overall = _duplicate_scores(run, cfg).overall
            per_set[run.name] = (overall.precision or 0.0, overall.recall or 0.0, overall.f1 or 0.0)
        points.append(Point({key: value}, per_set))
    return points


def _duplicate_scores(run: LabelledRun, cfg: DuplicateConfig):
    result = run.result
    texts = {a.id: a.text for a in result.articles}
    groups = find_duplicate_groups(result.units, result.vectors, texts, cfg)
    shadow = Result(**{**result.__dict__, "groups": groups})
    predicted = pairs_from_result(to_json(shadow))
    langs = {a.id: a.lang for a in result.articles}
    keep = None if run.articles is None else {result.articles[i].id for i in run.articles}
    gold_pairs = run.gold.duplicates
    if keep is not None:
        predicted = [p for p in predicted if p.doc_a in keep and p.doc_b in keep]
        gold_pairs = [g for g in gold_pairs if g.a.doc in keep and g.b.doc in keep]
    return score_duplicates(predicted, gold_pairs, texts, langs)


def apply(config: Config, story: Point | None, duplicates: dict[str, float]) -> Config:
    """The config with the chosen values written in."""
    overrides: dict[str, object] = {}
    if story is not None:
        overrides.update({f"stories.{k}": v for k, v in story.values.items()})
    overrides.update({f"duplicates.{k}": v for k, v in duplicates.items()})
    return config.with_overrides(**overrides)


@dataclass(frozen=True)
class Calibration:
    """What ``cluster calibrate`` chose, the curves behind the choice, and held-out scores."""

    config: Config
    story_points: list[Point]
    duplicate_points: list[Point]
    story_choice: Point | None
    duplicate_choice: Point | None
    heldout: dict[str, dict[str, tuple[float, float, float]]]
    """Scores of the chosen values on the half not used for choosing (empty without --holdout)."""


def calibrate(runs: Sequence[LabelledRun], base: Config, *, holdout: bool = False) -> Calibration:
    """Choose story and duplicate settings on ``runs`` (first halves when ``holdout``)."""
    choose_on, score_on = list(runs), []
    if holdout:
        choose_on, score_on = [], []
        for run in runs:
            first, second = halves(run.gold, [a.id for a in run.result.articles])
            choose_on.append(LabelledRun(run.name, run.result, run.gold, first))
            score_on.append(LabelledRun(run.name, run.result, run.gold, second))
    story_runs = [r for r in choose_on if r.gold.stories]
    story_points = sweep_stories(story_runs, base.stories) if story_runs else []
    story_choice = best(story_points) if story_points else None
    dup_runs = [r for r in choose_on if any(p.type == "translation" for p in r.gold.duplicates)]
    dup_values = duplicate_grid(base.duplicates)["cross_language_threshold"]
    dup_points = sweep_duplicates(dup_runs, base.duplicates, "cross_language_threshold", dup_values) if dup_runs else []
    dup_choice = best(dup_points, key="cross_language_threshold", radius=0.02) if dup_points else None
    config = apply(base, story_choice, dup_choice.values if dup_choice else {})
    heldout: dict[str, dict[str, tuple[float, float, float]]] = {}
    if score_on:
        if story_choice is not None:
            chosen = {k: [v] for k, v in story_choice.values.items()}
            heldout["stories"] = sweep_stories([r for r in score_on if r.gold.stories], base.stories, chosen)[0].scores
        if dup_choice is not None:
            key, value = next(iter(dup_choice.values.items()))
            heldout["duplicates"] = sweep_duplicates(
                [r for r in score_on if r.gold.duplicates], base.duplicates, key, [value]
            )[0].scores
    return Calibration(config, story_points, dup_points, story_choice, dup_choice, heldout)


def render_calibration(cal: Calibration) -> str:
    out = []
    if cal.story_choice is not None:
        chosen = cal.story_choice.values
        out.append("Stories: B-cubed F1 along the distance threshold, at the chosen weights")
        same = [
            p for p in cal.story_points
            if all(p.values[k] == v for k, v in chosen.items() if k != "distance_threshold")
        ]
        names = list(cal.story_choice.scores)
        out.append("  threshold  " + "  ".join(f"{n:>22}" for n in names) + "   (P / R / F1)")
        for p in sorted(same, key=lambda p: p.values["distance_threshold"]):
            mark = " <" if p is cal.story_choice else ""
            cells = "  ".join(f"{_prf(p.scores[n]):>22}" for n in names)
            out.append(f"  {p.values['distance_threshold']:9.3f}  {cells}{mark}")
        out.append("  Top settings by worst-set F1:")
        for p in sorted(cal.story_points, key=lambda p: (-round(p.worst, 4), -p.mean))[:8]:
            values = ", ".join(f"{k}={v:g}" for k, v in p.values.items())
            out.append(f"    worst {p.worst:.3f}  mean {p.mean:.3f}  {values}")
        out.append("")
    if cal.duplicate_points:
        key = next(iter(cal.duplicate_points[0].values))
        out.append(f"Duplicates: pair P / R / F1 along {key}")
        for p in cal.duplicate_points:
            mark = " <" if p is cal.duplicate_choice else ""
            cells = "  ".join(f"{n}: {_prf(prf)}" for n, prf in p.scores.items())
            out.append(f"  {p.values[key]:.2f}  {cells}{mark}")
        out.append("")
    for what, scores in cal.heldout.items():
        cells = "  ".join(f"{n}: {_prf(prf)}" for n, prf in scores.items())
        out.append(f"Held-out half, {what} at the chosen values: {cells}")
    return "\n".join(out) + "\n"


def _prf(prf: tuple[float, float, float]) -> str:
    return f"{prf[0]:.3f}/{prf[1]:.3f}/{prf[2]:.3f}"


def ablation_variants(base: StoryConfig) -> dict[str, dict[str, float]]:
    """Story-signal variants compared in docs/stories.md: each one signal alone, then the mix."""
    return {
        "embeddings only": {"semantic_weight": 1.0, "lexical_weight": 0.0, "entity_weight": 0.0, "duplicate_weight": 0.0},
        "TF-IDF words only": {"semantic_weight": 0.0, "lexical_weight": 1.0, "entity_weight": 0.0, "duplicate_weight": 0.0},
        "names+numbers only": {"semantic_weight": 0.0, "lexical_weight": 0.0, "entity_weight": 1.0, "duplicate_weight": 0.0},
        "embeddings + words": {"semantic_weight": 0.5, "lexical_weight": 0.5, "entity_weight": 0.0, "duplicate_weight": 0.0},
        "all but shared passages": {"duplicate_weight": 0.0},
        "all (default)": {},
    }


def ablation(runs: Sequence[LabelledRun], base: StoryConfig) -> list[tuple[str, Point, Point]]:
    """Per variant: the default threshold's scores, and the best single threshold for all sets."""
    thresholds = [round(x, 3) for x in np.arange(0.2, 0.96, 0.025)]
    rows = []
    for name, values in ablation_variants(base).items():
        grid = {k: [v] for k, v in values.items()}
        grid["distance_threshold"] = sorted(set(thresholds) | {base.distance_threshold})
        points = sweep_stories(runs, base, grid)
        at_default = next(p for p in points if p.values["distance_threshold"] == base.distance_threshold)
        rows.append((name, at_default, best(points)))
    return rows


def render_ablation(rows: list[tuple[str, Point, Point]]) -> str:
    names = list(rows[0][1].scores) if rows else []
    head = "| variant | " + " | ".join(f"{n} F1 (default cut)" for n in names)
    head += " | " + " | ".join(f"{n} F1 (best cut)" for n in names) + " | best cut |"
    out = [head, "|" + "---|" * (2 + 2 * len(names))]
    for name, default, tuned in rows:
        cells = [f"{default.scores[n][2]:.3f}" for n in names] + [f"{tuned.scores[n][2]:.3f}" for n in names]
        out.append(f"| {name} | " + " | ".join(cells) + f" | {tuned.values['distance_threshold']:.3f} |")
    return "\n".join(out) + "\n"
