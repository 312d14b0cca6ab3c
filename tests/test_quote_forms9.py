"""Forms of ordinary news prose behind the errors on the fifth blind labeller's articles (dev7), on
news-like sentences written for these tests (Arabic and English): listeners after "told", postposed
sources with long subjects or an aside, "According to X, Y said", and the other general forms listed in
docs/quotes-log.md (dev7 table)."""

from __future__ import annotations

from tests.quote_helpers import speakers as _speakers


def test_a_described_listener_after_told_reaches_the_clause():
    found = _speakers("Headline here\n\nTUNIS (Reuters) - Former governor Hedi Mansour told the anti-terrorism "
                      "chamber of the appeals court in Tunis that he had never met the accused.\n\n"
                      "Prosecutor Leila Ghannouchi told the jury the transfers had been hidden in shell companies "
                      "for years.\n\nThe defence told the judge it would call three more witnesses next week.",
                      lang="en")
    assert found["he had never met"][0] == "Hedi Mansour"
    assert found["the transfers had been"][0] == "Leila Ghannouchi"
    assert any(text.startswith("it would call") for text in found)


def test_told_the_court_with_no_clause_reports_nothing():
    found = _speakers("Headline here\n\nAMMAN (AP) - The witness told the court a long story about his youth in "
                      "the village, then left.", lang="en")
    assert not any(text.startswith("a long story") for text in found)


def test_answered_that_reports_speech():
    found = _speakers("Headline here\n\nLAGOS (Reuters) - Opposition leader Musa Bello accused the government of "
                      "hiding the debt figures.\n\nFinance Minister Ngozi Adeyemi answered that the figures had been "
                      "published in full by the debt office.", lang="en")
    assert found["the figures had been"][0] == "Ngozi Adeyemi"


def test_a_postposed_source_with_an_aside_or_a_long_subject():
    found = _speakers("Headline here\n\nBEIRUT (AFP) - A delegation of engineers will inspect the damaged dam "
                      "before the rains, two energy ministry officials told AFP, asking not to be named.\n\n"
                      "The airport will reopen to commercial flights within a week, a senior official at the "
                      "Civil Aviation Authority said, speaking on condition of anonymity.\n\n"
                      "KHARTOUM, Nov 3, 2026 (AFP) - Nine people were killed when a bridge collapsed near the town "
                      "of Atbara, officials said Tuesday, the worst such accident in years.", lang="en")
    assert found["A delegation of engineers"][1] == "anonymous"
    assert found["The airport will reopen"][1] == "anonymous"
    assert found["Nine people were killed"][1] == "anonymous"


def test_according_to_a_channel_then_a_named_speaker():
    found = _speakers("Headline here\n\nRABAT (AP) - Interior Minister Karim Alaoui told parliament the police "
                      "had arrested 40 suspects.\n\nAccording to the state news agency MAP, Alaoui said the network "
                      "had operated in three cities since 2024.", lang="en")
    assert found["the network had operated"][0] == "Karim Alaoui"


def test_a_number_with_thousands_separators_is_one_word():
    found = _speakers("Headline here\n\nNAIROBI (AP) - The regulator suspended the platform on Monday.\n\n"
                      "Grace Wanjiru, a baker with 120,000 followers on the platform, said she had lost half of her "
                      "orders in one day.\n\nThe fund, which has 2,500,000 members, said it would pay the claims "
                      "within a month.", lang="en")
    assert found["she had lost half"] == ("Grace Wanjiru", "person")
    assert found["it would pay"][1] != "person"


def test_rawa_reports_a_witness_account():
    found = _speakers("عنوان الخبر هنا\n\nوقال مدير الدفاع المدني سالم الهاشمي إن فرق الإنقاذ أخرجت 12 عاملا من تحت "
                      "الأنقاض.\n\nوروى العامل يوسف بن علي (34 عاما) من سريره في المستشفى: «سمعنا صوتا قويا ثم انهار "
                      "السقف فوقنا».\n\nوروت الممرضة هدى القاسم أن المستشفى استقبل الجرحى طوال الليل دون توقف.")
    assert found["سمعنا صوتا قويا"][0] == "يوسف بن علي"
    assert found["المستشفى استقبل"][0] == "هدى القاسم"


def test_a_lineage_name_holding_another_speakers_surname_is_its_own_person():
    found = _speakers("عنوان الخبر هنا\n\nوقال والي الولاية محمد ولد سالم إن الطريق سيفتح خلال يومين على الأكثر.\n\n"
                      "وقال المزارع سالم أحمد ولد محمود إن السيول جرفت محصوله كله في ساعة واحدة.")
    assert found["الطريق سيفتح"][0] == "محمد ولد سالم"
    assert found["السيول جرفت"][0] == "سالم أحمد ولد محمود"


def test_colon_speech_ends_where_a_participle_opens_the_next_statement():
    found = _speakers("عنوان الخبر هنا\n\nوقال رئيس الاتحاد كريم الساعدي للصحفيين: لم نتلق أي عرض رسمي من النادي حتى "
                      "الآن، مضيفا أن المفاوضات قد تستأنف الأسبوع المقبل في بغداد.")
    assert "لم نتلق أي عرض رسمي من النادي حتى الآن" in found
    assert found["المفاوضات قد تستأنف"][0] == "كريم الساعدي"


def test_wa_and_a_number_after_a_name_end_the_name():
    found = _speakers("عنوان الخبر هنا\n\nتونس – بدأت الثلاثاء محاكمة وزير النقل السابق منير الطرابلسي وثلاثة "
                      "موظفين بتهم فساد في صفقات عمومية.\n\nوقال الطرابلسي أمام المحكمة إن كل الصفقات مرت عبر لجنة مستقلة.\n\n"
                      "وأضاف الوزير السابق: «لم أتدخل في أي صفقة ولم أتلق أي مقابل من أحد».")
    assert found["لم أتدخل"][0] == "منير الطرابلسي"


def test_a_title_with_a_list_of_domains_is_no_part_of_the_name():
    found = _speakers("عنوان الخبر هنا\n\nوقال وزير النقل والموانئ والطيران أحمد ولد محمود إن حركة الملاحة "
                      "ستعود إلى طبيعتها الأسبوع المقبل.\n\nوقال وزير الزراعة والمياه والثروة السمكية علي بن سالم إن "
                      "الموسم الزراعي تأثر بقلة الأمطار هذا العام.")
    assert found["حركة الملاحة"][0] == "أحمد ولد محمود"
    assert found["الموسم الزراعي"][0] == "علي بن سالم"


def test_a_headline_title_before_a_time_phrase_is_the_titled_person_of_the_body():
    found = _speakers("وزير الصحة عقب انفجار مستودع الأدوية: لن نسمح بتكرار هذا الإهمال\n\nعمان – اندلع حريق كبير "
                      "في مستودع للأدوية فجر الخميس.\n\nوقال وزير الصحة والسكان فراس الحواري للصحفيين إن التحقيق "
                      "سيحدد المسؤولين عن الحادث خلال أيام.")
    assert found["لن نسمح بتكرار"][0] == "فراس الحواري"


def test_a_description_with_a_nationality_skips_a_person_titled_with_another():
    found = _speakers("عنوان الخبر هنا\n\nوقال وزير الخارجية السوداني علي يوسف إن المفاوضات لم تحقق أي تقدم حتى الآن.\n\n"
                      "في المقابل، قال وزير المياه والطاقة الإثيوبي تادسي ألمايهو إن بلاده ملتزمة بالحوار.\n\n"
                      "ورد الوزير السوداني بأن الحوار لا معنى له دون اتفاق ملزم.")
    assert found["الحوار لا معنى"][0] == "علي يوسف"
