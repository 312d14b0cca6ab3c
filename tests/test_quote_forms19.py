"""Speaker attribution made more complete on wording new to the rules (round wt-q20), written as news
sentences for these tests: a body quoted in the paragraph before goes on speaking as "the group";
«الشركة» is the company the article named in quote marks; a given name that begins with ل (لطفي، ليلى)
after a title is a name, not "of ..."; a woman given the masculine title («وقالت النائب X»)
is a woman for a later «مؤكدة»; the subject of «وكان X قد أعلن» stands before the verb; an institution
told after a subjectless verb («وأضافت لهيئة ...») is the listener, not the speaker."""

from __future__ import annotations

from tests.quote_helpers import speakers


def test_body_quoted_in_the_paragraph_before_goes_on_as_the_group():
    found = speakers("Races\n\nDUBAI, Dec 3 (Reuters) - Six camel trainers were banned on Tuesday after doping "
                     "tests.\n\nThe Arabian Wildlife Trust Society said in a statement that doping put the animals "
                     "at risk in the summer heat.\n\n\"Bans of a few months deter nobody,\" the group said.",
                     lang="en")
    assert found["Bans of a few months"] == ("Arabian Wildlife Trust Society", "organisation")


def test_body_set_beside_a_group_noun_goes_on_as_the_group():
    found = speakers("Spill\n\nLAGOS (AP) - A pipeline leaked crude into a creek on Monday.\n\n"
                     "Delta Rivers Alliance, a local campaign group, said the leak would kill fish for years.\n\n"
                     "\"Nobody cleans up, nobody pays,\" the group said.", lang="en")
    assert found["Nobody cleans up"][0] == "Delta Rivers Alliance"


def test_body_before_is_not_a_company_of_another_kind_nor_a_person():
    found = speakers("Mine\n\nANKARA (AP) - Rescuers searched for four miners on Monday.\n\n"
                     "\"He phoned me before the shift and told me not to worry,\" said Ayse Demir, whose son is "
                     "trapped.\n\n"
                     "The Yeraltı Maden union said \"the pumps had failed for a week before the flood\".\n\n"
                     "The Energy Ministry said it had opened an inquiry into the mine's permits.\n\n"
                     "\"Every permit was in order when we renewed it,\" the company said.", lang="en")
    assert found["the pumps had failed"][0] != "Ayse Demir"
    assert found["Every permit was in order"][0] != "Energy Ministry"


def test_company_named_in_quote_marks_is_the_later_bare_company():
    found = speakers("انقطاع\n\nتوقفت خدمة الإنترنت المنزلي ست ساعات، الثلاثاء، لدى شركة «نورتل» في عمّان.\n\n"
                     "وقالت الشركة في بيان إن العطل نجم عن قطع كابل رئيسي خلال أعمال حفر، وليس عن هجوم.\n\n"
                     "ويرى الخبير سامر عودة أن الاعتماد على شركة واحدة في الخدمة خطر على الاقتصاد كله.")
    assert found["العطل نجم عن قطع"] == ("نورتل", "organisation")


def test_given_name_with_lam_after_a_title_is_the_name():
    found = speakers("انتخابات\n\nفاز سامي الهمامي برئاسة النادي بعد حصوله على 40 صوتا.\n\n"
                     "في المقابل، أعلن المرشح الخاسر لطفي الزغلامي أنه سيطعن في النتائج أمام القضاء الإداري.\n\n"
                     "وقالت المرشحة ليلى الحسيني إن الجمعية ستراقب عملية الفرز كاملة حتى إعلان النتائج.")
    assert found["سيطعن في النتائج"] == ("لطفي الزغلامي", "person")
    assert found["الجمعية ستراقب"] == ("ليلى الحسيني", "person")


def test_genitive_lam_between_definite_words_is_still_no_name():
    found = speakers("تقرير\n\nوقال المرصد السوري لحقوق الإنسان إن القصف أوقع عشرة قتلى في ريف إدلب.")
    assert found["القصف أوقع"][0] != "لحقوق"


def test_woman_with_masculine_title_speaks_on_with_feminine_participle():
    found = speakers("الخبز\n\nوبحسب مصادر رسمية، فإن سعر الرغيف سيرتفع إلى 50 قرشا.\n\n"
                     "وقال رئيس جمعية المخابز خالد العمري إن الجمعية لم تستشر في القرار.\n\n"
                     "وقالت النائب ديما الطراونة: «الفقراء وحدهم سيدفعون الثمن»، مؤكدة أنها ستقدم سؤالا "
                     "نيابيا إلى الحكومة حول القرار.")
    assert found["ستقدم سؤالا نيابيا"] == ("ديما الطراونة", "person")


def test_pluperfect_subject_before_qad_not_the_time_after_the_verb():
    found = speakers("الودائع\n\nقضت محكمة بإلزام مصرف بإعادة وديعة بالدولار.\n\n"
                     "وكان وزير الاقتصاد ياسر حداد قد أعلن الأسبوع الماضي أن الحكومة ستحيل إلى البرلمان "
                     "مشروع قانون لاستعادة الودائع.")
    assert found["الحكومة ستحيل"] == ("ياسر حداد", "person")


def test_institution_told_after_subjectless_verb_is_the_listener():
    found = speakers("حريق\n\nوقالت المتحدثة باسم الدفاع المدني رنا حداد إن النيران اندلعت في مستودع للوقود.\n\n"
                     "وأضافت لهيئة البث العامة أن فرق الإطفاء سيطرت على الحريق خلال ساعتين دون إصابات.")
    assert found["فرق الإطفاء سيطرت"] == ("رنا حداد", "person")


def test_quotation_alone_after_reported_speech_goes_on_with_that_speaker():
    found = speakers("Ferry\n\nPIRAEUS, Greece (AP) - Smoke filled a ferry's car deck on Tuesday.\n\n"
                     "\"We heard the alarm and ran to the lifeboats,\" said passenger Eleni Markou, 41.\n\n"
                     "Bus driver Stavros Kalogerou said he had left his coach with forty suitcases below deck. "
                     "\"I have no idea whether anything is left of it.\"", lang="en")
    assert found["I have no idea"] == ("Stavros Kalogerou", "person")


def test_arabic_quotation_alone_after_reported_speech_goes_on_with_that_speaker():
    found = speakers("عبارة\n\nقالت الراكبة هالة منصور: «سمعنا صفارة الإنذار فركضنا نحو قوارب النجاة».\n\n"
                     "وقال سائق الحافلة كريم الدباغ إنه ترك حافلته وفيها أربعون حقيبة في الطابق السفلي. "
                     "«لا أعرف إن كان قد بقي منها شيء بعد هذا الحريق».")
    assert found["لا أعرف إن كان"] == ("كريم الدباغ", "person")


def test_company_whose_name_ends_in_ltd_full_stop_is_the_speaker():
    found = speakers("Pipeline\n\nPORT HARCOURT, Nigeria (Reuters) - A pipeline burst near a fishing village.\n\n"
                     "\"The water turned black overnight,\" said fisherman Tamuno Briggs.\n\n"
                     "The operator Rivers Midstream Ltd. said in a statement it had closed the valves and sent "
                     "engineers to the site.", lang="en")
    assert found["it had closed the valves"] == ("Rivers Midstream Ltd", "organisation")
