"""From a corpus path to checked text: walking a folder, size limits, encodings, binary files.

``Article.text`` is the text exactly as decoded (a leading BOM aside): every later stage reports
passages as offsets into it, so nothing here strips, re-flows or normalises it.

Encodings are detected rather than assumed because Arabic news archives still hold Windows-1256 and
UTF-16 exports: strict UTF-8 first (a legacy file is almost never valid UTF-8), a byte-order mark
next, then ``charset_normalizer`` limited to the legacy code pages such corpora use. A guess that
decodes to control characters is rejected: a skipped file is better than silently mangled text.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from cluster.documents import Article, SkippedInput

_LEGACY_ENCODINGS = ["cp1256", "iso8859_6", "cp720", "cp864", "cp1252", "iso8859_15", "cp1251", "koi8_r"]
_BOMS = [  # UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]  # fmt: skip
_HARMLESS_CONTROLS = frozenset("\t\n\r\f\v")
_BINARY_CONTROL_SHARE = 0.10


class Unreadable(Exception):
    """A whole file cannot be used; the message is the one-line reason shown to the user."""


@dataclass(frozen=True)
class Source:
    """One input file, named the ways messages and ids need it."""

    path: Path
    display: str
    """The path as the user will recognise it (the corpus path they gave, joined with the file)."""
    rel: str
    """POSIX path relative to the corpus root: the id of a text file, the stem of generated ids."""


@dataclass
class Batch:
    """What one file gave: its articles, and one-line reasons for the parts of it that were skipped."""

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
    """The text of a file's bytes, or ``Unreadable`` with the reason. ``declared`` is a charset the
    file names itself (an HTML ``<meta charset>``), tried when the bytes are not UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                name = encoding.removesuffix("-sig").upper()
                raise Unreadable(f"not valid {name} text despite its byte-order mark") from None
    if b"\0" in data:
        text = _bomless_utf16(data)
        if text is None:
            raise Unreadable("binary file (contains NUL bytes)")
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
            raise Unreadable(f"not valid UTF-8 text (invalid byte at offset {bad_utf8_at})")
        raise Unreadable("not valid UTF-8/UTF-16/CP1256 text")
    return text


def _read_bytes(path: Path, max_file_bytes: int) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("not a regular file")
        if info.st_size > max_file_bytes:
            raise Unreadable(f"larger than {_human_size(max_file_bytes)} limit ({_human_size(info.st_size)})")
        with path.open("rb") as handle:
            data = handle.read(max_file_bytes + 1)
    except OSError as exc:
        raise Unreadable(f"cannot read ({exc.strerror or exc})") from None
    if len(data) > max_file_bytes:  # grew since stat
        raise Unreadable(f"larger than {_human_size(max_file_bytes)} limit")
    if not data:
        raise Unreadable("empty file")
    return data


def read_text(path: Path, max_file_bytes: int, declared_charset: Callable[[bytes], str | None] | None = None) -> str:
    """A file's text, checked for size, encoding, emptiness and binary content; ``Unreadable`` with
    the one-line reason otherwise. ``declared_charset`` finds the charset a format names in its bytes."""
    data = _read_bytes(path, max_file_bytes)
    text = _decode(data, declared_charset(data) if declared_charset else None)
    if not text.strip():
        raise Unreadable("empty file (whitespace only)")
    share = _control_share(text)
    if share > _BINARY_CONTROL_SHARE:
        raise Unreadable(f"binary file ({share:.0%} control characters)")
    return text


# --- the corpus folder -----------------------------------------------------------------------------


def corpus_files(root: Path, suffixes: Collection[str], skipped: list[SkippedInput]) -> list[Source]:
    """Files under ``root`` with one of ``suffixes`` (lower case) in a stable order; hidden files and
    folders are left out, and a folder that cannot be listed is reported rather than silently missing."""

    def unlistable(exc: OSError) -> None:
        skipped.append(SkippedInput(str(exc.filename), f"cannot read folder ({exc.strerror or exc})"))

    found: list[Path] = []
    for folder, subfolders, names in os.walk(root, onerror=unlistable):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        found += [Path(folder, n) for n in names if not n.startswith(".") and Path(n).suffix.lower() in suffixes]
    found.sort(key=lambda p: p.relative_to(root).parts)
    return [Source(p, str(p), p.relative_to(root).as_posix()) for p in found]
