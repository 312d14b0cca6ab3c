"""Quote forms of ordinary news prose that cost translation pairs when a side was not extracted (round
wt-x26), on news-like sentences written for these tests: "said in a statement" with no "that", two
statements joined by "but that" / "and that", a fronted clause closed by "told a news conference in X" or
by a subject that opens with "its", an acronym spelled in Arabic letters before أنها, the present
ويردّ ... بأن, and a place after "told reporters" that is no clause."""

from __future__ import annotations

from tests.quote_helpers import speakers


def test_said_in_a_statement_then_a_clause_without_that():
    found = speakers("Headline here\n\nGENEVA (Reuters) - The World Health Organization said in a statement any "
                     "new outbreak would be reported to member states within 24 hours.", lang="en")
    assert found["any new outbreak would be reported"][0] == "World Health Organization"


def test_a_first_statement_without_that_before_and_that():
    found = speakers("Headline here\n\nATHENS (AP) - Blue Ferries said in a statement it was checking its "
                     "ferries and that sailings would resume on Friday.", lang="en")
    assert found["it was checking its ferries"][0] == "Blue Ferries"
    assert found["sailings would resume"][0] == "Blue Ferries"


def test_but_that_joins_two_statements():
    found = speakers("Headline here\n\nLONDON (Reuters) - Police said there was no sign the warehouse fire had "
                     "been started on purpose, but that detectives were still questioning witnesses.", lang="en")
    assert any(text.startswith("there was no sign") and "detectives" not in text for text in found)
    assert any(text.startswith("detectives were still questioning") for text in found)


def test_but_that_as_a_pronoun_keeps_one_statement():  # a guard: passes before the change too
    found = speakers("Headline here\n\nANKARA (Reuters) - The minister argued that exports had risen in every "
                     "quarter, but that did not stop the lira from falling.", lang="en")
    assert not any(text.startswith("did not stop") for text in found)


def test_a_fronted_clause_before_told_a_news_conference_in_a_city():
    found = speakers("Headline here\n\nCAIRO (Reuters) - The new tariff will apply to all cargo ships from "
                     "March, Transport Minister Kamel Adly told a news conference in Alexandria.\n\n"
                     "Tolls for tankers will fall by a fifth, Adly told a news conference in Suez, adding that "
                     "the plan would be reviewed in a year.", lang="en")
    assert found["The new tariff will apply"][0] == "Kamel Adly"
    assert found["Tolls for tankers will fall"][0] == "Kamel Adly"


def test_a_fronted_clause_before_a_subject_that_opens_with_its():
    found = speakers("Headline here\n\nDOHA (AFP) - Residents of the stalled tower complex complained to the "
                     "regulator.\n\nThe housing authority has frozen the developer's bank accounts pending an audit, "
                     "its deputy director general Salem Rashid Al Marri said.", lang="en")
    assert found["The housing authority has frozen"][0] == "Salem Rashid Al Marri"


def test_told_reporters_outside_a_building_is_no_clause():
    found = speakers('Headline here\n\nPARIS (AP) - "We will appeal this decision," the defence lawyer Marc Dubois '
                     "told reporters outside the courthouse, where dozens of supporters had gathered.", lang="en")
    assert not any(text.startswith("outside the courthouse") for text in found)


def test_an_acronym_spelled_in_arabic_letters_is_no_quote_and_no_complementizer():
    found = speakers("عنوان الخبر\n\nأبوجا – وأعلن مكتب الإحصاء الوطني النيجيري «إن بي إس» أنه رصد ارتفاع "
                     "أسعار الغذاء للشهر الخامس على التوالي.")
    assert not any(text.startswith("إن بي إس") for text in found)
    assert found["رصد ارتفاع أسعار الغذاء"][0] == "مكتب الإحصاء الوطني النيجيري"


def test_an_acronym_ending_in_n_before_anha_leaves_the_clause_whole():  # a guard of the CNN rule's change
    found = speakers("عنوان الخبر\n\nلاغوس – وأعلنت شركة الكهرباء الوطنية النيجيرية «تي سي إن» أنها أعادت التيار "
                     "إلى معظم أحياء العاصمة بعد انقطاع استمر يومين.")
    assert any(text.startswith("أعادت التيار إلى معظم أحياء") for text in found)


def test_the_letter_n_after_a_spelled_acronym_still_opens_the_clause():
    found = speakers("عنوان الخبر\n\nواشنطن – وقالت شبكة إن بي سي إن الرئيس سيلقي خطابا أمام الكونغرس مساء الثلاثاء.")
    assert any(text.startswith("الرئيس سيلقي خطابا") for text in found)


def test_the_present_of_replied_with_bi_anna():
    found = speakers("عنوان الخبر\n\nعدن – يشكو السكان من طوابير الغاز الطويلة.\n\nوترد وزارة النفط بأن "
                     "الشحنات الجديدة ستصل إلى الموانئ خلال الأسبوع المقبل.")
    assert found["الشحنات الجديدة ستصل"][0] == "وزارة النفط"
