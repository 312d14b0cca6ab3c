"""The attribution-miss diagnosis never reads the held-out split, and tells a name cut short from a wrong one."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster.documents import SegmentKind
from cluster.evaluation.attribution_misses import _cause, classify
from cluster.quotes.extract import Quote


def _quote(speaker: str | None) -> Quote:
    return Quote(article_id="a", segment_index=1, segment_kind=SegmentKind.BODY, lang="ar", text="...", start=0, end=3,
                 kind="direct", speaker=speaker, speaker_as_written=speaker, speaker_kind="person")


def test_test_split_is_refused():
    with pytest.raises(ValueError):
        classify(Path("tests/data/quotes_labelled.jsonl"), "test")


def test_causes_of_a_miss():
    label = {"speaker": "خالد الحنيفات", "speaker_kind": "person"}
    assert _cause(_quote("خالد"), _quote("خالد"), label) == "e"  # cut before the family name
    assert _cause(_quote("عدنان أبو رمان"), _quote(None), label) == "d'"
    assert _cause(_quote(None), _quote(None), label) == "b"
    assert _cause(_quote("خالد الحنيفات"), _quote(None), label) == "c"
    assert _cause(_quote("خالد الحنيفات"), _quote("خالد الحنيفات"), label) is None
