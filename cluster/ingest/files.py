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

from cluster.config import IngestConfig
from cluster.documents import Article, SkippedInput

_LEGACY_ENCODINGS = ["cp1256", "iso8859_6", "cp720", "cp864", "cp1252", "iso8859_15", "cp1251", "koi8_r"]
_BOMS = [  # UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]  # fmt: skip
_HARMLESS_CONTROLS = frozenset("\t\n\r\f\v")
_BINARY_CONTROL_SHARE = 0.10
_UTF16_MIN_NUL_SHARE = 0.05
"""Share of one side of the byte pairs that must be NUL for BOM-less UTF-16: Arabic UTF-16 has NULs only in
spaces, digits and punctuation (~15-20% of characters); a stray NUL in a UTF-8 file is far below."""
_UTF16_MIN_NULS = 4
_BINARY_MIN_NULS = 8


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
    limits: IngestConfig | None = None
    """The per-article limits the run reads with (None: the defaults)."""


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
    """UTF-16 without a byte-order mark, only on overwhelming evidence: NUL bytes (the high half of ASCII
    characters: spaces, digits, Latin letters) in at least ``_UTF16_MIN_NUL_SHARE`` of one side of the
    byte pairs and nearly none on the other. One stray NUL in a UTF-8 file is not evidence; binary data
    has NULs on both sides."""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if len(data) % 2 or min(even, odd) > max(even, odd) / 20:
        return None
    if max(even, odd) < max(_UTF16_MIN_NULS, _UTF16_MIN_NUL_SHARE * len(data) / 2):
        return None
    try:
        text = data.decode("utf-16-be" if even else "utf-16-le")
    except UnicodeDecodeError:
        return None
    return text if _control_share(text) < 0.01 else None


def _mostly_nul_lines(data: bytes) -> bool:
    """Whether NUL bytes are spread over the file (binary data) rather than confined to a few lines (a
    stray byte or a zero-filled block in a text file, which cost only their lines): a handful of NULs
    never makes a file binary."""
    if data.count(0) < _BINARY_MIN_NULS:
        return False
    lines = data.split(b"\n")
    return sum(1 for line in lines if b"\0" in line) > len(lines) / 2


def nul_lines(text: str) -> list[int]:
    """Line numbers (1-based, split on newlines) of the lines holding a NUL character."""
    return [n for n, line in enumerate(text.split("\n"), 1) if "\0" in line]


def describe_lines(numbers: list[int]) -> str:
    """``line 3`` or ``lines 3, 9, 12 and 4 more``: short enough for a one-line warning."""
    shown = ", ".join(str(n) for n in numbers[:3])
    more = f" and {len(numbers) - 3} more" if len(numbers) > 3 else ""
    return f"line{'s' if len(numbers) > 1 else ''} {shown}{more}"


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
        if text is not None:
            return text
        if _mostly_nul_lines(data):
            raise Unreadable("binary file (contains NUL bytes)")
        # a few damaged lines: decoded with the rest; each reader drops the NULs or the records holding them
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
    share = _control_share(text.replace("\0", "") if "\0" in text else text)  # NUL lines: the readers' part
    if share > _BINARY_CONTROL_SHARE:
        raise Unreadable(f"binary file ({share:.0%} control characters)")
    return text


# --- the corpus folder -----------------------------------------------------------------------------


def corpus_files(
    root: Path, suffixes: Collection[str], skipped: list[SkippedInput], notices: list[str] | None = None
) -> list[Source]:
    """Files under ``root`` with one of ``suffixes`` (lower case) in a stable order; hidden files and
    folders are left out, and a folder that cannot be listed is reported rather than silently missing.

    Symbolic links are followed (archives are often assembled from links to shared folders), each real
    folder and file once: a link back to a folder already read (a loop) or to a file already found is
    skipped with a notice in ``notices``, and a link whose target is missing is a skipped input."""
    notices = [] if notices is None else notices

    def unlistable(exc: OSError) -> None:
        skipped.append(SkippedInput(str(exc.filename), f"cannot read folder ({exc.strerror or exc})"))

    walked: dict[str, str] = {}
    files: dict[str, Path] = {}
    for folder, subfolders, names in os.walk(root, onerror=unlistable, followlinks=True):
        real = os.path.realpath(folder)
        if real in walked:
            notices.append(f"{folder}: link to a folder already read ({walked[real]}), skipped")
            subfolders[:] = []
            continue
        walked[real] = folder
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(n for n in names if not n.startswith(".")):
            _add_file(Path(folder, name), suffixes, files, skipped, notices)
    found = sorted(files.values(), key=lambda p: p.relative_to(root).parts)
    return [Source(p, str(p), p.relative_to(root).as_posix()) for p in found]


def _add_file(
    path: Path, suffixes: Collection[str], files: dict[str, Path], skipped: list[SkippedInput], notices: list[str]
) -> None:
    """Record one listed file under its real path; a dangling link is reported, a second link to a file
    already found is skipped with a notice."""
    if path.is_symlink() and not path.exists():
        skipped.append(SkippedInput(str(path), f"dangling link (its target {os.readlink(path)} does not exist)"))
        return
    if path.suffix.lower() not in suffixes:
        return
    real = os.path.realpath(path)
    if real in files:
        notices.append(f"{path}: same file as {files[real]} (a link), read once")
        return
    files[real] = path
