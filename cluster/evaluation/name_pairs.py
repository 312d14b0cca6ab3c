"""Arabic / English speaker-name pairs from the labelled quotes: is ``same_person`` right on them?

For each story (the Arabic and English articles joined by translation-pair keys) of a dev split (never
``test``; its rows are not read): every gold translation pair whose two speakers are both ``person``
gives a positive (Arabic name, English name); an Arabic and an English person name of the same story
that are not one person give a hard negative (two people of one story). "One person" is the closure of
the gold pairs, a name within one article also joining a fuller form of it in that article (ترامب is
دونالد ترامب), so that a name written two ways is never counted as a negative.

    python -m cluster.evaluation.name_pairs tests/data/quotes_labelled.jsonl [--split dev7] [--misses]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from cluster.evaluation.quote_eval import SPLITS
from cluster.quotes.speakers import name_tokens, same_person
from cluster.textnorm import normalize
from cluster.unionfind import UnionFind

DEV_SPLITS = tuple(s for s in SPLITS if s != "test")


@dataclass
class NamePairs:
    positives: list[tuple[str, str]] = field(default_factory=list)
    negatives: list[tuple[str, str]] = field(default_factory=list)


def _rows(path: Path, split: str) -> list[dict]:
    if split == "test":
        raise ValueError("the test split is never read")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            if doc.get("split", "dev") == split:
                rows.append(doc)
    return rows


class _Keyed(UnionFind):
    """``unionfind.UnionFind`` over hashable keys (documents, (language, name) pairs) numbered as met."""

    def __init__(self) -> None:
        super().__init__(0)
        self.number: dict[object, int] = {}

    def key(self, x: object) -> int:
        if x not in self.number:
            self.number[x] = len(self.parent)
            self.parent.append(len(self.parent))
        return self.number[x]

    def root(self, x: object) -> int:
        return self.find(self.key(x))

    def join(self, a: object, b: object) -> None:
        self.union(self.key(a), self.key(b))


def name_pairs(path: Path, split: str) -> NamePairs:
    """The positive and hard-negative (Arabic, English) person-name pairs of one dev split."""
    rows = _rows(path, split)
    # stories: articles that share a translation-pair key
    article_of_pair: dict[str, list[dict]] = defaultdict(list)
    for doc in rows:
        for key in {q["pair"] for q in doc["quotes"] if "pair" in q}:
            article_of_pair[key].append(doc)
    story = _Keyed()
    for docs in article_of_pair.values():
        for doc in docs[1:]:
            story.join(("doc", doc["id"]), ("doc", docs[0]["id"]))
    stories: dict[int, list[dict]] = defaultdict(list)
    for doc in rows:
        if any("pair" in q for q in doc["quotes"]):
            stories[story.root(("doc", doc["id"]))].append(doc)

    out = NamePairs()
    for docs in stories.values():
        person = _Keyed()
        names: dict[str, set[str]] = {"ar": set(), "en": set()}
        sides: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for doc in docs:
            lang = doc["lang"]
            for q in doc["quotes"]:
                if q.get("speaker_kind") != "person" or not q.get("speaker"):
                    continue
                names.setdefault(lang, set()).add(q["speaker"])
                if "pair" in q:
                    sides[q["pair"]].append((lang, q["speaker"]))
        positives = set()
        for pair in sides.values():
            ar = [n for lang, n in pair if lang == "ar"]
            en = [n for lang, n in pair if lang == "en"]
            if len(ar) == 1 and len(en) == 1:
                positives.add((ar[0], en[0]))
                person.join(("ar", ar[0]), ("en", en[0]))
        for lang, those in names.items():
            for a in those:  # within an article a shorter form of a fuller name is that name
                for b in those:
                    ta = {normalize(t) for t in name_tokens(a)}
                    tb = {normalize(t) for t in name_tokens(b)}
                    if a != b and ta and ta < tb:
                        person.join((lang, a), (lang, b))
        out.positives.extend(sorted(positives))
        for a in sorted(names.get("ar", ())):
            for e in sorted(names.get("en", ())):
                if person.root(("ar", a)) != person.root(("en", e)):
                    out.negatives.append((a, e))
    return out


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn
        self.misses += other.misses

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score(pairs: NamePairs) -> Score:
    s = Score()
    for a, e in pairs.positives:
        if same_person(a, e):
            s.tp += 1
        else:
            s.fn += 1
            s.misses.append(f"  missed   {a} / {e}")
    for a, e in pairs.negatives:
        if same_person(a, e):
            s.fp += 1
            s.misses.append(f"  merged   {a} / {e}")
        else:
            s.tn += 1
    return s


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labelled", type=Path)
    parser.add_argument("--split", action="append", choices=DEV_SPLITS,
                        help="a dev split (repeatable; default: all of them)")
    parser.add_argument("--misses", action="store_true", help="list the pairs same_person gets wrong")
    args = parser.parse_args(argv)
    pooled = Score()
    for split in args.split or DEV_SPLITS:
        s = score(name_pairs(args.labelled, split))
        pooled.add(s)
        print(f"{split:5s} positives {s.tp + s.fn:3d} negatives {s.fp + s.tn:3d}  "
              f"precision {s.precision:.3f} recall {s.recall:.3f}")
        if args.misses:
            print("\n".join(s.misses))
    print(f"pooled positives {pooled.tp + pooled.fn:3d} negatives {pooled.fp + pooled.tn:3d}  "
          f"precision {pooled.precision:.3f} recall {pooled.recall:.3f}")


if __name__ == "__main__":
    main()
