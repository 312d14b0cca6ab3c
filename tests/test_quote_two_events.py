"""Two events of one kind, one speaker: his two statements are not one quote (round wt-tr2).

The US Secretary of State visits Cairo in February (talks on a truce) and again in March (aid
crossings); after each meeting he tells reporters what the President wants. "President Joe Biden wants
a truce that starts within two weeks" (February, Arabic) and "President Joe Biden wants to see the
second crossing open within two weeks" (March, English) score 0.59 with the pipeline's encoder: the
speaker is the same, the words are close, the statements are two. Between two articles that share no
other translation, the same speaker lowers no cut (``matching.unlinked_settings``). Between two reports
of the March meeting, which share a close translation, the Arabic report's loose wording of the same
line ("President Biden hopes the trucks cross the second crossing very soon", 0.57) is still its
translation (``companions``).

The articles go through the extractor and the chooser as a run reads them; the encoder is the
pipeline's (USE-m3), so the cosines are the real ones.
"""

from __future__ import annotations

import pytest

from cluster.config import Config
from cluster.documents import Article
from cluster.quotes.chooser import attributed_quotes
from cluster.quotes.matching import QuoteResult, QuoteSettings, match_quotes
from cluster.segment.paragraphs import segment_corpus

pytestmark = pytest.mark.slow

FEBRUARY_AR = Article(id="cairo-feb-ar", lang="ar", title="بلينكن يلتقي السيسي في القاهرة لبحث هدنة في غزة", text=(
    "بلينكن يلتقي السيسي في القاهرة لبحث هدنة في غزة\n\n"
    "التقى وزير الخارجية الأمريكي أنتوني بلينكن، يوم الثلاثاء 6 فبراير، الرئيس المصري عبد الفتاح السيسي في القاهرة، "
    "في إطار جولته الخامسة في المنطقة منذ بدء الحرب.\n\n"
    "وبحسب مصدر مطلع، تناول اللقاء مقترحا لهدنة مدتها ستة أسابيع يفرج خلالها عن 40 رهينة مقابل أسرى فلسطينيين.\n\n"
    "وقال بلينكن للصحفيين بعد اللقاء إن تقدما قد أحرز، وإن الرئيس جو بايدن يريد هدنة تبدأ خلال أسبوعين.\n\n"
    "وحضر اللقاء وزير الخارجية المصري سامح شكري ورئيس المخابرات عباس كامل."))
MARCH_EN = Article(id="cairo-mar-en", lang="en", title="Blinken meets Sisi in Cairo on aid to Gaza", text=(
    "Blinken meets Sisi in Cairo on aid to Gaza\n\n"
    "US Secretary of State Antony Blinken met Egyptian President Abdel Fattah al-Sisi in Cairo on Thursday, March 21, "
    "on his sixth trip to the region since the war began.\n\n"
    "According to a source familiar with the talks, the meeting covered opening a second land crossing for aid "
    "trucks and air drops over northern Gaza.\n\n"
    "Blinken told reporters after the meeting that the talks had been constructive and that President Joe Biden "
    "wants to see the second crossing open within two weeks.\n\n"
    "Egyptian Foreign Minister Sameh Shoukry attended the meeting, as did the head of the Egyptian Red Crescent."))
MARCH_AR = Article(id="cairo-mar-ar", lang="ar", title="بلينكن يبحث مع السيسي في القاهرة إدخال المساعدات إلى غزة", text=(
    "بلينكن يبحث مع السيسي في القاهرة إدخال المساعدات إلى غزة\n\n"
    "التقى وزير الخارجية الأمريكي أنتوني بلينكن، يوم الخميس 21 مارس، الرئيس المصري عبد الفتاح السيسي في القاهرة، "
    "في جولته السادسة في المنطقة منذ بدء الحرب.\n\n"
    "وبحسب مصدر مطلع، تناول اللقاء فتح معبر بري ثان لشاحنات المساعدات وعمليات الإسقاط الجوي فوق شمال غزة.\n\n"
    "وقال بلينكن للصحفيين إن المحادثات كانت بناءة، وإن الرئيس بايدن يأمل أن تعبر الشاحنات من المنفذ الثاني قريبا جدا.\n\n"
    "وحضر اللقاء وزير الخارجية المصري سامح شكري ورئيس الهلال الأحمر المصري."))

TRUCE = "يريد هدنة تبدأ خلال أسبوعين"
CROSSING = "wants to see the second crossing open"
TRUCKS = "يأمل أن تعبر الشاحنات"


def _run(articles: list[Article], encoder) -> QuoteResult:
    quotes = attributed_quotes(articles, segment_corpus(articles))
    return match_quotes(quotes, encoder, QuoteSettings.from_config(Config()))


def _together(result: QuoteResult, first: str, second: str) -> bool:
    """Whether the quote holding ``first`` and the one holding ``second`` are in one group."""
    a = next(k for k, q in enumerate(result.quotes) if first in q.text)
    b = next(k for k, q in enumerate(result.quotes) if second in q.text)
    return any({a, b} <= set(g.members) for g in result.groups)


def test_one_speakers_lines_of_two_events_are_two_statements(use_encoder):
    result = _run([FEBRUARY_AR, MARCH_EN], use_encoder)
    assert not _together(result, TRUCE, CROSSING)


def test_a_loose_translation_of_the_same_event_is_kept_and_the_other_event_stays_out(use_encoder):
    result = _run([FEBRUARY_AR, MARCH_EN, MARCH_AR], use_encoder)
    assert _together(result, TRUCKS, CROSSING)
    assert not _together(result, TRUCE, CROSSING)
    assert not _together(result, TRUCE, TRUCKS)


def test_two_reports_of_one_event_keep_their_loose_translation(use_encoder):
    result = _run([MARCH_EN, MARCH_AR], use_encoder)
    assert _together(result, TRUCKS, CROSSING)
