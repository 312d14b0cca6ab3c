"""A report as the JSON contract holds it: load a saved one, check it, and read it the way every view does.

The HTML page and the CSV tables are both rendered from a ``Report`` (cluster/report/contract.py): built
from a run by ``Report.from_result``, or validated from a ``cluster run --format json`` file here. Never
from the in-memory Result: that way ``cluster run --html`` and ``cluster report RUN.json --html`` cannot
drift apart, and a view can only show what the documented contract carries.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import ValidationError

from cluster.report.contract import ArticleOut, QuoteOut, Report

UNKNOWN_OUTLET = "unknown"
SUPPORTED_MAJOR = "1"


class ReportFileError(ValueError):
    """A file that cannot be read as a cluster report; the message is one line, for the CLI to print."""


def load_report(path: Path) -> Report:
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


def check_report(data: object) -> Report:
    """``data`` as a Report if it has the contract's shape, else raise ReportFileError naming the first problem.

    A wrong file fails here with a reason (where, and why) instead of deep inside rendering.
    """
    if isinstance(data, Report):
        return data
    if not isinstance(data, Mapping):
        raise ReportFileError(f"not a cluster report (a JSON {_json_type(data)}, expected an object)")
    version = data.get("schema_version")
    if isinstance(version, str) and version.split(".", 1)[0] != SUPPORTED_MAJOR:
        raise ReportFileError(f"unsupported schema_version {version!r} (this version reads 1.x)")
    try:
        return Report.model_validate(data)
    except ValidationError as exc:
        raise ReportFileError(f"not a cluster report ({first_problem(exc)})") from None


def first_problem(error: ValidationError) -> str:
    """The first validation error as ``where: why`` (``articles[0].id: field required``), on one line."""
    problems = error.errors(include_url=False)
    first = problems[0]
    where = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in first["loc"]).lstrip(".")
    why = first["msg"][:1].lower() + first["msg"][1:]
    more = f"; {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''}" if len(problems) > 1 else ""
    return f"{where or 'top level'}: {' '.join(why.split())}{more}"


def _json_type(value: object) -> str:
    return {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}.get(type(value), "null")


def outlet(article: ArticleOut | None) -> str:
    """Who published an article: its ``source``, else the host of its ``url`` (without www.), else unknown."""
    if article is None:
        return UNKNOWN_OUTLET
    source = article.source
    if source and source.strip():
        return " ".join(source.split())
    host = url_host(article.url)
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


def articles_by_id(report: Report) -> dict[str, ArticleOut]:
    return {a.id: a for a in report.articles}


def story_of_article(report: Report) -> dict[str, str]:
    """Each article's story id (stories partition the articles)."""
    return {aid: story.id for story in report.stories for aid in story.articles}


def quotes_of(report: Report) -> list[QuoteOut]:
    """The optional ``quotes`` list (issue 6); empty when the report predates it."""
    return report.quotes or []


def speaker_name(quote: QuoteOut) -> str | None:
    speaker = quote.speaker
    return speaker if speaker and speaker.strip() else None


def speakers_by_article(report: Report) -> dict[str, set[str]]:
    """The named speakers each article quotes, for filtering stories and groups by speaker."""
    found: dict[str, set[str]] = defaultdict(set)
    for quote in quotes_of(report):
        name = speaker_name(quote)
        if name is None:
            continue
        for instance in quote.instances:
            found[instance.article].add(name)
    return found


def all_outlets(report: Report) -> list[str]:
    """Distinct outlets sorted case-insensitively, ``unknown`` last (it is the least useful choice)."""
    names = {outlet(a) for a in report.articles}
    known = sorted(names - {UNKNOWN_OUTLET}, key=str.casefold)
    return known + ([UNKNOWN_OUTLET] if UNKNOWN_OUTLET in names else [])
