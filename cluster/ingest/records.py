"""Article records: one model for a line of a JSONL file, a JSON record, a CSV row and the body of
``POST /articles``, and the readers of the record file formats.

One model so that an article does not depend on how it arrived: a record without a title gets the
first line of its text whether it came in a file or over HTTP, and an unparseable date is dropped
with a remark in both. Exports are messy (numeric ids, empty strings for absent fields), so fields
are read leniently; what makes a record unusable (no text, no id where the file has ids) gets a
one-line reason naming the field, which the readers turn into a skip: one bad record costs itself.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from typing import Any, Optional

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from cluster.config import IngestConfig
from cluster.documents import Article
from cluster.ingest.dates import parse_date
from cluster.ingest.files import Batch, Source, Unreadable, describe_lines, nul_lines
from cluster.ingest.limits import cap_text
from cluster.ingest.text import title_from
from cluster.textnorm import script_language

RECORD_ERROR = "article_record"
"""Pydantic error type of the record checks; their message already names the field."""
ARTICLE_LIMITS = IngestConfig()
"""The per-article limits a record is read with when no run configuration is given (an HTTP post)."""
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""After JSON decoding, a valid pair is one character: any surrogate code point left is lone."""
_CHECK_ORDER = ("text", "id")
"""When a record has several problems, the one reported: the text first, as readers always did."""


def json_type(value: Any) -> str:
    """The JSON name of a value's type, for messages about records."""
    names = {str: "string", bool: "boolean", int: "number", float: "number", list: "array", dict: "object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def record_problem(message: str) -> PydanticCustomError:
    """A validation error whose message is shown as is (it names the field itself)."""
    return PydanticCustomError(RECORD_ERROR, message)


def _unencodable(data: dict[str, Any]) -> str | None:
    """Why a record's fields cannot be stored or printed: a lone surrogate (JSON lets ``"\\ud800"`` through,
    but no UTF-8 output can hold it); None when every field can. A NUL character is content like any
    other (the service stores it), so it is not a reason."""
    for key, value in data.items():
        if isinstance(value, str) and (found := _LONE_SURROGATE.search(value)):
            return f"'{key}' holds a lone surrogate (\\u{ord(found[0]):04x} at character {found.start()}), not text"
    return None


def _optional_text(value: Any) -> str | None:
    """An optional string field; numbers are accepted as their text, empty strings count as absent."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value).strip() or None


class ArticleRecord(BaseModel):
    """One article given as fields (docs/output.md, README "Input"). Validate with the context
    ``{"made_id": ...}`` for a record of a file that has no ids: that id is then used."""

    model_config = ConfigDict(extra="ignore")
    id: str = Field(description="Unique id; a number is taken as its text.")
    title: str = Field("", description="Default: the first non-empty line of the text (cut at 200 characters).")
    text: str = Field(description="The article text, kept exactly as given (passages are offsets into it).")
    date: Any = Field(None, description="Publication date (YYYY-MM-DD or a common Arabic/English form); "
                                        "an unparseable one is dropped with a notice.")
    url: Optional[str] = None
    source: Optional[str] = Field(None, description="The outlet.")
    lang: str = Field("", description="ISO 639-1 code; default: detected from the script of the text.")
    _published: Optional[dt.date] = PrivateAttr(None)
    _cut: Optional[str] = PrivateAttr(None)

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any, info: ValidationInfo) -> Any:
        if not isinstance(data, dict):
            raise record_problem(f"record is not an object ({json_type(data)})")
        if problem := _unencodable(data):
            raise record_problem(problem)
        made_id = (info.context or {}).get("made_id")
        return {**data, "id": made_id} if made_id else data

    @field_validator("text", mode="before")
    @classmethod
    def _usable_text(cls, value: Any) -> str:
        if value is None:
            raise record_problem("missing 'text'")
        if not isinstance(value, str):
            raise record_problem(f"'text' is not a string ({json_type(value)})")
        if not value.strip():
            raise record_problem("empty 'text'")
        return value

    @field_validator("id", mode="before")
    @classmethod
    def _usable_id(cls, value: Any) -> str:
        found = _optional_text(value)
        if found is None:
            missing = not value or isinstance(value, str)
            raise record_problem("missing 'id'" if missing else f"'id' is not a string or number ({json_type(value)})")
        return found

    @field_validator("title", "lang", mode="before")
    @classmethod
    def _text_or_empty(cls, value: Any) -> str:
        return _optional_text(value) or ""

    @field_validator("url", "source", mode="before")
    @classmethod
    def _text_or_none(cls, value: Any) -> str | None:
        return _optional_text(value)

    @model_validator(mode="after")
    def _defaults_from_text(self, info: ValidationInfo) -> ArticleRecord:
        self.text, self._cut = cap_text(self.text, (info.context or {}).get("limits") or ARTICLE_LIMITS)
        self.title = self.title or title_from(self.text)
        self.lang = (self.lang or script_language(self.text)).lower()
        if self.date not in (None, ""):
            self._published = parse_date(self.date) if isinstance(self.date, str) else None
        return self

    @property
    def date_problem(self) -> str | None:
        """Why the given date was dropped (one line), or None when it parsed or none was given."""
        if self._published is None and self.date not in (None, ""):
            return f"unparseable date {self.date!r}, kept without a date"
        return None

    @property
    def remarks(self) -> list[str]:
        """One line per thing changed on the way in: a dropped date, a text cut to the article limits."""
        return [r for r in (self.date_problem, self._cut) if r]

    def to_article(self, path: str) -> Article:
        """The article; ``path`` says where it came from in messages (a file, or the HTTP endpoint)."""
        return Article(id=self.id, title=self.title, text=self.text, date=self._published, lang=self.lang,
                       source=self.source, url=self.url, path=path)


def describe_problem(error: ErrorDetails) -> str:
    """One line naming the field, in the words of the record readers ("missing 'text'")."""
    where = ".".join(str(part) for part in error["loc"])
    if error["type"] == RECORD_ERROR or not where:
        return error["msg"]
    if error["type"] == "missing":
        return f"missing '{where}'"
    return f"'{where}': {error['msg']}"


def _first_problem(exc: ValidationError) -> str:
    errors = exc.errors()

    def rank(error: ErrorDetails) -> int:
        loc = error["loc"]
        return -1 if not loc else _CHECK_ORDER.index(loc[0]) if loc[0] in _CHECK_ORDER else len(_CHECK_ORDER)

    return describe_problem(min(errors, key=rank))


# --- the record file formats -----------------------------------------------------------------------


def records_to_batch(src: Source, items: list[tuple[str, int, Any]], batch: Batch) -> Batch:
    """Articles from parsed records. ``items`` holds (where, number, record): ``where`` locates a
    record in messages ("line 12", "record 3"), ``number`` makes its id when the file has no ids."""
    if not items and not batch.skipped:
        raise Unreadable("no records")
    has_ids = any(isinstance(rec, dict) and _optional_text(rec.get("id")) for _, _, rec in items)
    for where, number, rec in items:
        context = {"limits": src.limits, **({} if has_ids else {"made_id": f"{src.rel}#{number}"})}
        try:
            record = ArticleRecord.model_validate(rec, context=context)
        except ValidationError as exc:
            batch.skipped.append(f"{where}: {_first_problem(exc)}")
            continue
        batch.notices += [f"{src.display}: {where}: {remark}" for remark in record.remarks]
        batch.articles.append(record.to_article(src.display))
    return batch


def read_json(src: Source, text: str) -> Batch:
    """A list of records, an object with an ``articles`` list, or a single record object."""
    batch = Batch()
    if "\0" in text:  # raw NULs are invalid JSON: read escaped, as the characters they are, not a lost file
        batch.notices.append(f"{src.display}: raw NUL bytes on {describe_lines(nul_lines(text))} read as \\u0000")
    try:
        data = json.loads(text.replace("\0", "\\u0000"))
    except json.JSONDecodeError as exc:
        raise Unreadable(f"invalid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        records = data["articles"]
    elif isinstance(data, dict) and "text" in data:
        records = [data]
    elif isinstance(data, list):
        records = data
    else:
        raise Unreadable("JSON is neither a list of records nor an object with an 'articles' list")
    return records_to_batch(src, [(f"record {i}", i, rec) for i, rec in enumerate(records, 1)], batch)


def read_jsonl(src: Source, text: str) -> Batch:
    """One record per line; a line that does not parse costs that line only."""
    batch, items = Batch(), []
    # split on "\n" only: str.splitlines would also cut at U+2028, which JSON strings may contain raw
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        if "\0" in line:
            batch.skipped.append(f"line {lineno}: holds a NUL byte (a damaged line)")
            continue
        try:
            items.append((f"line {lineno}", lineno, json.loads(line)))
        except json.JSONDecodeError as exc:
            batch.skipped.append(f"line {lineno}: invalid JSON ({exc.msg})")
    return records_to_batch(src, items, batch)


def read_csv(src: Source, text: str) -> Batch:
    """A header row naming the fields (any case), then one record per row. The delimiter is the one
    of , ; tab that the header uses most. A malformed row stops the file; earlier rows are kept."""
    header_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=header_line.count)
    csv.field_size_limit(2**31 - 1)  # the file-size limit already bounds a field; the default is 128 KB
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    batch, items = Batch(), []
    try:
        header = [name.strip().lower() for name in next(reader)]
        if "text" not in header:
            raise Unreadable(f"CSV header has no 'text' column (columns: {', '.join(header)[:120]})")
        line = reader.line_num
        for number, row in enumerate(reader, 1):
            where, line = f"line {line + 1}", reader.line_num
            if any(cell.strip() for cell in row):
                items.append((where, number, dict(zip(header, row))))
    except csv.Error as exc:
        batch.skipped.append(f"line {reader.line_num}: malformed CSV ({exc}); rest of the file skipped")
    return records_to_batch(src, items, batch)
