"""The building blocks of the JSON contract's models: the shared value types and the base every object uses.

Kept apart from ``contract`` so the quote models (``contract_quotes``) and the report models can share
them without importing one another.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


class ContractModel(BaseModel):
    """Every object of the contract: keys may be added beside the documented ones (1.x stays backward
    compatible), so unknown keys are kept, not rejected."""

    model_config = ConfigDict(extra="allow")


M = TypeVar("M", bound=BaseModel)


def trusted(cls: type[M], **values: Any) -> M:
    """``cls.model_construct(**values)`` for values that name every field of ``cls`` and are the contract's by
    construction (built from a run's dataclasses): the same instance, without model_construct's per-field
    search for aliases and defaults, which cost more than anything else the report does with a pair (a day
    of news has 64,000 pairs, 40,000 passages and 100,000 paragraphs).

    Every instance of a class shares one set of its set fields (the fields of the class, all of them): a set
    of six names is 728 bytes, more than the rest of a paragraph's object, and 30,000 passages of wire copies
    make 55,000 paragraphs and carriers. The set is only read (``exclude_unset``), never per instance."""
    model = _new(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", _every_field(cls))
    _set(model, "__pydantic_extra__", {})
    _set(model, "__pydantic_private__", None)
    return model


@functools.cache
def _every_field(cls: type[BaseModel]) -> set[str]:
    return set(cls.model_fields)


_new, _set = object.__new__, object.__setattr__  # looked up once: trusted() runs 180,000 times a day of news


def _calendar_date(value: str) -> str:
    """The pattern admits 2025-13-45; a date a reader cannot parse is not a date."""
    dt.date.fromisoformat(value)
    return value


def _number_check(minimum: float | None, maximum: float | None):
    def check(value: float | int) -> float | int:
        if isinstance(value, bool):
            raise ValueError("should be a number, not a boolean")
        if minimum is not None and value < minimum:
            raise ValueError(f"should be at least {minimum}")
        if maximum is not None and value > maximum:
            raise ValueError(f"should be at most {maximum}")
        return value

    return check


def number(minimum: float | None = None, maximum: float | None = None) -> Any:
    """A JSON number kept as written: an int stays an int, so output is byte-identical to the values given."""
    bounds = {k: v for k, v in (("minimum", minimum), ("maximum", maximum)) if v is not None}
    return Annotated[
        float | int, AfterValidator(_number_check(minimum, maximum)), WithJsonSchema({"type": "number", **bounds})
    ]


Count = Annotated[int, Field(ge=0)]
Offset = Annotated[int, Field(ge=0)]
Similarity = number(-1, 1)
Share = number(0, 1)
Seconds = number(0)
ArticleId = Annotated[
    str, Field(min_length=1, description="Record id (JSON/JSONL/CSV) or path relative to the corpus root.")
]
Lang = Annotated[str, Field(min_length=1, description="Language by script: ar, en, ru, or und.")]
IsoDate = Annotated[
    str, Field(pattern=DATE_PATTERN, json_schema_extra={"format": "date"}), AfterValidator(_calendar_date)
]
Date = IsoDate | None
MatchTypeName = Literal["verbatim", "edited", "paraphrase", "translation"]
SegmentKindName = Literal["body", "boilerplate", "related"]
GroupId = Annotated[str, Field(pattern=r"^D\d+$")]
StoryId = Annotated[str, Field(pattern=r"^S\d+$")]
StorylineId = Annotated[str, Field(pattern=r"^L\d+$")]


def absent_when_none(value: object) -> bool:
    """Optional keys the contract leaves out rather than writing null (``diff``, ``part``, ``provenance``)."""
    return value is None


class DiffOpOut(ContractModel):
    """One word-level operation: equal (same words), delete (only in a), insert (only in b), replace (a's words
    became b's)."""

    op: Literal["equal", "replace", "delete", "insert"]
    a: str
    b: str


def optional_diff(description: str) -> Any:
    """The ``diff`` of an edited copy: left out of the JSON (not null) wherever there is none."""
    return Field(default=None, exclude_if=absent_when_none, description=description)


def iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None
