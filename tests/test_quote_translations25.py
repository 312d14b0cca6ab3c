"""Translations the matcher refused on the facts: a currency conversion one outlet adds (round wt-tr4).

An English report of a Moroccan job-visa fraud gives the sum in dirhams with its dollar value in
parentheses ("... 50,000 dirhams ($3,000-$5,000) ..."); the Arabic report has the dirhams alone. The facts
check read two numbers the translation "dropped" and refused the only close translation between the two
reports, so the companions pass (freer translations between two linked reports) never ran, and a
victim's words, worded freely by each outlet, stayed apart too.

The quotes are built as the extractor gives them (text, speaker as read, the paragraph's names) from a
written news story; the encoder is the pipeline's (USE-m3), so the cosines are the real ones.
"""

from __future__ import annotations

import pytest

from cluster.quotes.conversions import without_conversions
from cluster.quotes.matching import QuoteResult
from tests.quote_helpers import grouped_together, match_reports

EN_SUMS = ("Morocco's national police said on Tuesday that \"each victim paid the suspects between 30,000 and 50,000 "
           "dirhams ($3,000-$5,000) for a fake job in Spain\".")
EN_WRONG_SUMS = EN_SUMS.replace("30,000 and 50,000 dirhams ($3,000-$5,000)", "300,000 and 500,000 dirhams ($30,000-$50,000)")
EN_VICTIM = ("One of them, Mustapha Rami, said \"he had sold the plot of land he inherited from his father, only to be "
             "told at the airport that his contract was forged\".")
AR_SUMS = ("وقالت المديرية العامة للأمن الوطني، الثلاثاء، إن «المتهمين كانوا يحصلون على مبالغ تتراوح بين 30 و50 ألف درهم "
           "من كل ضحية مقابل وظيفة وهمية في إسبانيا».")
AR_VICTIM = "وقال مصطفى رامي، أحد الضحايا: «بعت قطعة الأرض التي ورثتها عن أبي، وفي المطار قالوا لي إن العقد مزور»."


def _match(english: list[tuple[str, str, str]], arabic: list[tuple[str, str, str]]) -> QuoteResult:
    """The two reports' quotes ((paragraph, speaker as read, its kind) each), English first."""
    return match_reports("ma", english, arabic, _match.encoder)


POLICE_EN = "Morocco's national police", "organisation"
POLICE_AR = "المديرية العامة للأمن الوطني", "organisation"


@pytest.fixture
def encoder(use_encoder):
    _match.encoder = use_encoder


@pytest.mark.slow
@pytest.mark.usefixtures("encoder")
def test_a_dollar_value_in_parentheses_is_no_dropped_fact():
    assert grouped_together(_match([(EN_SUMS, *POLICE_EN)], [(AR_SUMS, *POLICE_AR)]), 0, 1)
    # the conversion is left out, the sums are not: ten times the dirhams is another statement
    assert not grouped_together(_match([(EN_WRONG_SUMS, *POLICE_EN)], [(AR_SUMS, *POLICE_AR)]), 0, 1)


@pytest.mark.slow
@pytest.mark.usefixtures("encoder")
def test_the_reports_linked_by_the_sums_carry_the_victims_words():
    result = _match([(EN_SUMS, *POLICE_EN), (EN_VICTIM, "Mustapha Rami", "person")],
                    [(AR_SUMS, *POLICE_AR), (AR_VICTIM, "مصطفى رامي", "person")])
    assert grouped_together(result, 0, 2)
    assert grouped_together(result, 1, 3)  # freely worded by each outlet (0.60): a companion of linked reports


def test_conversions_are_removed_and_other_parentheses_kept():
    assert without_conversions("fines of 2 billion dirhams (about $200 million) a year") == "fines of 2 billion dirhams a year"
    assert without_conversions("500 مليون يورو (نحو 540 مليون دولار)") == "500 مليون يورو"
    assert without_conversions("under the law (Article 5) and the decree (No. 12)") == (
        "under the law (Article 5) and the decree (No. 12)")
