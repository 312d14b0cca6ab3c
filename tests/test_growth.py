"""The growth table's harness: its corpora load as the benchmark's corpus does, and its table flags a stage
that grows faster than the target and reads end to end against the embedding floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster.evaluation.bench import build_corpus, sources_missing
from cluster.evaluation.growth import write_corpus
from cluster.evaluation.growth_report import GrowthRun, exponent, render_growth
from cluster.ingest.readers import load_corpus


def _run(mode: str, paragraphs: int, passages: int, **wall: float) -> GrowthRun:
    return GrowthRun(mode=mode, paragraphs=paragraphs, articles=paragraphs // 14, passages=passages,
                     wall=wall, cpu={k: v * 0.9 for k, v in wall.items()}, encoded_texts=passages if mode == "cold" else 0,
                     encode_s=wall.get("embed", 0.0) if mode == "cold" else 0.0, model_load_s=2.0, peak_rss_mb=900.0,
                     load_average=[5.0, 6.0], run_s=sum(wall.values()), process_s=sum(wall.values()) + 1)  # fmt: skip


@pytest.mark.skipif(sources_missing() is not None, reason=sources_missing() or "")
def test_growth_corpus_is_the_benchmark_corpus_split_into_files(tmp_path: Path):
    folder = write_corpus(2_000, tmp_path / "corpus")
    articles = load_corpus(folder).articles
    assert [a.id for a in articles] == [r["id"] for r in build_corpus(2_000)]
    assert write_corpus(2_000, folder) == folder  # kept: a re-timing reads the very same files


@pytest.mark.skipif(sources_missing() is not None, reason=sources_missing() or "")
def test_whole_story_corpora_hold_every_article_of_the_stories_they_draw(tmp_path: Path):
    """--whole-stories: a small corpus holds whole gold stories (their articles in 30 versions each), not one
    article of each of many stories, so its stories are as large as the 300k corpus's."""
    import json

    from cluster.evaluation.bench import SOURCE_SETS
    from cluster.evaluation.data import eval_set

    stories = [set(m) for name in SOURCE_SETS for m in json.loads((eval_set(name) / "gold.json").read_text())["stories"]]
    drawn = {a.id.split("~")[0] for a in load_corpus(write_corpus(6_000, tmp_path / "c", reach=30, stories=True)).articles}
    touched = [s for s in stories if s & drawn]
    assert len(touched) >= 2
    assert sum(not s <= drawn for s in touched) <= 1  # whole, but for the one the size cut ends in
    plain = {r["id"].split("~")[0] for r in build_corpus(6_000, 30)}
    assert sum(len(s & plain) for s in stories) / sum(bool(s & plain) for s in stories) < len(drawn) / len(touched)


def test_exponent_is_the_log_log_slope_of_time_against_passages():
    assert exponent(1.0, 10.0, 1_000, 10_000) == pytest.approx(1.0)
    assert exponent(1.0, 100.0, 1_000, 10_000) == pytest.approx(2.0)
    assert exponent(0.01, 5.0, 1_000, 10_000) != exponent(0.01, 5.0, 1_000, 10_000)  # nan: too short to read


def test_growth_table_flags_a_quadratic_stage_and_reads_the_embedding_floor():
    runs = [
        _run("cold", 8_000, 10_000, embed=100.0, duplicates=2.0, stories=1.0),
        _run("cold", 80_000, 100_000, embed=1_000.0, duplicates=200.0, stories=10.0),
        _run("stages", 8_000, 10_000, duplicates=2.0, stories=1.0),
        _run("stages", 80_000, 100_000, duplicates=200.0, stories=10.0),
        _run("warm", 80_000, 100_000, load=0.5, cache=0.1),
    ]
    text = render_growth(runs)
    assert "| 10,000 → 100,000 | - / - | **2.00** / **2.00** | 1.00 / 1.00 |" in text
    assert "| 100,000 | 100,000 | 1000.0 | 0.0 | 1000.0 | 1210.0 | 1.21x |" in text
    assert "| 100,000 | 0.60 (1.6) | 1212.0 | 2020x |" in text
