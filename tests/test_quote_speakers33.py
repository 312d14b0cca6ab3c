"""Speakers on the newest blind prose (round wt-q33): one unnamed person of a group, an outlet told or a
phrase after a preposition read as the name, a name written after a body's quoted brand or after the
title's description, a family name that is also a common noun. Paragraphs written for this round, as
the quote stage reports them (``chosen_speakers``). A wrong name is worse than none.
"""

from __future__ import annotations

from tests.quote_helpers import chosen_speakers

LEAD_AR = "أزمة في الأسواق بعد القرار\n\nقرر المجلس الأحد تعديل القواعد المعمول بها منذ سنوات.\n\n"
LEAD_EN = "Markets shaken after decision\n\nThe council on Sunday changed rules in place for years.\n\n"


def test_one_of_the_visitors_is_an_unnamed_person_not_a_name():
    found = chosen_speakers(LEAD_AR + "وقال أحد رواد السوق، وهو موظف متقاعد: «جئت لشراء الخبز فقط. الآن "
                            "صار كل شيء أغلى».")
    assert found["جئت لشراء الخبز"][1] == "anonymous"


def test_one_of_the_striking_workers_is_an_unnamed_person():
    found = chosen_speakers(LEAD_AR + "وقال أحد العمال المعتصمين، رافضا الكشف عن اسمه: «لم نقبض رواتبنا منذ "
                            "ثلاثة أشهر. لدينا عائلات أيضا».")
    assert found["لم نقبض رواتبنا"] == ("أحد العمال المعتصمين", "anonymous")


def test_english_one_striking_worker_is_an_unnamed_person():
    found = chosen_speakers(LEAD_EN + "One striking driver, who asked not to be named, told local radio: "
                            "\"We haven't been paid for three months. We have families too.\"")
    assert found["We haven't been paid"][1] == "anonymous"


def test_the_outlet_told_is_no_speaker():
    found = chosen_speakers("أزمة في الأسواق بعد القرار\n\nبغداد/ شفق نيوز\n\nقرر المجلس الأحد تعديل القواعد.\n\n"
                            "ولم يصدر عن الوزارة أي تعليق رسمي، لكن مصدرا في الوزارة قال لشفق نيوز "
                            "إن الوزير يتابع الموضوع وقد يلتقي التجار خلال أيام.")
    assert found["الوزير يتابع الموضوع"][0] != "لشفق نيوز"


def test_name_after_the_quoted_brand_of_the_body():
    found = chosen_speakers(LEAD_AR + "في المقابل، قالت مديرة دار «الينابيع» سعاد حداد: «الكتاب بيع في "
                            "عمان والقاهرة منذ عامين دون أي مشكلة».")
    assert found["الكتاب بيع في"] == ("سعاد حداد", "person")


def test_name_after_the_description_of_the_title():
    found = chosen_speakers(LEAD_AR + "وقالت مديرة الموارد البشرية في إحدى شركات النقل الكبرى، منى الكواري: "
                            "«القرار سيساعدنا على الاحتفاظ بالكفاءات النسائية».")
    assert found["القرار سيساعدنا"] == ("منى الكواري", "person")


def test_family_name_that_is_a_common_noun_is_kept():
    found = chosen_speakers(LEAD_AR + "وقال وزير الزراعة خالد محافظة في تصريح للتلفزيون: سلامة المحصول "
                            "أولوية، والقرار سيبقى مرتبطا بالحالة الجوية يوما بيوم.")
    assert found["سلامة المحصول"] == ("خالد محافظة", "person")


def test_a_phrase_after_fi_is_no_name():
    found = chosen_speakers("وزير النقل: الخطة الجديدة استثمار في المدن لا عبء عليها\n\nعمان – الرأي\n\n"
                            "أعلنت وزارة النقل خطة جديدة للحافلات.\n\nوقال الدكتور سامي بن خالد العمري، وزير النقل، "
                            "في تصريحات صحفية على هامش المؤتمر: «الخطة الجديدة استثمار في المدن والناس».")
    assert found["الخطة الجديدة استثمار في المدن لا"][0] != "تصريحات صحفية"


# Guard (passes before and after): "One of them" is read back to the group, not as a group of its own.
def test_english_one_of_them_is_not_a_new_group():
    found = chosen_speakers(LEAD_EN + "Two traders said prices had jumped. One of them said: \"We have never "
                            "seen anything like this in twenty years.\"")
    assert found["We have never seen"][0] != "One of them"
