"""The `cluster` command: parses flags into a Config, calls the library, renders. No logic of its own."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from cluster.config import Config

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Find passages repeated across news articles and group the articles into stories.",
)
stderr = Console(stderr=True)
SAMPLE = Path(__file__).resolve().parents[1] / "seeds"


class Format(str, Enum):
    text = "text"
    json = "json"


def fail(message: str, code: int = 2) -> None:
    stderr.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def build_config(
    config_file: Optional[Path],
    model: Optional[str],
    overrides: dict[str, object],
    no_cache: bool = False,
) -> Config:
    try:
        config = Config.from_file(config_file) if config_file else Config()
        config = config.with_overrides(model=model, **overrides)
    except ValueError as exc:
        fail(str(exc).splitlines()[0])
    if no_cache:
        config = config.with_overrides(cache_embeddings=False)
    return config


ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="JSON config (e.g. from `cluster calibrate`).")]
ModelOpt = Annotated[Optional[str], typer.Option("--model", "-m", help="use-m3, e5-small, or a sentence-transformers model directory.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or warnings on stderr.")]


@app.command()
def run(
    corpus: Annotated[Optional[Path], typer.Argument(help="Directory (recursive) or file: .txt .md .html .jsonl .json .csv. Default: the bundled sample.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text report or the JSON contract.")] = Format.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here instead of stdout.")] = None,
    config_file: ConfigOpt = None,
    model: ModelOpt = None,
    edit_threshold: Annotated[Optional[float], typer.Option(help="Cosine + 0.5 x word overlap a same-language copy needs (default 1.0).")] = None,
    cross_threshold: Annotated[Optional[float], typer.Option(help="Cosine cut for passages in different languages.")] = None,
    story_threshold: Annotated[Optional[float], typer.Option(help="Story distance threshold (higher merges more).")] = None,
    date_window: Annotated[Optional[int], typer.Option(help="Days within which dated articles can be one event.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Embed everything again.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Duplicate passages and story clusters of a corpus."""
    from cluster.pipeline import NoArticlesError, run_pipeline
    from cluster.report import render_text, to_json

    config = build_config(
        config_file,
        model,
        {
            "duplicates.edited_threshold": edit_threshold,
            "duplicates.cross_language_threshold": cross_threshold,
            "stories.distance_threshold": story_threshold,
            "stories.date_window_days": date_window,
        },
        no_cache,
    )
    path = corpus or SAMPLE
    if not path.exists():
        fail(f"{path}: no such file or directory")
    try:
        result = run_pipeline(path, config, progress_console=None if quiet else stderr)
    except NoArticlesError as exc:
        for item in _skipped_of(exc):
            stderr.print(f"warning: {item}", highlight=False)
        fail(str(exc))
    except ValueError as exc:  # an unknown model name or a bad model directory
        fail(str(exc).splitlines()[0])
    if not quiet:
        for item in result.skipped:
            stderr.print(f"[yellow]warning:[/] skipped {item}", highlight=False)
    text = json.dumps(to_json(result), ensure_ascii=False, indent=2) if fmt is Format.json else render_text(result)
    if output:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        if not quiet:
            stderr.print(f"wrote {output}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _skipped_of(exc: Exception) -> list[str]:
    return [str(s) for s in getattr(exc, "skipped", [])]


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
        stderr.print(f"{name}: ready{f' at {where}' if where else ''}")
    for name, description in models.KNOWN_MODELS.items():
        default = " (default)" if name == Config().model else ""
        print(f"{name}{default}: {description}")


if __name__ == "__main__":
    app()
