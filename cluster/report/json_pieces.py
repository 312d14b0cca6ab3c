"""The JSON text of a Report written a piece at a time: the same text as ``model_dump_json(indent=2)``.

The JSON view of a day of news is most of what a run writes (110 million characters at 30,000 passages
of wire copies, 1.09 billion at 300,000): serialised in one call it was one Python string (two bytes a
character once an Arabic letter is in it) plus the bytes it was decoded from, the run's memory peak.
Written here one top-level key, one article, one group, one story at a time, and each piece compressed
or written out before the next is made, it is never whole in memory. Each piece is pydantic-core's own
indented serialisation, shifted to its depth, so the text is byte for byte the one-call text (checked by
tests/test_report_scale.py on a run with every key).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from pydantic import BaseModel

from cluster.gcpause import without_gc
from cluster.rendered import RenderedView

ITEM_INDENT = " " * 4
"""A top-level list's items sit two levels deep in ``indent=2`` output."""


@without_gc
def json_view(report: BaseModel) -> RenderedView:
    """The JSON view as the run keeps it: written in pieces, each compressed before the next is made. The
    collector is paused as for the contract (``gcpause``): each group's pair rows are a burst of dicts, and
    the collections they set off walked the run's whole Result, a third of the view's time at 30k passages."""
    return RenderedView.of_pieces(json_pieces(report))


def json_pieces(report: BaseModel) -> Iterator[str]:
    """``report.model_dump_json(indent=2)`` in pieces: long lists of models item by item, other keys whole."""
    names = [*type(report).model_fields, *(report.__pydantic_extra__ or {})]
    first = True
    for name in names:
        value = getattr(report, name, None)
        if isinstance(value, list) and value and all(isinstance(item, BaseModel) for item in value):
            pieces: Iterator[str] = _list_pieces(name, value)
        else:
            pieces = _key_piece(report, name)
        for k, piece in enumerate(pieces):
            if k == 0:
                yield ("{\n" if first else ",\n") + piece
                first = False
            else:
                yield piece
    yield "{}" if first else "\n}"


def _key_piece(report: BaseModel, name: str) -> Iterator[str]:
    """``  "name": value`` as the whole report's dump writes it; nothing when the dump leaves the key out."""
    text = report.model_dump_json(indent=2, include={name})
    if text != "{}":
        yield text[2:-2]  # "{\n" ... "\n}"


def _list_pieces(name: str, items: list[BaseModel]) -> Iterator[str]:
    yield f"  {json.dumps(name, ensure_ascii=False)}: [\n"
    for k, item in enumerate(items):
        text = item.model_dump_json(indent=2).replace("\n", "\n" + ITEM_INDENT)
        yield (ITEM_INDENT if k == 0 else ",\n" + ITEM_INDENT) + text
    yield "\n  ]"
