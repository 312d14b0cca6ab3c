"""The growth table of docs/scale.md: per-stage wall and CPU time, growth exponents and peak memory at
corpus sizes up to 300,000 passages, on this machine, local engine.

Why it is not :mod:`cluster.evaluation.bench`: that one brackets each cold run with two bare encodes
of the same texts (A-B-A), three embeddings per size, which is an hour or more at 300k passages on two
cores. Here the embedding floor is the cold embed stage's own time inside ``encode``, and every size
runs up to three fresh child processes on one embedding cache (kept in ``--cache-root``, so that a
large size is embedded once and re-timed in minutes afterwards):

* ``cold``: the embedding cache as found (empty the first time: a real cold run) and no run cached;
* ``stages``: the run cache's entry for this corpus dropped, embeddings served by the cache: every
  stage after embedding timed again (what the exponents of those stages are read from);
* ``warm``: an unchanged re-run, as a user's second ``cluster run`` (served by the run cache).

Sizes are paragraphs (``build_corpus``); the table states the passages they came to (about 1.24 a
paragraph). Corpora are written as folders of JSONL files of 4,000 articles (one file of 300k passages
would pass ``max_file_bytes``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from cluster.evaluation.bench import SOURCE_SETS, Pool, _TimedEncoder, build_corpus
from cluster.evaluation.data import eval_set
from cluster.evaluation.growth_report import GrowthRun, render_growth

MODES = ("cold", "stages", "warm")
PER_FILE = 4000


def write_corpus(paragraphs: int, folder: Path, reach: int | None = None, stories: bool = False) -> Path:
    """``build_corpus(paragraphs, reach)`` as ``folder/part-NN.jsonl`` (kept if already there: the run cache
    keys articles by path, so a re-timing must read the very same files); ``stories``: whole stories only
    (``whole_stories``)."""
    if folder.is_dir() and any(folder.glob("part-*.jsonl")):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    records = build_corpus(paragraphs, reach, whole_stories if stories else None)
    for n, lo in enumerate(range(0, len(records), PER_FILE)):
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[lo : lo + PER_FILE])
        (folder / f"part-{n:02d}.jsonl").write_text(lines, encoding="utf-8")
    return folder


def whole_stories(pool: Pool) -> Pool:
    """The pool with each gold story's articles together, stories in the order of their first article (articles
    of no gold story, the seeds, each on their own), so that a corpus drawn from its front holds whole stories.

    With ``--reach`` alone a corpus of every size has each article in the same number of versions, but a small
    one draws single articles of many stories and the 300k one every article of every story: the articles of a
    story, and the pairs of them that share a passage (which the story stage reads again), grow with the corpus.
    Drawn whole, stories keep their size at every corpus size, and a stage's growth is the corpus's alone."""
    story_of: dict[str, tuple[str, int]] = {}
    for name in SOURCE_SETS:
        gold = json.loads((eval_set(name) / "gold.json").read_text(encoding="utf-8"))  # type: ignore[operator]
        story_of.update({article: (name, n) for n, members in enumerate(gold["stories"]) for article in members})
    firsts: dict[object, int] = {}
    keys = [firsts.setdefault(story_of.get(rec["id"], rec["id"]), k) for k, (rec, _) in enumerate(pool)]
    return [pool[k] for k in sorted(range(len(pool)), key=lambda k: (keys[k], k))]


# --- the child process -----------------------------------------------------------------------------


def _config(spec: dict[str, Any]) -> Any:
    from cluster.config import Config

    return Config(cache_dir=Path(spec["cache"])).for_model(spec["model"])


def _forget_run(corpus: Path, config: Any) -> None:
    """Drop the cached run of this corpus, so that the ``stages`` mode runs every stage again."""
    from cluster.pipeline import Stopwatch, load_articles
    from cluster.stage_cache import RunCache, run_key

    articles, skipped, notices = load_articles(corpus, config, Stopwatch())
    cache = RunCache.open(config)
    if cache is not None:
        cache.forget(run_key(articles, skipped, notices, config))
        cache.close()


def _measure(spec: dict[str, Any]) -> dict[str, Any]:
    """Runs inside the child: one ``run_views`` of ``cluster run``'s path, both reports rendered."""
    import models
    from cluster.embed import LazyEncoder
    from cluster.pipeline import peak_rss_mb, run_views

    corpus, config, load0 = Path(spec["corpus"]), _config(spec), os.getloadavg()[0]
    if spec["mode"] == "stages":
        _forget_run(corpus, config)
    model_load_s, lazy = 0.0, LazyEncoder.for_model(spec["model"])
    if spec["mode"] == "cold":  # loaded outside the stages: the floor is encoding, not torch's import
        start = time.perf_counter()
        model = models.load_encoder(spec["model"])
        model.encode(["Warm-up sentence for the encoder."] * 16, show_progress_bar=False)
        model_load_s, lazy = time.perf_counter() - start, model
    encoder = _TimedEncoder(lazy)
    start = time.perf_counter()
    outputs = run_views(corpus, config, ["text", "json"], encoder=encoder)
    run_s, peak_mb = time.perf_counter() - start, peak_rss_mb()  # the run's peak, before the summary is read
    summary = (outputs.contract.summary.model_dump() if outputs.contract is not None  # the same either way
               else json.loads(outputs.views["json"])["summary"])
    texts = len({u.text for u in outputs.result.units}) if outputs.result is not None else 0
    return asdict(GrowthRun(
        mode=spec["mode"], paragraphs=spec["paragraphs"], articles=summary["articles"],
        passages=summary["passages"], wall=outputs.timings, cpu=outputs.cpu, encoded_texts=encoder.count,
        encode_s=encoder.seconds_for_first(texts) if encoder.count else 0.0, model_load_s=model_load_s,
        encode_all_s=sum(seconds for _, seconds in encoder.calls), peak_rss_mb=peak_mb, stage_peak_mb=outputs.peak_mb, load_average=[load0, os.getloadavg()[0]], run_s=run_s,
    ))  # fmt: skip


# --- the parent ------------------------------------------------------------------------------------


def run_child(spec: dict[str, Any], workdir: Path) -> GrowthRun:
    """One mode at one size in a fresh interpreter (``ru_maxrss`` is a high-water mark per process)."""
    spec_path = workdir / f"spec-{spec['paragraphs']}-{spec['mode']}.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    out = spec_path.with_suffix(".result.json")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    cmd = [sys.executable, "-m", "cluster.evaluation.growth", "--worker", str(spec_path), "--result", str(out)]
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"growth child failed ({done.returncode}):\n" + done.stderr[-4000:])
    return GrowthRun(**{**json.loads(out.read_text(encoding="utf-8")), "process_s": time.perf_counter() - start})


def measure_growth(sizes: list[int], modes: list[str], root: Path, model: str = "use-m3",
                   log: Any = None, reach: int | None = None, stories: bool = False) -> list[GrowthRun]:
    """Every mode at every size (paragraphs), corpora and caches kept under ``root`` (reused if there)."""
    runs, suffix = [], ("" if reach is None else f"-reach{reach}") + ("-stories" if stories else "")
    for size in sizes:
        corpus = write_corpus(size, root / f"corpus-{size}{suffix}", reach, stories)
        for mode in modes:
            spec = {"mode": mode, "paragraphs": size, "corpus": str(corpus), "model": model,
                    "cache": str(root / f"cache-{size}{suffix}")}  # fmt: skip
            runs.append(run_child(spec, root))
            if log is not None:
                r = runs[-1]
                log(f"{size:,} paragraphs ({r.passages:,} passages) {mode}: {r.total:.1f} s wall, "
                    f"{r.total_cpu:.1f} s CPU, peak {r.peak_rss_mb:,.0f} MB, load {r.load_average}")
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cluster.evaluation.growth", description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--sizes", default="8100,24300,81000,243000", help="Corpus sizes in paragraphs (~1.24 passages each).")
    add("--modes", default=",".join(MODES), help="Which of cold, stages, warm to run, in that order.")
    add("--root", type=Path, help="Folder for the corpora and per-size caches (kept; reused when there).")
    add("--model", default="use-m3")
    add("--reach", type=int, help="Versions of each article (original and marked copies) at every size: a fixed mix "
        "(default: dev articles first, then copies, so the share of copies grows with size).")
    add("--whole-stories", action="store_true", help="Draw whole gold stories (with --reach: every size then has "
        "stories of the same sizes, so a stage that works per story grows with the corpus alone).")
    add("--json", type=Path, help="Save the measurements here (added to what the file already holds).")
    add("--render", type=Path, help="Render measurements saved with --json instead of measuring.")
    add("--worker", type=Path, help=argparse.SUPPRESS)
    add("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        args.result.write_text(json.dumps(_measure(json.loads(args.worker.read_text(encoding="utf-8")))))
        return 0
    if args.render:
        runs = [GrowthRun(**r) for r in json.loads(args.render.read_text(encoding="utf-8"))]
    else:
        if args.root is None:
            parser.error("--root is needed to measure (corpora and caches are kept there)")
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
        modes = [m for m in MODES if m in args.modes.split(",")]
        runs = measure_growth(sizes, modes, args.root, args.model, log=lambda s: print(s, file=sys.stderr, flush=True),
                              reach=args.reach, stories=args.whole_stories)
        if args.json:
            old = json.loads(args.json.read_text(encoding="utf-8")) if args.json.exists() else []
            args.json.write_text(json.dumps(old + [asdict(r) for r in runs], indent=1) + "\n", encoding="utf-8")
    sys.stdout.write(render_growth(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
