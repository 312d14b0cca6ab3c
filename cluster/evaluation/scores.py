"""Scores a run (the dict printed by ``cluster run --format json``) against a labelled gold set.

Format and metrics: ``README.md`` of the dev sets' folder (``evaluation.data.eval_dir()``, by default
``../shared/eval`` beside the repository). Stories: B-cubed over documents, plus ARI and NMI. Duplicates: pairwise precision / recall / F1, where a predicted pair matches a gold pair when it
links the same two documents and each predicted passage overlaps its gold passage by at least half
of the shorter of the two, in characters. Gold passages often come without offsets; each distinct one
is located in its document once (exact, then normalised, then fuzzy), so scoring stays cheap.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from cluster.evaluation.gold import (  # noqa: F401  (load_gold, check_ids: re-exported for callers)
    MATCH_TYPES,
    Gold,
    GoldPair,
    GoldPassage,
    Span,
    check_ids,
    load_gold,
    locate,
    partition_labels,
)
from cluster.evaluation.quote_stories import QuoteStoryScores, score_quote_stories
from cluster.textnorm import script_language

MIN_OVERLAP = 0.5
"""Share of the shorter passage that must overlap, on each side, for a predicted pair to match."""


@dataclass(frozen=True)
class StoryScores:
    precision: float
    """B-cubed precision, averaged over the gold documents."""
    recall: float
    ari: float
    nmi: float
    n_docs: int
    """Documents scored: those of the gold."""
    n_predicted: int
    """Predicted clusters over the scored documents (missing documents counted as singletons)."""
    n_gold: int
    n_missing: int
    """Gold documents the prediction does not mention (scored as singletons)."""
    n_ignored: int
    """Predicted documents absent from the gold (not scored)."""

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"bcubed_precision": self.precision, "bcubed_recall": self.recall, "bcubed_f1": self.f1,
                "ari": self.ari, "nmi": self.nmi, "n_docs": self.n_docs, "n_predicted": self.n_predicted,
                "n_gold": self.n_gold, "n_missing": self.n_missing, "n_ignored": self.n_ignored}


def score_stories(predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]]) -> StoryScores:
    """B-cubed P/R/F1 (F1 of the averaged P and R), ARI and NMI, over the documents of the gold.

    Scoring only gold documents keeps numbers comparable between runs that read extra files; a gold
    document the prediction lost becomes a singleton, so losing documents costs recall.
    """
    gold_of = partition_labels(gold, "gold stories")
    if not gold_of:
        raise ValueError("gold stories are empty: nothing to score")
    pred_all = partition_labels(predicted, "predicted stories")
    missing = [d for d in gold_of if d not in pred_all]
    pred_of = {d: pred_all.get(d, -1) for d in gold_of}
    pred_of.update({d: len(predicted) + k for k, d in enumerate(missing)})
    # From the contingency table: each of the n_ij documents in cell (i, j) has precision
    # n_ij / |pred_i| and recall n_ij / |gold_j|.
    cells = Counter((pred_of[d], g) for d, g in gold_of.items())
    pred_size, gold_size = Counter(pred_of.values()), Counter(gold_of.values())
    n = len(gold_of)
    y_true, y_pred = list(gold_of.values()), [pred_of[d] for d in gold_of]
    return StoryScores(
        precision=sum(c * c / pred_size[p] for (p, _), c in cells.items()) / n,
        recall=sum(c * c / gold_size[g] for (_, g), c in cells.items()) / n,
        ari=float(adjusted_rand_score(y_true, y_pred)), nmi=float(normalized_mutual_info_score(y_true, y_pred)),
        n_docs=n, n_predicted=len(pred_size), n_gold=len(gold_size),
        n_missing=len(missing), n_ignored=sum(1 for d in pred_all if d not in gold_of),
    )


# --------------------------------------------------------------------------------- duplicates
class PredPair(NamedTuple):
    """One predicted passage pair; offsets index the articles' ``text``."""

    doc_a: str
    start_a: int
    end_a: int
    doc_b: str
    start_b: int
    end_b: int
    match_type: str
    similarity: float


def pairs_from_result(result: Mapping[str, Any]) -> list[PredPair]:
    """Every pair listed in the run's duplicate groups, each distinct pair once.

    Only listed pairs count (none are inferred from group membership). A pair listed twice (same two
    spans, either order) is one claim, kept once with its highest similarity.
    """
    best: dict[tuple[tuple[str, int, int], ...], PredPair] = {}
    for gi, group in enumerate(result.get("duplicate_groups") or []):
        where = f"duplicate_groups[{gi}] (id {group.get('id', '?')!r})"
        passages, pairs = group.get("passages"), group.get("pairs")
        if not isinstance(passages, list) or not isinstance(pairs, list):
            raise ValueError(f"{where}: expected lists 'passages' and 'pairs'")
        for pi, pair in enumerate(pairs):
            ends = []
            for side in ("a", "b"):
                k = pair.get(side)
                if type(k) is not int or not 0 <= k < len(passages):
                    raise ValueError(f"{where}.pairs[{pi}].{side}: {k!r} is not an index of its passages")
                p = passages[k]
                if type(p.get("start")) is not int or type(p.get("end")) is not int or not p.get("article"):
                    raise ValueError(f"{where}.passages[{k}]: needs 'article', integer 'start' and 'end'")
                ends.append((str(p["article"]), p["start"], p["end"]))
            kind, sim = str(pair.get("match_type", "unknown")), float(pair.get("similarity", 0.0))
            pp = PredPair(*ends[0], *ends[1], kind, sim)
            key = tuple(sorted(ends))
            if key not in best or pp.similarity > best[key].similarity:
                best[key] = pp
    return list(best.values())


def _gold_spans(gold_pairs: Sequence[GoldPair], texts: Mapping[str, str]) -> list[tuple[tuple[Span, ...], ...]]:
    """Candidate spans of both passages of every gold pair; each distinct (doc, text) located once."""
    cache: dict[tuple[str, str], tuple[Span, ...]] = {}

    def spans(p: GoldPassage) -> tuple[Span, ...]:
        size = len(texts[p.doc]) if p.doc in texts else None
        if p.start is not None and p.end is not None:
            if size is not None and p.end > size:
                raise ValueError(f"gold offsets {p.start}-{p.end} exceed the {size} characters of {p.doc!r}")
            return ((p.start, p.end),)
        if size is None:
            raise ValueError(f"no text for article {p.doc!r}: cannot locate its gold passage {p.text[:60]!r}")
        if (p.doc, p.text) not in cache:
            cache[p.doc, p.text] = locate(texts[p.doc], p.text)
        return cache[p.doc, p.text]

    return [(spans(g.a), spans(g.b)) for g in gold_pairs]


def _side_score(pred: Span, gold_spans: Sequence[Span]) -> float:
    """Best overlap with any occurrence of the gold passage, as a share of the shorter span."""
    shares = [max(0, min(pred[1], ge) - max(pred[0], gs)) / min(pred[1] - pred[0], ge - gs)
              for gs, ge in gold_spans if min(pred[1] - pred[0], ge - gs) > 0]
    return max(shares, default=0.0)


@dataclass(frozen=True)
class PRF:
    """Counts behind one precision / recall / F1 triple; undefined values are None.

    Precision and recall keep separate numerators so that a breakdown can put a prediction and the
    gold pair it matched in different buckets (predicted vs gold type).
    """

    n_predicted: int
    n_gold: int
    matched_predicted: int
    matched_gold: int

    @property
    def precision(self) -> float | None:
        if self.n_predicted:
            return self.matched_predicted / self.n_predicted
        return 0.0 if self.n_gold else None  # nothing predicted where something was expected

    @property
    def recall(self) -> float | None:
        return self.matched_gold / self.n_gold if self.n_gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int | None]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "n_predicted": self.n_predicted, "n_gold": self.n_gold,
                "matched_predicted": self.matched_predicted, "matched_gold": self.matched_gold}


@dataclass(frozen=True)
class DuplicateScores:
    overall: PRF
    by_type: dict[str, PRF]
    """Recall by gold ``type``, precision by predicted ``match_type`` (see ``score_duplicates``)."""
    by_language_pair: dict[str, PRF]
    type_confusion: dict[str, dict[str, int]]
    """gold type -> predicted match_type -> number of matches."""
    unlocated_gold: int
    """Gold passages not found in their document (their pairs can never match)."""

    @property
    def precision(self) -> float | None:
        return self.overall.precision

    @property
    def recall(self) -> float | None:
        return self.overall.recall

    @property
    def f1(self) -> float | None:
        return self.overall.f1

    def to_dict(self) -> dict[str, Any]:
        return {**self.overall.to_dict(),
                "by_type": {k: v.to_dict() for k, v in self.by_type.items()},
                "by_language_pair": {k: v.to_dict() for k, v in self.by_language_pair.items()},
                "type_confusion": self.type_confusion, "unlocated_gold_passages": self.unlocated_gold}


def _match(pred: Sequence[PredPair], gold: Sequence[GoldPair], spans: Sequence[tuple[tuple[Span, ...], ...]],
           ) -> dict[int, int]:
    """One-to-one matches, gold index -> predicted index, solved separately for each document pair."""
    blocks: dict[frozenset[str], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i, p in enumerate(pred):
        blocks[frozenset((p.doc_a, p.doc_b))][0].append(i)
    for j, g in enumerate(gold):
        blocks[frozenset((g.a.doc, g.b.doc))][1].append(j)
    matches: dict[int, int] = {}
    for pred_ids, gold_ids in blocks.values():
        if not pred_ids or not gold_ids:
            continue
        score = np.zeros((len(pred_ids), len(gold_ids)))
        for r, i in enumerate(pred_ids):
            p = pred[i]
            for c, j in enumerate(gold_ids):
                sa, sb = spans[j] if p.doc_a == gold[j].a.doc else spans[j][::-1]
                s = min(_side_score((p.start_a, p.end_a), sa), _side_score((p.start_b, p.end_b), sb))
                score[r, c] = s if s >= MIN_OVERLAP else 0.0
        # weight > (number of possible matches) per match: the most matches first, then most overlap
        weight = np.where(score > 0, score + min(score.shape) + 1, 0.0)
        for r, c in zip(*linear_sum_assignment(weight, maximize=True)):
            if score[r, c] > 0:
                matches[gold_ids[c]] = pred_ids[r]
    return matches


def score_duplicates(predicted_pairs: Sequence[PredPair], gold_pairs: Sequence[GoldPair],
                     texts: Mapping[str, str], langs: Mapping[str, str]) -> DuplicateScores:
    """Pairwise P/R/F1 of predicted passage pairs, overall, per type and per language pair.

    Matching: only pairs linking the same two documents are compared (either order). A pair matches
    when, on both sides, the overlap is at least MIN_OVERLAP of the shorter span; its score is the
    smaller of the two shares. Each gold and each predicted pair is used at most once: per document
    pair, an optimal assignment (scipy ``linear_sum_assignment``) maximises the number of matches,
    then the total score, so it never matches fewer pairs than a greedy best-overlap-first pass.
    A second prediction of an already matched gold pair is a false positive.

    Types: a gold pair counts for recall under its gold ``type``; a predicted pair counts for
    precision under its own ``match_type`` (the only type a prediction has; the gold may not use
    it). ``type_confusion`` shows how matched types agree. Language pairs come from the documents'
    languages (``langs``, else the script of the text), sorted ("ar-en"), so a prediction and the
    gold pair it matches always fall in the same bucket.
    """
    spans = _gold_spans(gold_pairs, texts)
    gold_match = _match(predicted_pairs, gold_pairs, spans)
    pred_matched = set(gold_match.values())
    docs = {d for p in predicted_pairs for d in (p.doc_a, p.doc_b)}
    docs |= {p.doc for g in gold_pairs for p in (g.a, g.b)}
    lang_of = {doc: langs.get(doc) or script_language(texts.get(doc, "")) for doc in docs}

    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # PRF field order
    for i, p in enumerate(predicted_pairs):
        for key in (("type", p.match_type), ("lang", "-".join(sorted((lang_of[p.doc_a], lang_of[p.doc_b]))))):
            counts[key][0] += 1
            counts[key][2] += i in pred_matched
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for j, g in enumerate(gold_pairs):
        for key in (("type", g.type), ("lang", "-".join(sorted((lang_of[g.a.doc], lang_of[g.b.doc]))))):
            counts[key][1] += 1
            counts[key][3] += j in gold_match
        if j in gold_match:
            confusion[g.type][predicted_pairs[gold_match[j]].match_type] += 1
    by = {b: {k: PRF(*v) for (bucket, k), v in sorted(counts.items()) if bucket == b} for b in ("type", "lang")}
    return DuplicateScores(
        overall=PRF(len(predicted_pairs), len(gold_pairs), len(pred_matched), len(gold_match)),
        by_type=by["type"], by_language_pair=by["lang"],
        type_confusion={k: dict(sorted(v.items())) for k, v in sorted(confusion.items())},
        unlocated_gold=sum(1 for pair in spans for s in pair if not s),
    )


# ------------------------------------------------------------------------------------- report
@dataclass(frozen=True)
class EvalReport:
    name: str
    stories: StoryScores | None
    """None when the gold has no story labels."""
    duplicates: DuplicateScores | None
    """None when the gold lists no duplicate pairs (nothing to score precision against)."""
    counts: dict[str, int]
    quotes: QuoteStoryScores | None = None
    """Quote group pairs against the gold stories; None without story labels or without quotes in the run."""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "counts": self.counts,
                "stories": self.stories.to_dict() if self.stories else None,
                "duplicates": self.duplicates.to_dict() if self.duplicates else None,
                "quotes": self.quotes.to_dict() if self.quotes else None}


def evaluate(result: Mapping[str, Any], gold: Gold, texts: Mapping[str, str],
             langs: Mapping[str, str]) -> EvalReport:
    """Score one run against one gold set. ``texts`` / ``langs``: article id -> text / language code.

    The run's article ids (``texts``' keys when the result lists no articles) are checked against
    the gold first, so a run over the wrong corpus fails loudly instead of scoring near zero.
    """
    articles = result.get("articles")
    ids = [a["id"] for a in articles] if articles is not None else list(texts)
    check_ids(gold, ids)
    predicted_stories = [list(s.get("articles", [])) for s in result.get("stories") or []]
    pairs = pairs_from_result(result)
    quotes = result.get("quotes")
    return EvalReport(
        name=gold.name,
        stories=score_stories(predicted_stories, gold.stories) if gold.stories else None,
        duplicates=score_duplicates(pairs, gold.duplicates, texts, langs) if gold.duplicates else None,
        counts={"articles": len(ids), "predicted_stories": len(predicted_stories),
                "gold_stories": len(gold.stories or []),
                "duplicate_groups": len(result.get("duplicate_groups") or []),
                "predicted_pairs": len(pairs), "gold_pairs": len(gold.duplicates)},
        quotes=score_quote_stories(quotes, gold.stories) if gold.stories and quotes is not None else None,
    )
