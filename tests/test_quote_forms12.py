"""Forms met across the later fresh sets (dev5..dev8), written as news sentences for these tests: two
reported clauses under one verb of saying are two statements."""

from __future__ import annotations

from tests.quote_helpers import speakers as _speakers


def test_two_arabic_clauses_under_one_verb_are_two_quotes():
    found = _speakers("الميناء\n\nوقال مدير الميناء سامي الحداد، في بيان، إن حركة السفن عادت إلى طبيعتها صباح "
                      "الأربعاء، وإن الأضرار اقتصرت على رصيف واحد في الجهة الشرقية.")
    assert found["حركة السفن عادت إلى طبيعتها صباح الأربعاء"] == ("سامي الحداد", "person")
    assert found["الأضرار اقتصرت على رصيف واحد"] == ("سامي الحداد", "person")
    assert not any("وإن" in text for text in found)


def test_two_arabic_clauses_with_an_and_that_after_a_source():
    found = _speakers("المفاوضات\n\nوبحسب مصادر دبلوماسية، فإن الوفدين اتفقا على جدول الأعمال، وأن الجولة "
                      "المقبلة ستعقد في الدوحة مطلع الشهر.")
    assert set(found) == {"الوفدين اتفقا على جدول الأعمال", "الجولة المقبلة ستعقد في الدوحة مطلع الشهر"}


def test_two_english_clauses_said_that_and_that():
    found = _speakers("Port\n\nPort director Sami Haddad said that ship traffic had returned to normal on "
                      "Wednesday morning and that the damage was limited to a single berth.", lang="en")
    assert found["ship traffic had returned to normal on Wednesday morning"] == ("Sami Haddad", "person")
    assert found["the damage was limited to a single berth"] == ("Sami Haddad", "person")


def test_the_first_clause_may_come_without_that():
    found = _speakers("Airline\n\nThe airline said the pilot had more than 9,000 flying hours and that it was "
                      "working closely with investigators.", lang="en")
    assert "the pilot had more than 9,000 flying hours" in found
    assert "it was working closely with investigators" in found


def test_a_short_second_part_keeps_the_clause_whole():
    found = _speakers("Talks\n\nThe minister said that the talks had failed and that was all.", lang="en")
    assert list(found) == ["the talks had failed and that was all"]


def test_a_reply_with_its_subject_before_the_verb():
    found = _speakers("الصيد\n\nوقالت وزارة الزراعة في بيان إن المراكب دخلت المياه الإقليمية دون تصريح.\n\n"
                      "غير أن رئيس نقابة البحارة كمال الورفلي رد بأن المراكب كانت تصطاد في المياه الدولية طوال "
                      "الرحلة.")
    assert found["المراكب كانت تصطاد في المياه الدولية"] == ("كمال الورفلي", "person")


def test_a_description_goes_to_the_mention_whose_title_holds_its_head():
    found = _speakers("المياه\n\nوقال وزير الري الدكتور سامي العطار إن بلاده قدمت مقترحات جديدة في الجولة.\n\n"
                      "وأوضح العطار أن الوفد المصري طرح آلية لتبادل البيانات بين الدول الثلاث.\n\n"
                      "في المقابل، قال وزير المياه الإثيوبي تسفاي أبيبي إن بلاده لن توقع على أي اتفاق ملزم.\n\n"
                      "ورد الوزير المصري بأن الحديث عن غياب الضرر يتجاهل ما جرى في سنوات الجفاف.")
    assert found["الحديث عن غياب الضرر"] == ("سامي العطار", "person")
