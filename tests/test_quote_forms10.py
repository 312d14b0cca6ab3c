"""Forms of ordinary news prose behind the errors on the sixth blind labeller's articles (dev8), on
news-like sentences written for these tests (Arabic and English): compound given names, long titles
before "قوله", and the other general forms listed in docs/quotes.md (dev8 table)."""

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
