"""Forms of ordinary news prose behind the errors on the sixth blind labeller's articles (dev8), on
news-like sentences written for these tests (Arabic and English): compound given names, long titles
before "قوله", and the other general forms listed in docs/quotes-log.md (dev8 table)."""

from __future__ import annotations

from tests.quote_helpers import speakers as _speakers


def test_a_compound_given_name_keeps_its_second_half():
    found = _speakers("عنوان الخبر\n\nالرباط – قال وزير التجهيز محمد نور الدين إن أشغال الطريق ستنتهي قبل الصيف "
                      "المقبل.\n\nوأكد رئيس الجماعة عز الدين الحداد أن المجلس خصص ميزانية إضافية للمشروع.\n\n"
                      "وأضاف نور الدين أن الشركة المنفذة ملزمة بالآجال.")
    assert found["أشغال الطريق"][0] == "محمد نور الدين"
    assert found["المجلس خصص"][0] == "عز الدين الحداد"
    assert found["الشركة المنفذة"][0] == "محمد نور الدين"


def test_a_long_title_before_the_quoted_one_reaches_the_name():
    found = _speakers("عنوان الخبر\n\nنقلت وكالة الأنباء الرسمية عن المتحدث باسم المديرية العامة للحماية المدنية "
                      "الرائد خالد عبد الرحيم قوله إن فرق الإنقاذ انتشلت جثتين من تحت الأنقاض.")
    assert found["فرق الإنقاذ"][0] == "خالد عبد الرحيم"


def test_prosecution_directorate_and_authorities_speak_as_institutions():
    found = _speakers("عنوان الخبر\n\nالقاهرة – قال المتحدث باسم وزارة الداخلية أحمد سمير إن الشرطة أوقفت خمسة "
                      "مشتبه بهم في القضية.\n\nوقالت النيابة العامة إن المتهمين أحيلوا إلى المحكمة الجنائية بتهمة "
                      "الاحتيال.\n\nوقالت مديرية الصحة في الجيزة، في بيان، إن المصابين غادروا المستشفى بعد تلقي "
                      "العلاج.\n\nوقالت السلطات المحلية في المدينة إن فرق الإنقاذ واصلت البحث حتى الصباح.")
    assert found["الشرطة أوقفت"] == ("أحمد سمير", "person")
    assert found["المتهمين أحيلوا"] == ("النيابة العامة", "organisation")
    assert found["المصابين غادروا"][1] == "organisation"
    assert found["فرق الإنقاذ"][1] == "organisation"


def test_an_institution_acts_then_says_in_a_statement():
    found = _speakers("عنوان الخبر\n\nعمّان – قال وزير العمل خالد البكار إن الحوار مع النقابات مستمر.\n\n"
                      "وأمرت النيابة العامة بتوقيف المدير المالي للشركة، وقالت في بيان إن التحقيقات ما زالت في "
                      "بدايتها.\n\nمن جهتها، أعلنت نقابة المهندسين رفضها للقرار، وقالت في بيان إن الحكومة لم "
                      "تتشاور مع أعضائها قبل إصداره.")
    assert found["التحقيقات ما زالت"] == ("النيابة العامة", "organisation")
    assert found["الحكومة لم"] == ("نقابة المهندسين", "organisation")


def test_an_apposition_with_a_city_and_its_region_keeps_the_name():
    found = _speakers("Headline here\n\nCAIRO (Reuters) - Transport Minister Kamel el-Wazir said on Monday the new "
                      "line would open in March.\n\nMona Said, a teacher from Giza, Egypt, said the trains were often "
                      "late and crowded in the mornings.\n\nJohn Reed, a farmer in Salina, Kansas, said the rain had "
                      "come too late for the wheat.", lang="en")
    assert found["the trains were often"] == ("Mona Said", "person")
    assert found["the rain had come"] == ("John Reed", "person")


def test_a_described_group_then_its_name_between_commas():
    found = _speakers("Headline here\n\nATHENS (AP) - Mayor Nikos Papas said the town would hire more cleaners.\n\n"
                      "A commuters' group, the Cairo Riders' Union, said fares had doubled in two years for most "
                      "workers.", lang="en")
    assert found["fares had doubled"][1] == "organisation"
    assert "Riders" in found["fares had doubled"][0]


def test_a_body_whose_name_holds_a_link_word_acts_but_says():
    found = _speakers("Headline here\n\nCAIRO (Reuters) - Transport Minister Kamel el-Wazir said on Monday the new "
                      "line would open in March.\n\nThe Egyptian Initiative for Personal Rights welcomed the plan but "
                      "said the fares should remain within reach of the poor.\n\nThe Committee to Protect "
                      "Journalists welcomed the release but said dropping the charges was the only outcome.",
                      lang="en")
    assert found["the fares should"] == ("Egyptian Initiative for Personal Rights", "organisation")
    assert found["dropping the charges"] == ("Committee to Protect Journalists", "organisation")


def test_one_of_a_group_is_an_unnamed_source():
    found = _speakers("عنوان الخبر\n\nفاس – قال مدير الوقاية المدنية سعيد العلمي إن فرق الإنقاذ انتشلت عشرة أشخاص "
                      "من تحت الأنقاض.\n\nوقال أحد العاملين في الفندق، طالبا عدم ذكر اسمه: «كنا نعرف أن المبنى آيل "
                      "للسقوط منذ سنوات ولم يتحرك أحد».\n\nوأكد أحد المسعفين أن المصابين يتلقون العلاج في قسم "
                      "الطوارئ منذ الصباح.")
    assert found["كنا نعرف"][1] == "anonymous"
    assert found["المصابين يتلقون"][1] == "anonymous"


def test_an_account_verb_after_a_quotation_names_the_witness():
    found = _speakers("عنوان الخبر\n\nفاس – قال مدير الوقاية المدنية سعيد العلمي إن فرق الإنقاذ انتشلت عشرة أشخاص "
                      "من تحت الأنقاض.\n\n«ركضت إلى الشارع حافية مع أطفالي الثلاثة دون أن ألتفت»، تروي سعاد "
                      "العلوي، وهي أم لثلاثة أطفال.\n\n«خرجنا من البيت في الظلام ولم نجد أحدا يساعدنا»، يروي محمد "
                      "الشرقاوي، وهو متقاعد من سكان الحي، «ثم انتظرنا حتى الفجر في الساحة».")
    assert found["ركضت إلى الشارع"][0] == "سعاد العلوي"
    assert found["خرجنا من البيت"][0] == "محمد الشرقاوي"
    assert found["ثم انتظرنا"][0] == "محمد الشرقاوي"
