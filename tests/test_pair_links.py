"""The links each two stored articles keep after the one-paragraph-per-article pairing, held by the writer's match
graph (``MatchGraph.links``): what story placement reads as the shared paragraphs of a neighbourhood. They must be
the links the pairing of the stored matches gives (``duplicates.shared_links`` without the graph, from SQL) after
every batch, after a replacement changed an article's matches and after a batch that rolled back."""

from __future__ import annotations

import dataclasses

import pytest

from cluster.config import Config
from cluster.store.duplicates import shared_links
from cluster.store.ingestor import Ingestor, IngestSettings
from cluster.store.matchgraph import MatchGraph
from tests.store_helpers import add_failing
from tests.test_store import corpus_articles


@pytest.fixture()
def ingestor(tmp_path, embedding_cache, use_encoder):
    settings = IngestSettings(recluster_every=0, batch_size=4)
    with Ingestor(tmp_path / "store", Config(cache_dir=embedding_cache), encoder=use_encoder,
                  settings=settings) as opened:
        yield opened


def assert_links_are_the_pairing(ingestor: Ingestor) -> None:
    """Kept links equal a fresh graph's, and every neighbourhood's links (in two orders, and with an article's
    matches given again as a batch's, as for an article being replaced) equal the SQL path's."""
    graph, store = ingestor.match_graph.load(ingestor.store), ingestor.store
    ids = [a.id for a in store.articles()]
    for order in (ids, ids[::-1], ids[len(ids) // 3:]):
        assert sorted(graph.links(order)) == sorted(shared_links(store, order))
    for again in [aid for aid in ids if graph.partners.get(aid)][:3]:
        extra = store.matches([again])
        assert sorted(graph.links(ids, extra, [again])) == sorted(shared_links(store, ids, extra))
    fresh = MatchGraph().load(store)
    for first, second in graph.kept:
        assert graph.kept[first, second] == fresh._kept(first, second)


def test_kept_links_follow_batches_a_replacement_and_a_failed_batch(ingestor, monkeypatch):
    articles = corpus_articles()
    ingestor.add_corpus(articles[:12], on_commit=lambda _: assert_links_are_the_pairing(ingestor))
    kept_before = dict(ingestor.match_graph.kept)
    assert kept_before, "the corpus's wire copies share passages: their pairs' links are kept"
    add_failing(ingestor, articles[12:18], monkeypatch)
    assert not ingestor.match_graph.kept, "a rolled-back batch's links are forgotten with the graph"
    ingestor.add_corpus(articles[12:], on_commit=lambda _: assert_links_are_the_pairing(ingestor))
    assert any(ingestor.match_graph.kept.get(pair) == links for pair, links in kept_before.items())

    target = next(a for a in articles if a.id == "ar_outlet_b.txt")
    partners = set(ingestor.match_graph.partners[target.id])
    ingestor.add([dataclasses.replace(target, text=target.text.split("\n\n")[0])])  # its quoted statement goes
    assert set(ingestor.match_graph.partners.get(target.id, {})) < partners
    assert_links_are_the_pairing(ingestor)
