"""Cross-lingual quote matching, third round: the evidence that lets a loose translation of one
speaker's statement meet its other-language copy (the speaker's name across scripts, the numbers a
translation writes out in words)."""

from __future__ import annotations

import numpy as np

from cluster.config import Config
from cluster.documents import SegmentKind
from cluster.quotes.extract import Quote
from cluster.quotes.matching import QuoteSettings, match_quotes
from cluster.quotes.speakers import same_person


class TableEncoder:
    """Unit vectors with chosen cosines: ``pairs`` maps (Arabic text, English text) to their cosine;
    every other pair of texts is orthogonal."""

    def __init__(self, pairs: dict[tuple[str, str], float]) -> None:
        self.vectors: dict[str, np.ndarray] = {}
        size = 2 * len(pairs) + 1
        for k, ((ar, en), cos) in enumerate(pairs.items()):
            self.vectors[ar] = np.eye(size)[2 * k]
            self.vectors[en] = cos * np.eye(size)[2 * k] + np.sqrt(1 - cos ** 2) * np.eye(size)[2 * k + 1]
        self.size = size

    def encode(self, sentences: list[str], **_: object) -> np.ndarray:
        other = np.eye(self.size)[-1]
        return np.stack([self.vectors.get(s, other) for s in sentences]).astype(np.float32)


def _quote(article: str, lang: str, text: str, speaker: str, kind: str = "person") -> Quote:
    return Quote(article_id=article, segment_index=1, segment_kind=SegmentKind.BODY, lang=lang, text=text,
                 start=0, end=len(text), kind="indirect", speaker=speaker, speaker_as_written=speaker,
                 speaker_kind=kind)


LEADS = (("الوزارة أعلنت خطة طوارئ لمواجهة الأزمة", "the ministry announced an emergency plan to face the crisis"),
         ("السلطات فتحت تحقيقا في أسباب الحادث", "the authorities opened an inquiry into the cause of the incident"))
"""Each article pair's first statement, a close translation (0.9): the two reports are linked, as a same
speaker's loose translation needs (round wt-tr2: between unlinked articles the same speaker lowers no cut)."""


def _lead(k: int, ar_article: str, en_article: str, ar_speaker: str, en_speaker: str,
          kind: str = "person") -> list[Quote]:
    ar, en = LEADS[k]
    return [_quote(ar_article, "ar", ar, ar_speaker, kind), _quote(en_article, "en", en, en_speaker, kind)]


def _grouped(quotes: list[Quote], pairs: dict[tuple[str, str], float]) -> set[frozenset[str]]:
    """The texts of each group of two or more quotes, the article pairs' leads at 0.9 added to ``pairs``."""
    table = {**pairs, **{lead: 0.9 for lead in LEADS}}
    result = match_quotes(quotes, TableEncoder(table), QuoteSettings.from_config(Config()))
    return {frozenset(quotes[k].text for k in g.members) for g in result.groups if len(g.members) > 1}


def test_a_din_compound_is_one_name_unit_across_scripts() -> None:
    assert same_person("عماد نور الدين", "Imad Noureddine")
    assert same_person("عماد نور الدين", "Imad Nour el-Din")
    assert same_person("سمير بدر الدين", "Samir Badreddine")
    assert same_person("عز الدين القسام", "Izz ad-Din al-Qassam")
    assert not same_person("عماد نور الدين", "Imad Nour")
    assert same_person("كلودين", "Claudine")  # a French name ending in -dine is no compound


def test_a_loose_translation_of_a_din_speaker_matches() -> None:
    ar = "شحنة الأدوية الطارئة تصل إلى المستشفيات الأسبوع المقبل"
    en = "emergency medicine shipment due at hospitals next week"
    quotes = [*_lead(0, "a-ar", "a-en", "عماد نور الدين", "Imad Noureddine"),
              _quote("a-ar", "ar", ar, "عماد نور الدين"), _quote("a-en", "en", en, "Imad Noureddine")]
    assert frozenset({ar, en}) in _grouped(quotes, {(ar, en): 0.58})


def test_numbers_written_as_words_on_one_side_are_kept() -> None:
    ar = "منسوب مياه البحيرة هو الأدنى منذ ستين عاما"
    en = "the lake's water level is at its lowest in 60 years"
    ar2 = "الحريق أتى على 7 منازل في القرية"
    en2 = "the fire destroyed seven houses in the village"
    quotes = [*_lead(0, "b-ar", "b-en", "هالة منصور", "Hala Mansour"),
              _quote("b-ar", "ar", ar, "هالة منصور"), _quote("b-en", "en", en, "Hala Mansour"),
              *_lead(1, "c-ar", "c-en", "مصادر محلية", "local sources", "anonymous"),
              _quote("c-ar", "ar", ar2, "مصادر محلية", "anonymous"), _quote("c-en", "en", en2, "local sources",
                                                                             "anonymous")]
    grouped = _grouped(quotes, {(ar, en): 0.6, (ar2, en2): 0.6})
    assert {frozenset({ar, en}), frozenset({ar2, en2})} <= grouped


def test_a_number_the_other_side_lacks_still_refuses_the_pair() -> None:
    ar = "منسوب مياه البحيرة هو الأدنى منذ ستين عاما"
    en = "lake level lowest in 40 years"
    quotes = [*_lead(0, "b-ar", "b-en", "هالة منصور", "Hala Mansour"),
              _quote("b-ar", "ar", ar, "هالة منصور"), _quote("b-en", "en", en, "Hala Mansour")]
    grouped = _grouped(quotes, {(ar, en): 0.6})
    assert frozenset(LEADS[0]) in grouped  # the two reports are linked: only the number keeps the pair apart
    assert frozenset({ar, en}) not in grouped
