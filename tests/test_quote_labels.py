"""Rebuilding one labelled folder must keep the rows of every other folder, even one whose name starts
with the same letters (``quotes_fresh`` and ``quotes_fresh11``): a rebuild that dropped them would
silently shrink the dev and test splits that every quote figure is measured on."""

from __future__ import annotations

import json
from pathlib import Path

from cluster.evaluation.quote_labels import build

ARTICLE = """id: {id}
lang: en
split: {split}
story: {story}

Minister defends fuel price rise

The energy minister said on Sunday that <q s="Karim Haddad">the rise was unavoidable</q>, adding that
subsidies would return in spring.
"""


def _write(folder: Path, name: str, split: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(ARTICLE.format(id=name, split=split, story=name), encoding="utf-8")


def test_rebuilding_a_folder_keeps_the_folders_whose_names_it_prefixes(tmp_path: Path) -> None:
    data = tmp_path / "tests" / "data"
    output = data / "quotes_labelled.jsonl"
    _write(data / "quotes_fresh", "f01", "dev3")
    _write(data / "quotes_fresh11", "s01", "test")
    build(data / "quotes_fresh11", output)
    build(data / "quotes_fresh", output)
    rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert sorted((row["id"], row["split"]) for row in rows) == [("f01", "dev3"), ("s01", "test")]
    assert rows[0]["quotes"][0]["speaker"] == "Karim Haddad"


def test_rebuilding_a_folder_replaces_its_own_rows(tmp_path: Path) -> None:
    data = tmp_path / "tests" / "data"
    output = data / "quotes_labelled.jsonl"
    _write(data / "quotes_fresh11", "s01", "dev13")
    build(data / "quotes_fresh11", output)
    _write(data / "quotes_fresh11", "s01", "test")
    rows = build(data / "quotes_fresh11", output)
    assert [(row["id"], row["split"]) for row in rows] == [("s01", "test")]
