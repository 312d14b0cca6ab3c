"""CSV tables: written from the JSON contract, read back with the csv module and compared with it."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli.main import app
from cluster.report.tables import COLUMNS, LIST_SEPARATOR, write_tables
from cluster.report.terminal import to_json
from tests.test_schema import AGREED_PROVENANCE, AGREED_QUOTE

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
TABLES = ("articles", "segments", "duplicate_pairs", "duplicate_groups", "stories", "storylines", "quotes")


@pytest.fixture(scope="module")
def hostile_result(run_corpus):
    return run_corpus(HOSTILE)


def saved(result) -> dict[str, Any]:
    return json.loads(json.dumps(to_json(result), ensure_ascii=False))


def read_table(folder: Path, name: str) -> list[dict[str, str]]:
    raw = (folder / f"{name}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{name}.csv starts with a BOM"
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == COLUMNS[name]
        return list(reader)


def blank(value: Any) -> str:
    return "" if value is None else str(value)


@pytest.mark.parametrize("fixture", ["seeds_result", "quotes_result", "hostile_result"])
def test_tables_read_back_equal_the_json(request, tmp_path, fixture):
    data = saved(request.getfixturevalue(fixture))
    written = write_tables(data, tmp_path, raw=True)  # as is: the default neutralises formula-like cells
    assert sorted(p.name for p in written) == sorted(f"{t}.csv" for t in TABLES)
    tables = {name: read_table(tmp_path, name) for name in TABLES}

    articles = tables["articles"]
    assert [r["id"] for r in articles] == [a["id"] for a in data["articles"]]
    assert [r["title"] for r in articles] == [a["title"] for a in data["articles"]]
    assert [r["date"] for r in articles] == [blank(a["date"]) for a in data["articles"]]
    assert [int(r["segments"]) for r in articles] == [len(a["segments"]) for a in data["articles"]]
    story_of = {aid: s["id"] for s in data["stories"] for aid in s["articles"]}
    assert {r["id"]: r["story"] for r in articles} == story_of

    segments = tables["segments"]
    expected = [(a["id"], s) for a in data["articles"] for s in a["segments"]]
    assert len(segments) == len(expected)
    for row, (aid, seg) in zip(segments, expected):
        assert (row["article"], int(row["index"]), row["kind"], row["text"]) == (aid, seg["index"], seg["kind"], seg["text"])
        assert (int(row["start"]), int(row["end"])) == (seg["start"], seg["end"])

    pairs = tables["duplicate_pairs"]
    assert len(pairs) == data["summary"]["duplicate_pairs"] == sum(len(g["pairs"]) for g in data["duplicate_groups"])
    flat_pairs = [(g["id"], p) for g in data["duplicate_groups"] for p in g["pairs"]]
    for row, (gid, pair) in zip(pairs, flat_pairs):
        assert (row["group"], row["article_a"], row["article_b"], row["match_type"]) == (
            gid, pair["article_a"], pair["article_b"], pair["match_type"])
        assert float(row["similarity"]) == pair["similarity"]
        assert float(row["lexical_overlap"]) == pair["lexical_overlap"]

    passages = tables["duplicate_groups"]
    flat_passages = [(g, p) for g in data["duplicate_groups"] for p in g["passages"]]
    assert len(passages) == len(flat_passages)
    assert {r["group"] for r in passages} == {g["id"] for g in data["duplicate_groups"]}
    for row, (group, passage) in zip(passages, flat_passages):
        assert (row["group"], row["article"], row["text"], row["lang"]) == (
            group["id"], passage["article"], passage["text"], passage["lang"])
        assert row["group_match_types"].split(LIST_SEPARATOR) == group["match_types"]

    members = tables["stories"]
    assert len(members) == len(data["articles"])  # stories partition the articles
    assert [(r["story"], r["article"]) for r in members] == [(s["id"], a) for s in data["stories"] for a in s["articles"]]
    central = {s["id"]: s["central_article"] for s in data["stories"]}
    assert all((r["is_central"] == "true") == (r["article"] == central[r["story"]]) for r in members)
    labels = {s["id"]: s["label"] for s in data["stories"]}
    assert all(r["label"] == labels[r["story"]] for r in members)

    lines = tables["storylines"]
    assert [(r["storyline"], r["story"]) for r in lines] == [(line["id"], s) for line in data["storylines"] for s in line["stories"]]
    instances = [(q["id"], i) for q in data.get("quotes") or [] for i in q["instances"]]
    assert [(r["quote"], r["article"], r["text"]) for r in tables["quotes"]] == [
        (qid, i["article"], i["text"]) for qid, i in instances]  # header only when there are no quotes


def test_hostile_text_survives_the_round_trip(tmp_path, hostile_result):
    data = saved(hostile_result)
    write_tables(data, tmp_path)
    titles = {r["id"]: r["title"] for r in read_table(tmp_path, "articles")}
    assert any("<script>window.__pwned" in t for t in titles.values())
    assert any('"><img src=x onerror=' in aid for aid in titles)  # quotes and markup in an id, intact
    urls = [r["url"] for r in read_table(tmp_path, "articles")]
    assert "javascript:window.__pwned=11" in urls
    outlets = {r["id"]: r["outlet"] for r in read_table(tmp_path, "articles")}
    assert outlets["wire-3"] == "example.org" and outlets["wire-2"] == "unknown"


def test_quotes_and_provenance_rows(tmp_path, quotes_result):
    data = saved(quotes_result)
    data["quotes"] = [copy.deepcopy(AGREED_QUOTE), {**copy.deepcopy(AGREED_QUOTE), "id": "Q2", "speaker": None}]
    data["duplicate_groups"][0]["provenance"] = copy.deepcopy(AGREED_PROVENANCE)
    write_tables(data, tmp_path)
    quotes = read_table(tmp_path, "quotes")
    assert len(quotes) == sum(len(q["instances"]) for q in data["quotes"])
    first = quotes[0]
    assert (first["quote"], first["speaker"], first["article"], first["kind"], first["match_type"]) == (
        "Q1", "Steve Witkoff", "en_outlet_c.txt", "direct", "source")
    assert [r["is_earliest"] for r in quotes[:2]] == ["true", "false"]
    assert quotes[1]["agency"] == "Reuters" and quotes[2]["speaker"] == ""
    data["duplicate_groups"][-1].pop("provenance", None)
    write_tables(data, tmp_path)
    rows = read_table(tmp_path, "duplicate_groups")
    for group in data["duplicate_groups"]:
        earliest = (group.get("provenance") or {}).get("earliest")
        expected = {p["article"]: "" if earliest is None else str(p["article"] in earliest).lower() for p in group["passages"]}
        assert {r["article"]: r["earliest"] for r in rows if r["group"] == group["id"]} == expected
    first = [r for r in rows if r["group"] == data["duplicate_groups"][0]["id"]]
    assert {r["article"] for r in first if r["earliest"] == "true"} == set(AGREED_PROVENANCE["earliest"])
    assert {r["copy_match_type"] for r in first if r["earliest"] == "false"} <= {"translation", ""}


@pytest.mark.slow  # `cluster run` loads the real model itself
def test_cli_csv_from_run_and_from_a_saved_report_are_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWS_CLUSTER_CACHE", str(tmp_path / "cache"))
    runner = CliRunner()
    saved_json = tmp_path / "run.json"
    result = runner.invoke(app, ["run", str(HOSTILE), "-f", "json", "-o", str(saved_json), "--csv", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    assert f"wrote {tmp_path / 'a' / 'stories.csv'}" in result.stderr
    result = runner.invoke(app, ["report", str(saved_json), "--csv", str(tmp_path / "b"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    for name in TABLES:
        assert (tmp_path / "a" / f"{name}.csv").read_bytes() == (tmp_path / "b" / f"{name}.csv").read_bytes(), name
