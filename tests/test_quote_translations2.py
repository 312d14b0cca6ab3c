"""A statement carried in Arabic and English whose speaker one outlet's reading got wrong (round wt-tr).

On prose the rules were not read on, one copy of a statement often names someone else: a company named
beside the minister, a body read as a person, a name cut short. Between two articles already linked by
another translation (they report one event), such a pair is matched when the other copy's paragraph
names the speaker this copy gives (``agreement.conflict_excused``, ``LINKED_EXCUSED_COSINE``), whichever
kinds the two readings gave. Another person's statement on the same subject stays apart: when neither
paragraph names the other's speaker, and, when it does, through the one-to-one rule of an article pair
(the better pair comes first).

The quotes are built as the extractor gives them (text, speaker as read, the paragraph's names) from a
written news story; the encoder is the pipeline's (USE-m3), so the cosines are the real ones (the
Arabic second statement and its English copy at about 0.60, the other person's at about 0.56).
"""

from __future__ import annotations

import pytest

from cluster.config import Config
from cluster.documents import SegmentKind
from cluster.quotes.extract import Quote, paragraph_names
from cluster.quotes.matching import QuoteSettings, match_quotes

pytestmark = pytest.mark.slow

AR_LEAD = ("قال وزير المياه الأردني رائد أبو السعود، الاثنين، إن «مشروع الناقل الوطني سيوفر 300 مليون متر مكعب من "
           "المياه سنويا للمملكة».")
AR_SOLAR = ("وأوضح أبو السعود في مؤتمر صحفي بالعقبة، بحضور مسؤولين من شركة ميريديام المنفذة، أن «المحطة ستعمل "
            "بالطاقة الشمسية بنسبة كبيرة لتقليل كلفة الضخ».")
EN_LEAD = ("Jordan's Water Minister Raed Abu Saud said on Monday that \"the national carrier project will provide the "
           "kingdom with 300 million cubic metres of water a year\".")
EN_SOLAR = ("Speaking in Aqaba alongside executives of the builder Meridiam, Abu Saud said \"the sun would meet much "
            "of the plant's energy needs so that pumping costs less\".")
EN_OTHER = ("Replying to Abu Saud, campaigner Hala Murad of the group Water Watch said \"solar energy could cover the "
            "plant by day, but pumping at night would need the grid\".")
EN_LEAD_AGAIN = ("Water Minister Raed Abu Saud said the national carrier \"will give Jordan 300 million cubic metres "
                 "of water every year\".")
EN_OTHER_ALONE = ("Campaigner Hala Murad of the group Water Watch said \"solar energy could cover the plant by day, "
                  "but pumping at night would need the grid\".")


def _quote(article: str, lang: str, index: int, paragraph: str, speaker: str | None,
           kind: str = "person") -> Quote:
    """The quotation of ``paragraph`` (between its marks) as the extractor keeps it, with ``speaker`` as read."""
    opening, closing = ("«", "»") if lang == "ar" else ("\"", "\"")
    start = paragraph.index(opening) + 1
    end = paragraph.index(closing, start)
    return Quote(article_id=article, segment_index=index, segment_kind=SegmentKind.BODY, lang=lang,
                 text=paragraph[start:end], start=start, end=end, kind="direct", speaker=speaker,
                 speaker_as_written=speaker, speaker_kind=kind if speaker else "unattributed",
                 context_names=paragraph_names(paragraph, lang))


def _arabic() -> list[Quote]:
    return [_quote("jo-ar", "ar", 1, AR_LEAD, "رائد أبو السعود"), _quote("jo-ar", "ar", 2, AR_SOLAR, "رائد أبو السعود")]


def _together(quotes: list[Quote], encoder, a: int, b: int) -> bool:
    result = match_quotes(quotes, encoder, QuoteSettings.from_config(Config()))
    return any({a, b} <= set(g.members) for g in result.groups)


@pytest.mark.parametrize("misread, kind", [
    ("Meridiam", "person"),  # the builder named beside the minister, read as the person who spoke
    ("Meridiam", "organisation"),  # the same reading, typed as the company
])
def test_a_misread_speaker_does_not_keep_the_translation_apart(misread, kind, use_encoder):
    quotes = [*_arabic(), _quote("jo-en", "en", 1, EN_LEAD, "Raed Abu Saud"),
              _quote("jo-en", "en", 2, EN_SOLAR, misread, kind)]
    assert _together(quotes, use_encoder, 0, 2)  # the lead statement links the two articles
    assert _together(quotes, use_encoder, 1, 3)


def test_the_other_persons_statement_on_the_subject_stays_apart(use_encoder):
    # her paragraph names the minister too, so only the one-to-one rule keeps her words out: the
    # minister's own words, misread in English, are the Arabic statement's better pair
    quotes = [*_arabic(), _quote("jo-en", "en", 1, EN_LEAD, "Raed Abu Saud"),
              _quote("jo-en", "en", 2, EN_SOLAR, "Meridiam"), _quote("jo-en", "en", 3, EN_OTHER, "Hala Murad")]
    assert _together(quotes, use_encoder, 1, 3)
    assert not _together(quotes, use_encoder, 1, 4)


def test_another_outlets_statement_by_another_person_stays_apart(use_encoder):
    # a second English report carries the campaigner's reply but not the minister's line, and her
    # paragraph does not name him: two speakers, whatever the cosine; his line, misread in the first
    # report, still finds its copy there
    quotes = [*_arabic(), _quote("jo-en", "en", 1, EN_LEAD, "Raed Abu Saud"),
              _quote("jo-en", "en", 2, EN_SOLAR, "Meridiam"),
              _quote("wire-en", "en", 1, EN_LEAD_AGAIN, "Raed Abu Saud"),
              _quote("wire-en", "en", 2, EN_OTHER_ALONE, "Hala Murad")]
    assert _together(quotes, use_encoder, 1, 3)
    assert not _together(quotes, use_encoder, 1, 5)
