"""Reported speech closing a sentence with an apposed subject ("..., the country's transport minister,
Ali Hassan, said"; "..., Ali Hassan, the transport minister, said Thursday after talks"): the clause
ends before the subject, not at the comma before the verb. News-like sentences written for these tests;
the Arabic copy of the same statement is matched to the English one once both are extracted."""

from __future__ import annotations

import numpy as np

from cluster.config import Config
from cluster.documents import Article
from cluster.quotes.extract import extract_quotes
from cluster.quotes.matching import QuoteSettings, match_quotes
from cluster.segment.paragraphs import segment_corpus
from tests.quote_helpers import speakers as _speakers

EN = ("Port to reopen\n\nADEN (Reuters) — The main container port will reopen to commercial ships next week, "
      "the country's transport minister, Ali Hassan, said on Monday after inspecting the damaged berths.")
AR = ("الميناء يعود للعمل\n\nعدن – قال وزير النقل علي حسن، يوم الاثنين، إن ميناء الحاويات الرئيسي سيعود لاستقبال "
      "السفن التجارية الأسبوع المقبل.")


def test_a_title_then_a_name_set_off_by_commas_is_the_subject_not_the_clause():
    found = _speakers(EN, lang="en")
    assert found["The main container port will reopen to commercial ships next week"] == ("Ali Hassan", "person")
    assert all("minister" not in text for text in found)


def test_a_name_then_its_title_and_a_weekday_adverbial():
    found = _speakers("Talks\n\nSANA'A — Both delegations have agreed to swap 200 detainees before the holiday, "
                      "Hans Lindqvist, the UN special envoy for Yemen, said Thursday after a round of talks in "
                      "Muscat.", lang="en")
    assert found["Both delegations have agreed to swap 200 detainees before the holiday"] == ("Hans Lindqvist",
                                                                                                "person")


def test_clauses_before_a_name_are_not_its_title():
    found = _speakers("Prices\n\nPrices rose, wages fell, and rents doubled, Ali Hassan, said on Monday.", lang="en")
    assert "Prices rose, wages fell" not in found


class _Encoder:
    """The Arabic and English statements at cosine 0.8; everything else orthogonal."""

    def encode(self, sentences: list[str], **_: object) -> np.ndarray:
        def vector(text: str) -> np.ndarray:
            if text.startswith("ميناء الحاويات"):
                return np.array([1.0, 0.0, 0.0])
            if text == "The main container port will reopen to commercial ships next week":
                return np.array([0.8, 0.6, 0.0])
            return np.array([0.0, 0.0, 1.0])
        return np.stack([vector(s) for s in sentences]).astype(np.float32)


def test_the_english_copy_meets_its_arabic_translation():
    articles = [Article("a-ar", "", AR, lang="ar"), Article("a-en", "", EN, lang="en")]
    quotes = extract_quotes(articles, segment_corpus(articles))
    result = match_quotes(quotes, _Encoder(), QuoteSettings.from_config(Config()))
    assert any({quotes[k].lang for k in g.members} == {"ar", "en"} for g in result.groups)


def test_an_honorific_and_the_house_of_a_ruler_name_the_ruler():
    found = _speakers("عنوان الخبر\n\nوكتب صاحب السمو الشيخ خليفة بن سالم آل نهيان على منصة إكس: «نفتتح اليوم أكبر "
                      "محطة لتحلية المياه في المنطقة».\n\nوقال صاحب المطعم إن الزبائن توقفوا عن المجيء منذ بداية الأزمة.")
    assert found["نفتتح اليوم"] == ("خليفة بن سالم آل نهيان", "person")
    assert found["الزبائن توقفوا"][0] == "صاحب المطعم"  # an owner is not the ruler quoted before
    english = _speakers("Headline\n\nSheikh Khalifa bin Salem Al Nahyan wrote on X: \"We open today the largest "
                        "desalination plant in the region.\"", lang="en")
    assert english["We open today"][0] == "Khalifa bin Salem Al Nahyan"
