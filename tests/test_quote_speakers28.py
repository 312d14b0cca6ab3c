"""Speakers on forms of the eleventh blind set (round wt-q28) and of headline labels, on paragraphs written for
this round (what a newsroom reader sees after the quote stage). A wrong name is worse than none.

- A name cut short: "وقال محافظ البنك المركزي X Y الفلاني، في مؤتمر صحفي، إن" lost its family name as "the
  verb's object" (قال takes none); "مركز أبحاث الزلازل" was the body "أبحاث"; "رئيس نقابة أصحاب المخابز في
  البصرة X" was the person "أصحاب" (the body's construct name read as a name, the title not carried
  through في to the person).
- A description, then the name: "ويرى الأستاذ في القانون بجامعة بغداد X" (ب and a body's head, then its
  place, then the person).
- English "X of the Tunisian Forum for Economic and Social Rights said" and "X of the Algerian League for
  Human Rights said": the person, not the body or "Human Rights".
- "The museum said" after "The National Museum of Antiquities ...": that museum.
- Headline labels: "..والمحافظ:" (the governor the body names "محافظ ذمار X", a place after the title),
  "..ولجنة الانضباط:" (و and a body's head), "الحلبي للمعلمين المضربين:" (the one spoken to, after لل, is
  no part of the label), "مدير مستشفى ناصر:" (the hospital's name is no person).
"""

from __future__ import annotations

from tests.quote_helpers import chosen_speakers, speakers

LEAD_AR = "أزمة في الأسواق بعد القرار\n\nقرر المجلس الأحد تعديل القواعد المعمول بها منذ سنوات.\n\n"
LEAD_EN = "Markets shaken after decision\n\nThe council on Sunday changed rules in place for years.\n\n"


def test_family_name_after_said_is_kept_before_a_comma():
    found = speakers(LEAD_AR + "وقال وزير المالية ماجد حسن العطار، خلال زيارة للبصرة، إن الرواتب ستصرف في موعدها.\n\n"
                     "وأضاف: «لن نسمح بتأخير أي راتب بعد اليوم مهما كانت الظروف».")
    assert found["الرواتب ستصرف"] == ("ماجد حسن العطار", "person")
    assert found["لن نسمح بتأخير"] == ("ماجد حسن العطار", "person")


def test_object_after_a_transitive_verb_stays_out_of_the_name():
    found = speakers(LEAD_AR + "ورفض وزير الخارجية جدعون ساعر القرار، مؤكدا أن بلاده لن تلتزم به في أي حال.")
    assert found["بلاده لن تلتزم"] == ("جدعون ساعر", "person")


def test_weekday_after_said_is_no_family_name():
    found = speakers(LEAD_AR + "وقال وزير المالية ماجد حسن الأحد إن الرواتب ستصرف في موعدها المحدد.")
    assert found["الرواتب ستصرف"] == ("ماجد حسن", "person")


def test_body_with_a_construct_name_is_named_whole():
    found = chosen_speakers(LEAD_AR + "وأفاد مركز أبحاث الزلازل والبراكين بأن الهزة لم تسبب أضرارا في المباني القريبة.")
    assert found["الهزة لم تسبب"] == ("مركز أبحاث الزلازل والبراكين", "organisation")


def test_company_and_its_nisba_keep_their_name():
    found = chosen_speakers(LEAD_AR + "وقالت شركة أرامكو السعودية إن الإمدادات لن تتأثر بالقرار الجديد في الأسواق.")
    assert found["الإمدادات لن تتأثر"] == ("أرامكو السعودية", "organisation")


def test_head_of_a_union_named_after_its_city():
    found = chosen_speakers(LEAD_AR + "في المقابل، قال رئيس نقابة أصحاب المخابز والأفران في البصرة كاظم الموسوي إن القرار "
                            "سيرفع سعر الخبز خلال أيام.")
    assert found["القرار سيرفع"] == ("كاظم الموسوي", "person")


def test_head_of_a_union_without_a_name_is_no_person():
    speaker, kind = chosen_speakers(LEAD_AR + "وقال رئيس نقابة أصحاب المخابز إن القرار سيرفع سعر الخبز خلال أيام قليلة.")[
        "القرار سيرفع"]
    assert kind != "person" and speaker != "أصحاب المخابز"


def test_academic_at_a_university_then_the_name():
    found = chosen_speakers(LEAD_AR + "ويرى الأستاذ في القانون الدولي بجامعة بغداد سعد الحمداني أن القرار يخالف الاتفاقات "
                            "الموقعة مع الدول المجاورة.")
    assert found["القرار يخالف"] == ("سعد الحمداني", "person")


def test_person_of_a_long_named_forum():
    found = chosen_speakers(LEAD_EN + "Karim Haddad of the Lebanese Forum for Economic and Social Rights said the change "
                            "would hurt small traders more than large firms.")
    assert found["the change would hurt"] == ("Karim Haddad", "person")


def test_person_of_a_league_is_not_its_cause():
    found = chosen_speakers(LEAD_EN + "Sami Bouzid of the Algerian League for Human Rights said the arrests had taken place "
                            "at night.")
    assert found["the arrests had taken"] == ("Sami Bouzid", "person")


def test_the_museum_is_the_museum_named_before():
    found = chosen_speakers("Museum delays reopening\n\nThe National Museum of Antiquities in Leiden closed its main hall "
                            "in March for repairs.\n\nThe museum said on Tuesday the hall would reopen as planned in the "
                            "autumn.")
    assert found["the hall would reopen"] == ("National Museum of Antiquities", "organisation")


GOVERNOR = ("انقطاع المياه عن أحياء المدينة.. والمحافظ: فرق الصيانة تعمل ليلا ونهارا لإنهاء الأزمة\n\n"
            "عادت طوابير الصهاريج إلى شوارع المدينة للأسبوع الثاني على التوالي.\n\n"
            "وقال محافظ ذمار سالم ناجي الحميري، خلال اجتماع مع مديري المديريات، إن الأزمة ستنتهي خلال أيام.\n\n"
            "ويرد المحافظ بأن لجان الرقابة ضبطت صهاريج تبيع المياه بأسعار مضاعفة.")


def test_headline_governor_with_and_is_the_governor_the_body_names():
    assert speakers(GOVERNOR)["فرق الصيانة"] == ("سالم ناجي الحميري", "person")  # not "لجان", the clause's subject
    assert chosen_speakers(GOVERNOR)["فرق الصيانة"] == ("سالم ناجي الحميري", "person")


def test_headline_committee_with_and_is_the_committee():
    found = chosen_speakers("الاتحاد يغرم الفريق بسبب الشغب.. ولجنة الانضباط: العقوبة نهائية ولا تقبل الاستئناف\n\n"
                            "قال النادي في بيان إنه سيستأنف القرار أمام المحكمة الرياضية.\n\n"
                            "في المقابل، أكدت لجنة الانضباط في الاتحاد المصري أن العقوبة نهائية وغير قابلة للاستئناف.")
    assert found["العقوبة نهائية ولا"] == ("لجنة الانضباط", "organisation")


def test_headline_minister_to_the_strikers():
    found = chosen_speakers("الحلبي للمعلمين المضربين: مطالبكم مشروعة لكن الطلاب أولا\n\n"
                            "قال وزير التربية والتعليم الدكتور عزمي محمود الحلبي، في تصريحات لقناة «رؤيا»، إن الوزارة "
                            "رصدت مليوني دينار لصرف العلاوات.")
    assert found["مطالبكم مشروعة"] == ("عزمي محمود الحلبي", "person")


def test_headline_hospital_director_is_not_the_hospital_name():
    found = chosen_speakers("مدير مستشفى ناصر: المستشفى توقف عن العمل بالكامل\n\n"
                            "خان يونس – أعلن مدير مستشفى ناصر الطبي عاطف الحوت، الأربعاء، توقف المستشفى عن العمل "
                            "بالكامل بعد نفاد الوقود.")
    assert found["المستشفى توقف"][0] in (None, "عاطف الحوت")


def test_the_museum_named_after_a_possessive():
    found = chosen_speakers("Row over loaned statues\n\nGreece has asked Denmark's Glyptotek Museum of Ancient Art to return "
                            "six marble statues lent for a show.\n\nThe museum said on Friday the statues had been lent "
                            "under a signed contract.")
    assert found["the statues had been lent"] == ("Glyptotek Museum of Ancient Art", "organisation")
