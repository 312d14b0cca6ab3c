"""The JSON contract as tidy CSV tables: one file per entity, one row per entity, a header row.

Rendered from the ``Report`` model (never from the Result) so a saved run gives the same tables. The
nested parts of the contract become their own rows: a duplicate group is one row per passage it holds,
a story one row per member article, a storyline one row per story, a quote one row per place it was
found. Attributes of the parent are repeated on each row, so each file loads into a spreadsheet or
``pandas.read_csv`` with no joins needed for the common questions. Short lists that describe the parent
(a story's keywords) are joined with `` | ``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cluster.report.contract import Report
from cluster.report.hygiene import FORMULA_START, csv_safe
from cluster.report.pair_rows import pair_figures
from cluster.report.saved import articles_by_id, check_report, outlet, quotes_of, speaker_name, story_of_article

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


def write_tables(report: Report | dict[str, Any], directory: Path, *, raw: bool = False) -> list[Path]:
    """Write every table as ``DIR/<name>.csv`` (UTF-8, no BOM); return the paths written.

    ``report`` is a Report, or its JSON form (checked against the contract first). Cells a spreadsheet
    would run as a formula get a leading apostrophe unless ``raw`` (``--csv-raw``) asks for the text as is.
    """
    convert = _plain_cells if raw else _safe_cells
    report = check_report(report)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in table_row_iterators(report).items():
        path = directory / f"{name}.csv"
        columns = COLUMNS[name]
        in_order = itemgetter(*columns)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)  # rows in column order: a day of news has 64,000 pair rows
            writer.writerow(columns)
            writer.writerows(convert(in_order(row)) for row in rows)
        written.append(path)
    return written


def table_rows(report: Report) -> dict[str, list[Row]]:
    """Every table's rows as dicts keyed by column name (values still JSON-typed)."""
    return {name: list(rows) for name, rows in table_row_iterators(report).items()}


def table_row_iterators(report: Report) -> dict[str, Iterator[Row]]:
    return {
        "articles": article_rows(report),
        "segments": segment_rows(report),
        "duplicate_pairs": pair_rows(report),
        "duplicate_groups": group_passage_rows(report),
        "stories": story_member_rows(report),
        "storylines": storyline_rows(report),
        "quotes": quote_instance_rows(report),
    }


def _safe_cells(values: tuple[Any, ...]) -> list[Any]:
    """A row's cells as ``safe_cell`` writes them; numbers and harmless text (most cells of a day of news's
    1.3 million) pass without a call."""
    return [value if (kind := value.__class__) is int or kind is float
            or (kind is str and not value.startswith(FORMULA_START)) else safe_cell(value) for value in values]


def _plain_cells(values: tuple[Any, ...]) -> list[Any]:
    """A row's cells as ``cell`` writes them (``--csv-raw``)."""
    return [value if (kind := value.__class__) is int or kind is float or kind is str else cell(value)
            for value in values]


def safe_cell(value: Any) -> Any:
    """``cell`` neutralised for spreadsheets (``hygiene.csv_safe``)."""
    return csv_safe(cell(value))


def cell(value: Any) -> Any:
    """How one JSON value is written: null as an empty cell, booleans as true/false, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def article_rows(report: Report) -> Iterator[Row]:
    story = story_of_article(report)
    for article in report.articles:
        yield {
            "id": article.id,
            "title": article.title,
            "date": article.date,
            "lang": article.lang,
            "source": article.source,
            "url": article.url,
            "outlet": outlet(article),
            "story": story.get(article.id),
            "segments": len(article.segments),
            "body_segments": sum(1 for s in article.segments if s.kind == "body"),
        }


def segment_rows(report: Report) -> Iterator[Row]:
    for article in report.articles:
        for s in article.segments:
            yield {"article": article.id, "index": s.index, "kind": s.kind, "start": s.start, "end": s.end,
                   "text": s.text}


def pair_rows(report: Report) -> Iterator[Row]:
    """One row per verified pair, written out (a day of news has 64,000: a generic field copy per row cost
    more than writing the file)."""
    for group in report.duplicate_groups:
        for a, b, article_a, article_b, similarity, overlap, kind in pair_figures(group.pairs):
            yield {"group": group.id, "a": a, "b": b, "article_a": article_a, "article_b": article_b,
                   "match_type": kind, "similarity": similarity, "lexical_overlap": overlap}


def _fields(model: BaseModel, names: Iterable[str]) -> Row:
    return {name: getattr(model, name) for name in names}


def group_passage_rows(report: Report) -> Iterator[Row]:
    """One row per passage of each group, the group's own attributes repeated on each."""
    for group in report.duplicate_groups:
        provenance = group.provenance
        earliest = set(provenance.earliest) if provenance else None
        copy_types = {c.article: c.match_type for c in provenance.copies} if provenance else {}
        for position, passage in enumerate(group.passages):
            yield {
                "group": group.id,
                "passage": position,
                "article": passage.article,
                "segment": passage.segment,
                "kind": passage.kind,
                "lang": passage.lang,
                "start": passage.start,
                "end": passage.end,
                "text": passage.text,
                "group_articles": len(group.articles),
                "group_languages": group.languages,
                "group_match_types": group.match_types,
                "group_best_similarity": group.best_similarity,
                "earliest": None if earliest is None else passage.article in earliest,
                "copy_match_type": copy_types.get(passage.article),
            }


def _members(groups: Iterable[Any], field: str, lookup: dict[str, Any]) -> Iterator[tuple[Any, int, str, Any]]:
    """(group, position, member id, member or None) for every member listed in each group's ``field``."""
    for group in groups:
        for position, member_id in enumerate(getattr(group, field)):
            yield group, position, member_id, lookup.get(member_id)


def story_member_rows(report: Report) -> Iterator[Row]:
    """One row per (story, member article), members in the story's date order."""
    for story, position, aid, article in _members(report.stories, "articles", articles_by_id(report)):
        yield {
            "story": story.id,
            "position": position,
            "article": aid,
            "article_date": article.date if article else None,
            "article_lang": article.lang if article else None,
            "outlet": outlet(article) if article else None,
            "is_central": aid == story.central_article,
            "label": story.label,
            "first_date": story.first_date,
            "last_date": story.last_date,
            "size": len(story.articles),
            "keywords": story.keywords,
            "evidence": story.evidence,
        }


def storyline_rows(report: Report) -> Iterator[Row]:
    for line, position, sid, story in _members(report.storylines, "stories", {s.id: s for s in report.stories}):
        yield {
            "storyline": line.id,
            "position": position,
            "story": sid,
            "similarity": line.similarity,
            "story_label": story.label if story else None,
            "story_first_date": story.first_date if story else None,
        }


def quote_instance_rows(report: Report) -> Iterator[Row]:
    """One row per place a quote was found; none (a header-only file) when the report has no quotes."""
    for quote in quotes_of(report):
        first = {quote.earliest.article, *quote.earliest.ties}
        for position, instance in enumerate(quote.instances):
            yield {
                "quote": quote.id,
                "speaker": speaker_name(quote),
                "instance": position,
                **_fields(instance, INSTANCE_FIELDS),
                "is_earliest": instance.article in first,
                "earliest_date": quote.earliest.date,
            }
