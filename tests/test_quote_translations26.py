"""A source's name translated between two reports of one event (round wt-tr5).

An Arabic and an English report of a Kuwaiti fuel-smuggling ring, linked by the interior ministry's
statement. The English "The Public Prosecution said ..." reads as a person, the Arabic «النيابة العامة» as
an organisation, and "Two people familiar with the case" as an unnamed source against «شخصان مطلعان» read
as a person: a body's name and a source's description are translated, not transliterated, so no spelling
rule joins them, and such a pair under the general cut (0.62) stayed apart (0.59 and 0.59 here). The
encoder places each name and its translation close (0.78, 0.82), and that is read as one source between
the two linked reports, from the same-speaker cut 0.5. A company and a member of parliament saying much the
same (0.51) stay apart: the names are not one another's translation.

The quotes are built as the extractor gives them (text, speaker as read, the paragraph's names) from a
written news story; the encoder is the pipeline's (USE-m3), so the cosines are the real ones.
"""

from __future__ import annotations

import pytest

from cluster.quotes.matching import QuoteResult
from tests.quote_helpers import grouped_together, match_reports

EN_MINISTRY = ("The Interior Ministry said \"its officers seized 40 tankers carrying subsidised diesel to the border and "
               "arrested 23 suspects, including two employees of a fuel station\".")
AR_MINISTRY = ("وقالت وزارة الداخلية إن «رجالها ضبطوا 40 صهريجا تنقل الديزل المدعوم إلى الحدود، واعتقلوا 23 متهما بينهم "
               "موظفان في محطة وقود».")
EN_PROSECUTION = ("The Public Prosecution said \"the detainees had been handed over to it so that legal action against them "
                  "could be completed\".")
AR_PROSECUTION = "وأعلنت النيابة العامة أن «الموقوفين أحيلوا إليها لاستكمال الإجراءات النظامية بحقهم»."
EN_PEOPLE = "Two people familiar with the case said \"the ring had been selling subsidised diesel abroad since last year\"."
AR_PEOPLE = "وقال شخصان مطلعان على القضية إن «الشبكة كانت تبيع الديزل عبر الحدود منذ نحو عام»."
EN_COMPANY = "Kuwait National Petroleum Company said \"smuggled fuel has drained public money for years\"."
AR_DEPUTY = "وقال النائب أحمد المطيري إن «الوقود المهرب كبّد الدولة مئات الآلاف من الدنانير»."

MINISTRY_EN = "Interior Ministry", "organisation"
MINISTRY_AR = "وزارة الداخلية", "organisation"


def _match(english: list[tuple[str, str, str]], arabic: list[tuple[str, str, str]]) -> QuoteResult:
    """The two reports' quotes ((paragraph, speaker as read, its kind) each), English first."""
    return match_reports("kw", english, arabic, _match.encoder)


@pytest.fixture
def encoder(use_encoder):
    _match.encoder = use_encoder


@pytest.mark.slow
@pytest.mark.usefixtures("encoder")
def test_a_body_read_as_a_person_in_one_report_is_its_translated_name_in_the_other():
    result = _match([(EN_MINISTRY, *MINISTRY_EN), (EN_PROSECUTION, "Public Prosecution", "person")],
                    [(AR_MINISTRY, *MINISTRY_AR), (AR_PROSECUTION, "النيابة العامة", "organisation")])
    assert grouped_together(result, 0, 2)
    assert grouped_together(result, 1, 3)


@pytest.mark.slow
@pytest.mark.usefixtures("encoder")
def test_an_unnamed_source_read_as_people_is_the_same_source_translated():
    result = _match([(EN_MINISTRY, *MINISTRY_EN), (EN_PEOPLE, "Two people", "anonymous")],
                    [(AR_MINISTRY, *MINISTRY_AR), (AR_PEOPLE, "شخصان مطلعان", "person")])
    assert grouped_together(result, 1, 3)


@pytest.mark.slow
@pytest.mark.usefixtures("encoder")
def test_a_company_and_a_deputy_saying_much_the_same_stay_two_sources():
    result = _match([(EN_MINISTRY, *MINISTRY_EN), (EN_COMPANY, "Kuwait National Petroleum Company", "organisation")],
                    [(AR_MINISTRY, *MINISTRY_AR), (AR_DEPUTY, "أحمد المطيري", "person")])
    assert grouped_together(result, 0, 2)
    assert not grouped_together(result, 1, 3)
