"""Benchmark of the reports at a day of news: terminal report lines, HTML size, HTML load and search time in
headless Chromium, and report rendering time per corpus size (with its scaling exponent).

``python -m cluster.evaluation.report_bench --sizes 10000,30000 --cache report-bench-cache`` builds the
bench corpora (``bench.build_corpus``: dev articles, then marked copies; ``--reach N``: every article in exactly
N versions at every size, so that pairs and carriers grow with the corpus, not faster), runs the pipeline once per size
(embeddings cached in ``--cache``, so a second call measures the reports only), and renders every view.
Not a timed test: figures depend on the machine; docs/benchmarks.md says how they were taken.

Why it is measured this way: rendering is everything ``cluster run`` does after the pipeline's Result is built
(the contract ``Report.from_result``, then from it the text report, the JSON, the HTML page and the CSV tables),
timed ``--repeats`` times per size in this one process (the sizes taking turns; the report modules' memo caches
emptied before each rendering, as in a fresh process), the median reported, in wall and in CPU seconds;
the exponent is the log-log slope of those medians between the first and last size (1 = linear), also given
against grouped passages (carriers), pairs and the bytes the views write, which grow faster than the corpus on
this bench. Load time is until the page's script has drawn the first screen (``load`` event, then the first
story in the DOM); search time is from typing a word into the search box until the section counts show the
filtered result, median of several words.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from cluster.evaluation.bench_report import log_slope

CHROMIUM = shutil.which("chromium") or next((p for p in ("/usr/bin/chromium",) if Path(p).exists()), None)
"""The system Chromium (None when there is none): the benchmark and the browser tests drive the same one."""
# Without these chromium waits on network look-ups and first-run work on a machine with no internet.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
RENDER_PARTS = ("render", "render_cpu", "contract", "text_render", "json_render", "html_render", "csv_render")
SEARCH_WORDS = ("police", "الخرطوم", "minister", "earthquake", "fire")


def write_corpus(paragraphs: int, directory: Path, reach: int | None = None) -> Path:
    from cluster.evaluation.bench import build_corpus

    path = directory / (f"bench-{paragraphs}.jsonl" if reach is None else f"bench-{paragraphs}-reach{reach}.jsonl")
    with path.open("w", encoding="utf-8") as handle:
        for record in build_corpus(paragraphs, reach):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def pipeline_result(paragraphs: int, work: Path, cache: Path, encoder: str = "use-m3",
                    reach: int | None = None) -> Any:
    """The bench corpus of ``paragraphs`` paragraphs through the pipeline (rendering is measured apart).
    ``reach``: every article in exactly that many versions at every size (``bench.build_corpus``).

    ``encoder="fake"`` runs the test tier's surface-form encoder (tests/fake_encoder.py, a repo checkout only)
    with caching off: copies still group as copies, so the reports have the shape of a real run's, in
    minutes less on a busy machine; its figures are marked as such."""
    from cluster.config import Config
    from cluster.pipeline import run_pipeline

    corpus = write_corpus(paragraphs, work, reach)
    if encoder == "fake":
        from tests.fake_encoder import FakeEncoder

        return run_pipeline(corpus, Config(cache_embeddings=False), encoder=FakeEncoder())
    return run_pipeline(corpus, Config(model=encoder, cache_dir=cache))


def measure_sizes(results: dict[int, Any], work: Path, repeats: int = 3) -> list[dict[str, Any]]:
    """Render every size ``repeats`` times, the sizes taking turns (a busy spell of the shared machine
    then weighs on all of them alike), and report each size's medians, its page's size and browser times."""
    runs: dict[int, list[Any]] = {size: [] for size in results}
    for _ in range(repeats):
        for size, result in results.items():
            forget_rendering()
            runs[size].append(render_everything(result, work / "tables"))
    rows = []
    for size, result in results.items():
        times = {key: round(statistics.median(run[0][key] for run in runs[size]), 3) for key in runs[size][0][0]}
        _, text, page, pairs_lines, written = runs[size][-1]
        path = work / f"report-{size}.html"
        path.write_text(page, encoding="utf-8")
        rows.append({
            "paragraphs": size, "articles": len(result.articles), "passages": result.passages,
            "groups": len(result.groups), "carriers": sum(len(group.passages) for group in result.groups),
            "pairs": result.duplicate_pairs, "stories": len(result.stories.stories),
            "terminal_lines": text.count("\n"), "terminal_lines_with_pairs": pairs_lines,
            "html_mb": round(len(page.encode("utf-8")) / 1e6, 2), "output_mb": round(written / 1e6, 2),
            "repeats": repeats,
            **{f"{key}_s": value for key, value in times.items()}, **browser_times(path),
        })
    return rows


def forget_rendering() -> None:
    """Empty the report modules' memo caches (word diffs, tokens, agency credits, ...), so that every repeat
    renders as a fresh ``cluster run`` process would, not from the memos of the repeat before."""
    import importlib
    import pkgutil

    import cluster.report

    for info in pkgutil.walk_packages(cluster.report.__path__, "cluster.report."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == info.name:
                value.cache_clear()


def render_everything(result: Any, tables: Path) -> tuple[dict[str, float], str, str, int, int]:
    """Every view ``cluster run`` renders from a Result, timed: the contract (``Report.from_result``), the
    text report, the JSON (as the run renders it: in pieces, compressed as the run cache keeps it), the HTML
    page and the CSV tables (written); then, untimed, the text with ``--pairs`` (its line count) and the bytes
    of the four views written (text, JSON, HTML, CSV), which grow faster than the corpus on this bench.
    Rendering is everything after the pipeline's Result is built."""
    from cluster.report.contract import Report
    from cluster.report.html.page import render_html
    from cluster.report.json_pieces import json_view
    from cluster.report.tables import write_tables
    from cluster.report.terminal import render_report_text

    clock: dict[str, float] = {}
    cpu_start = time.process_time()

    def timed(name: str, make: Any) -> Any:
        start = time.perf_counter()
        value = make()
        clock[name] = time.perf_counter() - start
        return value

    report = timed("contract", lambda: Report.from_result(result))
    text = timed("text_render", lambda: render_report_text(report))
    json_rendered = timed("json_render", lambda: json_view(report))
    page = timed("html_render", lambda: render_html(report))
    csv_files = timed("csv_render", lambda: write_tables(report, tables))
    clock["render"] = sum(clock.values())
    clock["render_cpu"] = time.process_time() - cpu_start  # this process's CPU: less hostage to the neighbours
    written = sum(len(view.encode("utf-8")) for view in (text, json_rendered.text(), page)) + sum(
        path.stat().st_size for path in csv_files)
    return clock, text, page, render_report_text(report, pairs=True).count("\n"), written


def browser_times(path: Path) -> dict[str, Any]:
    """Load time (until the first screen is drawn) and search response (type a word, until results show)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver, tempfile.TemporaryDirectory() as profile:
        context = driver.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True,
            viewport={"width": 1280, "height": 900})
        context.set_default_timeout(600_000)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        start = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function("document.querySelector('#stories .items').children.length > 0")
        load_s = time.perf_counter() - start
        page.wait_for_timeout(500)  # the search index is prepared just after the first screen
        searches = [_search(page, word) for word in SEARCH_WORDS]
        context.close()
    return {"html_load_s": round(load_s, 2), "search_s": round(statistics.median(searches), 3),
            "search_s_max": round(max(searches), 3), "page_errors": errors}


def _search(page: Any, word: str) -> float:
    """Seconds from typing ``word`` to the filtered sections being drawn (status updated), in the page's clock."""
    return page.evaluate(
        """word => { const box = document.getElementById('filter-text');
          const start = performance.now(); box.value = word;
          box.dispatchEvent(new Event('input'));
          const took = performance.now() - start;
          box.value = ''; box.dispatchEvent(new Event('input')); return took / 1000; }""",
        word,
    )


def exponent(rows: list[dict[str, Any]], key: str, against: str = "paragraphs") -> float | None:
    """Log-log slope of ``key`` against ``against`` between the first and last size (1 = linear)."""
    first, last = rows[0], rows[-1]
    if first[key] <= 0 or last[key] <= 0 or first[against] == last[against]:
        return None
    return round(log_slope(first[key], last[key], first[against], last[against]), 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,30000", help="Corpus sizes in paragraphs, comma-separated.")
    parser.add_argument("--cache", type=Path, required=True, help="Embedding cache directory (kept between calls).")
    parser.add_argument("--encoder", default="use-m3", help="use-m3, another model, or fake.")
    parser.add_argument("--out", type=Path, default=None, help="Folder for corpora, pages and results.json.")
    parser.add_argument("--repeats", type=int, default=3, help="Renderings per size (the median is reported).")
    parser.add_argument("--reach", type=int, default=None,
                        help="Versions of each article at every size (a fixed mix; default: the bench recipe, whose "
                        "share of copies grows with size: none at 10k paragraphs, ~4 versions at 30k).")
    args = parser.parse_args(argv)
    work = args.out or Path(tempfile.mkdtemp(prefix="report-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = {size: pipeline_result(size, work, args.cache, args.encoder, args.reach)
               for size in map(int, args.sizes.split(","))}
    rows = measure_sizes(results, work, args.repeats)
    for row in rows:
        print(json.dumps({"encoder": args.encoder, "reach": args.reach, **row}, ensure_ascii=False), flush=True)
    summary = {"reach": args.reach, "rows": rows, **{f"{key}_exponent": exponent(rows, f"{key}_s") for key in RENDER_PARTS},
               "render_exponent_vs_passages": exponent(rows, "render_s", "passages"),
               "render_cpu_exponent_vs_passages": exponent(rows, "render_cpu_s", "passages"),
               "render_exponent_vs_carriers": exponent(rows, "render_s", "carriers"),
               "render_exponent_vs_pairs": exponent(rows, "render_s", "pairs"),
               "render_exponent_vs_output": exponent(rows, "render_s", "output_mb"),
               "render_cpu_exponent_vs_output": exponent(rows, "render_cpu_s", "output_mb")}
    (work / "results.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps({k: v for k, v in summary.items() if k != "rows"}), flush=True)
    print(f"pages and results in {work}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
