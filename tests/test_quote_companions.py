"""Freer translations between two articles already linked by one statement (``quotes.companions``).

An Arabic and an English report of one speech: the first statement translates closely (cosine 0.85),
the second freely (0.42, under the corpus-wide cut). Between the two linked articles the free one is
matched; the same words in an article that shares nothing with them stay apart, and a second statement
of the same speaker is not taken for the translation once the better pair is linked.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cluster.config import Config
from cluster.documents import SegmentKind
from cluster.evaluation.quote_eval import evaluate_translations
from cluster.quotes.companions import COMPANION_FLOOR, MAX_PARTNERS, companion_candidates
from cluster.quotes.extract import Quote
from cluster.quotes.matching import QuoteSettings, match_quotes

DATA = Path(__file__).parent / "data"

TEXTS = {
    "لبنان لن يكون ساحة لحروب الآخرين": "close",
    "Lebanon will not be an arena for the wars of others": "close",
    "قرار حصر السلاح بيد الدولة نهائي ولا رجوع عنه": "free-ar",
    "the decision to bring all weapons under state control was final": "free-en",
    "the government will present its weapons plan to parliament next month": "other",
}


class DesignedEncoder:
    """Vectors with chosen cosines: 'close' pairs at 1.0, the free translation at 0.42, the other
    statement at 0.38 to the Arabic free one."""

    def encode(self, sentences: list[str], **_: object) -> np.ndarray:
        basis = np.eye(4)
        table = {
            "close": basis[0],
            "free-ar": basis[1],
            "free-en": 0.42 * basis[1] + np.sqrt(1 - 0.42 ** 2) * basis[2],
            "other": 0.38 * basis[1] + np.sqrt(1 - 0.38 ** 2) * basis[3],
        }
        return np.stack([table[TEXTS[s]] for s in sentences]).astype(np.float32)


def _quote(article: str, lang: str, text: str, speaker: str = "Joseph Aoun") -> Quote:
    return Quote(article_id=article, segment_index=1, segment_kind=SegmentKind.BODY, lang=lang, text=text,
                 start=0, end=len(text), kind="indirect", speaker=speaker, speaker_as_written=speaker,
                 speaker_kind="person")


def _groups(quotes: list[Quote]) -> set[frozenset[str]]:
    result = match_quotes(quotes, DesignedEncoder(), QuoteSettings.from_config(Config()))
    return {frozenset(quotes[k].text[:12] for k in g.members) for g in result.groups if len(g.members) > 1}


def _linked_articles() -> list[Quote]:
    """Two articles linked by one close translation (Aoun's first line) and a freer one of his second."""
    return [
        _quote("ar", "ar", "لبنان لن يكون ساحة لحروب الآخرين", "جوزاف عون"),
        _quote("ar", "ar", "قرار حصر السلاح بيد الدولة نهائي ولا رجوع عنه", "جوزاف عون"),
        _quote("en", "en", "Lebanon will not be an arena for the wars of others"),
        _quote("en", "en", "the decision to bring all weapons under state control was final"),
    ]


def test_a_free_translation_between_linked_articles_is_matched():
    assert frozenset({"قرار حصر الس", "the decision"}) in _groups(_linked_articles())


def test_articles_that_share_no_statement_stay_apart():
    quotes = [
        _quote("ar", "ar", "قرار حصر السلاح بيد الدولة نهائي ولا رجوع عنه", "جوزاف عون"),
        _quote("en", "en", "the decision to bring all weapons under state control was final"),
    ]
    assert _groups(quotes) == set()


def test_a_second_statement_of_the_speaker_is_not_its_translation():
    quotes = [*_linked_articles(),
              _quote("en", "en", "the government will present its weapons plan to parliament next month")]
    groups = _groups(quotes)
    assert frozenset({"قرار حصر الس", "the decision"}) in groups
    assert not any("the governme" in g for g in groups)


def test_partners_per_article_are_bounded():
    from cluster.duplicates.lexical import MatchType
    from cluster.quotes.matching import QuoteLink

    hub = [_quote("hub", "ar", f"نص {k}") for k in range(2)]
    others = [_quote(f"en{k}", "en", f"text {k}") for k in range(MAX_PARTNERS + 4)]
    quotes = hub + others
    links = [QuoteLink(0, 2 + k, 0.9 - k / 100, MatchType.TRANSLATION, False) for k in range(len(others))]
    vectors = np.ones((len(quotes), 1), dtype=np.float32)
    found = companion_candidates(quotes, vectors, links, COMPANION_FLOOR)
    partners = {quotes[b].article_id for _, b in found}
    assert len(partners) == MAX_PARTNERS


@pytest.mark.slow
@pytest.mark.parametrize("split, floors", [
    # measured (precision, recall): dev 1.000 / 1.000, dev2 1.000 / 1.000, dev3 0.913 / 1.000, dev4 0.933 / 1.000
    # (wt-q18; before it, and before quote_eval._parts_of_pairs credited a clause of a paired label: dev 0.944 /
    # 0.944, dev4 0.907 / 0.975).
    # dev and dev4 were 1.000 / 1.000 and 0.930 / 1.000 until wt-q13 split two clauses under one verb into two
    # quotes ("said that A and that B", «إن ...، وإن ...»), as the later labellers mark them (dev7..dev9); the dev
    # and dev4 labellers kept them as one span, so a pair whose Arabic repeats the "that" while its English does
    # not (dev s05q2) now misses. The same round moved the blind dev9 from 0.867 / 0.578 to 0.944 / 0.756.
    ("dev", (0.94, 0.94)),
    ("dev2", (0.97, 0.97)),
    ("dev3", (0.88, 0.95)),
    ("dev4", (0.90, 0.95)),
    # dev5 0.952 / 0.909 after wt-q7's rules (0.947 / 0.818 blind)
    ("dev5", (0.92, 0.88)),
])
def test_written_translation_floors(split, floors, use_encoder):
    scores = evaluate_translations(DATA / "quotes_labelled.jsonl", use_encoder, split)
    assert scores.precision >= floors[0] and scores.recall >= floors[1]


NAMED = {
    "الاعتداءات الإسرائيلية خرق فاضح لاتفاق وقف النار": "close",
    "Israeli attacks a flagrant breach of the ceasefire": "close",
}


class NamedEncoder(DesignedEncoder):
    def encode(self, sentences: list[str], **_: object) -> np.ndarray:
        return np.stack([np.eye(4)[0] for _ in sentences]).astype(np.float32) if all(s in NAMED for s in sentences) else (
            super().encode(sentences))


@pytest.mark.parametrize("arabic, english, linked", [
    ("نواف سلام الغارات", "Nawaf Salam", True),  # the verb's object read into the Arabic name
    ("جو بايدن", "Hunter Biden", False),  # two people of one family name
])
def test_a_name_holding_the_other_whole_is_no_other_person(arabic, english, linked):
    quotes = [_quote("ar", "ar", "الاعتداءات الإسرائيلية خرق فاضح لاتفاق وقف النار", arabic),
              _quote("en", "en", "Israeli attacks a flagrant breach of the ceasefire", english)]
    result = match_quotes(quotes, NamedEncoder(), QuoteSettings.from_config(Config()))
    assert any(len(g.members) == 2 for g in result.groups) is linked


MISREAD = {
    "لبنان لن يكون ساحة لحروب الآخرين": 0,
    "Lebanon will not be an arena for the wars of others": 0,
    "لن نسلم سلاحنا لأي جهة قبل قيام الدولة": 1,
    "We will not hand over our weapons before a state exists": 2,
}


class MisreadEncoder:
    """The first pair identical; the second at cosine 0.84."""

    def encode(self, sentences: list[str], **_: object) -> np.ndarray:
        basis = np.eye(3)
        table = {0: basis[0], 1: basis[1], 2: 0.84 * basis[1] + np.sqrt(1 - 0.84 ** 2) * basis[2]}
        return np.stack([table[MISREAD[s]] for s in sentences]).astype(np.float32)


@pytest.mark.parametrize("linked", [True, False])
def test_a_close_translation_between_linked_articles_survives_a_misread_speaker(linked):
    # the Arabic reading took "غزة خليل" for the Hamas leader, the English one gave his words to Witkoff
    quotes = [_quote("ar", "ar", "لن نسلم سلاحنا لأي جهة قبل قيام الدولة", "غزة خليل"),
              _quote("en", "en", "We will not hand over our weapons before a state exists", "Steve Witkoff")]
    if linked:
        quotes += [_quote("ar", "ar", "لبنان لن يكون ساحة لحروب الآخرين", "جوزاف عون"),
                   _quote("en", "en", "Lebanon will not be an arena for the wars of others")]
    result = match_quotes(quotes, MisreadEncoder(), QuoteSettings.from_config(Config()))
    assert any(set(g.members) == {0, 1} for g in result.groups) is linked


@pytest.mark.parametrize("linked", [True, False])
def test_a_copy_that_names_no_one_pairs_between_linked_articles(linked):
    # the English outlet's sentence gives the words without a speaker the extractor could read
    class Loose(MisreadEncoder):
        def encode(self, sentences: list[str], **_: object) -> np.ndarray:
            basis = np.eye(3)
            table = {0: basis[0], 1: basis[1], 2: 0.55 * basis[1] + np.sqrt(1 - 0.55 ** 2) * basis[2]}
            return np.stack([table[MISREAD[s]] for s in sentences]).astype(np.float32)

    quotes = [_quote("ar", "ar", "لن نسلم سلاحنا لأي جهة قبل قيام الدولة", "خليل الحية"),
              replace_speaker(_quote("en", "en", "We will not hand over our weapons before a state exists"), None)]
    if linked:
        quotes += [_quote("ar", "ar", "لبنان لن يكون ساحة لحروب الآخرين", "جوزاف عون"),
                   _quote("en", "en", "Lebanon will not be an arena for the wars of others")]
    result = match_quotes(quotes, Loose(), QuoteSettings.from_config(Config()))
    assert any(set(g.members) == {0, 1} for g in result.groups) is linked


def replace_speaker(quote: Quote, speaker: str | None) -> Quote:
    from dataclasses import replace

    return replace(quote, speaker=speaker, speaker_as_written=speaker, speaker_kind="unattributed")
