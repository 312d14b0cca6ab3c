"""Reporting verbs news uses beyond "said": a denial, a forecast, a ruling-out report a clause (in
English only with "that": "denied the charges" reports nothing), in Arabic and English."""

from __future__ import annotations

from tests.quote_helpers import speakers


def test_common_reporting_verbs_report_a_that_clause_only():
    found = speakers("LONDON (Reuters) - Mike Johnson, a spokesman for the ministry, denied that the army had "
                     "targeted civilians in the raid.\n\nHe denied the charges against him at a court hearing on "
                     "Monday.\n\nAnalysts at the bank predicted that oil prices would stay below 70 dollars a barrel "
                     "next year.", "en")
    assert found["the army had targeted"] == ("Mike Johnson", "person")
    assert found["oil prices would stay"] == ("Analysts", "anonymous")
    assert len(found) == 2  # "denied the charges" reports nothing


def test_arabic_denial_expectation_and_ruling_out_report_speech():
    found = speakers("بيروت – نفى وزير الخارجية اللبناني يوسف رجي أن تكون الحكومة قد تلقت أي عرض رسمي بشأن "
                     "المفاوضات.\n\nوتوقعت مصادر دبلوماسية أن تستأنف المحادثات الأسبوع المقبل في القاهرة.\n\n"
                     "واستبعد رجي، متحدثا للصحفيين، أن يتم التوصل إلى اتفاق قبل نهاية العام.")
    assert found["تكون الحكومة قد تلقت"] == ("يوسف رجي", "person")
    assert found["تستأنف المحادثات"] == ("مصادر دبلوماسية", "anonymous")
    assert found["يتم التوصل إلى اتفاق"] == ("يوسف رجي", "person")
