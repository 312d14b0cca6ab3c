"""`cluster serve`, `cluster store ...` and the store branch of `cluster run --store DIR`.

Kept apart from cli/main.py so that the one-shot commands stay as they are; main.py registers these
with two lines and calls :func:`run_into_store` when ``--store`` is given.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from cluster.config import Config

stderr = Console(stderr=True, soft_wrap=True)
TOKEN_ENV = "NEWS_CLUSTER_TOKEN"
TOKEN_HELP = f"Bearer token required on every route but /health (default: ${TOKEN_ENV}); mandatory off loopback."
ALLOWED_HOST_HELP = "A Host header name to answer besides the loopback names and --host (repeatable)."
DRY_RUN_HELP = "Say what would change without writing (read-only: runs beside a writer)."
store_app = typer.Typer(no_args_is_help=True, help="Inspect and maintain a persistent store.")
StoreOpt = Annotated[Optional[Path], typer.Option("--store", help="Store directory (default: the user data dir).")]


def _fail(message: str, code: int = 2) -> None:
    stderr.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(code)


def _store_dir(store: Optional[Path]) -> Path:
    from cluster.store.ingestor import default_store_dir

    return store or default_store_dir()


@contextmanager
def _store_errors(store: Path) -> Iterator[None]:
    """A missing, busy or damaged store is one line on stderr and exit code 2, never a traceback."""
    from cluster.store.db import StoreError
    from cluster.store.ingestor import StoreBusyError

    try:
        yield
    except (StoreError, StoreBusyError) as exc:
        _fail(str(exc))
    except sqlite3.DatabaseError as exc:
        _fail(f"{store}: damaged database ({exc})")
    except (OSError, ValueError) as exc:
        _fail(f"{store}: cannot open store ({exc})")


def _open(store: Path, config: Config | None = None, batch_size: int | None = None, *, create: bool = False,
          quiet: bool = False):
    """The store opened for writing; says on stderr when its index file had to be rebuilt."""
    from cluster.store.ingestor import Ingestor, IngestSettings

    settings = IngestSettings(batch_size=batch_size) if batch_size else IngestSettings()
    with _store_errors(store):
        ingestor = Ingestor(store, config, settings=settings, create=create)
    _say_rebuilt(ingestor, quiet)
    return ingestor


def _say_rebuilt(ingestor, quiet: bool) -> None:
    if ingestor.index_rebuilt_because and ingestor.store.count("passages") and not quiet:
        stderr.print(f"index rebuilt from the store ({ingestor.index_rebuilt_because})", highlight=False, markup=False)


def _open_readonly(store: Path):
    """The store for a command that only reads: SQLite ``mode=ro``, no writer lock, nothing created."""
    from cluster.store.db import Store

    with _store_errors(store):
        return Store(store, create=False, readonly=True)


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
            stderr.print(f"warning: {item}", highlight=False, markup=False)
        _fail(f"{corpus}: no readable article ({len(readout.skipped)} input(s) skipped)")
    ingestor = _open(store, config, batch_size, create=True, quiet=quiet)
    try:
        if _matching_settings(config) != _matching_settings(ingestor.config) and not quiet:
            stderr.print("[yellow]warning:[/] the store keeps the config it was created with; "
                         "--config, --model and threshold flags are ignored for it", highlight=False)

        def committed(batch: int) -> None:
            if not quiet:
                stderr.print(f"batch {batch} done", highlight=False, markup=False)

        with _store_errors(store):
            statuses = ingestor.add_corpus(readout.articles, on_commit=committed)
            if not quiet:
                counts = {k: sum(1 for s in statuses if s.status == k) for k in ("added", "replaced", "unchanged")}
                stderr.print(f"store {store}: " + ", ".join(f"{v} {k}" for k, v in counts.items()), highlight=False, markup=False)
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
    quotes: Annotated[bool, typer.Option("--quotes/--no-quotes", help="Apply GET /stories?speaker= (speakers are stored per article at write time either way).")] = True,
    token: Annotated[Optional[str], typer.Option(help=TOKEN_HELP)] = None,
    allowed_host: Annotated[Optional[list[str]], typer.Option("--allowed-host", help=ALLOWED_HOST_HELP)] = None,
) -> None:
    """Serve an existing store over HTTP (OpenAPI at /openapi.json): POST /articles, GET /articles, /stories,
    /duplicates, /health."""
    import uvicorn

    from cluster.service.app import create_app
    from cluster.service.guard import is_loopback
    from cluster.store.ingestor import IngestSettings

    token = token or os.environ.get(TOKEN_ENV) or None
    if not is_loopback(host) and not token:
        _fail(f"--host {host} is not a loopback address: set --token or {TOKEN_ENV} (clients send "
              "'Authorization: Bearer <token>')")
    config = Config.from_file(config_file) if config_file else None
    with _store_errors(_store_dir(store)):
        app = create_app(_store_dir(store), config=config, settings=IngestSettings(recluster_every=recluster_every),
                         preload_model=True, quotes=quotes, create=False, token=token, host=host,
                         allowed_hosts=allowed_host or (),
                         announce=lambda line: stderr.print(line, highlight=False, markup=False))
    _say_rebuilt(app.state.ingestor, quiet=False)
    guard = "token required" if token else "no token (loopback only)"
    stderr.print(f"serving {_store_dir(store)} on http://{host}:{port}, {guard} (OpenAPI: /openapi.json)",
                 highlight=False, markup=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@store_app.command("init")
def init(store: StoreOpt = None,
         config_file: Annotated[Optional[Path], typer.Option("--config", help="Config the store keeps.")] = None,
         ) -> None:
    """Create an empty store (the only way besides `cluster run --store DIR`: other commands never create one)."""
    from cluster.store.db import DB_NAME

    directory = _store_dir(store)
    if (directory / DB_NAME).exists():
        _fail(f"{directory}: a store is already there")
    _open(directory, Config.from_file(config_file) if config_file else None, create=True, quiet=True).close()
    print(f"created {directory}")


@store_app.command("recluster")
def recluster(store: StoreOpt = None,
              dry_run: Annotated[bool, typer.Option("--dry-run", help=DRY_RUN_HELP)] = False) -> None:
    """Re-cluster every stored article; old story ids are kept by overlap, merges and splits logged."""
    if dry_run:
        _recluster_plan(_store_dir(store))
        return
    ingestor = _open(_store_dir(store))
    try:
        with _store_errors(ingestor.directory):
            before = ingestor.store.count("story_history")
            final = ingestor.recluster()
            events = ingestor.store.count("story_history") - before
    finally:
        ingestor.close()
    print(f"{len(final)} stories; {events} history events")


def _recluster_plan(directory: Path) -> None:
    from cluster.store.stories import full_clusters
    from cluster.store.story_ids import map_clusters

    opened = _open_readonly(directory)
    try:
        with _store_errors(directory):
            clusters = full_clusters(opened, opened.config.stories)
            old: dict[str, set[str]] = {}
            for aid, sid in opened.story_of().items():
                old.setdefault(sid, set()).add(aid)
    finally:
        opened.close()
    kept = map_clusters(clusters, old)
    print(f"would give {len(clusters)} stories: {sum(k is not None for k in kept)} keep their id, "
          f"{sum(k is None for k in kept)} new (splits), {len(set(old) - set(kept))} merged away; nothing written")


@store_app.command("info")
def info(store: StoreOpt = None) -> None:
    """Counts, generation, database integrity and whether the index file agrees with SQLite. Read-only:
    it runs beside a writer and repairs nothing (the next writer rebuilds a disagreeing index). A whole file
    a few generations behind is reported as ``index_behind``, not as a problem: writers rewrite it only now
    and then, and at close."""
    from cluster.store.index import check_index

    directory = _store_dir(store)
    s = _open_readonly(directory)
    try:
        with _store_errors(directory):
            with s.snapshot():
                index, problem, behind = check_index(directory, s.generation, s.searchable_ids(), s.index_record())
                if problem and behind:
                    problem = ""
                data = {
                    "store": str(directory), "integrity": s.integrity(),
                    "articles": s.count("articles"), "passages": s.count("passages"), "matches": s.count("matches"),
                    "stories": s.live_story_count(), "generation": s.generation,
                    "index_size": index.size if index is not None else None,
                    "index_problem": problem or None,
                    "index_behind": behind,
                }
    finally:
        s.close()
    sys.stdout.write(json.dumps(data, indent=2) + "\n")


@store_app.command("history")
def history_cmd(story: Annotated[Optional[str], typer.Argument(help="A story id (all events if omitted).")] = None,
                store: StoreOpt = None) -> None:
    """The story history log (created, joined, merged, split, emptied) as JSON lines."""
    from cluster.store.story_ids import history

    opened = _open_readonly(_store_dir(store))
    try:
        with _store_errors(_store_dir(store)):
            events = history(opened, story)
    finally:
        opened.close()
    for event in events:
        sys.stdout.write(json.dumps(event.to_json(), ensure_ascii=False) + "\n")


def register(app: typer.Typer) -> None:
    """Add `serve` and `store` to the main `cluster` app."""
    app.command("serve")(serve)
    app.add_typer(store_app, name="store")
