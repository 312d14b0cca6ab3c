"""Gender agreement in speaker coreference (``cluster/quotes/gender.py``): a pronoun, a gendered verb or a
gendered description refers to a person of that gender, as the article itself shows it. News paragraphs
written for these tests, Arabic and English."""

from __future__ import annotations

from tests.quote_helpers import speakers


def test_he_after_a_woman_quoted_last_is_the_man_quoted_before():
    found = speakers("Hospital waiting lists grow\n\nOpposition leader Mark Dalton accused the government of "
                     "neglecting the north. \"These promises were made last year too,\" Dalton said.\n\n"
                     "Health Minister Sarah Collins said she had hired forty nurses since March. \"The new wards "
                     "will open on time,\" she said.\n\n"
                     "\"Not one of those wards has opened yet,\" he said.", "en")
    assert found["The new wards"] == ("Sarah Collins", "person")
    assert found["Not one of those wards"] == ("Mark Dalton", "person")  # not Sarah Collins, quoted last


def test_waqalat_after_two_names_is_the_woman():
    found = speakers("عنوان الخبر\n\nوقالت وزيرة الصحة هالة زايد إن المستشفيات الحكومية استقبلت آلاف المرضى خلال الأسبوع الماضي.\n\n"
                     "وقال المتحدث باسم الوزارة خالد مجاهد إن فرق الطوارئ انتشرت في كل المحافظات.\n\n"
                     "وأضافت أن الوزارة ستفتح ثلاثة مستشفيات ميدانية جديدة قبل نهاية الشهر.")
    assert found["فرق الطوارئ"] == ("خالد مجاهد", "person")
    assert found["الوزارة ستفتح"] == ("هالة زايد", "person")  # وأضافت: not the spokesman quoted last


def test_a_masculine_subjectless_verb_skips_the_woman_quoted_last():
    found = speakers("عنوان الخبر\n\nقال رئيس اللجنة الأولمبية مراد الخطيب إن الاستعدادات للدورة تسير وفق الجدول.\n\n"
                     "وأكدت الناشطة الرياضية سلمى حداد أن الملاعب الجديدة لم تكتمل بعد.\n\n"
                     "وأضاف أن الحكومة خصصت ميزانية إضافية لإنهاء الأعمال قبل الصيف.")
    assert found["الملاعب الجديدة"] == ("سلمى حداد", "person")
    assert found["الحكومة خصصت"] == ("مراد الخطيب", "person")  # وأضاف: not the activist (الناشطة)


def test_the_spokeswoman_is_the_woman_described_as_spokeswoman():
    found = speakers("Border crossing reopens\n\nLina Farah, a spokeswoman for the UN refugee agency, said families "
                     "had waited at the gate for three days.\n\n"
                     "Army spokesman Omar Haddad said he expected the crossing to stay open. \"The gate will stay "
                     "open all week,\" Haddad said.\n\n"
                     "\"Families are still sleeping in the open,\" the spokeswoman said.", "en")
    assert found["The gate will stay"] == ("Omar Haddad", "person")
    assert found["Families are still"] == ("Lina Farah", "person")  # not "UN", not the spokesman


def test_the_mother_is_not_the_policeman_quoted_last():
    found = speakers("Search for missing boy widens\n\nMaria Lopez said she last saw her son on Friday evening "
                     "near the river.\n\n"
                     "Police Sergeant John Barker said he had sent divers to the river. \"We are doing everything "
                     "we can,\" Barker said.\n\n"
                     "\"I just want him home,\" the mother said.", "en")
    assert found["We are doing"] == ("John Barker", "person")
    assert found["I just want him home"] == ("Maria Lopez", "person")


def test_no_gender_shown_leaves_resolution_unchanged():
    found = speakers("Port strike ends\n\nUnion leader Sam Ortiz said the strike would end on Monday. \"We have a "
                     "deal,\" Ortiz said.\n\n"
                     "Port director Alex Moran welcomed the agreement. \"Ships will move again this week,\" Moran said.\n\n"
                     "\"It took too long,\" the director said later.", "en")
    assert found["It took too long"] == ("Alex Moran", "person")
    found = speakers("عنوان الخبر\n\nقال رئيس النقابة سامي عويس إن الإضراب انتهى بعد اتفاق مع الإدارة.\n\n"
                     "وأكد مدير الميناء علي حسن أن السفن ستتحرك هذا الأسبوع.\n\n"
                     "وأضاف المدير أن الخسائر تجاوزت مليون دولار.")
    assert found["الخسائر تجاوزت"] == ("علي حسن", "person")


def test_gender_cues_read_from_the_words():
    from cluster.quotes.gender import FEMALE, MALE, arabic_title_gender, arabic_verb_gender, reference_gender

    assert [arabic_verb_gender(w) for w in "قالت وأضافت تقول نفت مضيفة".split()] == [FEMALE] * 5
    assert [arabic_verb_gender(w) for w in "قال وأضاف يقول تابع لفت قائلا".split()] == [MALE] * 6
    assert arabic_verb_gender("قالوا") is None  # a plural names no one person
    assert [arabic_title_gender(w) for w in "الوزيرة المتحدثة السيدة".split()] == [FEMALE] * 3
    assert [arabic_title_gender(w) for w in "الوزير المتحدث السيد".split()] == [MALE] * 3
    assert arabic_title_gender("نظيره") is None and arabic_title_gender("الوزارة") is None
    assert reference_gender(["she"], "en") == FEMALE and reference_gender(["the", "spokesman"], "en") == MALE
    assert reference_gender(["they"], "en") is None and reference_gender(["the", "minister"], "en") is None
