"""The Ray engine gives the local engine's groups and stories: in a local Ray and through a two-node
cluster started as separate processes. Skipped when Ray is not installed (``pip install '.[ray]'``)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from cluster.config import Config
from cluster.engines import local
from tests.conftest import EDITED, SEEDS
from tests.fake_encoder import FakeEncoder

ray = pytest.importorskip("ray", reason="Ray is optional: pip install '.[ray]'")
pytest.importorskip("pyarrow", reason="Ray Data writes Parquet: pip install '.[ray]'")
from cluster.engines import ray_engine  # noqa: E402

# Ray starts worker processes and a local cluster: minutes on 2 cores, so these belong to the slow tier.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ray-corpus")
    for source in list(SEEDS.glob("*.txt")) + list(EDITED.glob("*.txt")):
        shutil.copy(source, folder / source.name)
    return folder


def _found(outputs) -> tuple[list, list]:
    data = json.loads(outputs.views["json"])
    groups = sorted(sorted((p["article"], p["start"], p["end"]) for p in g["passages"])
                    for g in data["duplicate_groups"])  # fmt: skip
    stories = sorted(sorted(s["articles"]) for s in data["stories"])
    return groups, stories


@pytest.fixture(scope="module")
def local_found(corpus, tmp_path_factory):
    config = Config(cache_dir=tmp_path_factory.mktemp("local-cache"), scale={"cache_runs": False})
    from cluster.pipeline import run_views

    outputs = run_views(corpus, config, ["json"], encoder=FakeEncoder())
    groups, stories = _found(outputs)
    assert groups, "the corpus must hold duplicate groups to compare"
    return groups, stories


def test_ray_engine_matches_the_local_engine(corpus, local_found, tmp_path):
    config = Config(cache_dir=tmp_path / "cache")
    outputs = ray_engine.run(corpus, config, ["json"], encoder_factory=FakeEncoder)
    assert _found(outputs) == local_found


def test_ray_engine_ivf_search_in_query_tasks_finds_what_the_local_ivf_search_finds(corpus, local_found, tmp_path,
                                                                                     monkeypatch):
    """The IVF search forced on a small corpus, its queries split over several Ray tasks: the same groups
    and stories as the local engine with the same settings (one index, the same queries), and every group
    the exact search finds."""
    monkeypatch.setattr(ray_engine, "QUERIES_PER_TASK", 16)
    overrides = {"duplicates.search.ann_min_passages": 2, "duplicates.search.ann_cell_size": 64}
    config = Config(cache_dir=tmp_path / "cache").with_overrides(**overrides)
    outputs = ray_engine.run(corpus, config, ["json"], encoder_factory=FakeEncoder)
    from cluster.pipeline import run_views

    local_config = Config(cache_dir=tmp_path / "local", scale={"cache_runs": False}).with_overrides(**overrides)
    assert _found(outputs) == _found(run_views(corpus, local_config, ["json"], encoder=FakeEncoder()))
    assert _found(outputs)[0] == local_found[0]


@pytest.fixture(scope="module")
def record_copies(tmp_path_factory) -> dict[str, Path]:
    """The corpus as one JSONL file and as one Parquet file (tests/test_parquet.py writes them)."""
    from tests.test_parquet import corpus_records, write_copies

    jsonl, parquet = write_copies(tmp_path_factory.mktemp("records"), corpus_records())
    return {"jsonl": jsonl, "parquet": parquet}


def _articles(outputs) -> list[tuple]:
    return [(a["id"], a["title"], a["date"], a["lang"]) for a in json.loads(outputs.views["json"])["articles"]]


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_ray_data_reads_record_files_as_the_local_readers_do(kind, record_copies, local_found, tmp_path):
    """Ray Data reads the file; ids, titles, dates, groups and stories are the local engine's."""
    from cluster.pipeline import run_views

    path = record_copies[kind]
    local_run = run_views(path, Config(cache_dir=tmp_path / "local", scale={"cache_runs": False}), ["json"],
                          encoder=FakeEncoder())
    on_ray = ray_engine.run(path, Config(cache_dir=tmp_path / "ray"), ["json"], encoder_factory=FakeEncoder)
    assert _articles(on_ray) == _articles(local_run)
    assert _found(on_ray) == _found(local_run) == local_found
    assert not any("read on the driver" in n for n in on_ray.result.notices)


def test_ray_reader_keeps_text_ids_and_offset_dates_and_falls_back_on_mixed_types(tmp_path):
    """Arrow would read ``007`` as 7 and an offset date as UTC (the day before): types are pinned. A
    JSONL file whose ids mix numbers and strings is read on the driver, with a notice."""
    from cluster.engines.ray_read import ray_reader
    from cluster.ingest.readers import load_corpus

    (tmp_path / "a.csv").write_text("ID;Text;Date\n007;Rain closed the port.;2024-03-01T02:00:00+05:00\n"
                                    "8;The port reopened.;\n", encoding="utf-8")
    rows = [{"id": "007", "text": "Ships waited outside.", "date": "2024-03-01T02:00:00+05:00"},
            {"id": 9, "text": "The strike ended.", "date": "next tuesday"}]
    (tmp_path / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    ray.init(num_cpus=2, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
    try:
        on_ray = load_corpus(tmp_path, reader=ray_reader(ray))
    finally:
        ray.shutdown()
    local_read = load_corpus(tmp_path)
    keys = [(a.id, a.title, a.date) for a in local_read.articles]
    assert [(a.id, a.title, a.date) for a in on_ray.articles] == keys
    assert keys[0][0] == "007" and str(keys[0][2]) == "2024-03-01"
    assert any("b.jsonl: read on the driver" in n for n in on_ray.notices)
    assert not any("a.csv" in n and "driver" in n for n in on_ray.notices)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


DRIVER = """
import json, sys
from pathlib import Path
from cluster.config import Config
from cluster.engines import ray_engine
from tests.fake_encoder import FakeEncoder
corpus, cache, address = sys.argv[1:4]
outputs = ray_engine.run(Path(corpus), Config(cache_dir=Path(cache)), ["json"], address=address,
                         encoder_factory=FakeEncoder)
print(outputs.views["json"])
"""


class _Views:
    def __init__(self, report: str) -> None:
        self.views = {"json": report}


def test_ray_engine_through_a_head_and_a_worker_node(corpus, local_found, tmp_path, monkeypatch):
    """A throw-away cluster on 127.0.0.1: token auth off (Ray >= 2.5x would need the head's token). The
    driver is its own process, as `cluster run --engine ray --address` is: in this test process, after
    the other Ray tests had run a local Ray, its embedding actors died 'cancelled before it started
    running'."""
    monkeypatch.setenv("RAY_AUTH_MODE", "disabled")
    ray_cli = [sys.executable, "-m", "ray.scripts.scripts"]  # not bin/ray: its shebang names the venv it was
    # installed from, which a shared or moved venv may no longer have (FileNotFoundError on this machine)
    port = _free_port()
    common = ["--num-cpus=1", "--disable-usage-stats", "--node-ip-address=127.0.0.1"]
    temp_dir = tempfile.mkdtemp(prefix="ray", dir="/tmp")  # socket paths must be short
    head = [*ray_cli, "start", "--head", f"--port={port}", "--include-dashboard=false", *common, f"--temp-dir={temp_dir}"]
    try:
        subprocess.run(head, check=True, capture_output=True, timeout=180)
        subprocess.run([*ray_cli, "start", f"--address=127.0.0.1:{port}", *common], check=True, capture_output=True,
                       timeout=180)  # fmt: skip
        driver = subprocess.run([sys.executable, "-c", DRIVER, str(corpus), str(tmp_path / "cache"),
                                 f"127.0.0.1:{port}"], capture_output=True, text=True, timeout=600,
                                cwd=Path(__file__).parent.parent)  # fmt: skip
        assert driver.returncode == 0, driver.stderr[-2000:]
        assert _found(_Views(driver.stdout)) == local_found
    finally:
        _stop_nodes(temp_dir)


def _stop_nodes(temp_dir: str, timeout: float = 30.0) -> None:
    """Stop this test's two nodes only: every process naming their temp dir, and its children (workers, agents).
    `ray stop --force` stopped every Ray process of the machine, another suite's or a user's cluster too."""
    procs = Path("/proc")
    parents, lines = {}, {}
    for entry in procs.iterdir():
        if entry.name.isdigit():
            try:
                lines[int(entry.name)] = (entry / "cmdline").read_bytes()
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue  # gone meanwhile
    own, pid = set(), os.getpid()
    while pid > 1 and pid not in own:  # this process and its ancestors may name the directory too
        own.add(pid)
        pid = parents.get(pid, 1)
    mine = {pid for pid, line in lines.items() if temp_dir.encode() in line} - own
    while grown := {pid for pid, parent in parents.items() if parent in mine} - mine - own:
        mine |= grown
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in mine:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + timeout
        while (mine := {pid for pid in mine if (procs / str(pid)).exists()}) and time.monotonic() < deadline:
            time.sleep(0.2)


def test_local_engine_is_the_pipeline(corpus, local_found, tmp_path, monkeypatch, fake_model):
    outputs = local.run(corpus, Config(cache_dir=tmp_path / "cache"), ["json"])
    assert _found(outputs) == local_found

