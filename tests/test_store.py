"""The persistent store: incremental adds equal a one-shot run, re-adds, replacements, stable story ids,
the merge/split log, and an index file that is checked against SQLite."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from cluster.config import Config
from cluster.ingest.readers import load_corpus
from cluster.report.terminal import to_json
from cluster.store.index import INDEX_NAME
from cluster.store.ingestor import Ingestor, IngestSettings, StoreBusyError
from cluster.store.report import store_result
from cluster.store.story_ids import apply_clusters, create_story, history, map_clusters, resolve
from tests.conftest import EDITED, QUOTES, SEEDS

NO_AUTO = IngestSettings(recluster_every=0)


def corpus_articles():
    return load_corpus(SEEDS).articles + load_corpus(QUOTES).articles + load_corpus(EDITED).articles


@pytest.fixture()
def config(embedding_cache) -> Config:
    return Config(cache_dir=embedding_cache)


@pytest.fixture()
def ingestor(tmp_path, config, use_encoder):
    with Ingestor(tmp_path / "store", config, encoder=use_encoder, settings=NO_AUTO) as opened:
        yield opened


def group_keys(data: dict) -> list:
    """Duplicate groups as comparable values: passages (article, span) and typed links."""
    return sorted(
        (
            tuple((p["article"], p["start"], p["end"]) for p in g["passages"]),
            tuple((q["a"], q["b"], q["match_type"], round(q["similarity"], 3)) for q in g["pairs"]),
        )
        for g in data["duplicate_groups"]
    )


def partition(data: dict) -> set[frozenset[str]]:
    return {frozenset(s["articles"]) for s in data["stories"]}


def assert_index_agrees(ingestor: Ingestor) -> None:
    assert np.array_equal(ingestor.index.ids(), ingestor.store.searchable_ids())


def test_incremental_adds_find_what_a_one_shot_run_finds(ingestor, run_corpus):
    articles = corpus_articles()
    one_shot = to_json(run_corpus(articles))
    for lo in range(0, len(articles), 4):  # batches split the Witkoff quote's carriers
        ingestor.add(articles[lo : lo + 4])
    stored = to_json(store_result(ingestor.store))
    assert stored["summary"]["articles"] == len(articles)
    assert stored["summary"]["passages"] == one_shot["summary"]["passages"]
    assert len(stored["duplicate_groups"]) >= 3
    assert group_keys(stored) == group_keys(one_shot)
    assert partition(stored) == partition(one_shot)
    assert_index_agrees(ingestor)


def test_passage_reused_inside_a_long_paragraph_is_found_across_batches(ingestor):
    """The store aligns a new article against the stored ones as a one-shot run aligns a corpus: 60
    words pasted, shuffled, into the middle of a long paragraph of a later article are reported, with
    their span (the paragraph matcher alone misses them: tests/test_align.py has the corpus)."""
    from tests.test_align import _check_host_span, _corpus

    (source, host, clean), gold = _corpus()
    ingestor.add([source, clean])
    ingestor.add([host])
    groups = to_json(store_result(ingestor.store))["duplicate_groups"]
    assert len(groups) == 1
    assert {p["article"] for p in groups[0]["passages"]} == {"source", "host"}
    assert groups[0]["pairs"][0]["match_type"] == "edited"
    reused = next(p for p in groups[0]["passages"] if p["article"] == "host")
    _check_host_span(reused["start"], reused["end"], gold, host)
    assert_index_agrees(ingestor)


def test_identical_re_add_changes_nothing(ingestor):
    articles = corpus_articles()
    first = ingestor.add(articles)
    generation, passages = ingestor.store.generation, ingestor.store.count("passages")
    again = ingestor.add(articles[:3])
    assert [s.status for s in again] == ["unchanged"] * 3
    assert [s.story for s in again] == [s.story for s in first[:3]]
    assert ingestor.store.generation == generation
    assert ingestor.store.count("passages") == passages
    assert ingestor.store.count("articles") == len(articles)


def test_changed_article_replaces_its_old_version(ingestor):
    articles = corpus_articles()
    ingestor.add(articles)
    target = next(a for a in articles if a.id == "ar_outlet_b.txt")
    old_ids = set(ingestor.store.passage_ids_of([target.id]))
    before = to_json(store_result(ingestor.store))
    assert any(target.id in g["articles"] for g in before["duplicate_groups"])
    # The new version keeps only its first paragraph: the quoted statement is gone.
    changed = dataclasses.replace(target, text=target.text.split("\n\n")[0])
    [status] = ingestor.add([changed])
    assert status.status == "replaced"
    assert ingestor.store.count("articles") == len(articles)
    assert not old_ids & set(ingestor.index.ids().tolist())
    assert_index_agrees(ingestor)
    after = to_json(store_result(ingestor.store))
    assert not any(target.id in g["articles"] for g in after["duplicate_groups"])
    assert next(a for a in after["articles"] if a["id"] == target.id)["segments"][-1]["end"] <= len(changed.text)


def test_story_keeps_its_id_when_articles_join(ingestor):
    by_id = {a.id: a for a in corpus_articles()}
    [first] = ingestor.add([by_id["ar_outlet_a.txt"]])
    joined = ingestor.add([by_id["ar_unrelated_football.txt"], by_id["ar_outlet_b.txt"], by_id["en_outlet_c.txt"]])
    assert {s.id: s.story for s in joined}["ar_outlet_b.txt"] == first.story
    assert {s.id: s.story for s in joined}["en_outlet_c.txt"] == first.story
    assert {s.id: s.story for s in joined}["ar_unrelated_football.txt"] != first.story
    events = [e.event for e in history(ingestor.store, first.story)]
    assert events[0] == "created" and events.count("joined") == 2


def test_new_outlet_bridging_two_stories_of_one_event_merges_them(ingestor):
    """Two carriers of the Witkoff statement sit in two stories (as when they arrived apart and below the
    cut): a third outlet carrying it joins them and the two stories merge at once, not at the next
    re-clustering; the merged id answers its successor."""
    by_id = {a.id: a for a in corpus_articles()}
    [first] = ingestor.add([by_id["ar_outlet_a.txt"], by_id["ar_unrelated_football.txt"]])[:1]
    store = ingestor.store
    with store.transaction():
        apart = create_story(store, ["ar_outlet_b.txt"], "test: arrived apart")
    ingestor.add([by_id["ar_outlet_b.txt"]])
    with store.transaction():  # the second carrier in a story of its own, as a drifted assignment leaves it
        store.set_story(["ar_outlet_b.txt"], apart)
    [third] = ingestor.add([by_id["en_outlet_c.txt"]])
    stories = store.story_of()
    assert stories["ar_outlet_a.txt"] == stories["ar_outlet_b.txt"] == stories["en_outlet_c.txt"] == third.story
    assert stories["ar_unrelated_football.txt"] != third.story
    gone = apart if third.story == first.story else first.story
    assert resolve(store, gone) == (third.story, [gone])
    assert any(e.event == "merged" and e.story_id == gone and "bridged" in e.reason for e in history(store))


def test_recluster_merges_and_splits_with_a_log_and_old_ids_resolve(ingestor):
    articles = corpus_articles()
    ingestor.add(articles)
    store = ingestor.store
    witkoff = store.story_of()["ar_outlet_a.txt"]
    # Drift: one carrier of the story sits in a story of its own, an unrelated article in this one.
    with store.transaction():
        stray = create_story(store, ["en_outlet_c.txt"], "test drift")
        store.set_story(["en_outlet_c.txt"], stray)
        store.set_story(["lira_economy.txt"], witkoff)
    final = ingestor.recluster("test")
    assert set(final[witkoff]) == {"ar_outlet_a.txt", "ar_outlet_b.txt", "en_outlet_c.txt"}
    assert stray not in final
    assert resolve(store, stray) == (witkoff, [stray])
    assert resolve(store, witkoff) == (witkoff, [])
    assert resolve(store, "S999") == (None, [])
    log = history(store)
    assert any(e.event == "merged" and e.story_id == stray and e.other_id == witkoff for e in log)
    split = [e for e in log if e.event == "split" and e.story_id == witkoff]
    assert split and split[0].articles == ("lira_economy.txt",)
    assert all(e.at and e.reason for e in log)
    # A second re-clustering of an unchanged store changes no id.
    assert ingestor.recluster("again") == final


def test_overlap_mapping_prefers_largest_overlap_then_older_id():
    old = {"S1": {"a", "b"}, "S2": {"c", "d", "e"}, "S3": {"f"}}
    clusters = [{"a", "b", "c"}, {"d", "e"}, {"f", "g"}, {"h"}]
    assert map_clusters(clusters, old) == ["S1", "S2", "S3", None]
    assert map_clusters([{"a", "c"}], {"S2": {"c"}, "S1": {"a"}}) == ["S1"]


def test_apply_clusters_gives_new_ids_to_split_parts(ingestor):
    articles = corpus_articles()[:3]
    ingestor.add(articles)
    store = ingestor.store
    with store.transaction():
        sid = create_story(store, [a.id for a in articles], "test")
        store.set_story([a.id for a in articles], sid)
        final = apply_clusters(store, [{articles[0].id, articles[1].id}, {articles[2].id}], "test split")
    assert final[sid] == sorted([articles[0].id, articles[1].id])
    [other] = [k for k in final if k != sid]
    assert int(other[1:]) > int(sid[1:])  # ids are never reused


def test_stale_or_broken_index_is_rebuilt_from_sqlite(tmp_path, config, use_encoder):
    directory = tmp_path / "store"
    with Ingestor(directory, config, encoder=use_encoder, settings=NO_AUTO) as ing:
        ing.add(corpus_articles()[:5])
        stale = (directory / INDEX_NAME).read_bytes()
        ing.add(corpus_articles()[5:])
        expected = ing.index.ids()
    with Ingestor(directory, encoder=use_encoder) as ing:
        assert ing.index_rebuilt_because == ""
    (directory / INDEX_NAME).write_bytes(stale)  # an index one generation behind
    with Ingestor(directory, encoder=use_encoder) as ing:
        assert "generation" in ing.index_rebuilt_because
        assert np.array_equal(ing.index.ids(), expected)
    (directory / INDEX_NAME).write_bytes(b"NCIDX1\n\x05\x00")  # truncated
    with Ingestor(directory, encoder=use_encoder) as ing:
        assert "unreadable" in ing.index_rebuilt_because
        assert np.array_equal(ing.index.ids(), expected)


def test_one_writer_at_a_time(ingestor):
    with pytest.raises(StoreBusyError):
        Ingestor(ingestor.directory, encoder=ingestor.encoder)


def test_store_keeps_the_config_it_was_created_with(tmp_path, config, use_encoder):
    directory = tmp_path / "store"
    with Ingestor(directory, config.with_overrides(**{"stories.distance_threshold": 0.5}), encoder=use_encoder):
        pass
    with Ingestor(directory, Config(), encoder=use_encoder) as ing:
        assert ing.config.stories.distance_threshold == 0.5


def test_automatic_recluster_every_n_additions(tmp_path, config, use_encoder):
    settings = IngestSettings(recluster_every=4)
    with Ingestor(tmp_path / "store", config, encoder=use_encoder, settings=settings) as ing:
        ing.add(corpus_articles()[:3])
        assert ing.store.get_meta("added_since_recluster") == "3"
        ing.add(corpus_articles()[3:6])
        assert ing.store.get_meta("added_since_recluster") == "0"


@pytest.mark.slow  # `cluster run` loads the real model itself
def test_cli_run_with_store_reports_the_whole_store(tmp_path, monkeypatch, embedding_cache):
    import json

    from typer.testing import CliRunner

    from cli.main import app

    monkeypatch.setenv("NEWS_CLUSTER_CACHE", str(tmp_path / "cache"))
    store = tmp_path / "store"
    runner = CliRunner()
    config = tmp_path / "config.json"
    Config(cache_dir=embedding_cache).write(config)  # reuse the session's embeddings: no model load
    first = runner.invoke(app, ["run", str(QUOTES), "--store", str(store), "--config", str(config), "-q", "-f", "json"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, ["run", str(EDITED), "--store", str(store), "-q", "-f", "json"])
    assert second.exit_code == 0, second.output
    data = json.loads(second.stdout)
    assert data["summary"]["articles"] == len(list(QUOTES.glob("*.txt"))) + len(list(EDITED.glob("*.txt")))
    assert {s["id"] for s in json.loads(first.stdout)["stories"]} <= {s["id"] for s in data["stories"]}
    info = runner.invoke(app, ["store", "info", "--store", str(store)])
    assert json.loads(info.stdout)["index_problem"] is None


def test_site_furniture_is_recognised_across_batches(tmp_path, config, use_encoder):
    """A short line repeated across articles posted one at a time is furniture once the third
    arrives, as in a one-shot run; without the stored context each lone batch keeps it as body."""
    from cluster.documents import Article

    bodies = [
        "The central bank raised interest rates by half a point on Tuesday, citing persistent inflation.",
        "Heavy rain flooded parts of the capital overnight, closing schools and cutting power to homes.",
        "The national football team named a new coach after a run of defeats in the qualifying campaign.",
    ]
    articles = [
        Article(f"a{k}", f"Title {k}", f"Title {k}\n\n{body}\n\nMore from the Riverside Gazette desk", lang="en")
        for k, body in enumerate(bodies)
    ]
    kinds = {}
    for context in (0, 100):
        settings = IngestSettings(recluster_every=0, segment_context=context)
        with Ingestor(tmp_path / f"store{context}", config, encoder=use_encoder, settings=settings) as ing:
            for article in articles:
                ing.add([article])
            kinds[context] = ing.store.segments([articles[2]])["a2"][-1].kind.value
    assert kinds == {0: "body", 100: "boilerplate"}


def test_batch_placement_is_the_same_on_a_sparse_similarity():
    """A batch joins stored stories by average linkage over the neighbourhood; the learned scorer's
    similarity is sparse (a dense one held 1.6 GB for a batch of 500 into 20,000 articles), and must
    place every new article where the dense matrix does."""
    import scipy.sparse as sp

    from cluster.store.placement import place_batch

    rng = np.random.default_rng(3)
    n, count = 60, 12
    sim = np.where(rng.random((n, n)) < 0.15, 0.7 * rng.random((n, n)), 0.0)
    sim = np.triu(sim, 1) + np.triu(sim, 1).T
    for story in (range(0, 10), range(10, 30)):  # two tight stored stories, and new rows close to them
        for a in story:
            for b in (*story, 50, 51, 52) if story.start == 0 else (*story, 53, 54):
                if a != b:
                    sim[a, b] = sim[b, a] = 0.9
    members = {"s-1": list(range(0, 10)), "s-2": list(range(10, 30)), "s-3": list(range(30, 48))}
    dense = place_batch(sim, {k: list(v) for k, v in members.items()}, n - count, count, 0.5)
    sparse = place_batch(sp.csr_matrix(sim), {k: list(v) for k, v in members.items()}, n - count, count, 0.5)
    assert sparse == dense
    assert dense.decided[50 - (n - count)] == "s-1" and dense.decided[53 - (n - count)] == "s-2"


def test_the_index_range_search_is_faiss_own(monkeypatch):
    """``VectorIndex.range_search`` (a matrix product picks the pairs faiss's dot product then computes) against
    faiss's flat range search over the whole index: the same passages, order and cosines to the bit, across
    prefilter blocks, after a removal, and for as many queries as make faiss multiply matrices itself."""
    import faiss

    from cluster.store import index as vector_index

    rng = np.random.default_rng(3)
    base = rng.standard_normal((40, 512)).astype(np.float32)
    stored = np.repeat(base, 12, axis=0) + 0.05 * rng.standard_normal((480, 512)).astype(np.float32)
    stored /= np.linalg.norm(stored, axis=1, keepdims=True)
    queries = np.repeat(base, 2, axis=0) + 0.04 * rng.standard_normal((80, 512)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    made = vector_index.VectorIndex.build(np.arange(1000, 1480), stored, 512)
    made.remove(np.arange(1000, 1480, 7))
    monkeypatch.setattr(vector_index, "PREFILTER_ROWS", 100)  # five matrix products, the last one short

    def faiss_own(radius: float) -> list[list[tuple[int, float]]]:
        lims, sims, labels = made.index.range_search(queries, radius)
        return [list(zip(labels[a:b].tolist(), sims[a:b].tolist())) for a, b in zip(lims, lims[1:])]

    for radius in (0.5, 0.62, 0.8):
        expected = faiss_own(radius)
        assert sum(map(len, expected)) > 100, "the test vectors have neighbours in range"
        assert made.range_search(queries, radius) == expected
    threshold = faiss.cvar.distance_compute_blas_threshold
    try:
        faiss.cvar.distance_compute_blas_threshold = 20 * 512  # 80 queries: faiss's matrix product
        assert made.range_search(queries, 0.62) == faiss_own(0.62)
    finally:
        faiss.cvar.distance_compute_blas_threshold = threshold
    assert made.range_search(queries[:0], 0.5) == [] and vector_index.VectorIndex(512).range_search(queries[:3], 0.5) == [[]] * 3


def test_a_store_made_with_the_old_story_index_drops_it_and_reads_members_the_same(tmp_path, config, use_encoder):
    """Stores written before this release kept ``articles_story (story_id)`` beside the covering
    ``articles_story_members (story_id, seq, id)``; reopened for writing, the redundant one is dropped and a
    story's members still come back in insertion order, from the covering index."""
    by_id = {a.id: a for a in corpus_articles()}
    with Ingestor(tmp_path / "store", config, encoder=use_encoder, settings=NO_AUTO) as writer:
        [first] = writer.add([by_id["ar_outlet_a.txt"]])
        writer.add([by_id["ar_outlet_b.txt"], by_id["en_outlet_c.txt"]])
        writer.store.db.execute("CREATE INDEX articles_story ON articles(story_id)")  # as an older release left it
        members = writer.store.story_members(first.story)
    with Ingestor(tmp_path / "store", config, encoder=use_encoder, settings=NO_AUTO) as reopened:
        db = reopened.store.db
        indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "articles_story" not in indexes and "articles_story_members" in indexes
        assert reopened.store.story_members(first.story) == members
        assert members[0] == "ar_outlet_a.txt" and len(members) == 3
        plan = " ".join(str(r) for r in db.execute("EXPLAIN QUERY PLAN SELECT id FROM articles WHERE story_id = ? "
                                                   "ORDER BY seq", (first.story,)))
        assert "articles_story_members" in plan
