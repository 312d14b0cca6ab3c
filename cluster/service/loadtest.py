"""A bounded load test of the HTTP service on loopback: N concurrent clients post articles and query.

    python -m cluster.service.loadtest --clients 8 --posts 5 --batch 2

Starts the service in this process on a free loopback port (or targets ``--url``), runs the clients
as threads, then checks that every posted article is stored, indexed and in a story, and that a
verbatim copy of a few of them finds the original as a duplicate (a real search through the index).
Prints requests per second and p50/p99 latency per request kind. The articles are English news from
the ECB+ dev set (``ecbplus-dev`` in the folder ``cluster.evaluation.data.eval_dir`` names:
``$NEWS_CLUSTER_EVAL``, else ``../shared/eval`` beside the repository) when present, else the
Arabic seed articles bundled in ``seeds/``, repeated under new ids.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import numpy as np

from cluster.evaluation.data import eval_set

if TYPE_CHECKING:
    import httpx

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@dataclass
class LoadReport:
    clients: int
    requests: int
    seconds: float
    latency_ms: dict[str, dict[str, float]]
    errors: list[str] = field(default_factory=list)
    posted: int = 0
    stored: int = 0
    indexed: int = 0
    in_story: int = 0
    search_probes: int = 0
    search_found: int = 0
    ingest_batches: int = 0
    largest_batch: int = 0

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def ok(self) -> bool:
        all_stored = self.stored == self.posted == self.in_story
        return not self.errors and all_stored and self.search_found == self.search_probes

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "requests_per_second": round(self.requests_per_second, 2), "ok": self.ok}

    def render(self) -> str:
        lines = [
            f"{self.clients} clients, {self.requests} requests in {self.seconds:.1f} s: "
            f"{self.requests_per_second:.1f} requests/s",
        ]
        for kind, stats in sorted(self.latency_ms.items()):
            lines.append(f"  {kind:<12} n={int(stats['n']):<5} p50 {stats['p50']:.0f} ms  p99 {stats['p99']:.0f} ms")
        lines.append(f"  posted {self.posted}, stored {self.stored}, indexed {self.indexed}, "
                     f"in a story {self.in_story}")
        lines.append("  search probes (verbatim copies) finding their original: "
                     f"{self.search_found}/{self.search_probes}")
        lines.append(f"  ingestion batches {self.ingest_batches}, largest {self.largest_batch} articles")
        lines += [f"  error: {e}" for e in self.errors[:10]]
        lines.append("OK" if self.ok else "FAILED")
        return "\n".join(lines)


def load_records(count: int, prefix: str = "") -> list[dict[str, Any]]:
    """``count`` real articles as POST records (ECB+ English news, else the Arabic seeds repeated);
    ``prefix`` makes their ids new to a store that already holds them."""
    dev_set = eval_set("ecbplus-dev")
    if dev_set is not None:
        lines = (dev_set / "docs.jsonl").read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
        rows = [{k: r.get(k) for k in ("id", "title", "text", "date", "source")} for r in rows if r.get("text")]
    else:
        from cluster.ingest.readers import load_corpus

        rows = [{"id": a.id, "title": a.title, "text": a.text} for a in load_corpus(SEEDS).articles]
    out = []
    for k in range(count):
        row = dict(rows[k % len(rows)])
        if k >= len(rows):
            row["id"] = f"{row['id']}#{k // len(rows)}"
        row["id"] = prefix + row["id"]
        out.append(row)
    return out


@dataclass
class _Plan:
    """What each client does: ``posts`` POSTs of ``batch`` articles, each followed by ``queries`` rounds of
    GETs (a just-posted article, its story, the story list)."""

    clients: int
    posts: int
    batch: int
    queries: int

    @property
    def per_client(self) -> int:
        return self.posts * self.batch


class _Recorder:
    """Latencies by request kind and errors, shared by the client threads."""

    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self._lock = threading.Lock()

    def request(self, http: httpx.Client, kind: str, method: str, path: str, **kwargs: Any) -> httpx.Response | None:
        import httpx

        start = time.perf_counter()
        try:
            response = http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            with self._lock:
                self.errors.append(f"{method} {path}: {exc}")
            return None
        with self._lock:
            self.latencies[kind].append((time.perf_counter() - start) * 1000)
            if response.status_code >= 400:
                self.errors.append(f"{method} {path}: {response.status_code} {response.text[:200]}")
        return response


def _client(number: int, url: str, records: list[dict[str, Any]], plan: _Plan, recorder: _Recorder,
            deadline: float, timeout: float) -> None:
    """One client: post its share of the records; after each POST read back the articles it just
    posted (``GET article``: the read a live store must answer at once), their stories by id, and the
    story list."""
    import httpx

    mine = records[number * plan.per_client : (number + 1) * plan.per_client]
    with httpx.Client(base_url=url, timeout=timeout) as http:
        for k in range(plan.posts):
            if time.monotonic() > deadline:
                return
            batch = mine[k * plan.batch : (k + 1) * plan.batch]
            recorder.request(http, "POST", "POST", "/articles", json=batch)
            for q in range(plan.queries):
                seen = batch[q % len(batch)]["id"]
                answer = recorder.request(http, "GET article", "GET", f"/articles/{quote(seen, safe='')}")
                story = answer.json().get("story") if answer is not None and answer.status_code == 200 else None
                if story:
                    recorder.request(http, "GET story", "GET", f"/stories/{story}")
                recorder.request(http, "GET stories", "GET", "/stories", params={"limit": 20})


def _run_clients(url: str, records: list[dict[str, Any]], plan: _Plan, time_limit: float) -> LoadReport:
    """All clients at once, as threads; the report of their requests (before any verification)."""
    recorder = _Recorder()
    deadline = time.monotonic() + time_limit
    args = (url, records, plan, recorder, deadline, time_limit)
    started = time.perf_counter()
    threads = [threading.Thread(target=_client, args=(n, *args)) for n in range(plan.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    return LoadReport(
        clients=plan.clients,
        requests=sum(len(v) for v in recorder.latencies.values()),
        seconds=seconds,
        latency_ms={k: _stats(v) for k, v in recorder.latencies.items()},
        errors=recorder.errors,
    )


def run_loadtest(
    *,
    clients: int = 8,
    posts: int = 5,
    batch: int = 2,
    queries: int = 2,
    probes: int = 3,
    url: str | None = None,
    store_dir: Path | None = None,
    encoder: Any = None,
    config: Any = None,
    time_limit: float = 120.0,
    id_prefix: str = "",
) -> LoadReport:
    """Run the clients against ``url`` or a server started here; bounded by count and ``time_limit``."""
    server = None
    if url is None:
        server, url = _start_server(store_dir or Path(tempfile.mkdtemp(prefix="loadtest-")), encoder, config)
    try:
        plan = _Plan(clients, posts, batch, queries)
        records = load_records(clients * plan.per_client, id_prefix)
        report = _run_clients(url, records, plan, time_limit)
        _verify(url, records, report, probes)
    finally:
        if server is not None:
            server.should_exit = True
    return report


def _verify(url: str, records: list[dict[str, Any]], report: LoadReport, probes: int) -> None:
    """Every posted article stored, indexed and in a story; verbatim copies find their originals."""
    import httpx

    with httpx.Client(base_url=url, timeout=120) as http:
        report.posted = len(records)
        for record in records:
            answer = http.get(f"/articles/{quote(record['id'], safe='')}")
            if answer.status_code != 200:
                continue
            body = answer.json()
            report.stored += 1
            report.indexed += int(body["indexed_passages"] > 0)
            if body["story"] and http.get(f"/stories/{body['story']}").status_code == 200:
                report.in_story += 1
        chosen = [r for r in records if len(r["text"].split()) >= 20][:probes]
        copies = [{**r, "id": f"copy-of-{r['id']}"} for r in chosen]
        if copies:
            http.post("/articles", json=copies)
        for original, copy in zip(chosen, copies):
            report.search_probes += 1
            groups = http.get(f"/articles/{quote(copy['id'], safe='')}").json().get("duplicate_groups", [])
            report.search_found += int(any(original["id"] in g["articles"] for g in groups))
        health = http.get("/health").json()
        report.ingest_batches, report.largest_batch = health["batches"], health["largest_batch"]


def _stats(values: list[float]) -> dict[str, float]:
    array = np.array(values)
    return {"n": float(len(array)), "p50": float(np.percentile(array, 50)), "p99": float(np.percentile(array, 99)),
            "mean": float(array.mean())}


def _start_server(store_dir: Path, encoder: Any, config: Any):
    import uvicorn

    from cluster.service.app import create_app

    app = create_app(store_dir, encoder, config=config, preload_model=encoder is None)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    limit = time.monotonic() + 300
    while not server.started:
        if time.monotonic() > limit:
            raise RuntimeError("the service did not start within 300 s")
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cluster.service.loadtest", description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--posts", type=int, default=5, help="POST requests per client")
    parser.add_argument("--batch", type=int, default=2, help="articles per POST")
    parser.add_argument("--queries", type=int, default=2, help="GET rounds per POST (article, story, list)")
    parser.add_argument("--url", help="an already running service (default: start one here)")
    parser.add_argument("--store", type=Path, help="store directory for the started service (default: a temp dir)")
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--id-prefix", default="", help="prefix for posted ids (to post them again as new)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    report = run_loadtest(clients=args.clients, posts=args.posts, batch=args.batch, queries=args.queries,
                          url=args.url, store_dir=args.store, time_limit=args.time_limit,
                          id_prefix=args.id_prefix)
    print(json.dumps(report.to_json(), indent=2) if args.json else report.render())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
