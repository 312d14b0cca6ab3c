"""Speaker and reporting forms behind the errors left on the second blind labeller's articles (dev4),
on news-like sentences written for these tests (Arabic and English): an unnamed spokesperson, an
institution after a person, a named person of an outlet, chanting, posts on a platform, promises,
descriptions after the verb, headline fragments and short indirect clauses."""

from __future__ import annotations

from tests.quote_helpers import speakers as _speakers


def test_an_unnamed_spokesperson_of_the_government_is_not_the_head_of_government():
    found = _speakers("عنوان الخبر هنا\n\nعمّان – أدت حكومة الشيخ سالم ناصر الخالد اليمين الدستورية أمس.\n\n"
                      "وقال الناطق الرسمي باسم الحكومة، في تصريح لوكالة الأنباء الرسمية، إن الحكومة ستعوض "
                      "المزارعين المتضررين قبل نهاية الشهر.")
    assert found["الحكومة ستعوض"] == ("الناطق الرسمي باسم الحكومة", "anonymous")


def test_a_named_spokesperson_of_the_government_is_still_found():
    found = _speakers("عنوان الخبر هنا\n\nعمّان – قال المتحدث باسم الحكومة مهند المبيضين إن الأسعار ستبقى "
                      "على حالها حتى الصيف.\n\nوأضاف المتحدث باسم الحكومة أن الدعم سيصل إلى كل الأسر المحتاجة.")
    assert found["الدعم سيصل"] == ("مهند المبيضين", "person")


def test_a_consulate_after_a_named_minister_is_the_consulate():
    found = _speakers("عنوان الخبر هنا\n\nإسطنبول – قال وزير الداخلية التركي علي يرلي كايا إن النيران "
                      "طالت ثلاث قرى قرب الساحل.\n\nمن جهتها، أكدت القنصلية العامة لفرنسا في إسطنبول، في "
                      "تغريدة، أن جميع المواطنين الفرنسيين في المنطقة بخير.")
    assert found["جميع المواطنين"] == ("القنصلية العامة لفرنسا", "organisation")


def test_chanting_protesters_are_an_anonymous_group_and_a_banner_keeps_no_speaker():
    found = _speakers("عنوان الخبر هنا\n\nتونس – تجمع العشرات أمام المحكمة.\n\nورفعوا لافتات كُتب على إحداها: "
                      "«أطلقوا سراح المعتقلين فورا»، فيما ردد المحتجون: «لا خوف لا رعب، الشارع ملك الشعب».\n\n"
                      "وهتف المتظاهرون «حرية حرية للمعتقلين السياسيين الآن».")
    assert found["لا خوف لا رعب"] == ("المحتجون", "anonymous")
    assert found["أطلقوا سراح"] == (None, "unattributed")  # the chant's verb introduces the next quotation
    assert found["حرية حرية"] == ("المتظاهرون", "anonymous")  # the quotation is no part of the subject
    found = _speakers("عنوان الخبر هنا\n\nغزة – شيعت المدينة ضحايا القصف.\n\nوقال الناطق باسم الدفاع المدني محمود "
                      "بصل إن فرق الإنقاذ انتشلت 12 جثة.\n\nوهتف المشيعون «بالروح بالدم نفديك يا شهيد» خلال الجنازة.")
    assert found["بالروح بالدم"] == ("المشيعون", "anonymous")  # mourners, not the speaker before
    found = _speakers("Headline here\n\nTUNIS (Reuters) - Hundreds gathered outside the court.\n\nProtesters "
                      "chanted \"No fear, no terror, the street belongs to the people.\"", "en")
    assert found["No fear"] == ("Protesters", "anonymous")


def test_wrote_on_a_platform_reports_speech_but_a_byline_does_not():
    found = _speakers("عنوان الخبر هنا\n\nكتب: محمد علي\n\nالكويت – صدر مرسوم بتعديل وزاري.\n\nفي المقابل، كتب "
                      "النائب السابق خالد الزعبي على منصة «إكس»: الحكومة تأخرت كثيرا في إرسال المساعدات للقرى.\n\n"
                      "كما كتبت الناشطة منى الشمري في تغريدة أن التعديل لن يغير شيئا في حياة المواطنين.\n\n"
                      "كتب الروائي ثلاثة كتب عن الحرب وصدرت جميعها عن دار نشر واحدة.")
    assert found["الحكومة تأخرت"] == ("خالد الزعبي", "person")
    assert found["التعديل لن يغير"] == ("منى الشمري", "person")
    assert len(found) == 2  # the byline and the novelist's books are no quotes


def test_a_named_reporter_of_an_outlet_is_the_reporter():
    found = _speakers("Headline here\n\nMADRID (Reuters) - Floods hit the city on Monday.\n\n\"The river rose two "
                      "metres in an hour,\" Maria Lopez of Reuters said.\n\nJohn Smith of the BBC said the bridge had "
                      "been closed since noon on Monday.\n\nAna Ruiz from Barclays said the storm would cost "
                      "insurers billions of euros.\n\nThe Bank of England said inflation would fall faster than "
                      "expected this year.", "en")
    assert found["The river rose"] == ("Maria Lopez", "person")
    assert found["the bridge had"] == ("John Smith", "person")
    assert found["the storm would"] == ("Ana Ruiz", "person")
    assert found["inflation would"] == ("Bank of England", "organisation")  # an institution's "of" goes on


def test_a_named_reporter_of_an_arabic_channel_is_the_reporter():
    found = _speakers("عنوان الخبر هنا\n\nبيروت – شهدت المدينة فيضانات.\n\nوقال مراسل الجزيرة أحمد الخطيب إن "
                      "المياه غمرت الطرق الرئيسية في المدينة.\n\nوقالت مراسلة قناة العربية سارة حداد إن فرق "
                      "الإنقاذ لم تصل بعد إلى القرى المعزولة.")
    assert found["المياه غمرت"] == ("أحمد الخطيب", "person")
    assert found["فرق الإنقاذ"] == ("سارة حداد", "person")


def test_an_institution_named_in_full_before_its_lower_case_head_is_that_institution():
    found = _speakers("Headline here\n\nDUBAI (AP) - Rebels attacked a ship on Tuesday, Defence Minister John Hale "
                      "said.\n\nThe British navy's Joint Maritime Information Center said a tanker had reported an "
                      "explosion near the port.", "en")
    assert found["a tanker had"] == ("Joint Maritime Information Center", "organisation")


def test_he_after_an_unnamed_person_reached_by_an_outlet_is_that_source():
    found = _speakers("Headline here\n\nDUBAI (AP) - Rebels attacked a ship on Tuesday, Defence Minister John Hale "
                      "said.\n\nA sailor reached by The Associated Press by satellite phone, who spoke on condition "
                      "of anonymity, described the blast.\n\n\"We heard a very loud bang and the ship shook,\" he "
                      "said.\n\nA nurse contacted by Reuters said the hospital had run out of fuel.", "en")
    assert found["We heard"] == ("sailor", "anonymous")
    assert found["the hospital had"] == ("nurse", "anonymous")


def test_a_promise_reports_a_clause_without_that_only_when_a_finite_verb_follows():
    found = _speakers("Headline here\n\nTRIPOLI (AFP) - Long queues formed outside banks.\n\n\"There is no shortage "
                      "of reserves,\" central bank governor Naji Ali told reporters.\n\nHe urged Libyans not to "
                      "believe rumours and promised cash would reach all branches before the end of the week.\n\n"
                      "The ministry pledged the new wells would be ready before summer.\n\nThe minister promised a "
                      "review of the rules that govern the sector.\n\nThe president pledged support for the farmers "
                      "who lost their crops.", "en")
    assert found["cash would reach"] == ("Naji Ali", "person")
    assert found["the new wells"] == ("ministry", "organisation")
    assert len(found) == 3  # "promised a review of ...", "pledged support for ..." report nothing


def test_a_reporting_verb_after_and_has_the_sentence_subject():
    found = _speakers("Headline here\n\nLONDON (Reuters) - The central bank raised rates.\n\nGovernor Andrew Bailey "
                      "defended the move and said inflation would fall faster than expected this year.", "en")
    assert found["inflation would"] == ("Andrew Bailey", "person")


def test_a_pronoun_a_finite_verb_and_its_object_are_a_whole_reported_clause():
    found = _speakers("Headline here\n\nBOSTON (Reuters) - A judge blocked the cuts on Tuesday.\n\nThe Interior "
                      "Ministry said it would appeal.\n\nThe mayor said the report.", "en")
    assert found["it would appeal"] == ("Interior Ministry", "organisation")
    assert len(found) == 1  # "said the report" is no clause


def test_a_definite_person_description_after_the_verb_is_the_person_just_introduced():
    found = _speakers("Headline here\n\nTIKHT, Morocco (Reuters) - Amina Belkadi has spent two winters in a tent "
                      "since the earthquake. She is bracing for a third.\n\n\"We have been waiting for the aid for "
                      "six months. Winter is coming,\" said the mother of three, standing outside her tent.", "en")
    assert found["We have been waiting"] == ("Amina Belkadi", "person")


def test_a_short_headline_quotation_repeating_a_body_quote_is_the_body_speakers():
    found = _speakers("«لن نرحل من هنا».. سكان الحي القديم يرفضون قرار الإخلاء\n\nالقاهرة – يواجه سكان الحي "
                      "القديم قرار إخلاء.\n\nوقالت سعاد المنياوي، وهي أم لأربعة أطفال: «لن نرحل من هنا مهما حدث، "
                      "فهذا بيت أجدادنا».")
    assert dict(found)["لن نرحل من هنا"] == ("سعاد المنياوي", "person")  # the headline's three words
    assert found["لن نرحل من هنا مهما"] == ("سعاد المنياوي", "person")
    found = _speakers("«الأسعار سترتفع».. تجار السوق يحذرون\n\nالقاهرة – يشكو التجار من ركود الأسواق.")
    assert not found  # words no one in the body says stay no quote


def test_a_verb_with_a_noun_object_reports_no_clause():
    found = _speakers("Headline here\n\nSANAA (AP) - Yemen's Houthi rebels claimed responsibility Friday for a "
                      "drone attack on a Panama-flagged tanker in the Gulf of Aden.\n\nUN envoy Karin Holm, briefing "
                      "the council by video link, warned against a return to the fighting of last winter.\n\nThe "
                      "shipping company admitted it had ignored two warnings from the navy.", "en")
    assert list(found) == ["it had ignored two warnings from the navy"]


def test_a_member_of_a_crew_is_an_unnamed_source():
    found = _speakers("عنوان الخبر هنا\n\nعدن – هاجم الحوثيون سفينة.\n\nونقلت وكالة أسوشيتد برس عن أحد أفراد "
                      "الطاقم قوله: «سمعنا دويا قويا واهتزت السفينة كلها».")
    assert found["سمعنا دويا"] == ("أحد أفراد الطاقم", "anonymous")


def test_a_verb_after_and_in_a_sentence_opened_by_an_adverbial_guesses_no_one():
    found = _speakers("Headline here\n\nNEW YORK (AP) - \"He had nothing in his hands,\" witness Ana Brooks told "
                      "reporters.\n\nMoments after the shooting, one officer dropped to his knees and said the "
                      "suspect had been unarmed all along.", "en")
    assert found["the suspect had"][0] != "Ana Brooks"


def test_he_after_a_name_in_apposition_to_an_opening_description_is_that_name():
    found = _speakers("Headline here\n\nDUBAI (AP) - Prime Minister Ali Hassan said on Monday the talks had "
                      "failed.\n\nA local farmer, Omar Nasser, lost his crop to the flood.\n\n\"Everything is gone "
                      "now, all of it,\" he said.", "en")
    assert found["Everything is gone"] == ("Omar Nasser", "person")


def test_a_consulate_in_a_city_is_the_consulate_not_the_city():
    found = _speakers("Headline here\n\nISTANBUL (Reuters) - Interior Minister Ali Yerlikaya said three villages "
                      "were evacuated overnight.\n\nThe Saudi consulate in Istanbul said in a post on X that all "
                      "Saudi citizens in the area were safe.\n\nThe consulate added that citizens should avoid "
                      "the fire zones.", "en")
    assert found["all Saudi citizens"] == ("Saudi consulate", "organisation")
    assert found["citizens should"] == ("Saudi consulate", "organisation")


def test_an_unnamed_spokesperson_asking_not_to_be_named_keeps_no_name():
    found = _speakers("عنوان الخبر هنا\n\nإسطنبول – اشتعلت النيران في الغابات.\n\nوقال متحدث باسم الوزارة، طلب "
                      "عدم نشر اسمه، إن 12 طائرة تشارك في إطفاء الحريق.")
    assert found["12 طائرة"] == ("متحدث باسم الوزارة", "anonymous")


def test_and_with_a_past_reporting_verb_ends_the_clause_before_it():
    found = _speakers("Headline here\n\nLONDON (Reuters) - Floods hit the north on Monday.\n\nThe company insisted "
                      "its plant was safe and vowed the site would reopen within a month.\n\nThe ministry said "
                      "reports and claims of looting were false.", "en")
    assert list(found) == ["its plant was safe", "the site would reopen within a month",
                           "reports and claims of looting were false"]
