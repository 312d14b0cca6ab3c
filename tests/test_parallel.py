"""Per-article work in forked workers (``cluster.parallel``): the same quotes, speakers and groups as one process,
a worker's failure reported as the loop would, and the work counted in the stage's CPU time."""

from __future__ import annotations

import json
import multiprocessing
import time
from pathlib import Path

import pytest

from cluster import parallel
from cluster.config import Config
from cluster.documents import Article
from cluster.pipeline import Backend, Stopwatch, run_loaded
from cluster.quotes.chooser import attributed_quotes
from cluster.segment.paragraphs import segment_corpus

LABELLED = Path(__file__).resolve().parent / "data" / "quotes_labelled.jsonl"


def labelled_articles(count: int) -> list[Article]:
    """Hand-labelled Arabic and English news (development splits), as articles: quotes of every form."""
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["split"] != "test"][:count]
    return [Article(r["id"], r["title"], r["text"], lang=r["lang"]) for r in rows]


def quote_rows(quotes) -> list[tuple]:
    return [(q.article_id, q.start, q.end, q.text, q.speaker, q.kind) for q in quotes]


def test_quotes_found_in_workers_are_the_quotes_found_in_one_process():
    articles = labelled_articles(48)
    segments = segment_corpus(articles)
    alone = attributed_quotes(articles, segments)
    forked = parallel.map_in_runs(lambda part: attributed_quotes(part, segments), articles, workers=2)
    assert len(alone) > 150 and len({q.article_id for q in alone}) > 40
    assert forked == alone and quote_rows(forked) == quote_rows(alone)
    assert sum(1 for q in forked if q.speaker) == sum(1 for q in alone if q.speaker) > 100


def test_a_failing_article_in_a_worker_fails_the_call_with_its_error():
    def work(part: list[str]) -> list[str]:
        if "broken" in part:
            raise ValueError("article 'broken': cannot be read")
        return [x.upper() for x in part]

    items = [f"a{k}" for k in range(20)] + ["broken"] + [f"b{k}" for k in range(20)]
    with pytest.raises(ValueError, match="article 'broken'"):
        parallel.map_in_runs(work, items, workers=2)
    assert parallel.map_in_runs(work, items[:20], workers=2) == [x.upper() for x in items[:20]]
    assert parallel._TASK is None  # nothing of a finished call stays for the next one's workers


def test_worker_count_follows_the_setting_the_cores_and_the_work():
    cores = parallel.available_cores()
    assert parallel.worker_count(0, 10_000) == min(cores, 10_000 // parallel.MIN_PER_WORKER)
    assert parallel.worker_count(1, 10_000) == 1
    assert parallel.worker_count(3, 10_000) == 3
    assert parallel.worker_count(8, parallel.MIN_PER_WORKER * 2) == 2  # a few dozen articles: not worth 8 forks
    assert parallel.worker_count(0, 5) == 1
    with pytest.raises(ValueError, match="workers must be 0"):
        parallel.worker_count(-1, 100)


def test_the_automatic_setting_forks_no_workers_from_a_large_process(monkeypatch):
    """Forking a multi-GB run cost more than it saved (300k passages); an explicit count is still obeyed."""
    assert 0 < parallel.resident_mb() < parallel.FORK_RSS_LIMIT_MB
    monkeypatch.setattr(parallel, "resident_mb", lambda: parallel.FORK_RSS_LIMIT_MB + 1.0)
    assert parallel.worker_count(0, 10_000) == 1
    assert parallel.worker_count(2, 10_000) == 2


def test_the_pipeline_with_workers_reports_the_quotes_of_one_process(fake_encoder, tmp_path, monkeypatch):
    """`cluster run`'s quote stage in two workers: the same quotes, speakers and cross-article groups, and the
    stage's CPU time includes the workers' (the benchmark's CPU column would otherwise drop)."""
    monkeypatch.setattr(parallel, "MIN_PER_WORKER", 8)
    articles = labelled_articles(40)
    results = {}
    for workers in (1, 2):
        config = Config(cache_dir=tmp_path / "cache").with_overrides(**{"scale.workers": workers})
        watch = Stopwatch()
        result = run_loaded(list(articles), [], [], config, watch, encoder=fake_encoder, backend=Backend())
        results[workers] = (result.quotes, watch)
    (one, _), (two, watch) = results[1], results[2]
    assert quote_rows(two.quotes) == quote_rows(one.quotes)
    assert two.speaker_of == one.speaker_of
    assert [sorted(g.members) for g in two.groups] == [sorted(g.members) for g in one.groups]
    assert watch.cpu["quotes"] > 0.5 * watch.timings["quotes"]


def test_started_work_runs_beside_the_caller_and_comes_back_in_order():
    """The pipeline starts quote attribution before the duplicate stage: the call returns at once, the workers
    run while the caller works, and ``result()`` gives the loop's answer; ``close()`` stops unwanted ones."""
    def work(part: list[int]) -> list[int]:
        time.sleep(0.3)
        return [x * x for x in part]

    items = list(range(200))
    began = time.perf_counter()
    pending = parallel.start_in_runs(work, items, workers=2)  # 8 runs of 0.3 s: 1.2 s in two workers
    assert time.perf_counter() - began < 0.6 and parallel._TASK is None
    assert pending.result() == [x * x for x in items]
    assert parallel.start_in_runs(work, items[:1], workers=2).result() == [0]  # too few to fork: done here
    unwanted = parallel.start_in_runs(work, items, workers=2)
    assert len(multiprocessing.active_children()) >= 2
    unwanted.close()
    assert not multiprocessing.active_children()
