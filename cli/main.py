"""The `cluster` command: parses flags into a Config, calls the library, renders. No logic of its own."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from cluster.config import Config

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Find passages repeated across news articles and group the articles into stories.",
)
stderr = Console(stderr=True, soft_wrap=True)
SAMPLE = Path(__file__).resolve().parents[1] / "seeds"


class Format(str, Enum):
    text = "text"
    json = "json"


def fail(message: str, code: int = 2) -> None:
    """One line on stderr and the exit code. The message is printed as written: a file name or a hint with
    brackets in it ("pip install '.[ray]'") is not console markup."""
    stderr.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(code)


def build_config(
    config_file: Optional[Path],
    model: Optional[str],
    overrides: dict[str, object],
    no_cache: bool = False,
) -> Config:
    try:
        config = Config.from_file(config_file) if config_file else Config()
        config = config.for_model(model).with_overrides(**overrides)
    except ValueError as exc:
        fail(str(exc).splitlines()[0])
    if no_cache:
        config = config.with_overrides(cache_embeddings=False)
    return config


ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="JSON config (e.g. from `cluster calibrate`).")]
ModelOpt = Annotated[Optional[str], typer.Option("--model", "-m", help="use-m3, e5-small, or a sentence-transformers model directory.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or warnings on stderr.")]
HtmlOpt = Annotated[Optional[Path], typer.Option("--html", help="Also write a self-contained HTML report here (docs/reports.md).")]
CsvOpt = Annotated[Optional[Path], typer.Option("--csv", help="Also write CSV tables into this folder (docs/reports.md).")]
CsvRawOpt = Annotated[bool, typer.Option("--csv-raw", help="CSV cells as is (no ' before = + - @).")]
TopOpt = Annotated[Optional[int], typer.Option("--top", min=1, help="Items per text listing (default: 15 if large).")]
PairsOpt = Annotated[bool, typer.Option("--pairs", help="Text report: also list every verified pair.")]


@app.command()
def run(
    corpus: Annotated[Optional[Path], typer.Argument(help="Directory (recursive) or file: .txt .md .html .jsonl .json .csv .parquet. Default: the bundled sample.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text report or the JSON contract.")] = Format.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here instead of stdout.")] = None,
    config_file: ConfigOpt = None,
    model: ModelOpt = None,
    edit_threshold: Annotated[Optional[float], typer.Option(help="Cosine + 0.5 x word overlap a same-language copy needs (default 1.0).")] = None,
    cross_threshold: Annotated[Optional[float], typer.Option(help="Cosine cut for passages in different languages.")] = None,
    story_threshold: Annotated[Optional[float], typer.Option(help="Story distance threshold (higher merges more).")] = None,
    date_window: Annotated[Optional[int], typer.Option(help="Days within which dated articles can be one event.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Run every stage again: no cached run, no cached embeddings.")] = False,
    html: HtmlOpt = None,
    csv_dir: CsvOpt = None,
    engine: Annotated[str, typer.Option("--engine", help="local (this process) or ray (a Ray cluster; docs/scale.md).")] = "local",
    address: Annotated[Optional[str], typer.Option("--address", help="Ray cluster to join (auto: the one `ray start` runs here); default: start a local one.")] = None,
    csv_raw: CsvRawOpt = False,
    top: TopOpt = None,
    pairs: PairsOpt = False,
    store: Annotated[Optional[Path], typer.Option("--store", help="Add the corpus to this persistent store and report the whole store (docs/service.md).")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", min=0, help="Processes for per-article work (quotes): 0 = one per core (default), 1 = none forked. Same answers.")] = None,
    quiet: QuietOpt = False,
) -> None:
    """Duplicate passages and story clusters of a corpus (a re-run of an unchanged corpus is served from the cache)."""
    config = build_config(
        config_file,
        model,
        {
            "duplicates.edited_threshold": edit_threshold,
            "duplicates.cross_language_threshold": cross_threshold,
            "stories.distance_threshold": story_threshold,
            "stories.date_window_days": date_window,
            "report.top": top,
            "report.pairs": pairs or None,
            "scale.workers": workers,
        },
        no_cache,
    )
    views = (["json"] if fmt is Format.json or html or csv_dir else []) + (["text"] if fmt is Format.text else [])
    if store is not None:
        from cli.service_cmd import run_into_store
        from cluster.pipeline import RunOutputs, contract_and_views

        result = run_into_store(corpus or SAMPLE, store, config, quiet)
        contract, rendered = contract_and_views(result, views)
        outputs = RunOutputs(rendered, result.skipped, result, result.timings, contract)
    else:
        outputs = _run_views_or_fail(corpus or SAMPLE, config, views, quiet, engine, address)
    _print_view(outputs.views, "json" if fmt is Format.json else "text", output, quiet)
    if html or csv_dir:
        _write_views(outputs.report(), html, csv_dir, quiet, csv_raw)


@app.command()
def report(
    saved: Annotated[Path, typer.Argument(help="A saved `cluster run --format json` result.")],
    html: HtmlOpt = None,
    csv_dir: CsvOpt = None,
    csv_raw: CsvRawOpt = False,
    top: TopOpt = None,
    pairs: PairsOpt = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the text report here instead of stdout.")] = None,
    quiet: QuietOpt = False,
) -> None:
    """The text report of a saved JSON result (as `cluster run` prints it), and/or its HTML page and CSV
    tables, without running the pipeline again. The text is printed unless only --html/--csv are asked."""
    from cluster.report.saved import ReportFileError, load_report

    try:
        report = load_report(saved)
    except ReportFileError as exc:
        fail(f"{saved}: {exc}")
    if (html is None and csv_dir is None) or top is not None or pairs or output is not None:
        from cluster.report.terminal import render_report_text

        _print_text(render_report_text(report, top=top, pairs=pairs), output, quiet)
    _write_views(report, html, csv_dir, quiet, csv_raw)


def _print_text(text: str, output: Path | None, quiet: bool) -> None:
    """A report to ``output`` (named on stderr unless quiet), else to stdout."""
    text = text if text.endswith("\n") else text + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{output}: {exc.strerror or exc}")
    if not quiet:
        stderr.print(f"wrote {output}", highlight=False, markup=False)


def _print_view(views, name: str, output: Path | None, quiet: bool) -> None:
    """A rendered view of ``cluster run`` to ``output`` or stdout, written as it is decompressed: the JSON of a
    large corpus is never a whole string in memory (cluster/rendered.py). Ends with a newline, as
    ``_print_text`` does."""
    if not hasattr(views, "view"):  # a plain mapping of texts
        _print_text(views[name], output, quiet)
        return
    if output is None:
        _write_view(views.view(name), sys.stdout)
        return
    try:
        with output.open("w", encoding="utf-8") as stream:
            _write_view(views.view(name), stream)
    except OSError as exc:
        fail(f"{output}: {exc.strerror or exc}")
    if not quiet:
        stderr.print(f"wrote {output}", highlight=False, markup=False)


def _write_view(view, stream) -> None:
    if view.write(stream) != "\n":
        stream.write("\n")


def _write_views(report, html: Optional[Path], csv_dir: Optional[Path], quiet: bool, csv_raw: bool = False) -> None:
    """The HTML page and the CSV tables, both rendered from the contract's Report; an unwritable path is one line."""
    from cluster.report.html.page import write_html
    from cluster.report.tables import write_tables

    written: list[Path] = []
    try:
        if html is not None:
            target = html
            written.append(write_html(report, html))
        if csv_dir is not None:
            target = csv_dir
            written += write_tables(report, csv_dir, raw=csv_raw)
    except OSError as exc:
        fail(f"{target}: {exc.strerror or exc}")
    if not quiet:
        for path in written:
            stderr.print(f"wrote {path}", highlight=False, markup=False)


@app.command("eval")
def eval_cmd(
    corpus: Annotated[Path, typer.Argument(help="Corpus whose article ids the gold file uses (e.g. docs.jsonl).")],
    gold: Annotated[Path, typer.Option("--gold", "-g", help="gold.json: stories and duplicate pairs.")],
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    config_file: ConfigOpt = None,
    model: ModelOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Score a run against labelled data, next to TF-IDF and MinHash baselines run on the same corpus."""
    from cluster.evaluation.assess import assess, render_assessment
    from cluster.evaluation.gold import load_gold

    config = build_config(config_file, model, {})
    try:
        labels = load_gold(gold)
    except (OSError, ValueError) as exc:
        fail(str(exc).splitlines()[0])
    result = _run_or_fail(corpus, config, quiet)
    try:
        assessment = assess(result, labels)
    except ValueError as exc:
        fail(f"{gold}: {exc}")
    if fmt is Format.json:
        print(json.dumps(assessment.to_dict(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_assessment(assessment, labels.name or str(corpus)))


@app.command()
def calibrate(
    sets: Annotated[Optional[list[Path]], typer.Argument(help="Labelled set folders, each with docs.jsonl and gold.json.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Config file to write (read by `run --config`).")] = Path("cluster-config.json"),
    fit_stories: Annotated[bool, typer.Option("--fit-stories", help="Refit the learned story scorer on the dev sets "
                                              "(leave-topic-out CV) and write cluster/stories/story_scorer.json.")] = False,
    holdout: Annotated[bool, typer.Option("--holdout", help="Choose on one half of each set, report the other half.")] = False,
    show_ablation: Annotated[bool, typer.Option("--ablation", help="Also print the story-signal ablation table.")] = False,
    config_file: ConfigOpt = None,
    model: ModelOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Sweep story-mix and duplicate thresholds on labelled sets, print the curves, write the chosen config.

    The config written selects the mix it tuned (stories.scorer = mix); the default learned story
    scorer is refitted with --fit-stories."""
    from cluster.evaluation.calibrate import LabelledRun, render_calibration
    from cluster.evaluation.calibrate import calibrate as run_calibration
    from cluster.evaluation.gold import load_gold

    if fit_stories:
        from cluster.evaluation.story_cv import main as fit_main

        raise typer.Exit(fit_main(["--write"]))
    if not sets:
        fail("give labelled set folders (or --fit-stories)")
    # The sweep tunes the hand-weighted mix, which reads every pair; the learned scorer is fitted
    # with --fit-stories instead. The config written therefore selects the mix it tuned.
    config = build_config(config_file, model, {"stories.scorer": "mix"})
    runs = []
    for folder in sets:
        try:
            labels = load_gold(folder)
        except (OSError, ValueError) as exc:
            fail(str(exc).splitlines()[0])
        result = _run_or_fail(folder / "docs.jsonl", config, quiet)
        runs.append(LabelledRun(labels.name or folder.name, result, labels))
    if not quiet:
        stderr.print("sweeping thresholds ...")
    calibration = run_calibration(runs, config, holdout=holdout)
    sys.stdout.write(render_calibration(calibration))
    if show_ablation:
        from cluster.evaluation.calibrate import ablation, render_ablation

        sys.stdout.write("\nStory-signal ablation (current config's weights, one cut for all sets)\n")
        sys.stdout.write(render_ablation(ablation(runs, config.stories)))
    calibration.config.write(out)
    stderr.print(f"wrote {out} (use: cluster run --config {out})", highlight=False, markup=False)


@app.command()
def bench(
    sizes: Annotated[str, typer.Option(help="Corpus sizes in paragraphs, comma-separated.")] = "1000,3000,10000",
    repeats: Annotated[str, typer.Option(help="Fresh processes per size: one count, or one per size.")] = "3",
    model: Annotated[str, typer.Option("--model", "-m", help="Encoder to measure.")] = "use-m3",
    compare_model: Annotated[Optional[str], typer.Option(help="Also measure this model once, at the smallest size.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Markdown to write (default docs/benchmarks.md; none with --smoke).")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also save the raw measurements here.")] = None,
    smoke: Annotated[bool, typer.Option("--smoke", help="200 paragraphs, one run: a quick check that it all works.")] = False,
) -> None:
    """Time every stage, embedding throughput against a bare encode, the cache's gain and peak memory."""
    from cluster.evaluation.bench import main as bench_main

    argv = ["--sizes", sizes, "--repeats", repeats, "--model", model]
    for flag, value in (("--compare-model", compare_model), ("--out", out), ("--json", json_out)):
        if value is not None:
            argv += [flag, str(value)]
    try:
        code = bench_main(argv + (["--smoke"] if smoke else []))
    except (RuntimeError, ValueError, OSError) as exc:
        fail(str(exc).splitlines()[0])
    raise typer.Exit(code)


def _run_views_or_fail(corpus: Path, config: Config, views: list[str], quiet: bool, engine: str = "local",
                       address: Optional[str] = None):
    """``run``'s path: the rendered views, from the run cache when input and settings are unchanged
    (local engine), or from a Ray cluster (``--engine ray``; cluster/engines)."""
    from cluster.engines import ENGINES, EngineUnavailable
    from cluster.engines import local as local_engine

    if engine not in ENGINES:
        fail(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    console = None if quiet else stderr
    if engine == "local":
        return _run_or_fail(corpus, config, quiet, lambda: local_engine.run(corpus, config, views, console=console))
    from cluster.engines import ray_engine

    try:
        ray_engine.require_ray()
    except EngineUnavailable as exc:
        fail(str(exc))
    return _run_or_fail(corpus, config, quiet,
                        lambda: ray_engine.run(corpus, config, views, address=address, console=console))


def _run_or_fail(corpus: Path, config: Config, quiet: bool, run=None):
    from cluster.pipeline import NoArticlesError, run_pipeline

    if not corpus.exists():
        fail(f"{corpus}: no such file or directory")
    try:
        result = run() if run else run_pipeline(corpus, config, progress_console=None if quiet else stderr)
    except NoArticlesError as exc:
        for item in exc.skipped:
            stderr.print(f"warning: {item}", highlight=False, markup=False)
        fail(str(exc))
    except ValueError as exc:  # an unknown model name or a bad model directory
        fail(str(exc).splitlines()[0])
    if not quiet:
        for item in result.skipped:
            stderr.print(f"[yellow]warning:[/] skipped {escape(str(item))}", highlight=False)
    return result


@app.command("quotes")
def quotes_cmd(
    corpus: Annotated[Optional[Path], typer.Argument(help="Directory (recursive) or file, as for `run`. Default: the bundled sample.")] = None,
    speaker: Annotated[Optional[str], typer.Option("--speaker", "-s", help="Only this speaker, in any spelling or script (Witkoff finds ويتكوف).")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text list or JSON (the `quotes` key of `run --format json`).")] = Format.text,
    config_file: ConfigOpt = None,
    model: ModelOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Quotes by speaker: who said what, which articles carry it and how, who carried it first."""
    from cluster.report.quote_section import quote_list, render_quote_list

    config = build_config(config_file, model, {})
    result = _run_or_fail(corpus or SAMPLE, config, quiet)
    items = quote_list(result.quotes, result.article_index, result.segments, speaker) if result.quotes else []
    if fmt is Format.json:
        sys.stdout.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_quote_list(items))


@app.command("models")
def models_cmd(
    prepare: Annotated[Optional[list[str]], typer.Option("--prepare", help="Build these models now (e.g. e5-small).")] = None,
) -> None:
    """List the embedding models, or build them once (`--prepare e5-small`)."""
    import models

    for name in prepare or []:
        try:
            where = models.prepare(name)
        except ValueError as exc:
            fail(str(exc).splitlines()[0])
        stderr.print(f"{name}: ready{f' at {where}' if where else ''}", markup=False)
    for name, description in models.KNOWN_MODELS.items():
        default = " (default)" if name == Config().model else ""
        print(f"{name}{default}: {description}")


from cli.service_cmd import register as _register_service  # noqa: E402  (serve, store: cli/service_cmd.py)

_register_service(app)


if __name__ == "__main__":
    app()
