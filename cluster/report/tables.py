"""The JSON contract as tidy CSV tables: one file per entity, one row per entity, a header row.

Rendered from the ``to_json`` dict (never from the Result) so a saved run gives the same tables. The
nested parts of the contract become their own rows: a duplicate group is one row per passage it holds,
a story one row per member article, a storyline one row per story, a quote one row per place it was
found. Attributes of the parent are repeated on each row, so each file loads into a spreadsheet or
``pandas.read_csv`` with no joins needed for the common questions. Short lists that describe the parent
(a story's keywords) are joined with `` | ``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from cluster.report.saved import articles_by_id, outlet, quotes_of, speaker_name, story_of_article

LIST_SEPARATOR = " | "
INSTANCE_FIELDS = ("article", "lang", "kind", "match_type", "agency", "speaker_as_written", "start", "end", "text")
Row = dict[str, Any]

COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("id", "title", "date", "lang", "source", "url", "outlet", "story", "segments", "body_segments"),
    "segments": ("article", "index", "kind", "start", "end", "text"),
    "duplicate_pairs": (
        "group", "a", "b", "article_a", "article_b", "match_type", "similarity", "lexical_overlap",
    ),
    "duplicate_groups": (
        "group", "passage", "article", "segment", "kind", "lang", "start", "end", "text",
        "group_articles", "group_languages", "group_match_types", "group_best_similarity",
        "earliest", "copy_match_type",
    ),
    "stories": (
        "story", "position", "article", "article_date", "article_lang", "outlet", "is_central",
        "label", "first_date", "last_date", "size", "keywords", "evidence",
    ),
    "storylines": ("storyline", "position", "story", "similarity", "story_label", "story_first_date"),
    "quotes": ("quote", "speaker", "instance", *INSTANCE_FIELDS, "is_earliest", "earliest_date"),
}


def write_tables(report: dict[str, Any], directory: Path) -> list[Path]:
    """Write every table as ``DIR/<name>.csv`` (UTF-8, no BOM); return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in table_rows(report).items():
        path = directory / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS[name], extrasaction="raise")
            writer.writeheader()
            writer.writerows({key: cell(value) for key, value in row.items()} for row in rows)
        written.append(path)
    return written


def table_rows(report: dict[str, Any]) -> dict[str, list[Row]]:
    """Every table's rows as dicts keyed by column name (values still JSON-typed)."""
    return {
        "articles": list(article_rows(report)),
        "segments": list(segment_rows(report)),
        "duplicate_pairs": list(pair_rows(report)),
        "duplicate_groups": list(group_passage_rows(report)),
        "stories": list(story_member_rows(report)),
        "storylines": list(storyline_rows(report)),
        "quotes": list(quote_instance_rows(report)),
    }


def cell(value: Any) -> Any:
    """How one JSON value is written: null as an empty cell, booleans as true/false, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def article_rows(report: dict[str, Any]) -> Iterator[Row]:
    story = story_of_article(report)
    for article in report["articles"]:
        segments = article.get("segments") or []
        yield {
            "id": article["id"],
            "title": article.get("title"),
            "date": article.get("date"),
            "lang": article.get("lang"),
            "source": article.get("source"),
            "url": article.get("url"),
            "outlet": outlet(article),
            "story": story.get(article["id"]),
            "segments": len(segments),
            "body_segments": sum(1 for s in segments if s.get("kind") == "body"),
        }


def segment_rows(report: dict[str, Any]) -> Iterator[Row]:
    for article in report["articles"]:
        for segment in article.get("segments") or []:
            yield {"article": article["id"], **{key: segment.get(key) for key in COLUMNS["segments"][1:]}}


def pair_rows(report: dict[str, Any]) -> Iterator[Row]:
    for group in report["duplicate_groups"]:
        for pair in group["pairs"]:
            yield {"group": group["id"], **{key: pair.get(key) for key in COLUMNS["duplicate_pairs"][1:]}}


def group_passage_rows(report: dict[str, Any]) -> Iterator[Row]:
    """One row per passage of each group, the group's own attributes repeated on each."""
    for group in report["duplicate_groups"]:
        earliest, copy_types = _provenance_lookup(group)
        for position, passage in enumerate(group["passages"]):
            article = passage.get("article")
            yield {
                "group": group["id"],
                "passage": position,
                **{key: passage.get(key) for key in ("article", "segment", "kind", "lang", "start", "end", "text")},
                "group_articles": len(group.get("articles") or []),
                "group_languages": group.get("languages") or [],
                "group_match_types": group.get("match_types") or [],
                "group_best_similarity": group.get("best_similarity"),
                "earliest": None if earliest is None else article in earliest,
                "copy_match_type": copy_types.get(article),
            }


def _provenance_lookup(group: dict[str, Any]) -> tuple[set[str] | None, dict[str, str]]:
    """The earliest articles and each copy's match type from a group's optional ``provenance``."""
    provenance = group.get("provenance")
    if not isinstance(provenance, dict):
        return None, {}
    earliest = {a for a in provenance.get("earliest") or [] if isinstance(a, str)}
    copies = {
        c["article"]: c.get("match_type")
        for c in provenance.get("copies") or []
        if isinstance(c, dict) and "article" in c
    }
    return earliest, copies


def story_member_rows(report: dict[str, Any]) -> Iterator[Row]:
    """One row per (story, member article), members in the story's date order."""
    articles = articles_by_id(report)
    for story in report["stories"]:
        for position, aid in enumerate(story["articles"]):
            article = articles.get(aid, {})
            yield {
                "story": story["id"],
                "position": position,
                "article": aid,
                "article_date": article.get("date"),
                "article_lang": article.get("lang"),
                "outlet": outlet(article) if article else None,
                "is_central": aid == story.get("central_article"),
                "label": story.get("label"),
                "first_date": story.get("first_date"),
                "last_date": story.get("last_date"),
                "size": len(story["articles"]),
                "keywords": story.get("keywords") or [],
                "evidence": story.get("evidence") or [],
            }


def storyline_rows(report: dict[str, Any]) -> Iterator[Row]:
    stories = {s["id"]: s for s in report["stories"]}
    for line in report["storylines"]:
        for position, sid in enumerate(line["stories"]):
            story = stories.get(sid, {})
            yield {
                "storyline": line["id"],
                "position": position,
                "story": sid,
                "similarity": line.get("similarity"),
                "story_label": story.get("label"),
                "story_first_date": story.get("first_date"),
            }


def quote_instance_rows(report: dict[str, Any]) -> Iterator[Row]:
    """One row per place a quote was found; none (a header-only file) when the report has no quotes."""
    for quote in quotes_of(report):
        earliest = quote.get("earliest") if isinstance(quote.get("earliest"), dict) else {}
        first = set(_strings([earliest.get("article")])) | set(_strings(earliest.get("ties") or []))
        for position, instance in enumerate(quote.get("instances") or []):
            if not isinstance(instance, dict):
                continue
            yield {
                "quote": quote.get("id"),
                "speaker": speaker_name(quote),
                "instance": position,
                **{key: instance.get(key) for key in INSTANCE_FIELDS},
                "is_earliest": instance.get("article") in first,
                "earliest_date": earliest.get("date"),
            }


def _strings(values: Iterable[object]) -> Iterator[str]:
    return (v for v in values if isinstance(v, str))
