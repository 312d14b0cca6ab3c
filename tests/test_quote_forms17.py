"""Forms behind the missed translations and quotes of the dev splits (round wt-q18), written as news sentences;
first, how the evaluation scores a clause of a statement the labeller kept as one span."""

from __future__ import annotations

import numpy as np

from cluster.documents import SegmentKind
from cluster.quotes.extract import Quote


def _quote(article: str, lang: str, text: str, speaker: str, kind: str) -> Quote:
    return Quote(article_id=article, segment_index=1, segment_kind=SegmentKind.BODY, lang=lang, text=text,
                 start=0, end=len(text), kind="indirect", speaker=speaker, speaker_as_written=speaker,
                 speaker_kind=kind)


AR_TEXT = "وقال الوزير إن بلاده تسعى إلى علاقات متوازنة مع جميع دول المنطقة، وإنها لن تكون منصة لتهديد جيرانها."
EN_TEXT = "The minister said his country sought balanced relations with all states in the region and would not be a platform."


class HalvesEncoder:
    """The Arabic first clause close to the English statement (0.75), its second clause far (0.3)."""

    def encode(self, sentences: list[str], **_: object) -> np.ndarray:
        basis = np.eye(3)
        first, whole = basis[0], 0.75 * basis[0] + np.sqrt(1 - 0.75 ** 2) * basis[1]
        second = 0.3 * whole + np.sqrt(1 - 0.3 ** 2) * basis[2]
        return np.stack([whole if s.startswith("his") else first if s.startswith("بلاده") else second
                         for s in sentences]).astype(np.float32)


def _span(text: str, part: str, article: str, lang: str) -> Quote:
    """The quote ``part`` at its place in ``text``."""
    from dataclasses import replace

    speaker = "أسعد الشيباني" if lang == "ar" else "Asaad al-Shaibani"
    start = text.index(part)
    return replace(_quote(article, lang, part, speaker, "person"), start=start, end=start + len(part))


def test_a_clause_of_a_paired_label_linked_to_its_translation_is_the_pair():
    from cluster.documents import Article
    from cluster.evaluation.quote_eval import score_translations

    whole_ar = AR_TEXT[AR_TEXT.index("بلاده"):-1]
    whole_en = EN_TEXT[EN_TEXT.index("his"):-1]
    labels = {"ar": [{"text": whole_ar, "start": AR_TEXT.index("بلاده"), "end": len(AR_TEXT) - 1, "pair": "p1"}],
              "en": [{"text": whole_en, "start": EN_TEXT.index("his"), "end": len(EN_TEXT) - 1, "pair": "p1"}]}
    articles = [Article("ar", "", AR_TEXT, lang="ar"), Article("en", "", EN_TEXT, lang="en")]
    quotes = [_span(AR_TEXT, "بلاده تسعى إلى علاقات متوازنة مع جميع دول المنطقة", "ar", "ar"),
              _span(AR_TEXT, "لن تكون منصة لتهديد جيرانها", "ar", "ar"),
              _span(EN_TEXT, whole_en, "en", "en")]
    scores = score_translations(articles, labels, quotes, HalvesEncoder())
    assert (scores.predicted, scores.precision, scores.recall) == (1, 1.0, 1.0)
