"""Fault injection on the HTTP service: hostile ids and texts, repeated ids, foreign Host headers, tokens,
the API page, and a server told to listen beyond loopback without a token.

Each test is a probe that once failed (docs/service.md, "Access"). Fast tier: the fake encoder; only
FastAPI's TestClient, never a socket on any address but loopback (``serve --host 0.0.0.0`` is only
run where it must refuse before binding).
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cli.main import app as cli_app
from cluster.config import Config
from cluster.service.app import create_app
from cluster.service.guard import host_name, is_loopback
from cluster.store.ingestor import Ingestor, IngestSettings

LOOPBACK = "http://127.0.0.1"
TEXT = "The ministry said on Tuesday that the convoy reached the border crossing after a two-day delay."


def make_client(tmp_path, fake_encoder, **options) -> TestClient:
    service = create_app(tmp_path / "store", fake_encoder, config=Config(cache_dir=tmp_path / "fake-cache"),
                         settings=IngestSettings(recluster_every=0), quotes=False, **options)
    return TestClient(service, base_url=LOOPBACK)


@pytest.fixture()
def client(tmp_path, fake_encoder):
    with make_client(tmp_path, fake_encoder) as test_client:
        yield test_client


# --- 8a: one id twice in one POST -------------------------------------------------------------------


def test_repeated_id_in_one_post_is_reported_not_counted_twice(client):
    answer = client.post("/articles", json=[{"id": "a1", "text": TEXT}, {"id": "b1", "text": TEXT + " More."},
                                            {"id": "a1", "text": "Another text under the same id, dropped."}])
    assert answer.status_code == 200, answer.text
    statuses = [(a["id"], a["status"]) for a in answer.json()["articles"]]
    assert statuses == [("a1", "added"), ("b1", "added"), ("a1", "duplicate_in_batch")]
    assert answer.json()["total"] == 3
    assert client.get("/health").json()["articles"] == 2
    assert client.get("/articles/a1").json()["segments"][0]["text"].startswith("The ministry")  # first one kept
    again = client.post("/articles", json=[{"id": "a1", "text": TEXT}, {"id": "a1", "text": TEXT}]).json()
    assert [a["status"] for a in again["articles"]] == ["unchanged", "duplicate_in_batch"]


# --- 8b: ids and texts -------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["a\x7fb", "a\x85b", "evil\u202etxt.exe", "a\u2066b\u2069", "zero\u200bwidth",
                                 "\ufeffbom", "line\u2028sep", "tab\tid", "a\x9bb"])
def test_ids_with_control_bidi_or_zero_width_characters_are_refused(client, bad):
    answer = client.post("/articles", json={"id": bad, "text": TEXT})
    assert answer.status_code == 422, answer.text
    assert "'id' must be printable" in answer.json()["error"]
    assert client.get("/health").json()["articles"] == 0


def test_printable_ids_in_any_script_are_kept(client):
    ids = ["خبر-١٢", "news/2024/05 item", "🙂 emoji id", "x" * 300]
    answer = client.post("/articles", json=[{"id": i, "text": TEXT + f" ({k})"} for k, i in enumerate(ids)])
    assert answer.status_code == 200, answer.text
    assert client.post("/articles", json={"id": "x" * 301, "text": TEXT}).status_code == 422


@pytest.mark.parametrize("text", ["\x00" * 50, "\u202e\u202a\u2066\u200f" * 20, "\u200b\u200c\u200d\u2060\ufeff" * 20,
                                  "2024 12 31 - 17:45", "\u064e\u064f\u0650 \u0651", "ab", "\x00a\u200bb\u202e"])
def test_texts_without_letters_are_refused_and_make_no_story(client, text):
    answer = client.post("/articles", json={"id": "empty-ish", "text": text})
    assert answer.status_code == 422, answer.text
    assert "'text' has fewer than 3 letters" in answer.json()["error"]
    health = client.get("/health").json()
    assert health["articles"] == 0 and health["stories"] == 0


def test_letterless_text_in_a_list_names_its_place(client):
    answer = client.post("/articles", json=[{"id": "ok", "text": TEXT}, {"id": "nul", "text": "\x00\x00\x00"}])
    assert answer.status_code == 422 and answer.json()["error"].startswith("article 1: ")


# --- 8c: Host header (DNS rebinding) -----------------------------------------------------------------


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "127.0.0.1.nip.io", "", "0.0.0.0"])
def test_foreign_host_header_is_refused(client, host):
    for path in ("/articles", "/health", "/openapi.json"):
        answer = client.get(path, headers={"host": host})
        assert answer.status_code == 400, (path, host, answer.text)
        assert "is not served here" in answer.json()["error"]


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:1234", "[::1]:8000", "localhost."])
def test_loopback_host_names_are_served(client, host):
    assert client.get("/articles", headers={"host": host}).status_code == 200


def test_allowed_hosts_are_served(tmp_path, fake_encoder):
    with make_client(tmp_path, fake_encoder, host="10.0.0.5", allowed_hosts=["news.internal"],
                     token="t0ken") as test_client:
        for host in ("news.internal:8000", "10.0.0.5:8000"):
            assert test_client.get("/health", headers={"host": host}).status_code == 200
        assert test_client.get("/health", headers={"host": "evil.internal"}).status_code == 400


# --- 8d: token --------------------------------------------------------------------------------------


def test_token_is_required_on_every_route_but_health(tmp_path, fake_encoder):
    with make_client(tmp_path, fake_encoder, token="s3cret-token") as test_client:
        good = {"authorization": "Bearer s3cret-token"}
        for method, path in (("get", "/articles"), ("get", "/stories"), ("get", "/duplicates"),
                             ("get", "/openapi.json"), ("get", "/articles/x"), ("post", "/articles")):
            for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": "s3cret-token"},
                            {"authorization": "Basic s3cret-token"}, {"authorization": "Bearer s3cret-token2"}):
                answer = getattr(test_client, method)(path, headers=headers)
                assert answer.status_code == 401, (method, path, headers)
                assert answer.headers["www-authenticate"] == "Bearer"
        assert test_client.get("/health").status_code == 200
        assert test_client.get("/articles", headers=good).status_code == 200
        posted = test_client.post("/articles", json={"id": "t1", "text": TEXT}, headers=good)
        assert posted.status_code == 200 and posted.json()["articles"][0]["status"] == "added"


def test_no_token_needed_on_loopback_without_one(client):
    assert client.get("/articles").status_code == 200


def test_serve_off_loopback_without_token_refuses_to_start(tmp_path, fake_encoder, monkeypatch):
    with Ingestor(tmp_path / "store", encoder=fake_encoder):
        pass  # an existing store: the refusal must come from the missing token
    monkeypatch.delenv("NEWS_CLUSTER_TOKEN", raising=False)
    for host in ("0.0.0.0", "::", "192.168.1.10", "news.example"):
        result = CliRunner().invoke(cli_app, ["serve", "--store", str(tmp_path / "store"), "--host", host])
        assert result.exit_code == 2, result.output
        assert "not a loopback address" in result.output and "Traceback" not in result.output
        assert result.output.strip().count("\n") == 0


def test_loopback_detection():
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.10", "example.com", "localhost.example"))
    assert host_name("[::1]:8000") == "::1" and host_name("Example.COM.:80") == "example.com"


# --- 8e: the API page -------------------------------------------------------------------------------


def test_api_page_is_off_and_openapi_stays(client):
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
    described = client.get("/openapi.json")
    assert described.status_code == 200 and "/articles" in described.json()["paths"]
    assert "cdn" not in described.text.lower()
