"""Reading a corpus: a directory of article files, one file, or record files (JSON, JSONL, CSV).

Two promises shape this module:

* ``Article.text`` is the text exactly as decoded (a leading BOM aside): every later stage reports
  passages as offsets into it, so nothing here strips, re-flows or normalises it.
* Bad input never stops a run. A file or record that cannot be read becomes a ``SkippedInput`` with a
  one-line reason, so that one broken file in ten thousand costs that file and nothing else. Records
  that are read but need a remark (a renamed duplicate id, an unparseable date) give a notice.

Encodings are detected rather than assumed because Arabic news archives still hold Windows-1256 and
UTF-16 exports: strict UTF-8 first (a legacy file is almost never valid UTF-8), a byte-order mark
next, then ``charset_normalizer`` limited to the legacy code pages such corpora use. A guess that
decodes to control characters is rejected: a skipped file is better than silently mangled text.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import html
import io
import itertools
import json
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cluster.documents import Article, SkippedInput
from cluster.ingest.dates import find_publication_date, parse_date
from cluster.textnorm import script_language

MAX_TITLE_CHARS = 200
"""A title taken from the first line of the text is cut here: that line is often a whole paragraph."""
_LEGACY_ENCODINGS = ["cp1256", "iso8859_6", "cp720", "cp864", "cp1252", "iso8859_15", "cp1251", "koi8_r"]
_BOMS = [  # UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]  # fmt: skip
_HARMLESS_CONTROLS = frozenset("\t\n\r\f\v")
_BINARY_CONTROL_SHARE = 0.10


@dataclass(frozen=True)
class CorpusReadout:
    """What ``load_corpus`` read: the articles, the inputs it skipped, and remarks on kept articles."""

    articles: list[Article]
    skipped: list[SkippedInput]
    notices: list[str]
    """One line each, prefixed with the file: renamed duplicate ids, unparseable record dates."""


class _Unreadable(Exception):
    """A whole file cannot be used; the message is the one-line reason shown to the user."""


@dataclass(frozen=True)
class _Source:
    path: Path
    display: str
    """The path as the user will recognise it (the corpus path they gave, joined with the file)."""
    rel: str
    """POSIX path relative to the corpus root: the id of a text file, the stem of generated ids."""


@dataclass
class _Batch:
    articles: list[Article] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


# --- bytes to text ---------------------------------------------------------------------------------


def _human_size(n: int) -> str:
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} B"


def _control_share(text: str) -> float:
    sample = text[:65536]
    bad = sum(1 for c in sample if (c < " " or "\x7f" <= c <= "\x9f") and c not in _HARMLESS_CONTROLS)
    return bad / max(1, len(sample))


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: NUL bytes (the high half of ASCII characters) nearly all on
    one side of each pair. Binary data has NULs on both sides, so it is not mistaken for text."""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if len(data) % 2 or min(even, odd) > max(even, odd) / 20:
        return None
    try:
        text = data.decode("utf-16-be" if even else "utf-16-le")
    except UnicodeDecodeError:
        return None
    return text if _control_share(text) < 0.01 else None


def _guess_legacy(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_LEGACY_ENCODINGS).best()
    if best is None:
        return None
    text = str(best)
    return text if _control_share(text) < 0.01 else None


def _decode(data: bytes, declared: str | None = None) -> str:
    """The text of a file's bytes, or ``_Unreadable`` with the reason. ``declared`` is a charset the
    file names itself (an HTML ``<meta charset>``), tried when the bytes are not UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                name = encoding.removesuffix("-sig").upper()
                raise _Unreadable(f"not valid {name} text despite its byte-order mark") from None
    if b"\0" in data:
        text = _bomless_utf16(data)
        if text is None:
            raise _Unreadable("binary file (contains NUL bytes)")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_utf8_at = exc.start
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    text = _guess_legacy(data)
    if text is None:
        if data.decode("utf-8", errors="replace").count("\ufffd") < len(data) / 1000:  # a damaged UTF-8 file
            raise _Unreadable(f"not valid UTF-8 text (invalid byte at offset {bad_utf8_at})")
        raise _Unreadable("not valid UTF-8/UTF-16/CP1256 text")
    return text


def _read_bytes(path: Path, max_file_bytes: int) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable("not a regular file")
        if info.st_size > max_file_bytes:
            raise _Unreadable(f"larger than {_human_size(max_file_bytes)} limit ({_human_size(info.st_size)})")
        with path.open("rb") as handle:
            data = handle.read(max_file_bytes + 1)
    except OSError as exc:
        raise _Unreadable(f"cannot read ({exc.strerror or exc})") from None
    if len(data) > max_file_bytes:  # grew since stat
        raise _Unreadable(f"larger than {_human_size(max_file_bytes)} limit")
    if not data:
        raise _Unreadable("empty file")
    return data


# --- titles and records ----------------------------------------------------------------------------


def _title_from(text: str) -> str:
    """The first non-empty line, cut at a word boundary when it is really a paragraph."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if len(line) <= MAX_TITLE_CHARS:
        return line
    cut = line[:MAX_TITLE_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def _json_type(value: Any) -> str:
    """The JSON name of a value's type, for messages about records."""
    names = {str: "string", bool: "boolean", int: "number", float: "number", list: "array", dict: "object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _field(record: dict[str, Any], key: str) -> str | None:
    """An optional string field; numbers are accepted as their text, empty strings count as absent."""
    value = record.get(key)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value).strip() or None


def _records_to_batch(src: _Source, items: list[tuple[str, int, Any]], batch: _Batch) -> _Batch:
    """Articles from parsed records. ``items`` holds (where, number, record): ``where`` locates a
    record in messages ("line 12", "record 3"), ``number`` makes its id when the file has no ids."""
    if not items and not batch.skipped:
        raise _Unreadable("no records")
    has_ids = any(isinstance(rec, dict) and _field(rec, "id") for _, _, rec in items)
    for where, number, rec in items:
        if not isinstance(rec, dict):
            batch.skipped.append(f"{where}: record is not an object ({_json_type(rec)})")
            continue
        text = rec.get("text")
        if text is None:
            batch.skipped.append(f"{where}: missing 'text'")
            continue
        if not isinstance(text, str):
            batch.skipped.append(f"{where}: 'text' is not a string ({_json_type(text)})")
            continue
        if not text.strip():
            batch.skipped.append(f"{where}: empty 'text'")
            continue
        if has_ids:
            record_id = _field(rec, "id")
            if record_id is None:
                raw_id = rec.get("id")
                bad = f"'id' is not a string or number ({_json_type(raw_id)})" if raw_id else "missing 'id'"
                batch.skipped.append(f"{where}: {bad}")
                continue
        else:
            record_id = f"{src.rel}#{number}"
        date = None
        raw_date = rec.get("date")
        if raw_date not in (None, ""):
            date = parse_date(raw_date) if isinstance(raw_date, str) else None
            if date is None:
                batch.notices.append(f"{src.display}: {where}: unparseable date {raw_date!r}, kept without a date")
        title, lang = _field(rec, "title") or _title_from(text), _field(rec, "lang") or script_language(text)
        batch.articles.append(Article(id=record_id, title=title, text=text, date=date, lang=lang.lower(),
                                      source=_field(rec, "source"), url=_field(rec, "url"), path=src.display))
    return batch


# --- one reader per format -------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.DOTALL)


def _read_plain(src: _Source, text: str) -> _Batch:
    """A .txt or .md file is one article; the headline is its first line, the date in its top lines."""
    title, date = _title_from(text), None
    if src.path.suffix.lower() == ".md":
        front = _FRONT_MATTER.match(text)
        meta = dict(re.findall(r"^(title|date):\s*(.+?)\s*$", front[1], re.MULTILINE)) if front else {}
        body = text[front.end() :] if front else text
        title = meta.get("title", "").strip("\"'") or _title_from(body).lstrip("#").strip()
        date = parse_date(meta["date"].strip("\"'")) if "date" in meta else None
    lang = script_language(text)
    article = Article(src.rel, title, text, date or find_publication_date(text), lang, path=src.display)
    return _Batch([article])


def _html_charset(data: bytes) -> str | None:
    found = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", data[:4096], re.IGNORECASE)
    if not found:
        return None
    name = found[1].decode("ascii").lower()
    return "cp1252" if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii") else name  # as browsers do


def _read_html(src: _Source, text: str) -> _Batch:
    """The main text of a web page, without navigation and comments. The date comes from the page's
    metadata only (trafilatura's extensive search turns a footer's "© 2019" into 2019-01-01), then
    from the top of the extracted text."""
    import trafilatura

    no_guessing = {"extensive_search": False, "original_date": True}
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, date_extraction_params=no_guessing)
    body = getattr(doc, "text", None) or ""
    if not body.strip():
        raise _Unreadable("no article text found in the HTML page")
    page_title = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    page_title = " ".join(html.unescape(page_title[1]).split()) if page_title else ""
    title = (doc.title or "").strip() or page_title or _title_from(body)
    date = (parse_date(doc.date) if doc.date else None) or find_publication_date(body)
    article = Article(id=src.rel, title=title, text=body, date=date, lang=script_language(body),
                      source=doc.sitename or doc.hostname or None, url=doc.url or None, path=src.display)
    return _Batch([article])


def _read_json(src: _Source, text: str) -> _Batch:
    """A list of records, an object with an ``articles`` list, or a single record object."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Unreadable(f"invalid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        records = data["articles"]
    elif isinstance(data, dict) and "text" in data:
        records = [data]
    elif isinstance(data, list):
        records = data
    else:
        raise _Unreadable("JSON is neither a list of records nor an object with an 'articles' list")
    return _records_to_batch(src, [(f"record {i}", i, rec) for i, rec in enumerate(records, 1)], _Batch())


def _read_jsonl(src: _Source, text: str) -> _Batch:
    """One record per line; a line that does not parse costs that line only."""
    batch, items = _Batch(), []
    # split on "\n" only: str.splitlines would also cut at U+2028, which JSON strings may contain raw
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            items.append((f"line {lineno}", lineno, json.loads(line)))
        except json.JSONDecodeError as exc:
            batch.skipped.append(f"line {lineno}: invalid JSON ({exc.msg})")
    return _records_to_batch(src, items, batch)


def _read_csv(src: _Source, text: str) -> _Batch:
    """A header row naming the fields (any case), then one record per row. The delimiter is the one
    of , ; tab that the header uses most. A malformed row stops the file; earlier rows are kept."""
    header_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=header_line.count)
    csv.field_size_limit(2**31 - 1)  # the file-size limit already bounds a field; the default is 128 KB
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    batch, items = _Batch(), []
    try:
        header = [name.strip().lower() for name in next(reader)]
        if "text" not in header:
            raise _Unreadable(f"CSV header has no 'text' column (columns: {', '.join(header)[:120]})")
        line = reader.line_num
        for number, row in enumerate(reader, 1):
            where, line = f"line {line + 1}", reader.line_num
            if any(cell.strip() for cell in row):
                items.append((where, number, dict(zip(header, row))))
    except csv.Error as exc:
        batch.skipped.append(f"line {reader.line_num}: malformed CSV ({exc}); rest of the file skipped")
    return _records_to_batch(src, items, batch)


_Reader = Callable[[_Source, str], _Batch]
_READERS: dict[str, _Reader] = {
    ".txt": _read_plain, ".md": _read_plain, ".html": _read_html, ".htm": _read_html,
    ".json": _read_json, ".jsonl": _read_jsonl, ".csv": _read_csv,
}  # fmt: skip


# --- the corpus ------------------------------------------------------------------------------------


def _read_file(src: _Source, max_file_bytes: int) -> _Batch:
    reader = _READERS.get(src.path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(_READERS))
        raise _Unreadable(f"unsupported file type '{src.path.suffix or src.path.name}' (expected {known})")
    data = _read_bytes(src.path, max_file_bytes)
    text = _decode(data, _html_charset(data) if reader is _read_html else None)
    if not text.strip():
        raise _Unreadable("empty file (whitespace only)")
    share = _control_share(text)
    if share > _BINARY_CONTROL_SHARE:
        raise _Unreadable(f"binary file ({share:.0%} control characters)")
    return reader(src, text)


def _corpus_files(root: Path, skipped: list[SkippedInput]) -> list[_Source]:
    """Supported files under ``root`` in a stable order; hidden files and folders are left out, and
    a folder that cannot be listed is reported rather than silently missing."""

    def unlistable(exc: OSError) -> None:
        skipped.append(SkippedInput(str(exc.filename), f"cannot read folder ({exc.strerror or exc})"))

    found: list[Path] = []
    for folder, subfolders, names in os.walk(root, onerror=unlistable):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        found += [Path(folder, n) for n in names if not n.startswith(".") and Path(n).suffix.lower() in _READERS]
    found.sort(key=lambda p: p.relative_to(root).parts)
    return [_Source(p, str(p), p.relative_to(root).as_posix()) for p in found]


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


def load_corpus(path: Path | str, *, max_file_bytes: int = 20_000_000) -> CorpusReadout:
    """Read every article under ``path`` (a folder, walked recursively, or one file).

    Raises ``FileNotFoundError`` only when ``path`` itself does not exist; every problem with a file
    or record inside it is returned in ``skipped`` instead of raised.
    """
    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(f"corpus path not found: {root}")
    skipped: list[SkippedInput] = []
    notices: list[str] = []
    if root.is_dir():
        sources = _corpus_files(root, skipped)
        if not sources:
            notices.append(f"{root}: no .txt, .md, .html, .json, .jsonl or .csv files found")
    else:
        sources = [_Source(root, str(root), root.name)]
    articles: list[Article] = []
    for src in sources:
        try:
            batch = _read_file(src, max_file_bytes)
        except _Unreadable as exc:
            skipped.append(SkippedInput(src.display, str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 -- one odd file (parser bug, deep nesting) must not stop the run
            skipped.append(SkippedInput(src.display, f"could not be read ({type(exc).__name__}: {exc})"[:200]))
            continue
        articles += batch.articles
        skipped += [SkippedInput(src.display, reason) for reason in batch.skipped]
        notices += batch.notices
    return CorpusReadout(_unique_ids(articles, notices), skipped, notices)
