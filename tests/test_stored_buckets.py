"""The writer's LSH buckets of the stored windows (cluster/store/buckets.py): a batch is aligned only against the
stored articles sharing a bucket with it, and finds the same reused regions, in the same order, as aligned
against every stored article; the buckets kept batch after batch equal those built afresh."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest

import cluster.duplicates.shingles as shingles
from cluster.config import Config, DuplicateConfig
from cluster.documents import Article, Segment
from cluster.duplicates.align import SpanPair, aligned_token_pairs
from cluster.duplicates.shingles import article_tokens, joined, windows
from cluster.evaluation.reuse_data import obfuscate
from cluster.segment.paragraphs import segment_corpus
from cluster.store.duplicates import StoredWords, aligned_new
from tests.store_helpers import add_failing
from tests.test_align import CLEAN, HOST_AFTER, HOST_BEFORE, REUSED, _corpus
from tests.test_store import corpus_articles


def aligned_against_all(stored: StoredWords, batch: list[Article], segments: dict[str, list[Segment]],
                        cfg: DuplicateConfig) -> list[SpanPair]:
    """The batch aligned against every stored article (what the writer did before it kept buckets)."""
    ids = {a.id for a in batch}
    old = [aid for aid in stored.tokens if aid not in ids]
    fresh = [article_tokens(a, segments[a.id]) for a in batch]
    tokens = fresh + [stored.tokens[aid] for aid in old]
    win = joined([windows([t], cfg) for t in fresh] + [stored.windows[aid] for aid in old])
    texts = {**stored.texts, **{a.id: a.text for a in batch}}
    return aligned_token_pairs(tokens, {**stored.segments, **segments}, texts, cfg, new=len(batch), win=win)


def bucket_rows(stored: StoredWords) -> list[tuple[int, str]]:
    """Every (band key, owning article) the buckets hold, in a canonical order."""
    buckets = stored.buckets
    return sorted(zip(buckets.keys.tolist(), (stored.ids[k] for k in buckets.owners.tolist())))


def built_afresh(articles: list[Article], segments: dict[str, list[Segment]], cfg: DuplicateConfig) -> StoredWords:
    fresh = StoredWords(cfg)
    fresh.update(articles, segments)
    fresh.loaded = True
    return fresh


def wire_copies(count: int) -> list[Article]:
    """One agency passage carried by ``count`` outlets, each shuffling it a little and adding its own paragraphs:
    its windows fill buckets far past a few partners."""
    rng = random.Random(5)
    out = []
    for k in range(count):
        copy = " ".join(obfuscate(REUSED.split(), "shuffle", rng)) if k % 3 else REUSED
        lead, tail = (HOST_BEFORE, CLEAN) if k % 2 else (CLEAN, HOST_AFTER)
        out.append(Article(f"outlet-{k:02d}", "", f"وزارة المياه تطلق خطة وطنية\n\n{lead}\n\n{copy}\n\n{tail}",
                           lang="ar"))
    return out


@pytest.fixture()
def crowded(monkeypatch) -> DuplicateConfig:
    """Few partners a bucket and small buckets, so that which windows of a bucket meet depends on their order."""
    monkeypatch.setattr(shingles, "BUCKET_PARTNERS", 2)
    return Config().duplicates.model_copy(update={"shingle_max_bucket": 12})


@pytest.mark.parametrize("cfg_name", ["default", "crowded"])
def test_a_batch_finds_the_regions_it_finds_against_every_stored_article(cfg_name, request):
    cfg = Config().duplicates if cfg_name == "default" else request.getfixturevalue("crowded")
    (source, host, clean), _ = _corpus()
    articles = [*corpus_articles()[:12], source, *wire_copies(16), clean, host]
    segments = segment_corpus(articles)
    stored = StoredWords(cfg)
    stored.loaded = True  # filled by ``update`` alone, as the writer does after each commit
    found = 0
    for lo in range(0, len(articles), 5):
        batch = articles[lo : lo + 5]
        regions = aligned_new(None, stored, batch, segments, cfg)  # type: ignore[arg-type]
        assert regions == aligned_against_all(stored, batch, segments, cfg)
        found += len(regions)
        stored.update(batch, segments)
        assert bucket_rows(stored) == bucket_rows(built_afresh(articles[: lo + 5], segments, cfg))
    assert found >= 5, "the wire copies and the pasted passage are found"


def test_a_replacement_takes_its_old_windows_out_of_the_buckets():
    cfg = Config().duplicates
    articles = wire_copies(6)
    segments = segment_corpus(articles)
    stored = built_afresh(articles, segments, cfg)
    cut = dataclasses.replace(articles[2], text=articles[2].text.split("\n\n")[0] + "\n\n" + CLEAN)  # its copy goes
    cut_segments = segment_corpus([cut])
    probe = _corpus()[0][1]  # the passage pasted, shuffled, inside a long paragraph
    probe_segments = {probe.id: segment_corpus([probe])[probe.id]}
    before = {p.b.article_id for p in aligned_new(None, stored, [probe], probe_segments, cfg)}  # type: ignore[arg-type]
    stored.update([cut], cut_segments)
    assert stored.ids == [a.id for a in articles], "a replacement keeps its place"
    after = aligned_new(None, stored, [probe], probe_segments, cfg)  # type: ignore[arg-type]
    assert after == aligned_against_all(stored, [probe], probe_segments, cfg)
    assert cut.id in before and cut.id not in {p.b.article_id for p in after} | {p.a.article_id for p in after}
    assert bucket_rows(stored) == bucket_rows(built_afresh([*articles[:2], cut, *articles[3:]],
                                                           {**segments, **cut_segments}, cfg))


def test_the_keys_are_the_buckets_candidate_pairs_forms():
    """Two windows share a kept key in some band exactly when ``candidate_pairs`` may put them in one bucket."""
    cfg = Config().duplicates
    articles = wire_copies(4)
    segments = segment_corpus(articles)
    win = joined([windows([article_tokens(a, segments[a.id])], cfg) for a in articles])
    keys = shingles.band_keys(win.signatures, cfg)
    pairs = shingles.candidate_pairs(win, cfg)
    assert len(pairs)
    assert all(np.any(keys[i] == keys[j]) for i, j in pairs.tolist())


def test_the_writers_buckets_follow_batches_a_replacement_and_a_failed_batch(tmp_path, embedding_cache,
                                                                             use_encoder, monkeypatch):
    """After every commit the writer's buckets equal those read afresh from the store; a batch whose transaction
    rolls back leaves them as they were."""
    from cluster.store.ingestor import Ingestor, IngestSettings

    def assert_fresh(ingestor: Ingestor) -> None:
        fresh = StoredWords(ingestor.config.duplicates)
        fresh.load(ingestor.store)
        assert bucket_rows(ingestor.stored_words) == bucket_rows(fresh)

    articles = [*corpus_articles()[:8], *wire_copies(8)]
    with Ingestor(tmp_path / "store", Config(cache_dir=embedding_cache), encoder=use_encoder,
                  settings=IngestSettings(recluster_every=0, batch_size=4)) as ingestor:
        ingestor.add(articles[:4])
        assert ingestor.stored_words.loaded
        ingestor.add_corpus(articles[4:12], on_commit=lambda _: assert_fresh(ingestor))
        target = articles[9]
        ingestor.add([dataclasses.replace(target, text=target.text.split("\n\n")[0] + "\n\n" + CLEAN)])
        assert_fresh(ingestor)
        add_failing(ingestor, articles[12:], monkeypatch)
        assert_fresh(ingestor)
        ingestor.add(articles[12:])
        assert_fresh(ingestor)
