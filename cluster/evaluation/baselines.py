"""Simple same-run references the tool is compared against: TF-IDF stories and MinHash duplicates.

They run on the same input as the tool and are scored by the same code (``cluster.evaluation.scores``), so a
gap between the tool and a baseline measures the method, not the plumbing. Neither needs a model.

    python -m cluster.evaluation.baselines ../shared/eval/ecbplus-dev ../shared/eval/ntrex-ar-en-dev
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from datasketch import MinHash, MinHashLSH
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_distances

from cluster.evaluation.scores import PredPair, evaluate, load_gold
from cluster.textnorm import normalize, words

Paragraph = tuple[str, int, int, str]
"""(doc id, start, end, text) with ``text == doc_text[start:end]``."""


def tfidf_stories(articles: Sequence[tuple[str, str]], distance_threshold: float = 0.9) -> list[list[str]]:
    """Stories by average-linkage agglomerative clustering of TF-IDF vectors on cosine distance.

    Word 1-2 grams with sublinear tf on ``normalize``d text: names, places and dates dominate, which
    is what separates two events of the same kind. Average linkage with a fixed distance threshold
    needs no number of clusters. Clusters come out ordered by their first article in the input.
    """
    ids = [doc for doc, _ in articles]
    if len(set(ids)) != len(ids):
        raise ValueError("tfidf_stories: article ids must be unique")
    if len(ids) < 2:
        return [[doc] for doc in ids]
    vectorizer = TfidfVectorizer(preprocessor=normalize, ngram_range=(1, 2), sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform([text for _, text in articles])
    except ValueError:  # empty vocabulary: no article has a word
        return [[doc] for doc in ids]
    labels = AgglomerativeClustering(
        n_clusters=None, distance_threshold=distance_threshold, metric="precomputed", linkage="average"
    ).fit_predict(cosine_distances(matrix))
    clusters: dict[int, list[str]] = {}
    for doc, label in zip(ids, labels):
        clusters.setdefault(int(label), []).append(doc)
    return list(clusters.values())


def split_paragraphs(doc: str, text: str) -> list[Paragraph]:
    """Paragraphs of a text split on blank lines ("\\n\\n"), trimmed, with exact offsets."""
    out: list[Paragraph] = []
    pos = 0
    for chunk in text.split("\n\n"):
        stripped = chunk.strip()
        if stripped:
            start = pos + chunk.index(stripped)
            out.append((doc, start, start + len(stripped), stripped))
        pos += len(chunk) + 2
    return out


def minhash_duplicates(paragraphs: Sequence[Paragraph], threshold: float = 0.5, num_perm: int = 128,
                       shingle: int = 3) -> list[PredPair]:
    """Cross-document paragraph pairs whose word-shingle sets have Jaccard similarity >= threshold.

    MinHashLSH proposes candidates; each is then checked with the exact Jaccard of the two shingle
    sets (cheap, and it removes LSH's random false positives), which is also the reported similarity.
    Shingles are ``shingle``-word grams of ``textnorm.words``, so punctuation, case and Arabic
    spelling variants do not matter; paragraphs shorter than one shingle are skipped. A pair is
    "verbatim" when the two word sequences are equal, else "edited". Same-language only by nature.
    """
    toks = [words(p[3]) for p in paragraphs]
    sets = [{" ".join(w[i:i + shingle]) for i in range(len(w) - shingle + 1)} for w in toks]
    keep = [i for i, s in enumerate(sets) if s]
    if len(keep) < 2:
        return []
    hashes = MinHash.bulk([[s.encode("utf-8") for s in sets[i]] for i in keep], num_perm=num_perm)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for i, mh in zip(keep, hashes):
        lsh.insert(i, mh)
    pairs: list[PredPair] = []
    for i, mh in zip(keep, hashes):
        for j in sorted(lsh.query(mh)):
            if j <= i or paragraphs[i][0] == paragraphs[j][0]:
                continue
            jaccard = len(sets[i] & sets[j]) / len(sets[i] | sets[j])
            if jaccard >= threshold:
                (da, sa, ea, _), (db, sb, eb, _) = paragraphs[i], paragraphs[j]
                kind = "verbatim" if toks[i] == toks[j] else "edited"
                pairs.append(PredPair(da, sa, ea, db, sb, eb, kind, jaccard))
    return pairs


def read_docs(path: str | Path) -> list[dict[str, Any]]:
    """Records of a dev set's ``docs.jsonl`` (or of the set folder holding one)."""
    path = Path(path)
    if path.is_dir():
        path = path / "docs.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def as_result(docs: Sequence[dict[str, Any]], stories: list[list[str]],
              pairs: Sequence[PredPair]) -> dict[str, Any]:
    """A run-shaped dict (the ``cluster run --format json`` contract) so baselines go through ``evaluate``."""
    texts = {d["id"]: d["text"] for d in docs}
    groups = []
    for k, p in enumerate(pairs):
        passages = [{"article": doc, "text": texts[doc][s:e], "start": s, "end": e, "lang": ""}
                    for doc, s, e in ((p.doc_a, p.start_a, p.end_a), (p.doc_b, p.start_b, p.end_b))]
        groups.append({"id": f"d{k}", "passages": passages,
                       "pairs": [{"a": 0, "b": 1, "similarity": p.similarity, "match_type": p.match_type}]})
    return {"articles": [{"id": d["id"], "title": d.get("title", ""), "lang": d.get("lang")} for d in docs],
            "stories": [{"id": f"s{k}", "label": "", "articles": s} for k, s in enumerate(stories)],
            "duplicate_groups": groups, "storylines": []}


def run_baselines(set_dir: str | Path, distance_threshold: float = 0.9,
                  minhash_threshold: float = 0.5) -> dict[str, Any]:
    """Both baselines on one dev set, scored, with their run times."""
    docs = read_docs(set_dir)
    gold = load_gold(set_dir)
    texts = {d["id"]: d["text"] for d in docs}
    langs = {d["id"]: d.get("lang") or "" for d in docs}
    t0 = time.perf_counter()
    stories = tfidf_stories([(d["id"], f"{d.get('title') or ''}\n\n{d['text']}".strip()) for d in docs],
                            distance_threshold)
    t1 = time.perf_counter()
    paragraphs = [p for d in docs for p in split_paragraphs(d["id"], d["text"])]
    pairs = minhash_duplicates(paragraphs, threshold=minhash_threshold)
    t2 = time.perf_counter()
    report = evaluate(as_result(docs, stories, pairs), gold, texts, langs).to_dict()
    t3 = time.perf_counter()
    report["settings"] = {"tfidf_distance_threshold": distance_threshold,
                          "minhash_threshold": minhash_threshold, "paragraphs": len(paragraphs)}
    report["seconds"] = {"tfidf_stories": round(t1 - t0, 3), "minhash_duplicates": round(t2 - t1, 3),
                         "evaluate": round(t3 - t2, 3)}
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cluster.evaluation.baselines", description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", help="dev set folders (docs.jsonl + gold.json)")
    parser.add_argument("--threshold", type=float, default=0.9, help="TF-IDF cosine distance threshold")
    parser.add_argument("--minhash-threshold", type=float, default=0.5, help="MinHash Jaccard threshold")
    args = parser.parse_args(argv)
    out = [run_baselines(s, args.threshold, args.minhash_threshold) for s in args.sets]
    json.dump(out if len(out) > 1 else out[0], sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
