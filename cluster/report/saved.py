"""A report as the JSON contract holds it: load a saved one, check it, and read it the way every view does.

The HTML page and the CSV tables are both rendered from the dict ``cluster.report.terminal.to_json`` returns (or
the same dict read back from a ``cluster run --format json`` file), never from the in-memory Result:
that way ``cluster run --html`` and ``cluster report RUN.json --html`` cannot drift apart, and a view
can only show what the documented contract carries.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

UNKNOWN_OUTLET = "unknown"
SUPPORTED_MAJOR = "1"
# The keys every view reads, with the JSON type each must have (docs/output.md marks them stable).
REQUIRED_KEYS: dict[str, type] = {
    "schema_version": str,
    "summary": dict,
    "articles": list,
    "duplicate_groups": list,
    "stories": list,
    "storylines": list,
}
# Fields inside the lists that a view dereferences without a fallback.
REQUIRED_ITEM_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("id",),
    "duplicate_groups": ("id", "passages", "pairs"),
    "stories": ("id", "articles"),
    "storylines": ("id", "stories"),
}

# Lists inside those items, and the JSON type of their elements.
NESTED_LISTS: dict[str, dict[str, type]] = {
    "articles": {"segments": dict},
    "duplicate_groups": {"passages": dict, "pairs": dict, "articles": str},
    "stories": {"articles": str, "keywords": str, "evidence": str},
    "storylines": {"stories": str},
}


class ReportFileError(ValueError):
    """A file that cannot be read as a cluster report; the message is one line, for the CLI to print."""


def load_report(path: Path) -> dict[str, Any]:
    """Read and check a saved ``cluster run --format json`` result."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReportFileError("no such file") from None
    except IsADirectoryError:
        raise ReportFileError("is a directory, not a JSON report") from None
    except OSError as exc:
        raise ReportFileError(exc.strerror or str(exc)) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ReportFileError("not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ReportFileError(f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    return check_report(data)


def check_report(data: object) -> dict[str, Any]:
    """Return ``data`` if it has the shape of a cluster report, else raise ReportFileError saying why.

    Checks what the views rely on (the stable keys, their types, the ids inside), so a wrong file fails
    here with a reason instead of deep inside rendering with a KeyError.
    """
    if not isinstance(data, dict):
        raise ReportFileError(f"not a cluster report (a JSON {type(data).__name__}, expected an object)")
    missing = [key for key in REQUIRED_KEYS if key not in data]
    if missing:
        raise ReportFileError(f"not a cluster report (missing key{'s' if len(missing) > 1 else ''}: {', '.join(missing)})")
    for key, kind in REQUIRED_KEYS.items():
        if not isinstance(data[key], kind):
            raise ReportFileError(f"not a cluster report ('{key}' should be a JSON {_json_type(kind)})")
    major = data["schema_version"].split(".", 1)[0]
    if major != SUPPORTED_MAJOR:
        raise ReportFileError(f"unsupported schema_version {data['schema_version']!r} (this version reads 1.x)")
    for key, fields in REQUIRED_ITEM_KEYS.items():
        for position, item in enumerate(data[key]):
            if not isinstance(item, dict) or any(field not in item for field in fields):
                raise ReportFileError(f"not a cluster report ({key}[{position}] lacks {', '.join(fields)})")
            for field, kind in NESTED_LISTS.get(key, {}).items():
                value = item.get(field, [])
                if not isinstance(value, list) or not all(isinstance(v, kind) for v in value):
                    raise ReportFileError(
                        f"not a cluster report ({key}[{position}].{field} should be a list of {_json_type(kind)}s)"
                    )
    quotes = data.get("quotes")
    if quotes is not None and not (isinstance(quotes, list) and all(isinstance(q, dict) for q in quotes)):
        raise ReportFileError("not a cluster report ('quotes' should be a list of objects)")
    return data


def _json_type(kind: type) -> str:
    return {dict: "object", list: "array", str: "string"}[kind]


def outlet(article: dict[str, Any]) -> str:
    """Who published an article: its ``source``, else the host of its ``url`` (without www.), else unknown."""
    source = article.get("source")
    if isinstance(source, str) and source.strip():
        return " ".join(source.split())
    host = url_host(article.get("url"))
    return host or UNKNOWN_OUTLET


def url_host(url: object) -> str | None:
    """The host of an http(s) URL, lower-cased and without ``www.``; None for anything else."""
    if not isinstance(url, str) or not is_web_url(url):
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def is_web_url(url: object) -> bool:
    """True only for http and https URLs: the only ones a report may turn into links (never javascript:)."""
    if not isinstance(url, str):
        return False
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in ("http", "https")


def articles_by_id(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in report["articles"]}


def story_of_article(report: dict[str, Any]) -> dict[str, str]:
    """Each article's story id (stories partition the articles)."""
    return {aid: story["id"] for story in report["stories"] for aid in story["articles"]}


def quotes_of(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The optional ``quotes`` list (issue 6); empty when the report predates it."""
    quotes = report.get("quotes")
    return quotes if isinstance(quotes, list) else []


def speaker_name(quote: dict[str, Any]) -> str | None:
    speaker = quote.get("speaker")
    return speaker if isinstance(speaker, str) and speaker.strip() else None


def speakers_by_article(report: dict[str, Any]) -> dict[str, set[str]]:
    """The named speakers each article quotes, for filtering stories and groups by speaker."""
    found: dict[str, set[str]] = defaultdict(set)
    for quote in quotes_of(report):
        name = speaker_name(quote)
        if name is None:
            continue
        for instance in quote.get("instances") or []:
            if isinstance(instance, dict) and "article" in instance:
                found[instance["article"]].add(name)
    return found


def all_outlets(report: dict[str, Any]) -> list[str]:
    """Distinct outlets sorted case-insensitively, ``unknown`` last (it is the least useful choice)."""
    names = {outlet(a) for a in report["articles"]}
    known = sorted(names - {UNKNOWN_OUTLET}, key=str.casefold)
    return known + ([UNKNOWN_OUTLET] if UNKNOWN_OUTLET in names else [])
