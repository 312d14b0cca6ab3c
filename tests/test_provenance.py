"""First carriers, copies and agency credits (cluster/report/provenance.py)."""

from __future__ import annotations

import datetime as dt

from cluster.documents import Article, Segment, SegmentKind
from cluster.duplicates.lexical import MatchType
from cluster.duplicates.matches import DuplicateGroup, GroupPassage, PassagePair
from cluster.report.provenance import agency_credits, credits_near, duplicate_provenance, earliest


def test_agency_credits_in_arabic_and_english():
    assert agency_credits("(الأناضول، العربي الجديد)") == ["Anadolu"]
    assert agency_credits("وفق ما أوردته وكالة رويترز") == ["Reuters"]
    assert agency_credits("UNITED NATIONS (Reuters) - ...") == ["Reuters"]
    assert agency_credits("بوب رايندرز/فرانس برس") == ["AFP"]
    assert agency_credits("the AP reported") == ["AP"]
    # Not a credit: a word that merely contains the letters.
    assert agency_credits("Apple shares rose; the lapse was noted") == []
    assert agency_credits("كشفت مصادر لوكالة الأناضول") == ["Anadolu"]


def _article(aid: str, date: dt.date | None) -> Article:
    return Article(aid, aid, "text", date=date)


def test_earliest_with_ties_and_undated():
    articles = {
        "a": _article("a", dt.date(2025, 3, 11)),
        "b": _article("b", dt.date(2025, 3, 10)),
        "c": _article("c", dt.date(2025, 3, 10)),
        "d": _article("d", None),
    }
    first = earliest(["a", "b", "c", "d"], articles)
    assert first.first == ["b", "c"] and first.ties == ["c"] and first.dated
    assert first.undated == ["d"]
    none = earliest(["d"], articles)
    assert none.first == [] and not none.dated and none.date is None


def test_duplicate_provenance_copies_and_adjacent_credit():
    articles = {"a": _article("a", dt.date(2025, 1, 2)), "b": _article("b", dt.date(2025, 1, 1)),
                "c": _article("c", dt.date(2025, 1, 3))}
    segments = {
        "a": [Segment("a", 0, SegmentKind.BODY, "passage", 0, 7)],
        "b": [Segment("b", 0, SegmentKind.BODY, "passage", 0, 7),
              Segment("b", 1, SegmentKind.BOILERPLATE, "(الأناضول)", 9, 19)],
        "c": [Segment("c", 0, SegmentKind.BODY, "passage", 0, 7)],
    }
    passages = tuple(GroupPassage(x, 0, SegmentKind.BODY, 0, 7, "passage", "ar") for x in "abc")
    pairs = (PassagePair(0, 1, 0.99, 1.0, MatchType.VERBATIM), PassagePair(1, 2, 0.9, 0.8, MatchType.EDITED),
             PassagePair(0, 2, 0.95, 0.9, MatchType.VERBATIM))
    prov = duplicate_provenance(DuplicateGroup(passages, pairs), articles, segments)
    assert prov["earliest"] == ["b"] and prov["dated"] is True and prov["date"] == "2025-01-01"
    # c's link to the first carrier (edited) wins over its stronger link to another copy.
    assert prov["copies"] == [{"article": "a", "match_type": "verbatim"}, {"article": "c", "match_type": "edited"}]
    assert prov["agency"] == ["Anadolu"]
    assert credits_near(segments["b"], 0) == ["Anadolu"]
    assert credits_near(segments["a"], 0) == []


def test_credit_counts_only_next_to_the_passage():
    texts = ["(رويترز)", "نص أول", "المقطع المنقول", "نص ثان", "(أ ف ب)"]
    segments = [Segment("x", 10 + i, SegmentKind.BODY, t, 0, len(t)) for i, t in enumerate(texts)]
    assert credits_near(segments, 12) == []  # both credits are two paragraphs away
    assert credits_near(segments, 11) == ["Reuters"]
    assert credits_near(segments, 13) == ["AFP"]
    assert credits_near(segments, 99) == [] and credits_near([], 0) == []
