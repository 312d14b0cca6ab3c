"""Fit the learned same-story scorer and validate it honestly: whole topics left out.

``python -m cluster.evaluation.story_cv`` runs both dev sets through the pipeline once, takes the
candidate pairs the story stage would score (``stories.graph.candidate_pairs``), and:

- assigns whole topics to folds (ECB+: the topic number in ``story_labels``, so both events of a
  topic, the hard near-miss pair, are held out together; NTREX: each gold story, i.e. an English
  article with its Arabic translation and other reports of its event);
- scores every pair with a model that saw neither article's fold (one fit per pair of folds), so
  the clustering of a whole set runs on out-of-fold probabilities only;
- picks C and the cut by the worst-set out-of-fold B-cubed F1 (smoothed over neighbouring cuts);
- refits on all pairs, reports the in-sample F1 beside the out-of-fold one (their gap), and with
  ``--write`` ships the model as ``cluster/stories/story_scorer.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from cluster.config import Config, StoryConfig
from cluster.evaluation.data import eval_set
from cluster.evaluation.scores import score_stories
from cluster.pipeline import run_pipeline
from cluster.stories.bodies import article_bodies
from cluster.stories.clustering import attach_strays
from cluster.stories.features import FEATURES
from cluster.stories.graph import candidate_pairs, sparse_average_linkage, sparse_similarity
from cluster.stories.reuse import candidate_features
from cluster.stories.scorer import StoryScorer
from cluster.stories.signals import build_signals, paragraph_links

SETS = ("ecbplus-dev", "ntrex-ar-en-dev")
FOLDS = 5
C_GRID = (0.1, 1.0, 10.0)
STRAYS = (1.0, 0.15, 0.25, 0.35)
"""Mean p at which a cluster of one or two joins the nearest story of three or more (1.0: never)."""
CUTS = tuple(round(float(x), 3) for x in np.arange(0.3, 0.951, 0.025))


@dataclass
class PairSet:
    """One labelled set's candidate pairs, their features and gold answer, and each article's fold."""

    name: str
    ids: list[str]
    gold: list[list[str]]
    left: np.ndarray
    right: np.ndarray
    features: np.ndarray
    same: np.ndarray
    fold: np.ndarray
    dense_features: np.ndarray | None = None
    """Features of every pair (i < j), for the dense-versus-sparse check."""


def topic_of(raw: dict) -> list[int]:
    """One group per gold story: the ECB+ topic number when labels name one, else the story itself."""
    labels = raw.get("story_labels") or []
    topics = []
    for k, _story in enumerate(raw["stories"]):
        match = re.match(r"topic (\d+)", labels[k]) if k < len(labels) else None
        topics.append(int(match.group(1)) * 1000 if match else k)
    return topics


def prepare(name: str, config: Config, dense: bool = False) -> PairSet:
    """Run one dev set through the pipeline and collect its candidate pairs."""
    folder = eval_set(name)
    if folder is None:
        raise SystemExit(f"dev set {name} not found")
    raw = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    result = run_pipeline(folder / "docs.jsonl", config)
    bodies = article_bodies(result.articles, result.segments, result.units, result.vectors)
    signals = build_signals(bodies, paragraph_links(result.groups), config.stories)
    ids = [a.id for a in result.articles]
    story = {doc: k for k, members in enumerate(raw["stories"]) for doc in members}
    topics = topic_of(raw)
    rank = {t: r for r, t in enumerate(sorted(set(topics)))}
    fold = np.array([rank[topics[story[d]]] % FOLDS for d in ids])
    cfg = config.stories
    left, right = candidate_pairs(bodies.vectors, signals.shared, [a.date for a in result.articles],
                                  cfg.candidate_neighbours, cfg.candidate_window_days)
    same = np.array([story[ids[a]] == story[ids[b]] for a, b in zip(left, right)], dtype=int)
    features = candidate_features(bodies, signals, left, right, cfg.min_entities)
    pairs = PairSet(name, ids, raw["stories"], left, right, features, same, fold)
    if dense:
        all_left, all_right = np.triu_indices(len(ids), 1)
        pairs.dense_features = candidate_features(bodies, signals, all_left, all_right, cfg.min_entities)
    return pairs


def fit(features: np.ndarray, same: np.ndarray, c: float, cut: float = 0.5, meta: dict | None = None) -> StoryScorer:
    scaler = StandardScaler().fit(features)
    model = LogisticRegression(C=c, max_iter=2000).fit(scaler.transform(features), same)
    return StoryScorer(FEATURES, tuple(scaler.mean_.tolist()), tuple(np.maximum(scaler.scale_, 1e-12).tolist()),
                       tuple(model.coef_[0].tolist()), float(model.intercept_[0]), cut, meta or {})


def out_of_fold(sets: Sequence[PairSet], c: float) -> list[np.ndarray]:
    """p for every candidate pair from a model fitted without either article's fold."""
    probs = [np.zeros(len(s.same)) for s in sets]
    for a in range(FOLDS):
        for b in range(a, FOLDS):
            held = {a, b}
            train = [~np.isin(s.fold[s.left], list(held)) & ~np.isin(s.fold[s.right], list(held)) for s in sets]
            x = np.vstack([s.features[m] for s, m in zip(sets, train)])
            y = np.concatenate([s.same[m] for s, m in zip(sets, train)])
            scorer = fit(x, y, c)
            for s, p in zip(sets, probs):
                fa, fb = s.fold[s.left], s.fold[s.right]
                mask = ((fa == a) & (fb == b)) | ((fa == b) & (fb == a))
                p[mask] = scorer.probability(s.features[mask])
    return probs


def story_labels(pairs: PairSet, p: np.ndarray, cut: float, strays: float = 1.0, left=None, right=None) -> np.ndarray:
    left = pairs.left if left is None else left
    right = pairs.right if right is None else right
    similarity = sparse_similarity(len(pairs.ids), left, right, p)
    return attach_strays(similarity, sparse_average_linkage(similarity, cut), strays)


def bcubed(pairs: PairSet, labels: np.ndarray) -> tuple[float, float, float]:
    predicted: dict[int, list[str]] = {}
    for doc, label in zip(pairs.ids, labels):
        predicted.setdefault(int(label), []).append(doc)
    s = score_stories(list(predicted.values()), pairs.gold)
    return s.precision, s.recall, s.f1


def sweep(sets: Sequence[PairSet], probs: Sequence[np.ndarray], strays: float) -> dict[float, dict[str, tuple]]:
    return {cut: {s.name: bcubed(s, story_labels(s, p, cut, strays)) for s, p in zip(sets, probs)} for cut in CUTS}


def smoothed_best(curve: dict[float, dict[str, tuple]], radius: float = 0.05) -> tuple[float, float]:
    """(cut, smoothed worst-set F1): a plateau beats a lone peak."""
    def worst(cut: float) -> float:
        return min(prf[2] for prf in curve[cut].values())

    scored = [(float(np.mean([worst(c) for c in curve if abs(c - cut) <= radius + 1e-9])), worst(cut), cut)
              for cut in curve]
    best = max(scored)
    return best[2], best[0]


def differing_articles(a: np.ndarray, b: np.ndarray) -> int:
    """Articles whose co-members differ between two labelings."""
    def members(labels):
        groups: dict[int, frozenset] = {}
        for i, label in enumerate(labels):
            groups.setdefault(int(label), set()).add(i)
        return [frozenset(groups[int(label)]) for label in labels]

    return sum(x != y for x, y in zip(members(a), members(b)))


def validate(sets: Sequence[PairSet]) -> dict:
    """C, cut and stray rule chosen out of fold; the out-of-fold and in-sample figures at that choice."""
    c, strays, cut, oof = choose(sets, quiet=False)
    x = np.vstack([s.features for s in sets])
    y = np.concatenate([s.same for s in sets])
    final = fit(x, y, c, cut)
    final = StoryScorer(**{**final.__dict__, "strays": strays})
    in_sample = {s.name: bcubed(s, story_labels(s, final.probability(s.features), cut, strays)) for s in sets}
    return {"C": c, "cut": cut, "strays": strays, "scorer": final, "out_of_fold": oof, "in_sample": in_sample,
            "pairs": {s.name: [len(s.same), int(s.same.sum())] for s in sets}}


def subset(pairs: PairSet, keep: np.ndarray) -> PairSet:
    """The articles where ``keep`` holds, with the candidate pairs between them and their gold stories."""
    index = np.full(len(pairs.ids), -1)
    index[keep] = np.arange(int(keep.sum()))
    inside = keep[pairs.left] & keep[pairs.right]
    ids = [d for d, k in zip(pairs.ids, keep) if k]
    wanted = set(ids)
    gold = [g for g in ([d for d in story if d in wanted] for story in pairs.gold) if g]
    return PairSet(pairs.name, ids, gold, index[pairs.left[inside]], index[pairs.right[inside]],
                   pairs.features[inside], pairs.same[inside], pairs.fold[keep])


def choose(sets: Sequence[PairSet], quiet: bool = True) -> tuple[float, float, float, dict]:
    """(C, strays, cut, out-of-fold P/R/F1 per set) with the best smoothed worst-set out-of-fold F1."""
    choices = {}
    for c in C_GRID:
        probs = out_of_fold(sets, c)
        for strays in STRAYS:
            curve = sweep(sets, probs, strays)
            cut, score = smoothed_best(curve)
            choices[(c, strays)] = (score, cut, curve[cut])
            if not quiet:
                print(f"C={c:<5} strays={strays:<5} cut={cut:.3f} smoothed worst F1={score:.4f} "
                      + " ".join(f"{n}={prf[2]:.4f}" for n, prf in curve[cut].items()), file=sys.stderr)
    c, strays = most_regularised(choices)
    return c, strays, choices[(c, strays)][1], choices[(c, strays)][2]


TIE = 0.001
"""Smoothed F1 within this of the best is a tie (a single article moves B-cubed F1 by more on these sets)."""


def most_regularised(choices: dict[tuple[float, float], tuple]) -> tuple[float, float]:
    """Among the (C, strays) whose smoothed score ties the best, the smallest C, then the first stray rule.

    The simplest model among equals: on the dev sets C = 0.1 and C = 1 tie at the chosen cut (0.9483
    against 0.9484), and taking the strict maximum let a 0.0001 difference pick the weaker
    regularisation, whose NTREX out-of-fold F1 is 0.965 instead of 0.973."""
    best = max(score for score, *_ in choices.values())
    tied = [key for key, (score, *_) in choices.items() if score >= best - TIE]
    return min(tied, key=lambda key: (key[0], STRAYS.index(key[1])))


def nested(sets: Sequence[PairSet]) -> dict[str, tuple]:
    """B-cubed P/R/F1 with C, stray rule and cut chosen inside each outer fold.

    Each outer fold (whole topics) is held out in turn; C, strays and cut are chosen by the same
    out-of-fold procedure on the other four folds alone, a model fitted on them scores the held-out
    fold's pairs, and the held-out fold is clustered on its own. The five clusterings together are
    scored against the gold: nothing about a fold was chosen by looking at it. (Clustering each fold
    alone cannot join articles of two folds, so cross-topic merges are not counted here.)"""
    labels = {s.name: np.zeros(len(s.ids), dtype=int) for s in sets}
    for k in range(FOLDS):
        inner = [subset(s, s.fold != k) for s in sets]
        c, strays, cut, _ = choose(inner)
        model = fit(np.vstack([s.features for s in inner]), np.concatenate([s.same for s in inner]), c)
        print(f"outer fold {k}: C={c} strays={strays} cut={cut:.3f}", file=sys.stderr)
        for s in sets:
            held = subset(s, s.fold == k)
            inside = story_labels(held, model.probability(held.features), cut, strays)
            labels[s.name][s.fold == k] = inside + k * len(s.ids)
    return {s.name: bcubed(s, labels[s.name]) for s in sets}


def dense_check(sets: Sequence[PairSet], scorer: StoryScorer) -> dict[str, int]:
    """Articles in different stories when every pair is scored (dense) instead of the candidates."""
    out = {}
    for s in sets:
        if s.dense_features is None:
            continue
        left, right = np.triu_indices(len(s.ids), 1)
        dense = story_labels(s, scorer.probability(s.dense_features), scorer.cut, scorer.strays, left, right)
        sparse_ = story_labels(s, scorer.probability(s.features), scorer.cut, scorer.strays)
        out[s.name] = differing_articles(dense, sparse_)
    return out


def render(report: dict) -> str:
    lines = [f"chosen C={report['C']} cut={report['cut']} strays={report['strays']} (leave-topic-out, {FOLDS} folds)",
             "set                 out-of-fold P/R/F1        in-sample P/R/F1          gap(F1)  pairs(pos)"]
    for name, oof in report["out_of_fold"].items():
        ins = report["in_sample"][name]
        pairs = report["pairs"][name]
        lines.append(f"{name:<19} {oof[0]:.4f} {oof[1]:.4f} {oof[2]:.4f}   {ins[0]:.4f} {ins[1]:.4f} {ins[2]:.4f}"
                     f"   {ins[2] - oof[2]:+.4f}  {pairs[0]}({pairs[1]})")
    for name, prf in report.get("nested", {}).items():
        lines.append(f"{name:<19} nested (C, strays, cut chosen inside each outer fold) P/R/F1 "
                     f"{prf[0]:.4f} {prf[1]:.4f} {prf[2]:.4f}")
    for name, n in report.get("dense_vs_sparse", {}).items():
        lines.append(f"{name}: {n} articles in different stories, dense (all pairs) vs sparse candidates")
    lines.append("weights (standardised features):")
    scorer = report["scorer"]
    lines += [f"  {f:<18} {w:+.3f}" for f, w in sorted(zip(scorer.features, scorer.coefficients),
                                                        key=lambda t: -abs(t[1]))]
    lines.append(f"  {'intercept':<18} {scorer.intercept:+.3f}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="Write cluster/stories/story_scorer.json.")
    parser.add_argument("--dense", action="store_true", help="Also compare with scoring every pair.")
    parser.add_argument("--nested", action="store_true", help="Also report the nested figure (minutes).")
    args = parser.parse_args(argv)
    config = Config(stories=StoryConfig(scorer="mix"))  # the pipeline's own stories are not read here
    sets = [prepare(name, config, args.dense) for name in SETS]
    report = validate(sets)
    scorer = report["scorer"]
    meta = {"fitted_on": {k: {"pairs": v[0], "same_story": v[1]} for k, v in report["pairs"].items()},
            "C": report["C"], "folds": FOLDS, "validation": "leave whole topics out (ECB+ topic; NTREX story)",
            "out_of_fold_bcubed_f1": {k: round(v[2], 4) for k, v in report["out_of_fold"].items()},
            "in_sample_bcubed_f1": {k: round(v[2], 4) for k, v in report["in_sample"].items()},
            "candidate_neighbours": StoryConfig().candidate_neighbours}
    report["scorer"] = scorer = StoryScorer(**{**scorer.__dict__, "meta": meta})
    if args.dense:
        report["dense_vs_sparse"] = dense_check(sets, scorer)
    if args.nested:
        report["nested"] = nested(sets)
        meta["nested_bcubed_f1"] = {k: round(v[2], 4) for k, v in report["nested"].items()}
    sys.stdout.write(render(report))
    if args.write:
        scorer.write()
        print("wrote cluster/stories/story_scorer.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
