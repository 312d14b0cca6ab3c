"""What the quote stage finds in one short article, for rule tests written as news sentences."""

from __future__ import annotations

from typing import Any

from cluster.config import Config
from cluster.documents import Article, SegmentKind
from cluster.quotes.chooser import attributed_quotes
from cluster.quotes.extract import Quote, extract_quotes, paragraph_names
from cluster.quotes.matching import QuoteResult, QuoteSettings, match_quotes
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



def marked_quote(article: str, lang: str, index: int, paragraph: str, speaker: str, kind: str) -> Quote:
    """The quotation of ``paragraph`` (between its marks) as the extractor keeps it, with ``speaker`` as read:
    matching tests fix the reading so that only the matching decides."""
    opening, closing = ("«", "»") if lang == "ar" else ("\"", "\"")
    start = paragraph.index(opening) + 1
    end = paragraph.index(closing, start)
    return Quote(article_id=article, segment_index=index, segment_kind=SegmentKind.BODY, lang=lang,
                 text=paragraph[start:end], start=start, end=end, kind="direct", speaker=speaker,
                 speaker_as_written=speaker, speaker_kind=kind, context_names=paragraph_names(paragraph, lang))


def match_reports(prefix: str, english: list[tuple[str, str, str]], arabic: list[tuple[str, str, str]],
                  encoder: Any) -> QuoteResult:
    """An English and an Arabic report's quotes ((paragraph, speaker as read, its kind) each) matched with the
    pipeline's settings; positions in the result: the English quotes first, then the Arabic."""
    quotes = [marked_quote(f"{prefix}-en", "en", k + 1, *row) for k, row in enumerate(english)]
    quotes += [marked_quote(f"{prefix}-ar", "ar", k + 1, *row) for k, row in enumerate(arabic)]
    return match_quotes(quotes, encoder, QuoteSettings.from_config(Config()))
