"""Reading a corpus: a directory of article files, one file, or record files (JSON, JSONL, CSV, Parquet).

The entry point, ``load_corpus``, picks a reader per file type (text.py for articles that are
files, records.py for record files; files.py reads and checks the bytes) and gathers what they give.

Bad input never stops a run. A file or record that cannot be read becomes a ``SkippedInput`` with a
one-line reason, so that one broken file in ten thousand costs that file and nothing else. Records
that are read but need a remark (a renamed duplicate id, an unparseable record date) give a notice.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cluster.config import IngestConfig
from cluster.documents import Article, SkippedInput
from cluster.ingest.files import Batch, Source, Unreadable, corpus_files, read_text
from cluster.ingest.limits import cap_article
from cluster.ingest.parquet import read_parquet
from cluster.ingest.records import read_csv, read_json, read_jsonl
from cluster.ingest.text import html_charset, read_html, read_plain


@dataclass(frozen=True)
class CorpusReadout:
    """What ``load_corpus`` read: the articles, the inputs it skipped, and remarks on kept articles."""

    articles: list[Article]
    skipped: list[SkippedInput]
    notices: list[str]
    """One line each, prefixed with the file: renamed duplicate ids, unparseable record dates."""


_Reader = Callable[[Source, str], Batch]
_READERS: dict[str, _Reader] = {
    ".txt": read_plain, ".md": read_plain, ".html": read_html, ".htm": read_html,
    ".json": read_json, ".jsonl": read_jsonl, ".csv": read_csv,
}  # fmt: skip
_BINARY_READERS: dict[str, Callable[[Source, int], Batch]] = {".parquet": read_parquet}
"""Readers of files that are not text (no decoding): they check the size limit themselves."""
SUFFIXES = (*_READERS, *_BINARY_READERS)
FileReader = Callable[[Source, int], Batch | None]
"""Another way to read some files (the Ray engine's Ray Data readers): a Batch, or None for the local reader."""


def read_file(src: Source, max_file_bytes: int) -> Batch:
    """One file with the reader its suffix names."""
    binary = _BINARY_READERS.get(src.path.suffix.lower())
    if binary is not None:
        return binary(src, max_file_bytes)
    reader = _READERS.get(src.path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(SUFFIXES))
        raise Unreadable(f"unsupported file type '{src.path.suffix or src.path.name}' (expected {known})")
    text = read_text(src.path, max_file_bytes, html_charset if reader is read_html else None)
    return reader(src, text)


def _unique_ids(articles: list[Article], notices: list[str]) -> list[Article]:
    """Every article is kept; a repeated id becomes ``<id>#2``, ``#3``... so that results stay
    addressable, and the user is told."""
    seen: set[str] = set()
    out: list[Article] = []
    for article in articles:
        if article.id in seen:
            new_id = next(f"{article.id}#{k}" for k in itertools.count(2) if f"{article.id}#{k}" not in seen)
            notices.append(f"{article.path}: duplicate id {article.id!r} renamed to {new_id!r}")
            article = dataclasses.replace(article, id=new_id)
        seen.add(article.id)
        out.append(article)
    return out


def _capped(articles: list[Article], limits: IngestConfig, notices: list[str]) -> list[Article]:
    """Every article within the per-article limits; each one cut is named in a notice."""
    out: list[Article] = []
    for article in articles:
        article, cut = cap_article(article, limits)
        if cut:
            notices.append(cut)
        out.append(article)
    return out


def load_corpus(
    path: Path | str, *, max_file_bytes: int = 20_000_000, limits: IngestConfig | None = None,
    reader: FileReader | None = None,
) -> CorpusReadout:
    """Read every article under ``path`` (a folder, walked recursively, or one file); articles over
    ``limits`` (default: ``Config().ingest``) are cut, with a notice. ``reader`` may read some files
    another way (None: the local reader does); ids, caps and skips are then handled alike.

    Raises ``FileNotFoundError`` only when ``path`` itself does not exist; every problem with a file
    or record inside it is returned in ``skipped`` instead of raised.
    """
    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(f"corpus path not found: {root}")
    skipped: list[SkippedInput] = []
    notices: list[str] = []
    if root.is_dir():
        sources = corpus_files(root, SUFFIXES, skipped, notices)
        if not sources:
            notices.append(f"{root}: no .txt, .md, .html, .json, .jsonl, .csv or .parquet files found")
    else:
        sources = [Source(root, str(root), root.name)]
    limits = limits or IngestConfig()
    articles: list[Article] = []
    for src in sources:
        src = dataclasses.replace(src, limits=limits)
        try:
            batch = reader(src, max_file_bytes) if reader is not None else None
            batch = batch if batch is not None else read_file(src, max_file_bytes)
        except Unreadable as exc:
            skipped.append(SkippedInput(src.display, str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 -- one odd file (parser bug, deep nesting) must not stop the run
            skipped.append(SkippedInput(src.display, f"could not be read ({type(exc).__name__}: {exc})"[:200]))
            continue
        articles += _capped(batch.articles, limits, notices)
        skipped += [SkippedInput(src.display, reason) for reason in batch.skipped]
        notices += batch.notices
    return CorpusReadout(_unique_ids(articles, notices), skipped, notices)
