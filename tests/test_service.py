"""The HTTP API: every endpoint, every error case (TestClient), batching, and once over a real socket."""

from __future__ import annotations

import json
import socket
import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from cluster.config import Config
from cluster.ingest.readers import load_corpus
from cluster.service.app import MAX_BATCH, MAX_TEXT_CHARS, create_app
from cluster.store.ingestor import Ingestor, IngestSettings
from tests.conftest import EDITED, QUOTES, SEEDS


def records(folder) -> list[dict]:
    return [
        {"id": a.id, "title": a.title, "text": a.text, "date": a.date.isoformat() if a.date else None,
         "source": a.id.split("_")[1] if a.id.count("_") > 1 else None}
        for a in load_corpus(folder).articles
    ]


@pytest.fixture()
def client(tmp_path, use_encoder, embedding_cache):
    app = create_app(tmp_path / "store", use_encoder, config=Config(cache_dir=embedding_cache),
                     settings=IngestSettings(recluster_every=0))
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def settle(client, timeout: float = 60.0) -> None:
    """Lists answer the store's latest revision at once (they read the tables the POST's transaction wrote); the
    list of duplicate groups is brought up to date right after the answer: ``listing_revision`` says when."""
    deadline = time.monotonic() + timeout
    while (health := client.get("/health").json())["listing_revision"] != health["revision"]:
        assert time.monotonic() < deadline, "the list of duplicate groups never caught up"
        time.sleep(0.02)
    for path in ("/articles", "/stories", "/duplicates"):
        answer = client.get(path).json()
        assert answer["revision"] == health["revision"], path
    assert answer["listing_revision"] == health["revision"]


@pytest.fixture()
def loaded(client):
    """The quote set (one story carried by three outlets) and the seeds, posted as two requests."""
    assert client.post("/articles", json=records(QUOTES)).status_code == 200
    assert client.post("/articles", json=records(SEEDS)).status_code == 200
    settle(client)
    return client


def test_post_one_article_and_a_list(client):
    one = records(QUOTES)[0]
    answer = client.post("/articles", json=one)
    assert answer.status_code == 200
    assert answer.json() == {"articles": [{"id": one["id"], "status": "added", "story": "S1"}], "total": 1}
    again = client.post("/articles", json=[one, records(QUOTES)[1]]).json()
    assert [a["status"] for a in again["articles"]] == ["unchanged", "added"]
    assert again["articles"][0]["story"] == "S1" and again["articles"][1]["story"]
    changed = client.post("/articles", json={**one, "text": one["text"] + "\n\nA late correction paragraph."}).json()
    assert changed["articles"][0]["status"] == "replaced"


def test_odd_but_valid_articles_are_stored(client):
    """Content is data: three letters, NULs and emoji, vocalised Arabic, code-like text; none can hurt.
    (Texts without letters are refused: tests/faults/test_service_faults.py.)"""
    odd = [
        {"id": "tiny", "text": "yes"},
        {"id": "nul", "text": "a\u0000b \U0001F600 \u202Eflipped\u202C"},
        {"id": "marks", "text": "\u0628\u064e\u0628\u064f \u0628\u0650\u0651"},
        {"id": "code", "title": "{{7*7}}", "text": "__import__('os').system('rm -rf /'); <script>alert(1)</script>"},
        {"id": "../../etc/passwd", "text": "an id that looks like a path is only an id"},
    ]
    answer = client.post("/articles", json=odd)
    assert answer.status_code == 200, answer.text
    assert [a["status"] for a in answer.json()["articles"]] == ["added"] * 5
    code = client.get("/articles/code").json()
    assert code["title"] == "{{7*7}}" and code["segments"][0]["text"] in odd[3]["text"]
    assert client.get("/health").json()["articles"] == 5


def test_list_articles_is_paged(loaded):
    first = loaded.get("/articles", params={"limit": 3}).json()
    assert first["total"] == 10 and len(first["articles"]) == 3
    rest = loaded.get("/articles", params={"offset": 3, "limit": 100}).json()
    ids = [a["id"] for a in first["articles"] + rest["articles"]]
    assert len(set(ids)) == 10
    assert set(first["articles"][0]) == {"id", "title", "date", "lang", "source", "url", "story"}


def test_get_article_with_its_duplicates(loaded):
    article = loaded.get("/articles/ar_outlet_b.txt").json()
    assert article["lang"] == "ar" and article["segments"][0]["kind"] in {"body", "boilerplate", "related"}
    assert article["indexed_passages"] > 0
    carriers = {aid for g in article["duplicate_groups"] for aid in g["articles"]}
    assert {"ar_outlet_a.txt", "en_outlet_c.txt"} <= carriers
    pair = article["duplicate_groups"][0]["pairs"][0]
    assert {"a", "b", "article_a", "article_b", "similarity", "lexical_overlap", "match_type"} <= set(pair)


def test_stories_filters_and_story_detail(loaded):
    stories = loaded.get("/stories").json()
    assert stories["total"] == len(stories["stories"]) == 8
    witkoff = next(s for s in stories["stories"] if "ar_outlet_a.txt" in s["articles"])
    assert set(witkoff["articles"]) == {"ar_outlet_a.txt", "ar_outlet_b.txt", "en_outlet_c.txt"}
    detail = loaded.get(f"/stories/{witkoff['id']}").json()
    assert [m["id"] for m in detail["members"]] == witkoff["articles"]
    assert detail["evidence"] and [g["id"] for g in detail["evidence_groups"]] == detail["evidence"]
    assert detail["history"][0]["event"] == "created" and "resolved_from" not in detail
    in_2025 = loaded.get("/stories", params={"from": "2025-07-01", "to": "2025-07-31"}).json()
    assert witkoff["id"] in {s["id"] for s in in_2025["stories"]}
    assert all(s["last_date"] >= "2025-07-01" and s["first_date"] <= "2025-07-31" for s in in_2025["stories"])
    assert loaded.get("/stories", params={"to": "2020-01-01"}).json()["total"] == 0
    by_outlet = loaded.get("/stories", params={"outlet": "outlet"}).json()
    assert [s["id"] for s in by_outlet["stories"]] == [witkoff["id"]]
    for name in ("Witkoff", "ويتكوف"):  # any spelling or script the quotes feature knows
        speaker = loaded.get("/stories", params={"speaker": name}).json()
        assert speaker["ignored_filters"] == []
        quoted = [s["articles"] for s in speaker["stories"]]
        assert witkoff["articles"] in quoted and ["000_ea44e2c584543728.txt"] in quoted and len(quoted) == 2
    assert loaded.get("/stories", params={"speaker": "nobody at all"}).json()["total"] == 0


def test_speaker_filter_is_ignored_without_quotes(tmp_path, use_encoder, embedding_cache):
    app = create_app(tmp_path / "store", use_encoder, config=Config(cache_dir=embedding_cache), quotes=False)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        client.post("/articles", json=records(QUOTES))
        answer = client.get("/stories", params={"speaker": "Witkoff"}).json()
    assert answer["ignored_filters"] == ["speaker"] and answer["total"] == 3


def test_old_story_id_answers_its_successor(loaded):
    app = loaded.app
    store = app.state.ingestor.store
    from cluster.store.story_ids import create_story

    with store.transaction():
        stray = create_story(store, ["en_outlet_c.txt"], "test drift")
        store.set_story(["en_outlet_c.txt"], stray)
        store.bump_revision()
    assert loaded.get(f"/stories/{stray}").json()["articles"] == ["en_outlet_c.txt"]
    app.state.ingestor.recluster("test")
    answer = loaded.get(f"/stories/{stray}").json()
    assert answer["resolved_from"] == stray and answer["id"] != stray
    assert "en_outlet_c.txt" in answer["articles"]
    assert any(e["event"] == "merged" and e["story"] == stray for e in answer["history"])


def test_lists_and_id_lookups_are_current_as_soon_as_the_post_returns(loaded):
    assert loaded.get("/articles").json()["total"] == 10
    posted = loaded.post("/articles", json=records(EDITED)).json()["articles"]
    for item in posted:  # each new article is answered at once, with the story it joined
        article = loaded.get(f"/articles/{item['id']}").json()
        assert article["story"] == item["story"]
    settle(loaded)
    listed = {a["id"]: a["story"] for a in loaded.get("/articles", params={"limit": 100}).json()["articles"]}
    assert len(listed) == 13 and all(listed[item["id"]] == item["story"] for item in posted)


def test_duplicates_list_and_filter(loaded):
    groups = loaded.get("/duplicates").json()
    assert groups["total"] == len(groups["duplicate_groups"]) >= 1
    only = loaded.get("/duplicates", params={"article": "en_outlet_c.txt"}).json()
    assert only["total"] >= 1 and all("en_outlet_c.txt" in g["articles"] for g in only["duplicate_groups"])


def test_health_counts(loaded):
    health = loaded.get("/health").json()
    assert health["status"] == "ok" and health["articles"] == 10
    assert health["index_size"] > 0 and health["generation"] == 2 and health["model"] == "use-m3"
    assert health["limits"]["max_text_chars"] == MAX_TEXT_CHARS


def test_openapi_describes_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/articles", "/articles/{article_id}", "/stories", "/stories/{story_id}", "/duplicates", "/health"} <= set(paths)


def test_posted_article_is_read_like_a_record_line(client):
    """No title: the first line of the text; an unparseable date: kept without one, and the answer says so."""
    body = {"id": 7, "text": "\n  First line  \n\nThe body.", "date": "next tuesday-ish", "source": " Wire "}
    answer = client.post("/articles", json=body)
    assert answer.status_code == 200, answer.text
    assert answer.json()["notices"] == ["7: unparseable date 'next tuesday-ish', kept without a date"]
    stored = client.get("/articles/7").json()
    assert (stored["title"], stored["date"], stored["source"], stored["lang"]) == ("First line", None, "Wire", "en")
    assert "notices" not in client.post("/articles", json={"id": "8", "text": "txt", "date": "2024-09-13"}).json()


@pytest.mark.parametrize(
    "body, status, words",
    [
        (b'{"id": "x", "text": ', 400, "malformed JSON"),
        (b"not json at all", 400, "malformed JSON"),
        (json.dumps({"id": "x"}).encode(), 422, "text"),
        (json.dumps({"id": "x", "text": "   "}).encode(), 422, "empty 'text'"),
        (json.dumps({"text": "no id here"}).encode(), 422, "missing 'id'"),
        (json.dumps({"id": "x", "text": 5}).encode(), 422, "text"),
        (json.dumps({"id": "x", "text": "txt", "date": "x" * 101}).encode(), 422, "date"),
        (json.dumps([{"id": "x", "text": "txt"}, {"id": "y"}]).encode(), 422, "article 1: missing 'text'"),
        (json.dumps(5).encode(), 422, "not an object"),
        (json.dumps({"id": "x\u0000y", "text": "txt"}).encode(), 422, "id"),
        (json.dumps({"id": "x", "text": "a" * (MAX_TEXT_CHARS + 1)}).encode(), 422, "text"),
        (json.dumps([]).encode(), 422, "empty"),
        (json.dumps([{"id": f"a{k}", "text": "txt"} for k in range(MAX_BATCH + 1)]).encode(), 413, "at most"),
        (json.dumps({"id": "x", "text": "__import__('os').system('true')"}).encode()[:-1] + b"}}", 400, "malformed"),
    ],
)
def test_bad_posts_get_a_clear_4xx(client, body, status, words):
    answer = client.post("/articles", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == status, answer.text
    assert words in answer.json()["error"]
    assert client.get("/health").json()["articles"] == 0


def test_oversized_body_is_refused_before_parsing(client):
    from cluster.service.app import MAX_BODY_BYTES

    answer = client.post("/articles", content=b"x" * (MAX_BODY_BYTES + 1), headers={"content-type": "application/json"})
    assert answer.status_code == 413 and "bytes" in answer.json()["error"]

    def chunks():  # no Content-Length: counted as it streams
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"x" * 65536

    streamed = client.post("/articles", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_unknown_ids_and_bad_queries(loaded):
    for path in ("/articles/nope", "/stories/S999", "/stories/../../etc/passwd", "/articles/../../etc/passwd"):
        answer = loaded.get(path)
        assert answer.status_code == 404, path
        assert "error" in answer.json()
    assert loaded.get("/duplicates", params={"article": "nope"}).status_code == 404
    assert loaded.get("/articles", params={"limit": 0}).status_code == 422
    assert loaded.get("/articles", params={"offset": -1}).status_code == 422
    assert loaded.get("/stories", params={"from": "yesterday"}).status_code == 422
    wrong_way = loaded.get("/stories", params={"from": "2025-02-01", "to": "2025-01-01"})
    assert wrong_way.status_code == 422 and "after" in wrong_way.json()["error"]


def test_concurrent_posts_are_batched_into_fewer_encodes(client):
    """Eight clients post at once; the worker drains them into fewer ingestion batches."""
    docs = records(SEEDS) + records(EDITED)
    answers: list[int] = []

    def post(doc: dict) -> None:
        answers.append(client.post("/articles", json=doc).status_code)

    threads = [threading.Thread(target=post, args=(d,)) for d in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [200] * len(docs)
    health = client.get("/health").json()
    assert health["articles"] == len(docs)
    assert health["batches"] < len(docs) and health["largest_batch"] >= 2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_real_socket_round_trip(tmp_path, use_encoder, embedding_cache):
    import uvicorn

    app = create_app(tmp_path / "store", use_encoder, config=Config(cache_dir=embedding_cache))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 20
        while not server.started and time.time() < deadline:
            time.sleep(0.05)
        with httpx.Client(base_url=base, timeout=30) as http:
            posted = http.post("/articles", json=records(QUOTES))
            assert posted.status_code == 200 and posted.json()["total"] == 5
            assert http.get("/health").json()["articles"] == 5
            story = http.get("/articles/en_outlet_c.txt").json()["story"]
            assert "ar_outlet_a.txt" in http.get(f"/stories/{story}").json()["articles"]
            assert http.post("/articles", content=b"{", headers={"content-type": "application/json"}).status_code == 400
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_load_test_at_small_size(tmp_path, use_encoder, embedding_cache):
    """Concurrent clients over a real socket: every posted article stored, indexed and findable."""
    from cluster.service.loadtest import run_loadtest

    report = run_loadtest(clients=4, posts=2, batch=2, queries=1, probes=2, store_dir=tmp_path / "store",
                          encoder=use_encoder, config=Config(cache_dir=embedding_cache), time_limit=60)
    assert report.ok, report.render()
    assert report.posted == report.stored == report.indexed == 16
    assert report.search_found == report.search_probes == 2
    assert report.requests == 4 * 2 * 4 and report.requests_per_second > 0  # POST, then article, story, list
    assert {"POST", "GET article", "GET story", "GET stories"} == set(report.latency_ms)
    assert all(s["p99"] >= s["p50"] > 0 for s in report.latency_ms.values())
    assert "requests/s" in report.render()


def test_a_preloaded_service_reads_the_writers_memory_before_its_first_post(tmp_path, fake_encoder):
    """``preload_model`` (``cluster serve``) also reads what the writer keeps in memory (the stored articles'
    words and LSH buckets, the match graph, the body vectors) before the service answers: the first POST after a
    start no longer pays for reading the whole store. What it reads is what a first add would have read. The
    start-up says what it is doing (``cluster serve`` prints it: half a minute or more at 20,000 articles)."""
    config = Config(cache_dir=tmp_path / "cache")
    with Ingestor(tmp_path / "store", config, encoder=fake_encoder, settings=IngestSettings(recluster_every=0)) as w:
        w.add(load_corpus(SEEDS).articles)
    said: list[str] = []
    app = create_app(tmp_path / "store", fake_encoder, config=config, settings=IngestSettings(recluster_every=0),
                     preload_model=True, announce=said.append)
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        assert said[0].startswith("loading the model and reading the store") and said[1].startswith("ready in ")
        writer = app.state.ingestor
        assert writer.stored_words.loaded and writer.match_graph.loaded and writer._bodies is not None
        assert set(writer.stored_words.ids) == {a.id for a in load_corpus(SEEDS).articles}
        one = records(QUOTES)[0]
        answer = test_client.post("/articles", json=one).json()
        assert answer["articles"][0]["status"] == "added" and answer["articles"][0]["story"]
        assert one["id"] in writer.stored_words.ids and one["id"] in writer._bodies.ids


def test_a_warmed_writer_places_a_batch_as_a_cold_one(tmp_path, fake_encoder):
    """``Ingestor.warm`` fills the story scorer's paragraph memos with every stored body paragraph: the batch's
    neighbourhood is then read from them, and it joins the same stories with the same matches."""
    import shutil

    from cluster.stories.features import paragraph_cues
    from cluster.stories.signals import paragraph_event_terms

    config = Config(cache_dir=tmp_path / "cache")
    settings = IngestSettings(recluster_every=0)
    with Ingestor(tmp_path / "cold", config, encoder=fake_encoder, settings=settings) as writer:
        writer.add(load_corpus(SEEDS).articles + load_corpus(EDITED).articles)
    shutil.copytree(tmp_path / "cold", tmp_path / "warm")
    answers = {}
    for name in ("cold", "warm"):
        paragraph_cues.cache_clear()
        paragraph_event_terms.cache_clear()
        with Ingestor(tmp_path / name, config, encoder=fake_encoder, settings=settings) as writer:
            if name == "warm":
                writer.warm()
                body = [s for segs in writer.stored_words.segments.values() for s in segs if s.kind.value == "body"]
                assert paragraph_cues.cache_info().currsize >= len({s.text for s in body}) > 0
            statuses = writer.add(load_corpus(QUOTES).articles)
            answers[name] = ([s.to_json() for s in statuses], writer.store.story_of(), writer.store.matches())
    assert answers["warm"] == answers["cold"]
