"""What the quote stage finds in one short article, for rule tests written as news sentences."""

from __future__ import annotations

from cluster.documents import Article
from cluster.quotes.chooser import attributed_quotes
from cluster.quotes.extract import extract_quotes
from cluster.quotes.matching import QuoteResult
from cluster.segment.paragraphs import segment_corpus


class Found(dict):
    """Quotes by their text, looked up by how it begins (exactly one must begin so)."""

    def __getitem__(self, start: str) -> tuple[str | None, str]:
        hits = [v for k, v in self.items() if k.startswith(start)]
        assert len(hits) == 1, (start, list(self))
        return hits[0]


def speakers(text: str, lang: str = "ar") -> Found:
    """Each quote of ``text`` (headline first line) with its speaker and speaker kind."""
    article = Article("a", "", text, lang=lang)
    return Found({q.text: (q.speaker, q.speaker_kind) for q in extract_quotes([article], segment_corpus([article]))})


def chosen_speakers(text: str, lang: str = "ar") -> Found:
    """Each quote of ``text`` (headline first line) with the speaker and kind the quote stage reports: the rules'
    reading after the checks and the learned speaker check (``attributed_quotes``)."""
    article = Article("a", "", text, lang=lang)
    return Found({q.text: (q.speaker, q.speaker_kind) for q in attributed_quotes([article], segment_corpus([article]))})


def grouped_together(result: QuoteResult, a: int, b: int) -> bool:
    """Whether quotes ``a`` and ``b`` (positions in the list matched) ended in one quote group."""
    return any({a, b} <= set(g.members) for g in result.groups)

