"""A wire story carried by 30 outlets (435 verified pairs in one group): the JSON view holds every pair of
the group once and is the contract's own text, and the report stage holds no object per pair, so its
memory grows with what the views show, not with the pairs. Fast tier: the fake encoder."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from cluster.config import Config
from cluster.evaluation.bench import sources_missing
from cluster.pipeline import RunOutputs, contract_and_views, run_views
from cluster.report.contract import Report
from cluster.result import Result
from tests.test_report_scale import WIRE

OUTLETS = 30
TOWNS = ["Amberley", "Brockton", "Carrow", "Dunmere", "Elsworth", "Fenwick", "Galloway", "Harwood", "Ilkley",
         "Jarrow", "Kelso", "Lydney", "Marlow", "Nairn", "Oakham", "Penrith", "Quorn", "Redcar", "Selby", "Thirsk",
         "Ulverston", "Ventnor", "Wetherby", "Yarm", "Zennor", "Alston", "Bude", "Cromer", "Dufftown", "Eyam"]
LOCAL = ["a new footbridge over the canal", "longer opening hours at the library", "a farmers' market on Sundays",
         "repairs to the church roof", "a cycle lane along the seafront"]


def outlets_corpus(directory: Path, outlets: int = OUTLETS) -> Path:
    """``outlets`` outlets print the same two wire paragraphs, each after a paragraph of local news of its own."""
    records = [{
        "id": f"wire-{k:02d}", "title": f"Port traffic falls ({town} Gazette)", "date": f"2026-03-{1 + k % 9:02d}",
        "source": f"{town.lower()}-gazette.example", "lang": "en",
        "text": "\n\n".join([f"{town} council voted {k + 3} to {k % 4} for {LOCAL[k % len(LOCAL)]}, the clerk said "
                            f"after {town}'s longest meeting this year.", *WIRE]),
    } for k, town in enumerate(TOWNS[:outlets])]
    path = directory / f"outlets-{outlets}.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def _run(outlets: int, encoder, tmp_path_factory) -> RunOutputs:
    corpus = outlets_corpus(tmp_path_factory.mktemp("outlets"), outlets)
    config = Config(cache_dir=tmp_path_factory.mktemp("outlets-cache"))
    return run_views(corpus, config, ["text", "json"], encoder=encoder)


@pytest.fixture(scope="module")
def outlets_run(fake_encoder, tmp_path_factory):
    return _run(OUTLETS, fake_encoder, tmp_path_factory)


def test_a_group_of_thirty_outlets_writes_each_pair_once_in_the_contract(outlets_run):
    data = json.loads(outlets_run.views["json"])
    wide = [g for g in data["duplicate_groups"] if len(g["articles"]) == OUTLETS]
    assert wide, "the wire paragraphs are carried by all thirty outlets"
    run_groups = [g for g in outlets_run.result.groups if len(g.articles) == OUTLETS]
    for written, found in zip(wide, run_groups, strict=True):
        links = [(p["a"], p["b"]) for p in written["pairs"]]
        assert len(links) == len(set(links)) == len(found.pairs) >= OUTLETS - 1
        assert all(p["article_a"] != p["article_b"] for p in written["pairs"])
    report = Report.model_validate_json(outlets_run.views["json"])  # the contract's checks, every pair included
    assert report.model_dump_json(indent=2) == outlets_run.views["json"]  # written in pieces, the one-call text
    assert sum(len(g.pairs) for g in report.duplicate_groups) == outlets_run.result.duplicate_pairs


def test_the_text_report_shows_carriers_of_a_wide_group_not_its_pairs(outlets_run):
    text = outlets_run.views["text"]
    assert "]~[" not in text
    assert len(text.splitlines()) < OUTLETS * (OUTLETS - 1) // 2  # shorter than one wide group's pair listing
    assert f"{OUTLETS} outlets · {OUTLETS} articles" in text


def _held_bytes(result: Result) -> int:
    """Memory the report and both views of a run hold once rendered (word folding and diff memos filled)."""
    contract_and_views(result, ["text", "json"])
    tracemalloc.start()
    try:
        rendered = contract_and_views(result, ["text", "json"])
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rendered[1]["json"] == rendered[0].model_dump_json(indent=2)
    return held


def test_the_report_stage_holds_neither_an_object_per_pair_nor_the_json_text(outlets_run, fake_encoder,
                                                                                 tmp_path_factory):
    """A PairOut per pair (about 1.2 KB) and the JSON text (two bytes a character once an Arabic letter is in
    it) were held to the run's end: 360 MB and 220 MB at 30,000 passages of wire copies. From 10 to 30
    outlets (95 to 908 pairs) the report and its views held 1,850 bytes more per added pair; now under 800
    (the added articles' paragraphs included)."""
    ten = _run(10, fake_encoder, tmp_path_factory).result
    wide = outlets_run.result
    added = wide.duplicate_pairs - ten.duplicate_pairs
    assert added > 500
    assert (_held_bytes(wide) - _held_bytes(ten)) / added < 800


@pytest.mark.skipif(sources_missing() is not None, reason=sources_missing() or "")
def test_the_report_benchmark_builds_its_corpora_at_a_fixed_reach(tmp_path):
    """``report_bench --reach 4``: each article in 4 versions at every size (the 30k bench corpus's own mix),
    so that the rendering exponent measures rendering, not copies growing commoner with size."""
    from cluster.evaluation.report_bench import write_corpus

    mixed, fixed = write_corpus(600, tmp_path), write_corpus(600, tmp_path, reach=4)
    assert mixed != fixed
    versions: dict[str, int] = {}
    for line in fixed.read_text(encoding="utf-8").splitlines():
        base = json.loads(line)["id"].split("~copy")[0]
        versions[base] = versions.get(base, 0) + 1
    assert len(versions) > 3 and sorted(versions.values())[1:] == [4] * (len(versions) - 1)
    assert all("~copy" not in json.loads(line)["id"] for line in mixed.read_text(encoding="utf-8").splitlines())


def test_a_view_streamed_in_small_chunks_keeps_every_letter(monkeypatch):
    """Views are held compressed and written out a chunk at a time: a chunk boundary inside a two-byte Arabic
    letter must not break it, and the streamed text is the text."""
    import io

    import cluster.rendered as rendered

    monkeypatch.setattr(rendered, "CHUNK", 7)
    text = "".join(f"خبر {k}: the port reopened, said الخرطوم.\n" for k in range(200))
    view = rendered.RenderedView.of_pieces(text[k : k + 13] for k in range(0, len(text), 13))
    out = io.StringIO()
    assert view.write(out) == "\n" and out.getvalue() == text == view.text()
    assert max(len(chunk) for chunk in view.chunks()) <= 7
    assert rendered.RenderedView.of_text("").write(io.StringIO()) == ""
