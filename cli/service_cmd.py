"""`cluster serve`, `cluster store ...` and the store branch of `cluster run --store DIR`.

Kept apart from cli/main.py so that the one-shot commands stay as they are; main.py registers these
with two lines and calls :func:`run_into_store` when ``--store`` is given.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from cluster.config import Config

stderr = Console(stderr=True, soft_wrap=True)
store_app = typer.Typer(no_args_is_help=True, help="Inspect and maintain a persistent store.")
StoreOpt = Annotated[Optional[Path], typer.Option("--store", help="Store directory (default: the user data dir).")]


def _fail(message: str, code: int = 2) -> None:
    stderr.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def _store_dir(store: Optional[Path]) -> Path:
    from cluster.store.ingestor import default_store_dir

    return store or default_store_dir()


def _open(store: Path, config: Config | None = None, batch_size: int | None = None):
    from cluster.store.ingestor import Ingestor, IngestSettings, StoreBusyError

    settings = IngestSettings(batch_size=batch_size) if batch_size else IngestSettings()
    try:
        return Ingestor(store, config, settings=settings)
    except StoreBusyError as exc:
        _fail(str(exc))
    except (OSError, ValueError) as exc:
        _fail(f"{store}: cannot open store ({exc})")


def run_into_store(corpus: Path, store: Path, config: Config, quiet: bool, batch_size: int | None = None):
    """Add a corpus to the store (incrementally) and return the whole store as a pipeline Result.

    The store keeps the config it was created with; ``config`` only applies to a new store.
    """
    from cluster.ingest.readers import load_corpus
    from cluster.store.report import store_result

    if not corpus.exists():
        _fail(f"{corpus}: no such file or directory")
    readout = load_corpus(corpus, max_file_bytes=config.max_file_bytes, limits=config.ingest)
    if not readout.articles:
        for item in readout.skipped:
            stderr.print(f"warning: {item}", highlight=False)
        _fail(f"{corpus}: no readable article ({len(readout.skipped)} input(s) skipped)")
    ingestor = _open(store, config, batch_size)
    try:
        if _matching_settings(config) != _matching_settings(ingestor.config) and not quiet:
            stderr.print("[yellow]warning:[/] the store keeps the config it was created with; "
                         "--config, --model and threshold flags are ignored for it", highlight=False)
        if ingestor.index_rebuilt_because and ingestor.store.count("passages") and not quiet:
            stderr.print(f"index rebuilt from the store ({ingestor.index_rebuilt_because})", highlight=False)

        def committed(batch: int) -> None:
            if not quiet:
                stderr.print(f"batch {batch} done", highlight=False)

        statuses = ingestor.add_corpus(readout.articles, on_commit=committed)
        if not quiet:
            counts = {k: sum(1 for s in statuses if s.status == k) for k in ("added", "replaced", "unchanged")}
            stderr.print(f"store {store}: " + ", ".join(f"{v} {k}" for k, v in counts.items()), highlight=False)
        result = store_result(ingestor.store, ingestor.encoder)
    finally:
        ingestor.close()
    result.skipped, result.notices = readout.skipped, readout.notices
    return result


def _matching_settings(config: Config) -> dict:
    """What decides matches and stories (not where embeddings are cached)."""
    return config.model_dump(include={"model", "segment", "duplicates", "stories"})


def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Interface to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    config_file: Annotated[Optional[Path], typer.Option("--config", help="Config for a new store.")] = None,
    recluster_every: Annotated[int, typer.Option(help="Re-cluster stories after this many additions (0: never).")] = 500,
    quotes: Annotated[bool, typer.Option("--quotes/--no-quotes", help="Carry quotes in answers (speaker filter); costs ~1 s per view rebuild per 800 articles.")] = True,
) -> None:
    """Serve a store over HTTP (OpenAPI at /docs): POST /articles, GET /articles, /stories, /duplicates, /health."""
    import uvicorn

    from cluster.service.app import create_app
    from cluster.store.ingestor import IngestSettings, StoreBusyError

    config = Config.from_file(config_file) if config_file else None
    try:
        app = create_app(_store_dir(store), config=config, settings=IngestSettings(recluster_every=recluster_every),
                         preload_model=True, quotes=quotes)
    except StoreBusyError as exc:
        _fail(str(exc))
    stderr.print(f"serving {_store_dir(store)} on http://{host}:{port} (OpenAPI: /docs)", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@store_app.command("recluster")
def recluster(store: StoreOpt = None) -> None:
    """Re-cluster every stored article; old story ids are kept by overlap, merges and splits logged."""
    ingestor = _open(_store_dir(store))
    try:
        before = ingestor.store.count("story_history")
        final = ingestor.recluster()
        events = ingestor.store.count("story_history") - before
    finally:
        ingestor.close()
    print(f"{len(final)} stories; {events} history events")


@store_app.command("info")
def info(store: StoreOpt = None) -> None:
    """Counts, generation, and whether the index file agrees with SQLite (rebuilt if not)."""
    ingestor = _open(_store_dir(store))
    try:
        s = ingestor.store
        data = {
            "store": str(ingestor.directory),
            "articles": s.count("articles"), "passages": s.count("passages"), "matches": s.count("matches"),
            "stories": s.live_story_count(),
            "generation": s.generation, "index_size": ingestor.index.size,
            "index_rebuilt": ingestor.index_rebuilt_because or None,
        }
    finally:
        ingestor.close()
    sys.stdout.write(json.dumps(data, indent=2) + "\n")


@store_app.command("history")
def history_cmd(story: Annotated[Optional[str], typer.Argument(help="A story id (all events if omitted).")] = None,
                store: StoreOpt = None) -> None:
    """The story history log (created, joined, merged, split, emptied) as JSON lines."""
    from cluster.store.db import Store
    from cluster.store.story_ids import history

    opened = Store(_store_dir(store))
    try:
        for event in history(opened, story):
            sys.stdout.write(json.dumps(event.to_json(), ensure_ascii=False) + "\n")
    finally:
        opened.close()


def register(app: typer.Typer) -> None:
    """Add `serve` and `store` to the main `cluster` app."""
    app.command("serve")(serve)
    app.add_typer(store_app, name="store")
