"""Writes ``dev/`` and ``heldout/`` (docs.jsonl + gold.json, the ../shared/eval format) from the topic files.

Run from the repository root: ``.venv/bin/python tests/data/similar-events/build.py``. Ids are opaque
hashes (they reveal neither topic nor role); gold translation pairs are the aligned paragraphs of
``a_ar``/``a_en`` and of ``b_en``/``b_ar``; every other cross-article pair is a negative.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROLES = ("a_ar", "a_en", "b_en", "b_ar")


def _topics(name: str) -> dict:
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.TOPICS


def _doc_id(topic: str, role: str) -> str:
    return "sim-" + hashlib.sha1(f"{topic}/{role}".encode()).hexdigest()[:10]


def build(split: str) -> None:
    topics = _topics(f"topics_{split}")
    docs, stories, duplicates = [], [], []
    for topic, articles in topics.items():
        ids = {role: _doc_id(topic, role) for role in ROLES}
        for role in ROLES:
            docs.append({"id": ids[role], "title": "", "text": "\n\n".join(articles[role]), "date": None,
                         "lang": role[-2:], "source": None})
        stories += [[ids["a_ar"], ids["a_en"]], [ids["b_en"], ids["b_ar"]]]
        for left, right in (("a_ar", "a_en"), ("b_en", "b_ar")):
            assert len(articles[left]) == len(articles[right]), (topic, left)
            for pa, pb in zip(articles[left], articles[right]):
                duplicates.append({"a": {"doc": ids[left], "text": pa}, "b": {"doc": ids[right], "text": pb},
                                   "type": "translation"})
    docs.sort(key=lambda d: d["id"])
    gold = {
        "name": f"similar-events-{split}",
        "licence": "CC0 (written for this project)",
        "origin": "tests/data/similar-events/topics_*.py, hand-written",
        "citation": "",
        "stories": stories,
        "duplicates": duplicates,
        "notes": "Per topic two different events of the same actors (other date, place, numbers), each "
        "reported in Arabic and in English; only the aligned paragraphs of one event's two articles are "
        "translation pairs, every cross-event pair is a similar-event negative.",
    }
    out = HERE / split
    out.mkdir(exist_ok=True)
    (out / "docs.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    (out / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    for split in ("dev", "heldout"):
        build(split)
