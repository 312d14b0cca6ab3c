"""The service's lists from the tables the writer keeps (cluster/store/listing.py, materialise.py): current
the moment a POST returns, equal to the whole-store report's groups and stories, and filled once for a store
made before the tables existed."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest
from fastapi.testclient import TestClient

from cluster.config import Config
from cluster.quotes.speakers import name_forms
from cluster.report.terminal import to_json
from cluster.service.app import create_app
from cluster.store.db import DB_NAME, Store
from cluster.store.ingestor import Ingestor, IngestSettings
from cluster.store.lookup import match_component, stable_group_id
from cluster.store.matchgraph import MatchGraph
from cluster.store.materialise import summaries_pending
from cluster.store.report import store_result
from tests.conftest import QUOTES, SEEDS
from tests.store_helpers import add_failing
from tests.test_service import records, settle
from tests.test_store import corpus_articles

NO_AUTO = IngestSettings(recluster_every=0)
WITKOFF = {"ar_outlet_a.txt", "ar_outlet_b.txt", "en_outlet_c.txt"}
ALL = {"limit": 500}


def report_groups(store: Store) -> dict[str, dict]:
    """The whole-store report's duplicate groups (``cluster run --store``), keyed by their stable ids."""
    data = to_json(store_result(store))
    row_ids = store.match_row_ids()
    out = {}
    for group in data["duplicate_groups"]:
        passages = group["passages"]
        links = [((passages[p["a"]]["article"], passages[p["a"]]["segment"]),
                  (passages[p["b"]]["article"], passages[p["b"]]["segment"])) for p in group["pairs"]]
        group["id"] = stable_group_id(links, row_ids)
        out[group["id"]] = group
    return out


def listed_groups(store: Store) -> list[dict]:
    return store.group_page(0, 10_000)[0]


def assert_lists_equal_the_report(store: Store) -> None:
    """Groups: the same ids, carriers and JSON as the report's; stories: the same ids and members, each
    summary equal to what the live story read derives."""
    expected = report_groups(store)
    listed = listed_groups(store)
    assert {g["id"]: g for g in listed} == expected
    sizes = [len(g["articles"]) for g in listed]
    assert sizes == sorted(sizes, reverse=True), "largest first"
    stories = store.story_page(_no_filter(), 0, 10_000)[0]
    members: dict[str, set[str]] = {}
    for aid, sid in store.story_of().items():
        members.setdefault(sid, set()).add(aid)
    assert {s["id"]: set(s["articles"]) for s in stories} == members
    assert store.listing_revision() == store.revision


def _no_filter():
    from cluster.store.listing import StoryFilter

    return StoryFilter()


@pytest.fixture()
def ingestor(tmp_path, embedding_cache, use_encoder):
    with Ingestor(tmp_path / "store", Config(cache_dir=embedding_cache), encoder=use_encoder,
                  settings=dataclasses.replace(NO_AUTO, batch_size=4)) as opened:
        yield opened


def assert_graph_is_the_table(ingestor: Ingestor) -> None:
    """The writer's match graph in memory (``matchgraph``) holds the stored matches and answers the SQL reads:
    each article's component (``lookup.match_component``) and the matches of sets of articles (``Store.matches``,
    order included: the story stage's pairing breaks ties by it)."""
    graph, store = ingestor.match_graph, ingestor.store
    assert graph.loaded
    fresh = MatchGraph().load(store)
    assert (graph.rows, graph.at, graph.left, graph.right) == (fresh.rows, fresh.at, fresh.left, fresh.right)
    ids = [a.id for a in store.articles()]
    for k, aid in enumerate(ids):
        assert graph.matched_paragraphs([aid]) == store.matched_paragraphs([aid])
        assert match_component(graph, [aid]) == match_component(store, [aid])
        assert graph.matches(ids[k:] + ids[:k]) == store.matches(ids[k:] + ids[:k])
    assert match_component(graph, ids) == match_component(store, ids)
    paragraphs = store.matched_paragraphs(ids)
    assert graph.matches_at(paragraphs) == store.matches_at(paragraphs)


def test_tables_follow_batches_a_replacement_and_a_re_clustering(ingestor):
    articles = corpus_articles()
    ingestor.add_corpus(articles, on_commit=lambda _: assert_graph_is_the_table(ingestor))  # four at a time
    assert listed_groups(ingestor.store), "the corpus has duplicate groups"
    assert_lists_equal_the_report(ingestor.store)
    target = next(a for a in articles if a.id == "ar_outlet_b.txt")
    ingestor.add([dataclasses.replace(target, text=target.text.split("\n\n")[0])])  # its quoted statement goes
    assert not any(target.id in g["articles"] for g in listed_groups(ingestor.store))
    assert_lists_equal_the_report(ingestor.store)
    assert_graph_is_the_table(ingestor)
    ingestor.recluster("test")
    assert_lists_equal_the_report(ingestor.store)


def test_an_old_store_is_filled_once_and_lists_the_same(tmp_path, embedding_cache, use_encoder):
    config = Config(cache_dir=embedding_cache)
    with Ingestor(tmp_path / "store", config, encoder=use_encoder, settings=NO_AUTO) as ingestor:
        assert ingestor.listing_filled_in is None  # a new store: nothing to fill, marked current
        ingestor.add(corpus_articles())
        store = ingestor.store
        before = (store.story_page(_no_filter(), 0, 500), listed_groups(store), store.article_page(0, 500))
    db = sqlite3.connect(tmp_path / "store" / DB_NAME)  # what a store made before the tables looks like
    for table in ("story_summaries", "story_outlets", "dup_groups", "dup_group_articles", "article_speakers"):
        db.execute(f"DROP TABLE {table}")
    db.execute("DELETE FROM meta WHERE k = 'listing_revision'")
    db.commit()
    db.close()
    with Ingestor(tmp_path / "store", config, encoder=use_encoder, settings=NO_AUTO) as ingestor:
        assert ingestor.listing_filled_in is not None and ingestor.listing_filled_in > 0
        store = ingestor.store
        assert (store.story_page(_no_filter(), 0, 500), listed_groups(store), store.article_page(0, 500)) == before
    with Ingestor(tmp_path / "store", config, encoder=use_encoder, settings=NO_AUTO) as ingestor:
        assert ingestor.listing_filled_in is None, "filled once: a current store is not filled again"
    app = create_app(tmp_path / "store", use_encoder, config=config, settings=NO_AUTO)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        speaker = client.get("/stories", params={"speaker": "Witkoff"}).json()
        assert any(set(s["articles"]) == WITKOFF for s in speaker["stories"])


@pytest.fixture()
def client(tmp_path, use_encoder, embedding_cache):
    app = create_app(tmp_path / "store", use_encoder, config=Config(cache_dir=embedding_cache), settings=NO_AUTO)
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def test_a_posted_article_is_listed_as_soon_as_the_post_returns(client):
    client.post("/articles", json=records(SEEDS))
    posted = client.post("/articles", json=records(QUOTES)).json()["articles"]
    revision = client.get("/health").json()["revision"]
    story_of = {p["id"]: p["story"] for p in posted}
    articles = client.get("/articles", params=ALL).json()  # no waiting: the lists read the committed tables
    assert articles["revision"] == revision
    assert {a["id"]: a["story"] for a in articles["articles"]}.items() >= story_of.items()
    stories = client.get("/stories", params=ALL).json()
    assert stories["revision"] == revision
    listed = {s["id"]: s for s in stories["stories"]}
    for aid, sid in story_of.items():
        assert aid in listed[sid]["articles"]
    witkoff = listed[story_of["en_outlet_c.txt"]]
    assert set(witkoff["articles"]) == WITKOFF
    detail = client.get(f"/stories/{witkoff['id']}").json()
    lagging = {"evidence"}  # read from the group table, which follows the group refresh after the answer
    assert {k: detail[k] for k in witkoff if k not in lagging} == {k: v for k, v in witkoff.items() if k not in lagging}
    settle(client)  # the list of groups: brought up to date right after the answer
    witkoff = {s["id"]: s for s in client.get("/stories", params=ALL).json()["stories"]}[witkoff["id"]]
    assert {k: detail[k] for k in witkoff} == witkoff, "a list item is the story's own read"
    groups = {g["id"]: g for g in client.get("/duplicates", params=ALL).json()["duplicate_groups"]}
    assert detail["evidence"] and all(groups[g["id"]] == g for g in detail["evidence_groups"])
    for quoted in ("Witkoff", "ويتكوف", "witkoff"):  # a speaker quoted in a member posted by that POST
        found = client.get("/stories", params={"speaker": quoted}).json()
        assert found["revision"] == revision and witkoff["id"] in {s["id"] for s in found["stories"]}
    outlet = client.get("/stories", params={"outlet": "OUTLET"}).json()
    assert [s["id"] for s in outlet["stories"]] == [witkoff["id"]]


def test_a_speaker_is_found_in_the_other_script():
    assert {"donald trump", "trump"} <= name_forms("ترامب")
    assert "ويتكوف" in name_forms("Steve Witkoff")


def test_a_batch_leaves_the_groups_of_its_carriers_other_paragraphs(ingestor):
    """X carries two passages, each copied by another article (two components meeting in X); a later copy of
    the first passage changes that component only: X's group with Z must stay listed."""
    from cluster.documents import Article
    from cluster.ingest.readers import load_corpus

    paragraphs = [p for a in load_corpus(SEEDS).articles for p in a.text.split("\n\n") if len(p.split()) >= 40]
    first, second, *other = paragraphs
    made = {"X": [first, second], "Y": [first, other[0]], "Z": [second, other[1]], "W": [other[2], first]}
    articles = {k: Article(id=k, title=f"{k} title", text="\n\n".join(v)) for k, v in made.items()}
    ingestor.add([articles["X"], articles["Y"], articles["Z"]])
    before = {g["id"]: set(g["articles"]) for g in listed_groups(ingestor.store)}
    assert {"X", "Z"} in before.values() and {"X", "Y"} in before.values()
    ingestor.add([articles["W"]])
    after = {g["id"]: set(g["articles"]) for g in listed_groups(ingestor.store)}
    assert {"X", "Z"} in after.values() and {"W", "X", "Y"} in after.values()
    assert_lists_equal_the_report(ingestor.store)


def test_id_reads_take_stored_groups_equal_to_groups_formed_from_the_components(ingestor):
    """``GET /articles/{id}`` and ``GET /stories/{id}`` read an article's groups and a story's evidence from the
    tables (no regrouping of a wire copy's component on every read): the same JSON as forming them from the
    match components, which is what a store whose tables lag still does, after batches and a replacement."""
    from cluster.store.lookup import article_detail, story_detail

    articles = corpus_articles()
    ingestor.add_corpus(articles)
    target = next(a for a in articles if a.id == "ar_outlet_b.txt")
    ingestor.add([dataclasses.replace(target, text=target.text.split("\n\n")[0])])
    store = ingestor.store
    assert store.listing_revision() == store.revision, "the tables are current: the id reads use them"
    ids, stories = list(store.story_of()), sorted(set(store.story_of().values()))
    stored = ([article_detail(store, a) for a in ids], [story_detail(store, s) for s in stories])
    assert any(a["duplicate_groups"] for a in stored[0]) and any(s["evidence_groups"] for s in stored[1])
    store.listing_revision = lambda: None  # as if the tables lagged: groups formed from the components
    formed = ([article_detail(store, a) for a in ids], [story_detail(store, s) for s in stories])
    assert stored == formed


def test_a_failed_batch_leaves_no_rows_in_the_match_graph(ingestor, monkeypatch):
    """The graph takes in a batch's matches inside its transaction; when the transaction rolls back the graph
    is forgotten and read again, so it never answers with rows the store does not hold."""
    articles = corpus_articles()
    ingestor.add(articles[:6])
    add_failing(ingestor, articles[6:12], monkeypatch)
    assert not ingestor.match_graph.loaded
    ingestor.add(articles[6:12])
    assert_graph_is_the_table(ingestor)


def test_groups_left_for_after_the_answer_end_exact(tmp_path, embedding_cache, use_encoder):
    """Batches added with ``groups_due=False`` (the service's POSTs) commit their articles and stories at once, and
    their speakers and summaries with ``summarise_pending`` (the service's worker right after the answer; the
    next add first); the list of groups stays at the revision before them (``listing_revision``) until
    ``refresh_groups``, a re-clustering, or the next writer's open when the last one was killed first; each ends
    with the groups and summaries a whole-store derivation forms."""
    import os

    config, path, articles = Config(cache_dir=embedding_cache), tmp_path / "store", corpus_articles()
    ingestor = Ingestor(path, config, encoder=use_encoder, settings=NO_AUTO)
    ingestor.add(articles[:4])
    before = ingestor.store.revision
    ingestor.add(articles[4:8], groups_due=False)
    ingestor.add(articles[8:12], groups_due=False)
    store = ingestor.store
    assert store.listing_revision() == before < store.revision
    listed = {a for s in store.story_page(_no_filter(), 0, 500)[0] for a in s["articles"]}
    assert listed == {a.id for a in articles[:8]}, "the second add stored the first one's summaries first"
    assert summaries_pending(store) and ingestor.summarise_pending() and not summaries_pending(store)
    listed = {a for s in store.story_page(_no_filter(), 0, 500)[0] for a in s["articles"]}
    assert listed == {a.id for a in articles[:12]}, "the stories are current once summarised"
    assert store.listing_revision() == before, "the groups still lag"
    assert ingestor.refresh_groups() and not ingestor.refresh_groups()
    assert_lists_equal_the_report(store)
    ingestor.add(articles[12:16], groups_due=False)
    ingestor.recluster("test")
    assert_lists_equal_the_report(store)
    target = articles[1]  # a replacement's old component is remembered too
    ingestor.add([dataclasses.replace(target, text=target.text.split("\n\n")[0]), *articles[16:]], groups_due=False)
    assert store.get_meta("groups_pending") is not None
    store.close()  # the writer is killed: no close()
    os.close(ingestor._lock)
    with Ingestor(path, config, encoder=use_encoder, settings=NO_AUTO) as reopened:
        assert reopened.listing_filled_in is None, "the recorded groups were formed, not every table filled"
        assert_lists_equal_the_report(reopened.store)
