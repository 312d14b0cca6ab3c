"""Where attribution recall is lost: every labelled quote with a speaker that is missed, by cause.

    python -m cluster.evaluation.attribution_misses tests/data/quotes_labelled.jsonl            # dev splits
    python -m cluster.evaluation.attribution_misses tests/data/quotes_labelled.jsonl --snapshots  # blind ones

Why: rounds that fixed the forms of one split gained there and carried little to new prose; the causes
counted over every development split, and over the blind snapshots (each split as the rules read it before
it was studied: the out-of-sample picture), say which mechanisms recall is lost to. Classes: (a) the quote
not extracted; (b) the rules found no speaker; (c) the rules found the right one and a later check (the
learned chooser, the name-shape gate) withheld or changed it; (d) a wrong name given, (d') a wrong name the
chooser withheld; (e) the rules' name shares a word with the right one but the scorer (``same_speaker``:
family names must agree) counts it wrong: a name cut before its family name or run on into the next words.
The ``test`` split is never read.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from cluster.evaluation.quote_eval import SPLITS, align, load_labelled, same_speaker
from cluster.evaluation.speaker_cv import BLIND, snapshot_quotes
from cluster.quotes.chooser import choose_speakers
from cluster.quotes.extract import Quote, extract_quotes
from cluster.quotes.names import strip_article
from cluster.segment.paragraphs import segment_corpus
from cluster.textnorm import normalize

CLASSES = ("a", "b", "c", "d", "d'", "e")
DEV_SPLITS = tuple(s for s in SPLITS if s != "test")


def _words(name: str | None) -> set[str]:
    return {strip_article(normalize(w)) for w in re.findall(r"\w+", name or "")} - {""}


def classify(labelled: Path, split: str, commit: str | None = None) -> Counter:
    """Counts of one split (``commit``: a blind snapshot's quotes instead of the rules at HEAD): the
    classes, ``named`` / ``right`` (recall) and ``predicted`` / ``correct`` (precision, as ``quote_eval``)."""
    if split == "test":
        raise ValueError("the test split is scored once a session, never diagnosed")
    articles, labels = load_labelled(labelled, split)
    segments = segment_corpus(articles)
    found = extract_quotes(articles, segments) if commit is None else snapshot_quotes(split, commit, articles, segments)
    counts: Counter = Counter()
    for article in articles:
        rules = [q for q in found if q.article_id == article.id]
        final = choose_speakers(article, segments[article.id], rules)
        gold = labels[article.id]
        pairs = {j: i for i, j in align(final, gold)}
        for j, i in pairs.items():
            counts["predicted"] += bool(final[i].speaker)
            counts["correct"] += bool(final[i].speaker and _right(final[i], gold[j]))
        for j, label in enumerate(gold):
            if label["speaker"]:
                counts["named"] += 1
                cause = _cause(rules[pairs[j]], final[pairs[j]], label) if j in pairs else "a"
                counts[cause or "right"] += 1
    return counts


def _right(quote: Quote, label: dict) -> bool:
    return bool(quote.speaker) and same_speaker(quote.speaker, label["speaker"], label.get("speaker_kind", "person"))


def _cause(rule: Quote, final: Quote, label: dict) -> str | None:
    if _right(final, label):
        return None
    if rule.speaker is None:
        return "b"
    if _right(rule, label):
        return "c"
    if _words(rule.speaker) & _words(label["speaker"]):
        return "e"
    return "d" if final.speaker else "d'"


def table(rows: list[tuple[str, Counter]]) -> list[str]:
    lines = ["split named " + " ".join(CLASSES) + " missed P R"]
    pooled: Counter = Counter()
    for name, c in [*rows, ("pooled", None)]:
        c = pooled if c is None else c
        if name != "pooled":
            pooled += c
        p = c["correct"] / c["predicted"] if c["predicted"] else 0.0
        r = c["right"] / c["named"] if c["named"] else 0.0
        lines.append(f"{name} {c['named']} " + " ".join(str(c[k]) for k in CLASSES)
                     + f" {c['named'] - c['right']} {p:.3f} {r:.3f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cluster.evaluation.attribution_misses",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("labelled", type=Path)
    parser.add_argument("--snapshots", action="store_true", help="The blind snapshots (speaker_cv.BLIND).")
    args = parser.parse_args(argv)
    runs = [(f"{s}@{c}", s, c) for s, c in BLIND] if args.snapshots else [(s, s, None) for s in DEV_SPLITS]
    print("\n".join(table([(name, classify(args.labelled, split, commit)) for name, split, commit in runs])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
