"""The benchmark harness: its corpora are what it claims, and its smoke run measures what a user would
look at (every stage timed, the cache pays off, the throughput ratio is a real number, a table).

The smoke run starts a fresh interpreter and loads USE-m3 (~10-30 s on a busy 2-core machine).
"""

from __future__ import annotations

import math

import pytest

from cluster.documents import Article
from cluster.evaluation.bench import SMOKE_SIZES, build_corpus, run_benchmark, sources_missing
from cluster.evaluation.bench_report import STAGES, render_markdown
from cluster.segment.paragraphs import split_paragraphs

pytestmark = pytest.mark.skipif(sources_missing() is not None, reason=sources_missing() or "")


def _paragraphs(records: list[dict]) -> int:
    return sum(len(split_paragraphs(Article(r["id"], "", r["text"]))) for r in records)


def test_corpus_has_exactly_the_paragraphs_asked_for_and_mixes_languages():
    records = build_corpus(1000)
    assert _paragraphs(records) == 1000
    assert {r["lang"] for r in records} == {"ar", "en"}
    assert len({r["id"] for r in records}) == len(records)


def test_corpus_with_a_fixed_reach_carries_every_article_the_same_number_of_times_at_every_size():
    """The growth benchmark's fixed mix: a small and a large corpus both hold each article in 5 versions, so
    a stage that grows faster than the corpus does so for its own sake, not because copies got commoner."""
    for size in (600, 3000):
        records = build_corpus(size, reach=5)
        assert _paragraphs(records) == size
        versions: dict[str, int] = {}
        for r in records:
            base = r["id"].split("~copy")[0]
            versions[base] = versions.get(base, 0) + 1
        assert len(records) > 5
        # All but the last article drawn (cut to fit the size) appear in exactly 5 versions.
        assert sorted(versions.values())[1:] == [5] * (len(versions) - 1)
        assert len({r["id"] for r in records}) == len(records)


def test_corpus_past_the_dev_articles_reuses_them_with_new_ids_and_altered_text():
    records = build_corpus(10_000)
    assert _paragraphs(records) == 10_000
    copies = [r for r in records if "~copy" in r["id"]]
    assert copies
    originals = {r["id"]: r for r in records if "~copy" not in r["id"]}
    copy = copies[0]
    original = originals[copy["id"].split("~copy")[0]]
    assert copy["text"] != original["text"]
    # Every paragraph is altered, so none is served from the embedding cache of the original.
    assert not set(copy["text"].split("\n\n")) & set(original["text"].split("\n\n"))
    assert len({r["id"] for r in records}) == len(records)


@pytest.mark.slow
def test_smoke_benchmark_measures_what_a_user_reads():
    report = run_benchmark(SMOKE_SIZES, 1, "use-m3", None)
    (run,) = report.runs
    assert run.size == SMOKE_SIZES[0] and run.passages > 0
    assert set(run.cold) == set(STAGES) and all(run.cold[s] > 0 for s in STAGES)
    assert set(run.warm) == set(STAGES)
    assert run.warm_total < run.cold_total  # the cache pays off
    assert run.warm_reembedded == 0
    assert run.ratio > 0 and math.isfinite(run.ratio)
    assert run.max_abs_diff < 1e-4  # the pipeline's vectors are the bare encoder's
    assert 0 < run.peak_rss_mb < 2048
    markdown = render_markdown(report)
    assert "| model | paragraphs | articles | passages |" in markdown
    assert "| ratio |" in markdown and "| speed-up |" in markdown
